package org.bulletin.publish.store;

/**
 * The database refused for a reason that is neither an outage nor bad data (an undefined table, a syntax error, a
 * missing privilege): a bug or a broken deployment. Retrying cannot help and no record is at fault, so the stage stops.
 */
public final class StoreFailedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
