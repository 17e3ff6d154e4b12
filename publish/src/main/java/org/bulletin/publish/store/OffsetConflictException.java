package org.bulletin.publish.store;

/**
 * The stored consumer offset was not the one the writer expected: another consumer (a zombie after a rebalance)
 * wrote this partition meanwhile. The transaction is rolled back; the caller must re-seek from the store.
 */
public final class OffsetConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    public OffsetConflictException(String message) {
        super(message, null);
    }
}
