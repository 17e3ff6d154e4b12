package org.bulletin.publish.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.bulletin.publish.PublishConfig.ReplayNotifications;
import org.bulletin.schemas.Release;

/**
 * The idempotent writer: stores a batch of releases, their notifications and the consumer offsets they came from
 * in one transaction, deciding per release id whether to insert, replace or keep the stored row. Thread-safe.
 */
final class ReleaseWriter {

    private final StoreDatabase db;
    private final Outbox outbox;

    ReleaseWriter(StoreDatabase db, Outbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /**
     * Stores releases and advances offsets in one transaction. A new release id is inserted and (unless it is a
     * duplicate, or a replay under {@code SUPPRESS}) queues one notification; a known id with a newer
     * classifier (then parser) version replaces the row and appends the old classification to the history; anything
     * else leaves the row as it is. A replayed release ({@code replay=true}) replaces the row whenever its classifier
     * or parser version differs from the stored one, and then (unless a duplicate, or under {@code SUPPRESS}) queues a
     * notification flagged {@code replay=true}; a live reclassification does not notify again. Either everything
     * commits or nothing does.
     */
    WriteResult write(List<IncomingRelease> releases, List<OffsetCommit> offsets, ReplayNotifications replay) {
        return db.transaction("write " + releases.size() + " release(s)", c -> {
            WriteResult result = WriteResult.EMPTY;
            boolean outboxLocked = false;
            for (IncomingRelease in : releases) {
                Release r = in.release();
                boolean notify =
                        r.getDuplicateOf() == null && !(r.getReplay() && replay == ReplayNotifications.SUPPRESS);
                // A replay may notify for a known row too (when it reclassifies it), so it always takes the lock.
                if (notify && !outboxLocked && (r.getReplay() || !ReleaseRows.exists(c, r.getReleaseId()))) {
                    outbox.lock(c);
                    outboxLocked = true;
                }
                result = result.plus(upsert(c, in, notify));
            }
            for (OffsetCommit o : offsets) {
                ConsumerOffsets.advance(c, o);
            }
            return result;
        });
    }

    private WriteResult upsert(Connection c, IncomingRelease in, boolean notify) throws SQLException {
        Release r = in.release();
        ReleaseRows.Stored old = ReleaseRows.lock(c, r.getReleaseId());
        OffsetDateTime now = db.now();
        if (old == null) {
            ReleaseRows.insert(c, in, now);
            if (notify) {
                outbox.append(c, r, ReleaseRows.sourceUrl(r), now);
                return new WriteResult(1, 0, 0, 1);
            }
            return new WriteResult(1, 0, 0, 0);
        }
        if (!replaces(r, old)) {
            return new WriteResult(0, 0, 1, 0);
        }
        ReleaseRows.replace(c, in, old, now);
        if (notify && r.getReplay()) {
            outbox.append(c, r, ReleaseRows.sourceUrl(r), now);
            return new WriteResult(0, 1, 0, 1);
        }
        return new WriteResult(0, 1, 0, 0);
    }

    private static boolean replaces(Release r, ReleaseRows.Stored old) {
        // A replay is an operator applying the rules enrich runs now. Those are not always "newer" by version order:
        // a classifier version is "<declared>+<hash of the rule files>", and an edited rule file without a bumped
        // declared version gets a hash that sorts anywhere. So a replay replaces on any difference; live, only newer.
        if (r.getReplay()) {
            return !r.getClassifierVersion().equals(old.classifierVersion())
                    || !r.getParserVersion().equals(old.parserVersion());
        }
        int byClassifier = VersionOrder.compare(r.getClassifierVersion(), old.classifierVersion());
        return byClassifier > 0
                || (byClassifier == 0 && VersionOrder.compare(r.getParserVersion(), old.parserVersion()) > 0);
    }
}
