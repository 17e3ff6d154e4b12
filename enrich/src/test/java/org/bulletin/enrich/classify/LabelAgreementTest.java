package org.bulletin.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * How far two readers of the contract agree on the corpus's in-scope pages: the committed labels against a blind
 * second labelling ({@code corpus/second-labels.jsonl}, made from the contract alone without seeing the first). Needs no
 * page text. The figures are the ceiling the label noise puts on any classifier measured against the first labels;
 * the test itself checks that the second labels are well formed.
 */
class LabelAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReportHowFarTwoReadersOfTheContractAgree() throws IOException {
        Path corpus = corpus();
        Map<String, JsonNode> first = byId(corpus, "labels-en.jsonl", "labels-ru.jsonl");
        ClassificationRules rules = ClassificationRules.load(ClassifierTraining::rulesFile);
        Set<String> regionIds = Set.copyOf(rules.regionIds());
        Set<String> topicIds = Set.copyOf(rules.topicIds());

        Map<String, Agreement> bySplit = new TreeMap<>();
        int found = 0;
        int missing = 0;
        for (JsonNode second : lines(corpus.resolve("second-labels.jsonl"))) {
            String id = second.path("id").asText();
            assertThat(first).as("second label of an unknown page").containsKey(id);
            if (!second.path("found").asBoolean()) {
                missing++;
                assertThat(second.has("regions") || second.has("topics"))
                        .as("labels on a page not found: " + id)
                        .isFalse();
                continue;
            }
            found++;
            List<String> regions = strings(second.path("regions"));
            List<String> topics = strings(second.path("topics"));
            assertThat(regionIds).as("region ids of " + id).containsAll(regions);
            assertThat(topicIds).as("topic ids of " + id).containsAll(topics);
            boolean inScope = second.path("inScope").asBoolean();
            assertThat(inScope || regions.isEmpty() && topics.isEmpty())
                    .as("labels on a page judged out of scope: " + id)
                    .isTrue();
            JsonNode f = first.get(id);
            for (String split : List.of("all", f.path("split").asText())) {
                bySplit.computeIfAbsent(split, k -> new Agreement())
                        .add(
                                f.path("inScope").asBoolean(),
                                strings(f.path("regions")),
                                strings(f.path("topics")),
                                inScope,
                                regions,
                                topics);
            }
        }
        System.out.printf(Locale.ROOT, "== second labelling: %d pages labelled, %d not found%n", found, missing);
        bySplit.forEach((split, a) -> a.print(split));
    }

    /**
     * Where the first two readings differ, a third blind reader ({@code corpus/third-labels.jsonl}, the same brief)
     * read the page again: which of the two does it side with, label by label? Tells a label convention of the first
     * reader (sparser, say) from a slip of one reader.
     */
    @Test
    void shouldReportWhichReadingAThirdReaderSidesWith() throws IOException {
        Path corpus = corpus();
        Map<String, JsonNode> first = byId(corpus, "labels-en.jsonl", "labels-ru.jsonl");
        Map<String, JsonNode> second = byId(corpus, "second-labels.jsonl");
        Map<String, int[]> sides = new TreeMap<>();
        int pages = 0;
        for (JsonNode third : lines(corpus.resolve("third-labels.jsonl"))) {
            String id = third.path("id").asText();
            assertThat(second)
                    .as("a third reading of a page the second reader did not read")
                    .containsKey(id);
            assertThat(first.get(id).path("inScope").asBoolean())
                    .as("a third reading of an off-domain page")
                    .isTrue();
            if (!third.path("found").asBoolean()) {
                continue;
            }
            pages++;
            for (String kind : List.of("regions", "topics")) {
                List<String> f = strings(first.get(id).path(kind));
                List<String> s = strings(second.get(id).path(kind));
                List<String> t = strings(third.path(kind));
                Set<String> all = new java.util.TreeSet<>(f);
                all.addAll(s);
                for (String label : all) {
                    if (f.contains(label) != s.contains(label)) {
                        String key = kind + (f.contains(label) ? ", only the first gives it" : ", only the second");
                        sides.computeIfAbsent(key, k -> new int[2])[t.contains(label) == f.contains(label) ? 0 : 1]++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "== third reading: %d pages where the first two differ%n", pages);
        sides.forEach((k, v) -> System.out.printf(
                Locale.ROOT, "  %s: the third sides with the first %d times, with the second %d%n", k, v[0], v[1]));
    }

    /** The second reader's labels scored against the first's, as a classifier's would be. */
    private static final class Agreement {
        private final LabelTally regions = new LabelTally();
        private final LabelTally topics = new LabelTally();
        private int pages;
        private int bothIn;
        private int secondOut;
        private int primarySame;

        void add(
                boolean firstIn,
                List<String> firstRegions,
                List<String> firstTopics,
                boolean secondIn,
                List<String> secondRegions,
                List<String> secondTopics) {
            pages++;
            if (!firstIn) {
                return;
            }
            regions.add(new HashSet<>(firstRegions), new HashSet<>(secondRegions));
            topics.add(new HashSet<>(firstTopics), new HashSet<>(secondTopics));
            if (!secondIn) {
                secondOut++;
                return;
            }
            bothIn++;
            primarySame += !secondTopics.isEmpty() && secondTopics.get(0).equals(firstTopics.get(0)) ? 1 : 0;
        }

        void print(String split) {
            System.out.printf(
                    Locale.ROOT,
                    "== %s: %d pages; judged out of scope by the second reader %d; primary topic the same on %d of %d"
                            + " both in scope (%.3f)%n",
                    split,
                    pages,
                    secondOut,
                    primarySame,
                    bothIn,
                    bothIn == 0 ? 0.0 : (double) primarySame / bothIn);
            regions.print("  regions");
            topics.print("  topics");
        }
    }

    private static Path corpus() {
        return Files.isDirectory(Path.of("../corpus")) ? Path.of("../corpus") : Path.of("corpus");
    }

    /** The lines of the given label files of the corpus, by page id. */
    private static Map<String, JsonNode> byId(Path corpus, String... files) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String file : files) {
            for (JsonNode n : lines(corpus.resolve(file))) {
                out.put(n.path("id").asText(), n);
            }
        }
        return out;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
