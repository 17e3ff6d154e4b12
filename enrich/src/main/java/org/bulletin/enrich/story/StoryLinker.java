package org.bulletin.enrich.story;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links releases into stories: a release joins the open story it is most similar to, when that similarity reaches the
 * threshold, or opens a new one. Similarity is the cosine between the release's items and the story's summed items
 * (see {@link StoryFeatures}), lowered by the days between the release and the story, and zero outside the window.
 * Candidates come from an inverted index over the telling items (not the ubiquitous organisations or concepts), so a
 * release is compared with the few stories that share a person, a place, a name or a year with it, not with every open
 * story. A duplicate joins its original's story. Single-threaded; the enrich stage runs it in one task so that a
 * release on any partition finds a story opened on any other (see {@code EnrichTopology}).
 */
public final class StoryLinker {

    /** Similarity from which a release joins a story; tuned on the stories set (docs/stories.md). */
    public static final double THRESHOLD = 0.30;
    /** Score lost per day between a release and the story's nearest day. */
    static final double PER_DAY = 0.04;

    /** What the linker decided for one release. */
    public record Link(String storyId, double score, boolean opened, List<String> evidence, StoryState story) {}

    /** Told of every story that changed (joined or opened) and every story that closed (left the window). */
    public interface Listener {
        void changed(StoryState story);

        void closed(String storyId);
    }

    private static final Listener NONE = new Listener() {
        @Override
        public void changed(StoryState story) {}

        @Override
        public void closed(String storyId) {}
    };

    private final int windowDays;
    private final double threshold;
    private final Listener listener;
    private final Map<String, StoryState> stories = new HashMap<>();
    private final Map<String, Set<String>> byItem = new HashMap<>();
    private final Map<String, String> byRelease = new HashMap<>();
    private long latestDay = Long.MIN_VALUE;

    public StoryLinker(int windowDays) {
        this(windowDays, THRESHOLD, NONE);
    }

    public StoryLinker(int windowDays, double threshold, Listener listener) {
        if (windowDays < 1) {
            throw new IllegalArgumentException("story window must be at least 1 day, got " + windowDays);
        }
        this.windowDays = windowDays;
        this.threshold = threshold;
        this.listener = listener == null ? NONE : listener;
    }

    /** Takes back stories stored earlier (a restarted task), without telling the listener. */
    public void restore(Collection<StoryState> stored) {
        for (StoryState s : stored) {
            stories.put(s.id, s);
            index(s);
            latestDay = Math.max(latestDay, s.lastDay);
        }
    }

    /** Links one release: joins the best open story or opens one. */
    public Link link(StoryFeatures f, String duplicateOf) {
        long day = f.day().toEpochDay();
        if (day > latestDay) {
            latestDay = day;
            evictBefore(latestDay - 2L * windowDays);
        }
        String known = byRelease.get(f.releaseId());
        if (known == null && duplicateOf != null) {
            known = byRelease.get(duplicateOf);
        }
        if (known != null && stories.containsKey(known)) {
            StoryState s = stories.get(known);
            Scored scored = score(f, s);
            join(s, f);
            return new Link(s.id, scored.score, false, scored.evidence, s);
        }
        StoryState best = null;
        Scored bestScore = null;
        for (String id : candidates(f)) {
            StoryState s = stories.get(id);
            Scored scored = score(f, s);
            if (bestScore == null || scored.score > bestScore.score) {
                best = s;
                bestScore = scored;
            }
        }
        if (best != null && bestScore.score >= threshold) {
            join(best, f);
            return new Link(best.id, bestScore.score, false, bestScore.evidence, best);
        }
        StoryState opened = StoryState.openedBy(f);
        stories.put(opened.id, opened);
        byRelease.put(f.releaseId(), opened.id);
        index(opened);
        listener.changed(opened);
        return new Link(opened.id, 0.0, true, List.of(), opened);
    }

    /** Open stories, for tests and tools. */
    public int size() {
        return stories.size();
    }

    private void join(StoryState s, StoryFeatures f) {
        s.add(f);
        byRelease.put(f.releaseId(), s.id);
        index(s);
        listener.changed(s);
    }

    private record Scored(double score, List<String> evidence) {}

    private Scored score(StoryFeatures f, StoryState s) {
        long day = f.day().toEpochDay();
        long gap = day < s.firstDay ? s.firstDay - day : Math.max(0, day - s.lastDay);
        if (gap > windowDays) {
            return new Scored(0, List.of());
        }
        double dot = 0;
        double rr = 0;
        List<String> shared = new ArrayList<>();
        for (Map.Entry<String, Double> e : f.items().entrySet()) {
            double w = e.getValue();
            rr += w * w;
            Double sw = s.items.get(e.getKey());
            if (sw != null) {
                dot += w * sw;
                shared.add(e.getKey());
            }
        }
        if (dot == 0) {
            return new Scored(0, List.of());
        }
        double ss = s.norm2();
        double cosine = dot / Math.sqrt(rr * ss);
        double score = Math.max(0, cosine - PER_DAY * gap);
        List<String> evidence = f.heaviest(shared);
        return new Scored(score, evidence.size() > 12 ? evidence.subList(0, 12) : evidence);
    }

    private Set<String> candidates(StoryFeatures f) {
        Set<String> out = new HashSet<>();
        for (String item : f.items().keySet()) {
            if (StoryFeatures.telling(item)) {
                Set<String> ids = byItem.get(item);
                if (ids != null) {
                    out.addAll(ids);
                }
            }
        }
        return out;
    }

    private void index(StoryState s) {
        for (String id : s.releaseIds) {
            byRelease.put(id, s.id);
        }
        for (String item : s.items.keySet()) {
            if (StoryFeatures.telling(item)) {
                byItem.computeIfAbsent(item, k -> new HashSet<>()).add(s.id);
            }
        }
    }

    private void evictBefore(long day) {
        List<StoryState> old = new ArrayList<>();
        for (StoryState s : stories.values()) {
            if (s.lastDay < day) {
                old.add(s);
            }
        }
        for (StoryState s : old) {
            stories.remove(s.id);
            s.releaseIds.forEach(byRelease::remove);
            for (String item : s.items.keySet()) {
                Set<String> ids = byItem.get(item);
                if (ids != null) {
                    ids.remove(s.id);
                    if (ids.isEmpty()) {
                        byItem.remove(item);
                    }
                }
            }
            listener.closed(s.id);
        }
    }
}
