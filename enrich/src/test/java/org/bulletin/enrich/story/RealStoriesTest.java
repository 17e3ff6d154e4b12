package org.bulletin.enrich.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.bulletin.enrich.corpus.RealCorpus;
import org.bulletin.schemas.Release;
import org.junit.jupiter.api.Test;

/**
 * Story linking on real releases: the stories set of issue #17 ({@code corpus/stories/}, labels committed, texts
 * git-ignored; see its README). The pages are linked in the labels' order (by date), as {@code bulletin stories}
 * does, and the stories found are compared with the labelled ones pairwise and by B-cubed. Skipped where the texts
 * are absent. {@code -Dstories.verbose=true} prints every release's story.
 */
class RealStoriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Item(String id, String lang, String story, String found, double score, String title, boolean dated) {}

    /** The releases whose label gives a date (a live feed fetches every release on the day it appears). */
    static List<Item> dated(List<Item> items) {
        return items.stream().filter(Item::dated).toList();
    }

    static List<Item> link(Path dir, int windowDays, double threshold) throws IOException {
        Enricher enricher = Enricher.fromClasspath();
        StoryLinker linker = new StoryLinker(windowDays, threshold, null);
        List<Item> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            Path text = dir.resolve("text").resolve(n.path("id").asText() + ".txt");
            if (!Files.isRegularFile(text)) {
                continue;
            }
            String url = n.path("url").asText();
            // As a live feed would: fetched on the day it was published. An undated release is fetched today.
            Instant fetched = n.path("date").isTextual()
                    ? LocalDate.parse(n.path("date").asText())
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                    : null;
            RawDocument doc = new RawDocument(
                    url, "corpus", url, fetched, "text/plain", "UTF-8", Files.readAllBytes(text), -1, -1);
            List<Release> releases = enricher.enrich(doc);
            if (releases.isEmpty()) {
                continue;
            }
            Release r = releases.get(0);
            StoryLinker.Link link = linker.link(StoryFeatures.of(r), null);
            out.add(new Item(
                    n.path("id").asText(),
                    n.path("lang").asText(),
                    n.path("story").asText(),
                    link.storyId(),
                    link.score(),
                    r.getTitle(),
                    fetched != null));
        }
        return out;
    }

    /** Pairwise precision and recall, and B-cubed precision and recall, of found against labelled stories. */
    record Scores(double precision, double recall, double bcubedPrecision, double bcubedRecall, int pairs) {}

    static Scores score(List<Item> items) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                boolean same = items.get(i).story().equals(items.get(j).story());
                boolean found = items.get(i).found().equals(items.get(j).found());
                if (same && found) {
                    tp++;
                } else if (found) {
                    fp++;
                } else if (same) {
                    fn++;
                }
            }
        }
        Map<String, List<Item>> byStory = new HashMap<>();
        Map<String, List<Item>> byFound = new HashMap<>();
        items.forEach(it -> {
            byStory.computeIfAbsent(it.story(), k -> new ArrayList<>()).add(it);
            byFound.computeIfAbsent(it.found(), k -> new ArrayList<>()).add(it);
        });
        double bp = 0;
        double br = 0;
        for (Item it : items) {
            List<Item> cluster = byFound.get(it.found());
            List<Item> truth = byStory.get(it.story());
            long both =
                    cluster.stream().filter(o -> o.story().equals(it.story())).count();
            bp += (double) both / cluster.size();
            br += (double) both / truth.size();
        }
        return new Scores(
                tp + fp == 0 ? 1 : (double) tp / (tp + fp),
                tp + fn == 0 ? 1 : (double) tp / (tp + fn),
                bp / items.size(),
                br / items.size(),
                tp + fn);
    }

    static Path dir() {
        Path corpus = RealCorpus.dir();
        Path dir = corpus == null ? Path.of("../corpus/stories") : corpus.resolve("stories");
        return Files.isDirectory(dir.resolve("text")) && Files.isRegularFile(dir.resolve("labels.jsonl")) ? dir : null;
    }

    @Test
    void shouldLinkRealReportsOfOneEventAndKeepOtherEventsApart() throws IOException {
        Path dir = dir();
        assumeTrue(
                dir != null, "stories set absent (corpus/stories/text): collect it as corpus/stories/README.md says");
        List<Item> all = link(dir, 7, StoryLinker.THRESHOLD);
        // Scored on the releases whose label gives a date: a live feed fetches each release on the day it appears, and
        // the store's excerpts of the others lost the date their pages carry. All releases were linked, dated or not.
        List<Item> items = dated(all);
        assumeTrue(items.size() >= 20, "fewer than 20 dated story texts present: " + items.size());
        Scores s = score(items);
        Scores undatedToo = score(all);
        System.out.printf(
                "stories, undated releases fetched today included: pairwise precision %.3f recall %.3f%n",
                undatedToo.precision(), undatedToo.recall());
        if (Boolean.getBoolean("stories.verbose")) {
            items.forEach(it -> System.out.printf(
                    "%-10s %-2s %-44s %-24s %.3f %s%n",
                    it.id(), it.lang(), it.story(), it.found(), it.score(), it.title()));
        }
        System.out.printf(
                "stories: %d releases, %d labelled stories; pairwise precision %.3f recall %.3f (%d true pairs);"
                        + " B-cubed precision %.3f recall %.3f%n",
                items.size(),
                items.stream().map(Item::story).distinct().count(),
                s.precision(),
                s.recall(),
                s.pairs(),
                s.bcubedPrecision(),
                s.bcubedRecall());
        // Floors just below what the set gives (docs/stories.md); the minimum is 0.90 / 0.80.
        assertThat(s.precision()).as("pairwise precision").isGreaterThanOrEqualTo(0.93);
        assertThat(s.recall()).as("pairwise recall").isGreaterThanOrEqualTo(0.88);
    }
}
