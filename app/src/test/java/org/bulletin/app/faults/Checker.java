package org.bulletin.app.faults;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bulletin.schemas.Notification;

/**
 * Compares what a scenario produced with what the platform kept: the store (every expected id once, exactly one
 * original per duplicate group) and {@code bulletin.notifications.v1} read as read_committed (one notification per
 * group), plus the dead letters the scenario caused.
 */
final class Checker {

    private final FaultEnvironment env;

    Checker(FaultEnvironment env) {
        this.env = env;
    }

    /** Store rows with {@code prefix}: release id to duplicate_of (null for originals). */
    Map<String, String> storeRows(String prefix) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = env.store();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT release_id, duplicate_of FROM releases WHERE release_id LIKE ? ORDER BY release_id")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.merge(
                            rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2), (a, b) -> a + "|DUP|" + b);
                }
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return rows; // publish has not migrated the store yet
            }
            throw e;
        }
        return rows;
    }

    /** Rows stored among {@code ids}. */
    long storedAmong(Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (Connection c = env.store();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM releases WHERE release_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return 0;
            }
            throw e;
        }
    }

    /** When each of {@code ids} that is stored was stored (publish's {@code stored_at}). */
    Map<String, java.time.Instant> storedAt(Collection<String> ids) throws SQLException {
        Map<String, java.time.Instant> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Connection c = env.store();
                PreparedStatement ps =
                        c.prepareStatement("SELECT release_id, stored_at FROM releases WHERE release_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return out;
    }

    /** Release ids of every committed notification with {@code prefix}, in topic order (repeats kept). */
    List<String> notifications(String prefix) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(env.topics().notifications())) {
            Notification n = env.topics().notificationSerde().deserializer().deserialize(r.topic(), r.value());
            if (n.getReleaseId().startsWith(prefix)) {
                ids.add(n.getReleaseId());
            }
        }
        return ids;
    }

    /**
     * Dead letters whose key, or one of whose headers (ingest names the source URL in one), contains one of the
     * {@code markers}: key to the reason header (empty when missing).
     */
    Map<String, String> deadLetters(String... markers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(env.topics().dlq())) {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            StringBuilder headers = new StringBuilder();
            for (Header h : r.headers()) {
                headers.append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8))
                        .append('\n');
            }
            boolean match = false;
            for (String m : markers) {
                match |= key.contains(m) || headers.indexOf(m) >= 0;
            }
            if (match) {
                Header reason = r.headers().lastHeader("bulletin.reason");
                Header url = r.headers().lastHeader("bulletin.url");
                String name = url == null ? key : key + " " + new String(url.value(), StandardCharsets.UTF_8);
                out.merge(
                        name,
                        reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8),
                        (a, b) -> a + " || " + b);
            }
        }
        return out;
    }

    /** Keys of raw records containing {@code marker}. */
    List<String> rawKeys(String marker) {
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(env.topics().raw())) {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            if (key.contains(marker)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Every committed record of {@code topic}, from the beginning to the end offsets of now. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                env.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                16 * 1024 * 1024);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** Whether every expected id is stored and every original is notified. */
    boolean complete(String prefix, Collection<Generator.Item> expected) throws SQLException {
        Counts c = count(prefix, expected);
        return c.missingRows() == 0 && c.missingNotifications() == 0;
    }

    /** Waits until {@link #complete} (or {@code within} passes), then lets in-flight transactions settle. */
    boolean awaitComplete(String prefix, Collection<Generator.Item> expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (complete(prefix, expected)) {
                Thread.sleep(2_000);
                return true;
            }
            Thread.sleep(1_000);
        }
        return false;
    }

    /** The figures of one scenario. */
    Counts count(String prefix, Collection<Generator.Item> expected) throws SQLException {
        Map<String, String> rows = storeRows(prefix);
        List<String> notes = notifications(prefix);
        Map<String, List<String>> groups = groups(expected);
        Set<String> expectedIds = new HashSet<>();
        expected.forEach(i -> expectedIds.add(i.key()));

        long missingRows =
                expectedIds.stream().filter(id -> !rows.containsKey(id)).count();
        long unexpectedRows =
                rows.keySet().stream().filter(id -> !expectedIds.contains(id)).count();
        long repeatedRows =
                rows.values().stream().filter(v -> v.contains("|DUP|")).count();
        Set<String> notified = new HashSet<>(notes);
        long groupsWithoutNotification = 0;
        long extraOriginals = 0;
        long extraGroupNotes = 0;
        Set<String> nearEdits = new HashSet<>();
        expected.stream().filter(Generator.Item::nearEdit).forEach(i -> nearEdits.add(i.key()));
        for (List<String> members : groups.values()) {
            // Every original is notified once, no duplicate ever. Of the exact copies in a group one is the original;
            // a near-duplicate edit may be an original of its own (enrich's near check is a similarity threshold,
            // eventually consistent across tasks) or a duplicate. A stored group with no original at all lost its
            // notification to a wrong duplicate mark.
            long exactOriginals = members.stream()
                    .filter(id -> !nearEdits.contains(id) && "".equals(rows.get(id)))
                    .count();
            long originals =
                    members.stream().filter(id -> "".equals(rows.get(id))).count();
            extraOriginals += Math.max(0, exactOriginals - 1);
            long unnotifiedOriginals = members.stream()
                    .filter(id -> "".equals(rows.get(id)) && !notified.contains(id))
                    .count();
            long notifiedDuplicates = members.stream()
                    .filter(id -> rows.containsKey(id) && !"".equals(rows.get(id)) && notified.contains(id))
                    .count();
            boolean anyStored = members.stream().anyMatch(rows::containsKey);
            groupsWithoutNotification += unnotifiedOriginals + (anyStored && originals == 0 ? 1 : 0);
            extraGroupNotes += notifiedDuplicates;
        }
        long repeatedNotes = notes.size() - notified.size();
        long strayNotes =
                notified.stream().filter(id -> !expectedIds.contains(id)).count();
        return new Counts(
                expected.size(),
                rows.size(),
                missingRows + groupsWithoutNotification,
                unexpectedRows + repeatedRows + extraOriginals,
                repeatedNotes + extraGroupNotes + strayNotes,
                missingRows,
                groupsWithoutNotification);
    }

    static Map<String, List<String>> groups(Collection<Generator.Item> expected) {
        Map<String, List<String>> groups = new HashMap<>();
        expected.forEach(
                i -> groups.computeIfAbsent(i.group(), g -> new ArrayList<>()).add(i.key()));
        return groups;
    }

    /**
     * lost: expected rows missing from the store plus stored groups of identical texts with no notification at all; duplicateRows:
     * rows not expected, or a second original in a group of identical texts; duplicateNotifications: repeats of a
     * release id, or more than one notified release per group.
     */
    record Counts(
            long expected,
            long stored,
            long lost,
            long duplicateRows,
            long duplicateNotifications,
            long missingRows,
            long missingNotifications) {}
}
