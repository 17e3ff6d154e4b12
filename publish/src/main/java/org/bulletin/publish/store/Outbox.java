package org.bulletin.publish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.Release;

/**
 * The transactional outbox: notifications queued in the writer's transaction, read in id order by the relay, and
 * pruned once the relay has recorded its position past them. Thread-safe.
 */
final class Outbox {

    private final StoreDatabase db;

    Outbox(StoreDatabase db) {
        this.db = db;
    }

    /**
     * Serialises outbox writers until {@code c} commits, so ids become visible in id order (see V1__store.sql). Take
     * it before the first {@link #append} of a transaction.
     */
    void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_writer SET last_write = ? WHERE id = 1")) {
            ps.setObject(1, db.now());
            ps.executeUpdate();
        }
    }

    /** Queues the notification of {@code r} in the transaction of {@code c}. */
    void append(Connection c, Release r, String url, OffsetDateTime storedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (release_id, title, regions, topics, url,"
                + " stored_at, replay, classifier_version, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.getReleaseId());
            ps.setString(2, r.getTitle());
            ps.setString(3, Json.write(Json.ids(r.getRegions())));
            ps.setString(4, Json.write(Json.ids(r.getTopics())));
            ps.setString(5, url);
            ps.setObject(6, storedAt);
            ps.setBoolean(7, r.getReplay());
            ps.setString(8, r.getClassifierVersion());
            ps.setString(9, r.getStoryId());
            ps.executeUpdate();
        }
    }

    /** Outbox rows with id greater than {@code afterId}, in id order. */
    List<OutboxEntry> after(long afterId, int limit) {
        return db.read("read outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, release_id, title, regions, topics, url,"
                            + " stored_at, replay, classifier_version, story_id FROM outbox WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterId);
                ps.setInt(2, limit);
                List<OutboxEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Notification n = Notification.newBuilder()
                                .setReleaseId(rs.getString(2))
                                .setTitle(rs.getString(3))
                                .setRegions(strings(rs.getString(4)))
                                .setTopics(strings(rs.getString(5)))
                                .setUrl(rs.getString(6))
                                .setStoredAt(
                                        rs.getObject(7, OffsetDateTime.class).toInstant())
                                .setReplay(rs.getBoolean(8))
                                .setClassifierVersion(rs.getString(9))
                                .setStoryId(rs.getString(10))
                                .build();
                        out.add(new OutboxEntry(rs.getLong(1), n));
                    }
                }
                return out;
            }
        });
    }

    /** Number of outbox rows not yet relayed past {@code afterId} (the relay's backlog). */
    long backlog(long afterId) {
        return db.read("count outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE id > ?")) {
                ps.setLong(1, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Last outbox id this relay recorded in the store (a lower bound of what Kafka holds), 0 if none. */
    long relayPosition(String relayName) {
        Long stored = db.read("read relay position", c -> relayPosition(c, relayName));
        return stored == null ? 0L : stored;
    }

    /** Records the relay position and deletes outbox rows up to it (they are safely in Kafka). */
    void saveRelayPosition(String relayName, long lastOutboxId) {
        db.transaction("save relay position", c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE relay_position SET last_outbox_id = ?,"
                    + " updated_at = ? WHERE relay_name = ? AND last_outbox_id <= ?")) {
                ps.setLong(1, lastOutboxId);
                ps.setObject(2, db.now());
                ps.setString(3, relayName);
                ps.setLong(4, lastOutboxId);
                updated = ps.executeUpdate();
            }
            if (updated == 0 && relayPosition(c, relayName) == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO relay_position (relay_name," + " last_outbox_id, updated_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, relayName);
                    ps.setLong(2, lastOutboxId);
                    ps.setObject(3, db.now());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE id <= ?")) {
                ps.setLong(1, lastOutboxId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static Long relayPosition(Connection c, String relayName) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT last_outbox_id FROM relay_position WHERE relay_name = ?")) {
            ps.setString(1, relayName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        for (Object o : Json.readList(json)) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
