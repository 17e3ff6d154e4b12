package org.bulletin.enrich.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open story as the linker keeps it: its releases, languages, sources, first headline per language, the days it
 * spans, label counts, and the summed weights of its releases' items (the story's centroid, up to scale). Mutable,
 * owned by one {@link StoryLinker}; stored as JSON in enrich's changelogged state store.
 */
public final class StoryState {

    /**
     * At most this many release ids are kept (the latest): a story's stored value, and the work of each release that
     * joins it, stay bounded however large it grows. The store and API keep every member (story_id on each release).
     */
    static final int MAX_RELEASE_IDS = 100;
    /** At most this many items are kept, the heaviest; pruned to {@link #KEEP_ITEMS} when over. */
    static final int MAX_ITEMS = 160;

    static final int KEEP_ITEMS = 120;

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String id;
    public long firstDay;
    public long lastDay;
    public List<String> releaseIds = new ArrayList<>();
    public int releaseCount;

    @com.fasterxml.jackson.annotation.JsonIgnore
    private double norm2 = -1;

    public List<String> languages = new ArrayList<>();
    public List<String> sources = new ArrayList<>();
    public Map<String, String> headlines = new LinkedHashMap<>();
    public Map<String, Integer> regions = new LinkedHashMap<>();
    public Map<String, Integer> topics = new LinkedHashMap<>();
    public Map<String, Double> items = new LinkedHashMap<>();

    /** The story a release opens: its id is derived from the release id, so a replay opens the same story. */
    static StoryState openedBy(StoryFeatures f) {
        StoryState s = new StoryState();
        s.id = idFor(f.releaseId());
        s.firstDay = f.day().toEpochDay();
        s.lastDay = s.firstDay;
        s.add(f);
        return s;
    }

    /** {@code story-} and the first 16 hex digits of the SHA-256 of the opening release's id. */
    static String idFor(String releaseId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(releaseId.getBytes(StandardCharsets.UTF_8));
            return "story-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    void add(StoryFeatures f) {
        if (releaseIds.contains(f.releaseId())) {
            return; // a replayed or revised release: already counted
        }
        releaseIds.add(f.releaseId());
        releaseCount++;
        if (releaseIds.size() > MAX_RELEASE_IDS) {
            releaseIds.remove(0);
        }
        long day = f.day().toEpochDay();
        firstDay = Math.min(firstDay, day);
        lastDay = Math.max(lastDay, day);
        if (f.language() != null && !languages.contains(f.language())) {
            languages.add(f.language());
        }
        if (!sources.contains(f.source())) {
            sources.add(f.source());
        }
        if (f.language() != null && f.title() != null) {
            headlines.putIfAbsent(f.language(), f.title());
        }
        f.regions().forEach(r -> regions.merge(r, 1, Integer::sum));
        f.topics().forEach(t -> topics.merge(t, 1, Integer::sum));
        f.items().forEach((k, w) -> items.merge(k, w, Double::sum));
        norm2 = -1;
        if (items.size() > MAX_ITEMS) {
            Map<String, Double> kept = new LinkedHashMap<>();
            byCount(items, KEEP_ITEMS).forEach(k -> kept.put(k, items.get(k)));
            items = kept;
        }
    }

    /** The squared norm of its items, computed once per change (a story is scored against many releases). */
    double norm2() {
        if (norm2 < 0) {
            double ss = 0;
            for (double w : items.values()) {
                ss += w * w;
            }
            norm2 = ss;
        }
        return norm2;
    }

    /** The canonical entities among its items (people, places, countries, organisations), with their weights. */
    public Map<String, Double> entities() {
        Map<String, Double> out = new LinkedHashMap<>();
        items.forEach((k, w) -> {
            if (!k.startsWith("term:") && !k.startsWith("year:") && !k.startsWith("name:")) {
                out.put(k, w);
            }
        });
        return out;
    }

    /** Label or item ids by count, largest first. */
    public static <N extends Number> List<String> byCount(Map<String, N> counts, int limit) {
        return counts.entrySet().stream()
                .sorted((a, b) ->
                        Double.compare(b.getValue().doubleValue(), a.getValue().doubleValue()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write story " + id + " as JSON", e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a stored story */
    public static StoryState fromJson(String json) {
        try {
            StoryState s = JSON.readValue(json, StoryState.class);
            if (s.id == null) {
                throw new IllegalArgumentException("stored story has no id: " + json);
            }
            return s;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored story: " + e.getOriginalMessage(), e);
        }
    }
}
