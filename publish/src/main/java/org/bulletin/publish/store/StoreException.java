package org.bulletin.publish.store;

/** A store operation failed; subclasses say whether retrying can help. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
