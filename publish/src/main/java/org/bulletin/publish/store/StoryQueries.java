package org.bulletin.publish.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side of stories: a story is the releases that share a {@code story_id}, so its headlines, sources, days
 * and labels are read from them (no second copy to keep in step with reclassification and replays). Latest first, in
 * keyset pages over (latest release day, story id). Thread-safe.
 */
final class StoryQueries {

    private final StoreDatabase db;

    StoryQueries(StoreDatabase db) {
        this.db = db;
    }

    StoryPage query(StoryQuery q) {
        StringBuilder matching = new StringBuilder("SELECT m.story_id FROM releases m WHERE m.story_id IS NOT NULL");
        List<Object> args = new ArrayList<>();
        if (q.region() != null) {
            matching.append(" AND EXISTS (SELECT 1 FROM release_regions x WHERE x.release_id = m.release_id"
                    + " AND x.region = ?)");
            args.add(q.region());
        }
        if (q.topic() != null) {
            matching.append(" AND EXISTS (SELECT 1 FROM release_topics x WHERE x.release_id = m.release_id"
                    + " AND x.topic = ?)");
            args.add(q.topic());
        }
        if (q.language() != null) {
            matching.append(" AND m.language = ?");
            args.add(q.language());
        }
        StringBuilder sql = new StringBuilder(
                        "SELECT r.story_id, MAX(r.sort_date) AS last_seen FROM releases r" + " WHERE r.story_id IN (")
                .append(matching)
                .append(") GROUP BY r.story_id HAVING 1 = 1");
        if (q.since() != null) {
            sql.append(" AND MAX(r.sort_date) >= ?");
            args.add(q.since());
        }
        Cursor after = q.after();
        if (after != null) {
            sql.append(" AND (MAX(r.sort_date) < ? OR (MAX(r.sort_date) = ? AND r.story_id < ?))");
            args.addAll(List.of(after.sortDate(), after.sortDate(), after.releaseId()));
        }
        sql.append(" ORDER BY last_seen DESC, r.story_id DESC LIMIT ?");
        args.add(q.limit() + 1);
        return db.read("query stories", c -> {
            List<String> ids = new ArrayList<>();
            Cursor last = null;
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (ids.size() == q.limit()) {
                            more = true;
                            break;
                        }
                        ids.add(rs.getString(1));
                        last = new Cursor(rs.getObject(2, LocalDate.class), Instant.EPOCH, rs.getString(1));
                    }
                }
            }
            Map<String, List<StoryDetail.Member>> members = members(c, ids);
            List<StorySummary> items = new ArrayList<>();
            for (String id : ids) {
                items.add(summary(c, id, members.getOrDefault(id, List.of())));
            }
            return new StoryPage(items, more ? last.encode() : null);
        });
    }

    Optional<StoryDetail> find(String storyId) {
        return db.read("find story", c -> {
            List<StoryDetail.Member> members = members(c, List.of(storyId)).get(storyId);
            if (members == null || members.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new StoryDetail(summary(c, storyId, members), members));
        });
    }

    /** The releases of each story, in time order (day, then when stored). */
    private static Map<String, List<StoryDetail.Member>> members(Connection c, List<String> ids) throws SQLException {
        Map<String, List<StoryDetail.Member>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT story_id, release_id, title, language, source_url,"
                + " sort_date, duplicate_of, story_link FROM releases WHERE story_id IN (" + in + ")"
                + " ORDER BY sort_date, stored_at, release_id")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String link = rs.getString("story_link");
                    out.computeIfAbsent(rs.getString("story_id"), k -> new ArrayList<>())
                            .add(new StoryDetail.Member(
                                    rs.getString("release_id"),
                                    rs.getString("title"),
                                    rs.getString("language"),
                                    host(rs.getString("source_url")),
                                    rs.getString("source_url"),
                                    rs.getObject("sort_date", LocalDate.class),
                                    rs.getString("duplicate_of"),
                                    link == null ? null : Json.read(link, StoryDetail.StoryLink.class)));
                }
            }
        }
        return out;
    }

    private static StorySummary summary(Connection c, String id, List<StoryDetail.Member> members) throws SQLException {
        Map<String, String> headlines = new LinkedHashMap<>();
        LinkedHashSet<String> languages = new LinkedHashSet<>();
        LinkedHashSet<String> sources = new LinkedHashSet<>();
        for (StoryDetail.Member m : members) {
            headlines.putIfAbsent(m.language(), m.title());
            languages.add(m.language());
            sources.add(m.source());
        }
        return new StorySummary(
                id,
                headlines,
                List.copyOf(languages),
                List.copyOf(sources),
                members.size(),
                members.isEmpty() ? null : members.get(0).date(),
                members.stream()
                        .map(StoryDetail.Member::date)
                        .max(LocalDate::compareTo)
                        .orElse(null),
                labels(c, "release_regions", "region", id),
                labels(c, "release_topics", "topic", id));
    }

    private static List<String> labels(Connection c, String table, String column, String storyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT x." + column + ", COUNT(*) AS n FROM " + table
                + " x JOIN releases r ON r.release_id = x.release_id WHERE r.story_id = ? GROUP BY x." + column
                + " ORDER BY n DESC, x." + column)) {
            ps.setString(1, storyId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** The host of a release URL without "www.", or "unknown". */
    static String host(String url) {
        if (url == null) {
            return "unknown";
        }
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return "unknown";
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return "unknown";
        }
    }
}
