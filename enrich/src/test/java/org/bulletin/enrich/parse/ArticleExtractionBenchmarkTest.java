package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scores {@link HtmlText#parse} on the development half of the public article-extraction benchmark (91 real news
 * pages with a human-checked article body) with the benchmark's own shingle metric. The data lives outside the repo,
 * in {@code shared/data/article-extraction-benchmark} beside it, or where {@code -Darticle.benchmark.dir} says; the
 * test is skipped when it is absent. Published on these pages: trafilatura 0.963, Readability.js 0.950.
 */
class ArticleExtractionBenchmarkTest {

    private static final String PROPERTY = "article.benchmark.dir";
    private static final double F1_FLOOR = 0.975;
    private static final double PR_FLOOR = 0.965;

    static Path dataDir() {
        String override = System.getProperty(PROPERTY);
        List<Path> tries = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            tries.add(Path.of(override));
        }
        tries.add(Path.of("../../shared/data/article-extraction-benchmark"));
        tries.add(Path.of("../shared/data/article-extraction-benchmark"));
        for (Path p : tries) {
            if (Files.isRegularFile(p.resolve("ground-truth.json"))) {
                return p;
            }
        }
        return tries.get(0);
    }

    static String page(Path dir, String id) throws IOException {
        try (InputStream in =
                new GZIPInputStream(Files.newInputStream(dir.resolve("html").resolve(id + ".html.gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldBeatThePublishedExtractorsOnTheDevelopmentPages() throws IOException {
        score("HtmlText.parse", html -> HtmlText.parse(html).text());
    }

    // What `bulletin extract` prints and the enrich stage classifies: the extractor's text through the release
    // splitter.
    @Test
    void shouldKeepTheScoreThroughTheEnrichStagesExtractStep() throws IOException {
        score(
                "Enricher.extract",
                html -> Enricher.extract(new RawDocument(
                                "page",
                                "benchmark",
                                null,
                                Instant.now(),
                                "text/html",
                                "UTF-8",
                                html.getBytes(StandardCharsets.UTF_8),
                                -1,
                                -1L))
                        .body());
    }

    private static void score(String what, Function<String, String> extractor) throws IOException {
        Path dir = dataDir();
        Assumptions.assumeTrue(
                Files.isRegularFile(dir.resolve("ground-truth.json")),
                "article-extraction benchmark not found at "
                        + dir.toAbsolutePath().normalize() + " (set -D" + PROPERTY + "=...)");
        JsonNode truth =
                new ObjectMapper().readTree(dir.resolve("ground-truth.json").toFile());
        ShingleScore score = new ShingleScore();
        List<String> worst = new ArrayList<>();
        int pages = 0;
        for (Iterator<String> ids = truth.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            String text = extractor.apply(page(dir, id));
            ShingleScore.Page p = score.add(truth.get(id).path("articleBody").asText(""), text);
            worst.add(String.format(
                    Locale.ROOT,
                    "%.3f %.3f %s %s",
                    p.precision(),
                    p.recall(),
                    id.substring(0, 8),
                    truth.get(id).path("url").asText()));
            pages++;
        }
        ShingleScore.Totals t = score.totals();
        worst.sort(null);
        System.out.printf(
                Locale.ROOT,
                "article-extraction benchmark via %s, %d pages: F1=%.4f precision=%.4f recall=%.4f%n",
                what,
                pages,
                t.f1(),
                t.precision(),
                t.recall());
        System.out.println("lowest precision (P R id url): "
                + String.join("; ", worst.subList(0, Math.min(5, worst.size()))));

        assertThat(pages).isEqualTo(91);
        assertThat(t.f1()).isGreaterThanOrEqualTo(F1_FLOOR);
        assertThat(t.precision()).isGreaterThanOrEqualTo(PR_FLOOR);
        assertThat(t.recall()).isGreaterThanOrEqualTo(PR_FLOOR);
    }
}
