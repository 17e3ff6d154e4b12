package org.bulletin.publish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishConfig.ReplayNotifications;

/**
 * The release store over JDBC (PostgreSQL, or H2 in PostgreSQL mode as the embedded default), migrated by Flyway
 * on open. Writes are idempotent per release id and carry consumer offsets and outbox rows in the same transaction;
 * SQL failures surface as {@link StoreUnavailableException} (retry), {@link RecordRejectedException} (DLQ) or
 * {@link StoreFailedException} (stop).
 * Thread-safe: every call borrows its own pooled connection.
 */
public final class ReleaseStore implements AutoCloseable {

    private static final String RELEASE_COLUMNS = "r.release_id, r.title, r.published_date, r.sort_date, r.language,"
        + " r.lede, r.source_url, r.duplicate_of, r.parser_version, r.classifier_version, r.replay, r.stored_at,"
        + " r.updated_at, r.classification, r.entities";

    private final StoreDatabase db;
    private final Outbox outbox;
    private final ConsumerOffsets offsets;
    private final ReleaseWriter writer;

    private ReleaseStore(StoreDatabase db) {
        this.db = db;
        this.outbox = new Outbox(db);
        this.offsets = new ConsumerOffsets(db);
        this.writer = new ReleaseWriter(db, outbox);
    }

    /** Opens (and migrates) the store the config names. */
    public static ReleaseStore open(PublishConfig config) {
        return open(config.storeUrl(), config.storeUser(), config.storePassword(), config.storePoolSize());
    }

    /** Opens (and migrates) the store at {@code jdbcUrl}; fails with StoreUnavailableException if unreachable. */
    public static ReleaseStore open(String jdbcUrl, String user, String password, int poolSize) {
        return new ReleaseStore(StoreDatabase.open(jdbcUrl, user, password, poolSize));
    }

    /** True on PostgreSQL (tsvector search), false on H2 (LIKE search). */
    public boolean isPostgres() {
        return db.dialect() == StoreDialect.POSTGRESQL;
    }

    /** Random id made when this store was first created; lets the relay tell its positions from another store's. */
    public String storeId() {
        return db.storeId();
    }

    /** Cheap liveness check (a pooled connection that validates). */
    public boolean ping() {
        return db.ping();
    }

    @Override
    public void close() {
        db.close();
    }

    // ---------------------------------------------------------------------------------------------- writes

    /** Stores releases and advances offsets in one transaction: see {@link ReleaseWriter#write}. */
    public WriteResult write(List<IncomingRelease> releases, List<OffsetCommit> offsets, ReplayNotifications replay) {
        return writer.write(releases, offsets, replay);
    }

    /** The next offset the sink should consume, if it ever committed one for this partition. */
    public OptionalLong storedOffset(String group, String topic, int partition) {
        return offsets.stored(group, topic, partition);
    }

    // ---------------------------------------------------------------------------------------------- outbox

    /** Outbox rows with id greater than {@code afterId}, in id order. */
    public List<OutboxEntry> outboxAfter(long afterId, int limit) {
        return outbox.after(afterId, limit);
    }

    /** Number of outbox rows not yet relayed past {@code afterId} (the relay's backlog). */
    public long outboxBacklog(long afterId) {
        return outbox.backlog(afterId);
    }

    /** Last outbox id this relay recorded in the store (a lower bound of what Kafka holds), 0 if none. */
    public long relayPosition(String relayName) {
        return outbox.relayPosition(relayName);
    }

    /** Records the relay position and deletes outbox rows up to it (they are safely in Kafka). */
    public void saveRelayPosition(String relayName, long lastOutboxId) {
        outbox.saveRelayPosition(relayName, lastOutboxId);
    }

    // ---------------------------------------------------------------------------------------------- queries

    /** A page of releases, newest first (sort date, stored at, release id — all descending). */
    public ReleasePage query(ReleaseQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(RELEASE_COLUMNS).append(" FROM releases r WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.region() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM release_regions x WHERE x.release_id = r.release_id"
                + " AND x.region = ?)");
            args.add(q.region());
        }
        if (q.topic() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM release_topics x WHERE x.release_id = r.release_id"
                + " AND x.topic = ?)");
            args.add(q.topic());
        }
        if (q.country() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM release_countries x WHERE x.release_id = r.release_id"
                + " AND x.country = ?)");
            args.add(q.country());
        }
        if (q.language() != null) {
            sql.append(" AND r.language = ?");
            args.add(q.language());
        }
        if (q.from() != null) {
            sql.append(" AND r.sort_date >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND r.sort_date <= ?");
            args.add(q.to());
        }
        if (q.text() != null && !q.text().isBlank()) {
            db.dialect().appendTextSearch(sql, args, q.text());
        }
        Cursor after = q.after();
        if (after != null) {
            OffsetDateTime at = after.storedAt().atOffset(ZoneOffset.UTC);
            sql.append(" AND (r.sort_date < ? OR (r.sort_date = ? AND (r.stored_at < ? OR (r.stored_at = ?"
                + " AND r.release_id < ?))))");
            args.addAll(List.of(after.sortDate(), after.sortDate(), at, at, after.releaseId()));
        }
        sql.append(" ORDER BY r.sort_date DESC, r.stored_at DESC, r.release_id DESC LIMIT ?");
        args.add(q.limit() + 1);
        return db.read("query releases", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<Map<String, Object>> items = new ArrayList<>();
                Cursor last = null;
                boolean more = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (items.size() == q.limit()) {
                            more = true;
                            break;
                        }
                        items.add(summary(rs, false));
                        last = new Cursor(rs.getObject("sort_date", LocalDate.class),
                            rs.getObject("stored_at", OffsetDateTime.class).toInstant(), rs.getString("release_id"));
                    }
                }
                return new ReleasePage(items, more ? last.encode() : null);
            }
        });
    }

    /** One release with body, entities, evidence, source refs and classification history. */
    public Optional<Map<String, Object>> find(String releaseId) {
        return db.read("find release", c -> {
            Map<String, Object> out;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RELEASE_COLUMNS
                + ", r.body, r.fingerprint, r.source_refs, r.enriched_at FROM releases r WHERE r.release_id = ?")) {
                ps.setString(1, releaseId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    out = summary(rs, true);
                    out.put("body", rs.getString("body"));
                    out.put("fingerprint", rs.getString("fingerprint"));
                    out.put("sourceRefs", Json.readList(rs.getString("source_refs")));
                    OffsetDateTime enriched = rs.getObject("enriched_at", OffsetDateTime.class);
                    out.put("enrichedAt", enriched == null ? null : enriched.toInstant().toString());
                }
            }
            List<Map<String, Object>> history = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT parser_version, classifier_version, classification,"
                + " classified_at, superseded_at FROM release_history WHERE release_id = ? ORDER BY id DESC")) {
                ps.setString(1, releaseId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> h = new LinkedHashMap<>();
                        h.put("parserVersion", rs.getString(1));
                        h.put("classifierVersion", rs.getString(2));
                        Map<String, Object> cls = Json.readMap(rs.getString(3));
                        h.put("regions", cls.get("regions"));
                        h.put("topics", cls.get("topics"));
                        h.put("classifiedAt", rs.getObject(4, OffsetDateTime.class).toInstant().toString());
                        h.put("supersededAt", rs.getObject(5, OffsetDateTime.class).toInstant().toString());
                        history.add(h);
                    }
                }
            }
            out.put("history", history);
            return Optional.of(out);
        });
    }

    private static Map<String, Object> summary(ResultSet rs, boolean withEvidence) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getString("release_id"));
        m.put("title", rs.getString("title"));
        LocalDate published = rs.getObject("published_date", LocalDate.class);
        m.put("publishedDate", published == null ? null : published.toString());
        m.put("language", rs.getString("language"));
        m.put("lede", rs.getString("lede"));
        m.put("url", rs.getString("source_url"));
        Map<String, Object> cls = Json.readMap(rs.getString("classification"));
        m.put("regions", withEvidence ? cls.get("regions") : withoutEvidence(cls.get("regions")));
        m.put("topics", withEvidence ? cls.get("topics") : withoutEvidence(cls.get("topics")));
        Map<String, Object> entities = Json.readMap(rs.getString("entities"));
        m.put("countries", entities.get("countries"));
        if (withEvidence) {
            m.put("people", entities.get("people"));
            m.put("organisations", entities.get("organisations"));
            m.put("places", entities.get("places"));
            m.put("dates", entities.get("dates"));
        }
        m.put("duplicateOf", rs.getString("duplicate_of"));
        m.put("parserVersion", rs.getString("parser_version"));
        m.put("classifierVersion", rs.getString("classifier_version"));
        m.put("replay", rs.getBoolean("replay"));
        m.put("storedAt", rs.getObject("stored_at", OffsetDateTime.class).toInstant().toString());
        m.put("updatedAt", rs.getObject("updated_at", OffsetDateTime.class).toInstant().toString());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> withoutEvidence(Object labels) {
        List<Object> out = new ArrayList<>();
        for (Object o : (List<Object>) labels) {
            Map<String, Object> l = new LinkedHashMap<>((Map<String, Object>) o);
            l.remove("evidence");
            out.add(l);
        }
        return out;
    }

    /** Counts: total, duplicates, and originals by region, topic, language and day (latest 90 days with data). */
    public Map<String, Object> stats() {
        return db.read("stats", c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*),"
                + " SUM(CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END) FROM releases");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.put("total", rs.getLong(1));
                out.put("duplicates", rs.getLong(2));
            }
            out.put("byRegion", counts(c, "SELECT x.region, COUNT(*) FROM release_regions x JOIN releases r"
                + " ON r.release_id = x.release_id WHERE r.duplicate_of IS NULL GROUP BY x.region"
                + " ORDER BY COUNT(*) DESC, x.region"));
            out.put("byTopic", counts(c, "SELECT x.topic, COUNT(*) FROM release_topics x JOIN releases r"
                + " ON r.release_id = x.release_id WHERE r.duplicate_of IS NULL GROUP BY x.topic"
                + " ORDER BY COUNT(*) DESC, x.topic"));
            out.put("byLanguage", counts(c, "SELECT language, COUNT(*) FROM releases WHERE duplicate_of IS NULL"
                + " GROUP BY language ORDER BY COUNT(*) DESC, language"));
            out.put("byDay", counts(c, "SELECT sort_date, COUNT(*) FROM releases WHERE duplicate_of IS NULL"
                + " GROUP BY sort_date ORDER BY sort_date DESC LIMIT 90"));
            return out;
        });
    }

    private static Map<String, Long> counts(Connection c, String sql) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(String.valueOf(rs.getObject(1)), rs.getLong(2));
            }
        }
        return out;
    }

    /** Number of stored releases (originals and duplicates). */
    public long count() {
        return db.read("count", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM releases"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
