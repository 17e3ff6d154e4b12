package org.bulletin.publish.console;

/** Kafka (or whatever the {@link PipelineView} reads) cannot be reached now; the API answers 503 with the reason. */
public final class PipelineUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PipelineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
