package org.bulletin.publish.store;

/**
 * The database rejected the data itself (SQLSTATE class 22 data exception or 23 integrity violation, e.g. an
 * oversized field): retrying the same record cannot succeed, so it belongs on the dead-letter topic.
 */
public final class RecordRejectedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public RecordRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
