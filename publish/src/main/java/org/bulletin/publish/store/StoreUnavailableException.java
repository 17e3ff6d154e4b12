package org.bulletin.publish.store;

/** The database is unreachable or refused for a reason unrelated to the data (an outage): retry later, never DLQ. */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
