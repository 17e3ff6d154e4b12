package org.bulletin.publish.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side for the API and the ops tools: filtered, keyset-paged listings, one release in full, and counts,
 * read into records. Thread-safe.
 */
final class ReleaseQueries {

    private static final String RELEASE_COLUMNS = "r.release_id, r.title, r.published_date, r.sort_date, r.language,"
            + " r.lede, r.source_url, r.duplicate_of, r.parser_version, r.classifier_version, r.replay, r.stored_at,"
            + " r.updated_at, r.classification, r.entities, r.story_id";

    private static final TypeReference<List<ReleaseDetail.SourceRef>> SOURCE_REFS = new TypeReference<>() {};

    /** The classification column. */
    record Classification(List<ReleaseDetail.Label> regions, List<ReleaseDetail.Label> topics) {}

    /** The entities column. */
    record Entities(
            List<ReleaseDetail.Person> people,
            List<ReleaseDetail.Organisation> organisations,
            List<ReleaseDetail.Place> places,
            List<String> countries,
            List<LocalDate> dates) {}

    private final StoreDatabase db;

    ReleaseQueries(StoreDatabase db) {
        this.db = db;
    }

    /** A page of releases, newest first (sort date, stored at, release id — all descending). */
    ReleasePage query(ReleaseQuery q) {
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
        if (q.source() != null) {
            // source_refs is the JSON Json.sourceRefs writes ({"sourceId":"...",...}); a scan, like H2's text search.
            sql.append(" AND r.source_refs LIKE ? ESCAPE '\\'");
            args.add("%\"sourceId\":\"" + likeEscaped(q.source()) + "\"%");
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
                List<ReleaseSummary> items = new ArrayList<>();
                Cursor last = null;
                boolean more = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (items.size() == q.limit()) {
                            more = true;
                            break;
                        }
                        items.add(summary(rs));
                        last = new Cursor(
                                rs.getObject("sort_date", LocalDate.class),
                                instant(rs, "stored_at"),
                                rs.getString("release_id"));
                    }
                }
                return new ReleasePage(items, more ? last.encode() : null);
            }
        });
    }

    /** One release with body, entities, evidence, source refs and classification history. */
    Optional<ReleaseDetail> find(String releaseId) {
        return db.read("find release", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RELEASE_COLUMNS
                    + ", r.body, r.fingerprint, r.source_refs, r.enriched_at, r.story_link FROM releases r"
                    + " WHERE r.release_id = ?")) {
                ps.setString(1, releaseId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Classification cls = Json.read(rs.getString("classification"), Classification.class);
                    Entities entities = Json.read(rs.getString("entities"), Entities.class);
                    return Optional.of(new ReleaseDetail(
                            rs.getString("release_id"),
                            rs.getString("title"),
                            rs.getObject("published_date", LocalDate.class),
                            rs.getString("language"),
                            rs.getString("lede"),
                            rs.getString("source_url"),
                            cls.regions(),
                            cls.topics(),
                            entities.countries(),
                            entities.people(),
                            entities.organisations(),
                            entities.places(),
                            entities.dates(),
                            rs.getString("duplicate_of"),
                            rs.getString("parser_version"),
                            rs.getString("classifier_version"),
                            rs.getBoolean("replay"),
                            instant(rs, "stored_at"),
                            instant(rs, "updated_at"),
                            rs.getString("body"),
                            rs.getString("fingerprint"),
                            Json.read(rs.getString("source_refs"), SOURCE_REFS),
                            instant(rs, "enriched_at"),
                            history(c, releaseId),
                            rs.getString("story_id"),
                            rs.getString("story_link") == null
                                    ? null
                                    : Json.read(rs.getString("story_link"), StoryDetail.StoryLink.class)));
                }
            }
        });
    }

    /** Counts: total, duplicates, and originals by region, topic, language and day (latest 90 days with data). */
    ReleaseStats stats() {
        return db.read("stats", c -> {
            long total;
            long duplicates;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*),"
                            + " SUM(CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END) FROM releases");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
                duplicates = rs.getLong(2);
            }
            return new ReleaseStats(
                    total,
                    duplicates,
                    counts(
                            c,
                            "SELECT x.region, COUNT(*) FROM release_regions x JOIN releases r"
                                    + " ON r.release_id = x.release_id WHERE r.duplicate_of IS NULL GROUP BY x.region"
                                    + " ORDER BY COUNT(*) DESC, x.region"),
                    counts(
                            c,
                            "SELECT x.topic, COUNT(*) FROM release_topics x JOIN releases r"
                                    + " ON r.release_id = x.release_id WHERE r.duplicate_of IS NULL GROUP BY x.topic"
                                    + " ORDER BY COUNT(*) DESC, x.topic"),
                    counts(
                            c,
                            "SELECT language, COUNT(*) FROM releases WHERE duplicate_of IS NULL"
                                    + " GROUP BY language ORDER BY COUNT(*) DESC, language"),
                    counts(
                            c,
                            "SELECT sort_date, COUNT(*) FROM releases WHERE duplicate_of IS NULL"
                                    + " GROUP BY sort_date ORDER BY sort_date DESC LIMIT 90"));
        });
    }

    /** Number of stored releases (originals and duplicates). */
    long count() {
        return db.read("count", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM releases");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Counts of every stored release, duplicates included (so that each count is what the listing with the same
     * filters returns): by region, topic, region x topic, language and day (each also per region and per topic),
     * and by source over the newest {@code sourceSample} releases.
     */
    ReleaseArrivals arrivals(int sourceSample) {
        return db.read("arrivals", c -> {
            long total;
            long duplicates;
            long withoutRegion;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*),"
                            + " SUM(CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END),"
                            + " SUM(CASE WHEN EXISTS (SELECT 1 FROM release_regions x"
                            + " WHERE x.release_id = r.release_id) THEN 0 ELSE 1 END) FROM releases r");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
                duplicates = rs.getLong(2);
                withoutRegion = rs.getLong(3);
            }
            Map<String, Map<String, Long>> regionTopic = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT x.region, y.topic, COUNT(*) FROM release_regions x"
                            + " JOIN release_topics y ON y.release_id = x.release_id GROUP BY x.region, y.topic"
                            + " ORDER BY x.region, y.topic");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    regionTopic
                            .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                }
            }
            Map<String, Long> bySource = new LinkedHashMap<>();
            int sourcesRead = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT r.source_refs FROM releases r"
                    + " ORDER BY r.sort_date DESC, r.stored_at DESC, r.release_id DESC LIMIT ?")) {
                ps.setInt(1, sourceSample);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sourcesRead++;
                        Json.read(rs.getString(1), SOURCE_REFS).stream()
                                .map(ReleaseDetail.SourceRef::sourceId)
                                .filter(java.util.Objects::nonNull)
                                .distinct()
                                .forEach(id -> bySource.merge(id, 1L, Long::sum));
                    }
                }
            }
            return new ReleaseArrivals(
                    total,
                    duplicates,
                    withoutRegion,
                    counts(
                            c,
                            "SELECT region, COUNT(*) FROM release_regions GROUP BY region ORDER BY COUNT(*) DESC,"
                                    + " region"),
                    counts(
                            c,
                            "SELECT topic, COUNT(*) FROM release_topics GROUP BY topic ORDER BY COUNT(*) DESC, topic"),
                    regionTopic,
                    counts(
                            c,
                            "SELECT language, COUNT(*) FROM releases GROUP BY language ORDER BY COUNT(*) DESC,"
                                    + " language"),
                    sortedByCount(bySource),
                    sourcesRead,
                    days(c, "SELECT sort_date, COUNT(*) FROM releases GROUP BY sort_date"),
                    daysBy(
                            c,
                            "SELECT r.sort_date, x.region, COUNT(*) FROM release_regions x JOIN releases r"
                                    + " ON r.release_id = x.release_id GROUP BY r.sort_date, x.region"),
                    daysBy(
                            c,
                            "SELECT r.sort_date, x.topic, COUNT(*) FROM release_topics x JOIN releases r"
                                    + " ON r.release_id = x.release_id GROUP BY r.sort_date, x.topic"));
        });
    }

    private static Map<String, Long> sortedByCount(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static java.util.SortedMap<LocalDate, Long> days(Connection c, String sql) throws SQLException {
        java.util.SortedMap<LocalDate, Long> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
            }
        }
        return out;
    }

    private static java.util.SortedMap<LocalDate, Map<String, Long>> daysBy(Connection c, String sql)
            throws SQLException {
        java.util.SortedMap<LocalDate, Map<String, Long>> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getObject(1, LocalDate.class), k -> new java.util.TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3));
            }
        }
        return out;
    }

    /** {@code text} with LIKE's wildcards and its escape character escaped (escape character: backslash). */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static ReleaseSummary summary(ResultSet rs) throws SQLException {
        Classification cls = Json.read(rs.getString("classification"), Classification.class);
        Entities entities = Json.read(rs.getString("entities"), Entities.class);
        return new ReleaseSummary(
                rs.getString("release_id"),
                rs.getString("title"),
                rs.getObject("published_date", LocalDate.class),
                rs.getString("language"),
                rs.getString("lede"),
                rs.getString("source_url"),
                scored(cls.regions()),
                scored(cls.topics()),
                entities.countries(),
                rs.getString("duplicate_of"),
                rs.getString("parser_version"),
                rs.getString("classifier_version"),
                rs.getBoolean("replay"),
                instant(rs, "stored_at"),
                instant(rs, "updated_at"),
                rs.getString("story_id"));
    }

    private static List<ReleaseSummary.ScoredLabel> scored(List<ReleaseDetail.Label> labels) {
        return labels.stream()
                .map(l -> new ReleaseSummary.ScoredLabel(l.id(), l.score()))
                .toList();
    }

    private static List<ReleaseDetail.Superseded> history(Connection c, String releaseId) throws SQLException {
        List<ReleaseDetail.Superseded> history = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT parser_version, classifier_version, classification,"
                + " classified_at, superseded_at FROM release_history WHERE release_id = ? ORDER BY id DESC")) {
            ps.setString(1, releaseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Classification cls = Json.read(rs.getString(3), Classification.class);
                    history.add(new ReleaseDetail.Superseded(
                            rs.getString(1),
                            rs.getString(2),
                            cls.regions(),
                            cls.topics(),
                            instant(rs, "classified_at"),
                            instant(rs, "superseded_at")));
                }
            }
        }
        return history;
    }

    private static Map<String, Long> counts(Connection c, String sql) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(String.valueOf(rs.getObject(1)), rs.getLong(2));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
