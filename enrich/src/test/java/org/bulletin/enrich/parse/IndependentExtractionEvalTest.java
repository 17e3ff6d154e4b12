package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Scores main-content extraction on an evaluation set it was never tuned on: trafilatura's own (the {@code tests}
 * folder of github.com/adbar/trafilatura: 990 pages of news, blogs, shops, forums and public bodies in many languages,
 * each with up to six text segments the main content must hold and up to six boilerplate segments it must not). Its
 * metric, as {@code tests/eval_common.py} has it: a segment counts as found when it occurs, whitespace normalised, in
 * the output; precision, recall and F1 over all segments. The set lives outside the repository: point
 * {@code -Dbulletin.extraction.eval=DIR} at a folder holding its {@code evaldata.json}, {@code eval/} and
 * {@code cache/}; skipped otherwise (README.md, "Quality on real input", says how to get it).
 *
 * <p>Published on it (trafilatura's evaluation page, 2026-08-04): trafilatura 2.2.0 0.924, magic-html 0.889, jusText
 * 0.862, readability-lxml 0.826, goose3 0.810, boilerpy3 0.807, newspaper4k 0.801. The development half of the
 * article-extraction benchmark ({@link ArticleExtractionBenchmarkTest}) is what the extractor was tuned on; this set
 * says how far that holds elsewhere.
 */
class IndependentExtractionEvalTest {

    private static final String PROPERTY = "bulletin.extraction.eval";
    /** Measured 0.911 (2026-11-30, parse 1.2); a floor a little under it, as for any score on a set of pages. */
    private static final double F1_FLOOR = 0.89;

    @Test
    void shouldHoldOnPagesItWasNeverTunedOn() throws IOException {
        String dirName = System.getProperty(PROPERTY, "");
        Path dir = Path.of(dirName.isBlank() ? "." : dirName);
        Assumptions.assumeTrue(
                !dirName.isBlank() && Files.isRegularFile(dir.resolve("evaldata.json")),
                "trafilatura's evaluation set not given (-D" + PROPERTY + "=DIR with evaldata.json, eval/, cache/)");
        JsonNode data = new ObjectMapper().readTree(dir.resolve("evaldata.json").toFile());
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        int pages = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            JsonNode item = it.next().getValue();
            Path file = dir.resolve("cache").resolve(item.path("file").asText());
            if (!Files.isRegularFile(file)) {
                file = dir.resolve("eval").resolve(item.path("file").asText());
            }
            assertThat(file).as("a page of the evaluation set").isRegularFile();
            Enricher.Extracted x = Enricher.extract(new RawDocument(
                    file.getFileName().toString(),
                    "eval",
                    null,
                    Instant.now(),
                    "text/html",
                    null,
                    Files.readAllBytes(file),
                    -1,
                    -1L));
            String out = normalised((x.title() == null ? "" : x.title()) + " " + x.body());
            for (JsonNode w : item.path("with")) {
                if (out.contains(normalised(w.asText()))) {
                    tp++;
                } else {
                    fn++;
                }
            }
            for (JsonNode w : item.path("without")) {
                if (out.contains(normalised(w.asText()))) {
                    fp++;
                } else {
                    tn++;
                }
            }
            pages++;
        }
        double precision = (double) tp / Math.max(1, tp + fp);
        double recall = (double) tp / Math.max(1, tp + fn);
        double f1 = 2 * precision * recall / Math.max(1e-9, precision + recall);
        System.out.printf(
                Locale.ROOT,
                "independent extraction eval (trafilatura's set), %d pages, %d text and %d boilerplate segments: "
                        + "F1=%.3f precision=%.3f recall=%.3f accuracy=%.3f%n",
                pages,
                tp + fn,
                fp + tn,
                f1,
                precision,
                recall,
                (double) (tp + tn) / Math.max(1, tp + fp + fn + tn));
        assertThat(f1).as("F1 on trafilatura's evaluation set").isGreaterThanOrEqualTo(F1_FLOOR);
    }

    /** As Python's {@code re.sub(r"\\s+", " ", s).strip()}: Unicode white space (no-break spaces too). */
    private static final Pattern SPACE = Pattern.compile("(?U)\\s+");

    private static String normalised(String s) {
        return SPACE.matcher(s).replaceAll(" ").strip();
    }
}
