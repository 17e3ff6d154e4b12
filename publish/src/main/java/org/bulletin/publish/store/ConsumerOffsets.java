package org.bulletin.publish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The Kafka consumer offsets the sink keeps in the store, advanced in the same transaction as the rows they
 * produced, and fenced: an advance from an offset other than the stored one fails. Thread-safe.
 */
final class ConsumerOffsets {

    private final StoreDatabase db;

    ConsumerOffsets(StoreDatabase db) {
        this.db = db;
    }

    /**
     * Advances one partition in the transaction of {@code c}; throws {@link OffsetConflictException} when the stored
     * offset is not the one the writer expected (another consumer wrote this partition meanwhile).
     */
    static void advance(Connection c, OffsetCommit o) throws SQLException {
        Long stored = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT next_offset FROM kafka_offsets WHERE consumer_group = ?"
                + " AND topic = ? AND kafka_partition = ? FOR UPDATE")) {
            ps.setString(1, o.group());
            ps.setString(2, o.topic());
            ps.setInt(3, o.partition());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    stored = rs.getLong(1);
                }
            }
        }
        if (!Objects.equals(stored, o.expectedNext())) {
            throw new OffsetConflictException("offset of " + o.topic() + "-" + o.partition() + " for group " + o.group()
                    + " is " + stored + " in the store, writer expected " + o.expectedNext());
        }
        String sql = stored == null
                ? "INSERT INTO kafka_offsets (next_offset, updated_at, consumer_group, topic, kafka_partition)"
                        + " VALUES (?, ?, ?, ?, ?)"
                : "UPDATE kafka_offsets SET next_offset = ?, updated_at = ? WHERE consumer_group = ? AND topic = ?"
                        + " AND kafka_partition = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, o.next());
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setString(3, o.group());
            ps.setString(4, o.topic());
            ps.setInt(5, o.partition());
            ps.executeUpdate();
        }
    }

    /** The next offset the sink should consume, if it ever committed one for this partition. */
    OptionalLong stored(String group, String topic, int partition) {
        return db.read("read offsets", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT next_offset FROM kafka_offsets"
                    + " WHERE consumer_group = ? AND topic = ? AND kafka_partition = ?")) {
                ps.setString(1, group);
                ps.setString(2, topic);
                ps.setInt(3, partition);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }
}
