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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishConfig.ReplayNotifications;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.SourceRef;

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

    private ReleaseStore(StoreDatabase db) {
        this.db = db;
        this.outbox = new Outbox(db);
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

    /**
     * Stores releases and advances offsets in one transaction. A new release id is inserted and (unless it is a
     * duplicate, or a replay under {@code SUPPRESS}) queues one notification; a known id with a newer
     * classifier (then parser) version replaces the row and appends the old classification to the history; anything
     * else leaves the row as it is. A replayed release ({@code replay=true}) replaces the row whenever its classifier
     * or parser version differs from the stored one, and then (unless a duplicate, or under {@code SUPPRESS}) queues a
     * notification flagged {@code replay=true}; a live reclassification does not notify again. Either everything
     * commits or nothing does.
     */
    public WriteResult write(List<IncomingRelease> releases, List<OffsetCommit> offsets, ReplayNotifications replay) {
        return db.transaction("write " + releases.size() + " release(s)", c -> {
                WriteResult result = WriteResult.EMPTY;
                boolean outboxLocked = false;
                for (IncomingRelease in : releases) {
                    Release r = in.release();
                    boolean notify = r.getDuplicateOf() == null
                        && !(r.getReplay() && replay == ReplayNotifications.SUPPRESS);
                    // A replay may notify for a known row too (when it reclassifies it), so it always takes the lock.
                    if (notify && !outboxLocked && (r.getReplay() || !exists(c, r.getReleaseId()))) {
                        outbox.lock(c);
                        outboxLocked = true;
                    }
                    result = result.plus(upsert(c, in, notify));
                }
                for (OffsetCommit o : offsets) {
                    commitOffset(c, o);
                }
                return result;
        });
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM releases WHERE release_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private WriteResult upsert(Connection c, IncomingRelease in, boolean notify) throws SQLException {
        Release r = in.release();
        String id = r.getReleaseId();
        String oldClassifier = null;
        String oldParser = null;
        String oldClassification = null;
        OffsetDateTime oldUpdated = null;
        OffsetDateTime storedAt = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT classifier_version, parser_version, classification,"
            + " updated_at, stored_at FROM releases WHERE release_id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    oldClassifier = rs.getString(1);
                    oldParser = rs.getString(2);
                    oldClassification = rs.getString(3);
                    oldUpdated = rs.getObject(4, OffsetDateTime.class);
                    storedAt = rs.getObject(5, OffsetDateTime.class);
                }
            }
        }
        OffsetDateTime now = db.now();
        if (oldClassifier == null) {
            insertRelease(c, in, now);
            insertChildren(c, r);
            if (notify) {
                outbox.append(c, r, sourceUrl(r), now);
                return new WriteResult(1, 0, 0, 1);
            }
            return new WriteResult(1, 0, 0, 0);
        }
        int byClassifier = VersionOrder.compare(r.getClassifierVersion(), oldClassifier);
        boolean newer = byClassifier > 0 || (byClassifier == 0 && VersionOrder.compare(r.getParserVersion(), oldParser) > 0);
        // A replay is an operator applying the rules enrich runs now. Those are not always "newer" by version order:
        // a classifier version is "<declared>+<hash of the rule files>", and an edited rule file without a bumped
        // declared version gets a hash that sorts anywhere. So a replay replaces on any difference; live, only newer.
        boolean replaces = r.getReplay()
            ? !r.getClassifierVersion().equals(oldClassifier) || !r.getParserVersion().equals(oldParser)
            : newer;
        if (!replaces) {
            return new WriteResult(0, 0, 1, 0);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO release_history (release_id, parser_version,"
            + " classifier_version, classification, classified_at, superseded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, oldParser);
            ps.setString(3, oldClassifier);
            ps.setString(4, oldClassification);
            ps.setObject(5, oldUpdated);
            ps.setObject(6, now);
            ps.executeUpdate();
        }
        updateRelease(c, in, now, storedAt);
        for (String table : List.of("release_regions", "release_topics", "release_countries")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE release_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
        insertChildren(c, r);
        if (notify && r.getReplay()) {
            outbox.append(c, r, sourceUrl(r), now);
            return new WriteResult(0, 1, 0, 1);
        }
        return new WriteResult(0, 1, 0, 0);
    }

    private void insertRelease(Connection c, IncomingRelease in, OffsetDateTime now) throws SQLException {
        Release r = in.release();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO releases (title, published_date, sort_date,"
            + " language, body, lede, source_url, duplicate_of, fingerprint, parser_version, classifier_version,"
            + " replay, enriched_at, updated_at, classification, entities, source_refs, origin_topic,"
            + " origin_partition, origin_offset, stored_at, release_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bindReleaseColumns(ps, in, now);
            ps.setObject(i++, now);
            ps.setString(i, r.getReleaseId());
            ps.executeUpdate();
        }
    }

    private void updateRelease(Connection c, IncomingRelease in, OffsetDateTime now, OffsetDateTime storedAt)
        throws SQLException {
        // stored_at stays: it is when the release was first stored, and the API's order must not jump on reclassify.
        try (PreparedStatement ps = c.prepareStatement("UPDATE releases SET title = ?, published_date = ?,"
            + " sort_date = ?, language = ?, body = ?,"
            + " lede = ?, source_url = ?, duplicate_of = ?, fingerprint = ?, parser_version = ?,"
            + " classifier_version = ?, replay = ?, enriched_at = ?, updated_at = ?, classification = ?,"
            + " entities = ?, source_refs = ?, origin_topic = ?, origin_partition = ?, origin_offset = ?"
            + " WHERE release_id = ?")) {
            Release r = in.release();
            int i = 1;
            ps.setString(i++, r.getTitle());
            ps.setObject(i++, r.getPublishedDate());
            ps.setObject(i++, sortDate(r, storedAt));
            i = bindRest(ps, in, now, i);
            ps.setString(i, r.getReleaseId());
            ps.executeUpdate();
        }
    }

    private int bindReleaseColumns(PreparedStatement ps, IncomingRelease in, OffsetDateTime now) throws SQLException {
        Release r = in.release();
        int i = 1;
        ps.setString(i++, r.getTitle());
        ps.setObject(i++, r.getPublishedDate());
        ps.setObject(i++, sortDate(r, now));
        return bindRest(ps, in, now, i);
    }

    private static int bindRest(PreparedStatement ps, IncomingRelease in, OffsetDateTime now, int start)
        throws SQLException {
        Release r = in.release();
        int i = start;
        ps.setString(i++, r.getLanguage());
        ps.setString(i++, r.getBodyText());
        ps.setString(i++, r.getLede());
        ps.setString(i++, sourceUrl(r));
        ps.setString(i++, r.getDuplicateOf());
        ps.setString(i++, r.getFingerprint());
        ps.setString(i++, r.getParserVersion());
        ps.setString(i++, r.getClassifierVersion());
        ps.setBoolean(i++, r.getReplay());
        ps.setObject(i++, r.getEnrichedAt() == null ? null : r.getEnrichedAt().atOffset(ZoneOffset.UTC));
        ps.setObject(i++, now);
        ps.setString(i++, Json.classification(r));
        ps.setString(i++, Json.entities(r));
        ps.setString(i++, Json.sourceRefs(r));
        ps.setString(i++, in.topic());
        if (in.partition() < 0) {
            ps.setNull(i++, java.sql.Types.INTEGER);
            ps.setNull(i++, java.sql.Types.BIGINT);
        } else {
            ps.setInt(i++, in.partition());
            ps.setLong(i++, in.offset());
        }
        return i;
    }

    private static void insertChildren(Connection c, Release r) throws SQLException {
        insertLabels(c, "release_regions", "region", r.getRegions(), r.getReleaseId());
        insertLabels(c, "release_topics", "topic", r.getTopics(), r.getReleaseId());
        Set<String> countries = new LinkedHashSet<>(r.getCountries());
        if (!countries.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO release_countries (release_id, country) VALUES (?, ?)")) {
                for (String country : countries) {
                    ps.setString(1, r.getReleaseId());
                    ps.setString(2, country);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void insertLabels(Connection c, String table, String column, List<Label> labels, String id)
        throws SQLException {
        if (labels.isEmpty()) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (release_id, " + column
            + ", score, rank) VALUES (?, ?, ?, ?)")) {
            int rank = 0;
            for (Label l : labels) {
                // The contract lists each label once; a repeat would be a PK violation that sends the whole
                // release to the DLQ, so keep the first (highest ranked) and drop the echo.
                if (!seen.add(l.getId())) {
                    continue;
                }
                ps.setString(1, id);
                ps.setString(2, l.getId());
                ps.setDouble(3, l.getScore());
                ps.setInt(4, rank++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void commitOffset(Connection c, OffsetCommit o) throws SQLException {
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
        if (!java.util.Objects.equals(stored, o.expectedNext())) {
            throw new OffsetConflictException("offset of " + o.topic() + "-" + o.partition() + " for group "
                + o.group() + " is " + stored + " in the store, writer expected " + o.expectedNext());
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
    public OptionalLong storedOffset(String group, String topic, int partition) {
        return db.read("read offsets", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT next_offset FROM kafka_offsets" + " WHERE consumer_group = ? AND topic = ? AND kafka_partition = ?")) {
                ps.setString(1, group);
                ps.setString(2, topic);
                ps.setInt(3, partition);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
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

    // ---------------------------------------------------------------------------------------------- plumbing

    private static LocalDate sortDate(Release r, OffsetDateTime storedAt) {
        return r.getPublishedDate() != null ? r.getPublishedDate()
            : storedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    private static String sourceUrl(Release r) {
        for (SourceRef s : r.getSourceRefs()) {
            if (s.getSourceUrl() != null) {
                return s.getSourceUrl();
            }
        }
        return null;
    }
}
