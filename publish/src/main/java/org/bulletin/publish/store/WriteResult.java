package org.bulletin.publish.store;

/** What one committed write did: rows inserted, rows reclassified, releases unchanged, notifications queued. */
public record WriteResult(int inserted, int reclassified, int unchanged, int notificationsQueued) {

    static final WriteResult EMPTY = new WriteResult(0, 0, 0, 0);

    WriteResult plus(WriteResult other) {
        return new WriteResult(
                inserted + other.inserted,
                reclassified + other.reclassified,
                unchanged + other.unchanged,
                notificationsQueued + other.notificationsQueued);
    }
}
