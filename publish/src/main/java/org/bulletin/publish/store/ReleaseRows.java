package org.bulletin.publish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.SourceRef;

/**
 * The SQL that maps one release to its rows (the {@code releases} row, its region, topic and country rows, and the
 * history of replaced classifications), inside the caller's transaction. Decides nothing: see {@link ReleaseWriter}.
 */
final class ReleaseRows {

    /** What the writer needs to know of a stored release to decide whether to replace it. */
    record Stored(
            String classifierVersion,
            String parserVersion,
            String classification,
            OffsetDateTime updatedAt,
            OffsetDateTime storedAt) {}

    private ReleaseRows() {}

    static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM releases WHERE release_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The stored row of {@code id}, locked until commit, or null when there is none. */
    static Stored lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT classifier_version, parser_version, classification,"
                + " updated_at, stored_at FROM releases WHERE release_id = ? FOR UPDATE")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? new Stored(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class),
                                rs.getObject(5, OffsetDateTime.class))
                        : null;
            }
        }
    }

    /** Inserts the release and its label and country rows, stored now. */
    static void insert(Connection c, IncomingRelease in, OffsetDateTime now) throws SQLException {
        Release r = in.release();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO releases (title, published_date, sort_date,"
                + " language, body, lede, source_url, duplicate_of, fingerprint, parser_version, classifier_version,"
                + " replay, enriched_at, updated_at, classification, entities, source_refs, origin_topic,"
                + " origin_partition, origin_offset, stored_at, release_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = bind(ps, in, now, now);
            ps.setObject(i++, now);
            ps.setString(i, r.getReleaseId());
            ps.executeUpdate();
        }
        story(c, r);
        insertChildren(c, r);
    }

    /** The story enrich linked the release into, and how (score, evidence); cleared when the release has none. */
    private static void story(Connection c, Release r) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE releases SET story_id = ?, story_link = ? WHERE release_id = ?")) {
            ps.setString(1, r.getStoryId());
            ps.setString(
                    2,
                    r.getStoryLink() == null
                            ? null
                            : Json.write(new StoryDetail.StoryLink(
                                    r.getStoryLink().getScore(),
                                    r.getStoryLink().getOpened(),
                                    List.copyOf(r.getStoryLink().getEvidence()))));
            ps.setString(3, r.getReleaseId());
            ps.executeUpdate();
        }
    }

    /**
     * Moves the stored classification to the history, then rewrites the row and its label and country rows from
     * {@code in}.
     */
    static void replace(Connection c, IncomingRelease in, Stored old, OffsetDateTime now) throws SQLException {
        Release r = in.release();
        String id = r.getReleaseId();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO release_history (release_id, parser_version,"
                + " classifier_version, classification, classified_at, superseded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, old.parserVersion());
            ps.setString(3, old.classifierVersion());
            ps.setString(4, old.classification());
            ps.setObject(5, old.updatedAt());
            ps.setObject(6, now);
            ps.executeUpdate();
        }
        // stored_at stays: it is when the release was first stored, and the API's order must not jump on reclassify.
        try (PreparedStatement ps = c.prepareStatement("UPDATE releases SET title = ?, published_date = ?,"
                + " sort_date = ?, language = ?, body = ?,"
                + " lede = ?, source_url = ?, duplicate_of = ?, fingerprint = ?, parser_version = ?,"
                + " classifier_version = ?, replay = ?, enriched_at = ?, updated_at = ?, classification = ?,"
                + " entities = ?, source_refs = ?, origin_topic = ?, origin_partition = ?, origin_offset = ?"
                + " WHERE release_id = ?")) {
            int i = bind(ps, in, now, old.storedAt());
            ps.setString(i, id);
            ps.executeUpdate();
        }
        story(c, r);
        for (String table : List.of("release_regions", "release_topics", "release_countries")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE release_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
        insertChildren(c, r);
    }

    /** The first source URL of {@code r}, or null. */
    static String sourceUrl(Release r) {
        for (SourceRef s : r.getSourceRefs()) {
            if (s.getSourceUrl() != null) {
                return s.getSourceUrl();
            }
        }
        return null;
    }

    /**
     * Binds the columns INSERT and UPDATE share, title to origin_offset, from parameter 1; returns the next index.
     * An undated release sorts by the day it was first stored ({@code storedAt}).
     */
    private static int bind(PreparedStatement ps, IncomingRelease in, OffsetDateTime now, OffsetDateTime storedAt)
            throws SQLException {
        Release r = in.release();
        int i = 1;
        ps.setString(i++, r.getTitle());
        ps.setObject(i++, r.getPublishedDate());
        ps.setObject(i++, sortDate(r, storedAt));
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
            ps.setNull(i++, Types.INTEGER);
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setInt(i++, in.partition());
            ps.setLong(i++, in.offset());
        }
        return i;
    }

    private static LocalDate sortDate(Release r, OffsetDateTime storedAt) {
        return r.getPublishedDate() != null
                ? r.getPublishedDate()
                : storedAt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    private static void insertChildren(Connection c, Release r) throws SQLException {
        insertLabels(c, "release_regions", "region", r.getRegions(), r.getReleaseId());
        insertLabels(c, "release_topics", "topic", r.getTopics(), r.getReleaseId());
        Set<String> countries = new LinkedHashSet<>(r.getCountries());
        if (!countries.isEmpty()) {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO release_countries (release_id, country) VALUES (?, ?)")) {
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
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (release_id, " + column + ", score, rank) VALUES (?, ?, ?, ?)")) {
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
}
