package org.bulletin.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.bulletin.enrich.corpus.RealCorpus;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.Release;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Classification measured on real releases (#14): per-label precision and recall on the corpus's tune and test
 * parts, primary-topic accuracy, and how many off-domain pages get any label (corpus off-domain pages, and the
 * general news pages of the article-extraction benchmark). Skipped when the texts are absent (see corpus/README.md).
 */
@Tag("issue-14")
class RealClassificationTest {

    /** Also used by {@link RealPageChromeTest}, which scores the same pages with chrome added. */
    private static final Enricher enricher = Enricher.fromClasspath();

    record Result(
            LabelTally regions,
            LabelTally topics,
            int primaryRight,
            int inScope,
            int offDomain,
            int offDomainLabelled,
            int inScopeUnlabelled) {

        void print(String what) {
            System.out.printf(
                    Locale.ROOT,
                    "== %s: %d in-scope releases, primary topic %.3f; off-domain labelled %d of %d; "
                            + "in-scope judged out of scope %d%n",
                    what,
                    inScope,
                    inScope == 0 ? 0 : (double) primaryRight / inScope,
                    offDomainLabelled,
                    offDomain,
                    inScopeUnlabelled);
            regions.print("regions");
            topics.print("topics");
        }

        double primary() {
            return inScope == 0 ? 0 : (double) primaryRight / inScope;
        }

        /** This part and {@code other} together. */
        Result plus(Result other) {
            LabelTally r = new LabelTally();
            r.addAll(regions);
            r.addAll(other.regions);
            LabelTally t = new LabelTally();
            t.addAll(topics);
            t.addAll(other.topics);
            return new Result(
                    r,
                    t,
                    primaryRight + other.primaryRight,
                    inScope + other.inScope,
                    offDomain + other.offDomain,
                    offDomainLabelled + other.offDomainLabelled,
                    inScopeUnlabelled + other.inScopeUnlabelled);
        }
    }

    static Result score(List<RealCorpus.Page> pages, boolean verbose) {
        LabelTally regions = new LabelTally();
        LabelTally topics = new LabelTally();
        int primary = 0;
        int in = 0;
        int off = 0;
        int offLabelled = 0;
        int inUnlabelled = 0;
        for (RealCorpus.Page p : pages) {
            List<Release> releases = enricher.enrich(new RawDocument(
                    p.id(),
                    "corpus",
                    p.url(),
                    Instant.now(),
                    "text/plain",
                    "UTF-8",
                    p.text().getBytes(StandardCharsets.UTF_8),
                    -1,
                    -1L));
            Release r = releases.isEmpty() ? null : releases.get(0);
            List<String> gotTopics = r == null
                    ? List.of()
                    : r.getTopics().stream().map(Label::getId).toList();
            Set<String> gr = r == null
                    ? Set.of()
                    : new TreeSet<>(r.getRegions().stream().map(Label::getId).toList());
            Set<String> gt = new TreeSet<>(gotTopics);
            if (!p.inScope()) {
                off++;
                if (!gr.isEmpty() || !gt.isEmpty()) {
                    offLabelled++;
                    if (verbose) {
                        System.out.printf(
                                "  OFF %s labelled regions=%s topics=%s | %s%n", p.id(), gr, gotTopics, r.getTitle());
                    }
                }
                continue;
            }
            in++;
            Set<String> wr = new TreeSet<>(p.regions());
            Set<String> wt = new TreeSet<>(p.topics());
            regions.add(wr, gr);
            topics.add(wt, gt);
            inUnlabelled += gr.isEmpty() && gt.isEmpty() ? 1 : 0;
            boolean primaryOk = !gotTopics.isEmpty()
                    && !p.topics().isEmpty()
                    && gotTopics.get(0).equals(p.topics().get(0));
            primary += primaryOk ? 1 : 0;
            if (verbose && (!wr.equals(gr) || !wt.equals(gt) || !primaryOk)) {
                System.out.printf(
                        "  %s regions want=%s got=%s | topics want=%s got=%s | %s%n",
                        p.id(), wr, gr, p.topics(), gotTopics, r == null ? "-" : r.getTitle());
            }
        }
        return new Result(regions, topics, primary, in, off, offLabelled, inUnlabelled);
    }

    /**
     * A part's figures per language: English and Russian releases differ (English topics and primary topics are
     * weaker), and the held-out set is two thirds English, so the mix of a part says how to read its totals.
     */
    private static void printByLanguage(List<RealCorpus.Page> pages, String split) {
        for (String lang : List.of("en", "ru")) {
            List<RealCorpus.Page> part = pages.stream()
                    .filter(p -> p.split().equals(split) && p.lang().equals(lang))
                    .toList();
            if (!part.isEmpty()) {
                score(part, false).print(split + ", " + lang);
            }
        }
    }

    @Test
    void shouldClassifyRealReleasesOnThePartNeverTunedOn() {
        List<RealCorpus.Page> pages = RealCorpus.pages();
        Assumptions.assumeTrue(
                !pages.isEmpty(), "real-page corpus texts not found (corpus/text): see corpus/README.md");
        String show = System.getProperty("corpus.verbose", "");
        Result tune = score(pages.stream().filter(p -> p.split().equals("tune")).toList(), show.contains("tune"));
        Result test = score(pages.stream().filter(p -> p.split().equals("test")).toList(), show.contains("test"));
        tune.print("tune");
        test.print("test (never tuned on)");
        printByLanguage(pages, "tune");
        printByLanguage(pages, "test");
        RealCorpus.Coverage coverage = RealCorpus.coverage(pages, "test");
        // The floors hold for the whole test part; a part of it is another sample (the figures above say how it
        // went). A collection that missed a few pages still counts.
        Assumptions.assumeTrue(
                coverage.whole(),
                "only " + coverage.read() + " of the test part's " + coverage.labelled()
                        + " pages have their texts: the floors are not judged on a part of it (corpus/README.md)");
        assertThat(test.regions().microF1())
                .as("region micro-F1 on the test part")
                .isGreaterThanOrEqualTo(0.87);
        assertThat(test.topics().microF1())
                .as("topic micro-F1 on the test part")
                .isGreaterThanOrEqualTo(0.83);
        assertThat(test.primary()).as("primary topic accuracy on the test part").isGreaterThanOrEqualTo(0.88);
        assertThat(test.offDomainLabelled()).as("off-domain pages labelled").isLessThanOrEqualTo(test.offDomain() / 10);
        assertThat(test.inScopeUnlabelled())
                .as("in-scope releases left unlabelled")
                .isLessThanOrEqualTo(test.inScope() / 50);
    }

    /**
     * The fresh set (corpus/README.md): real pages collected after the model was fitted and labelled from the contract
     * alone by readers who never saw the first labels; half may be looked at while tuning (fresh-dev), half is held
     * out. The floors, on both halves together, are regression floors under classifier 1.3's figures (0.867 / 0.824
     * / 0.791, 3 of 13 off-domain pages labelled), not the goals.
     */
    @Test
    void shouldHoldOnTheFreshSetLabelledBlind() {
        List<RealCorpus.Page> pages = RealCorpus.pages().stream()
                .filter(p -> p.split().startsWith("fresh"))
                .toList();
        Assumptions.assumeTrue(!pages.isEmpty(), "fresh-set texts not found (corpus/text): see corpus/README.md");
        String show = System.getProperty("corpus.verbose", "");
        Result dev =
                score(pages.stream().filter(p -> p.split().equals("fresh-dev")).toList(), show.contains("fresh-dev"));
        Result held =
                score(pages.stream().filter(p -> p.split().equals("fresh")).toList(), show.contains("fresh-held"));
        Result both = dev.plus(held);
        dev.print("fresh-dev");
        held.print("fresh (held out)");
        both.print("fresh, both halves");
        printByLanguage(pages, "fresh-dev");
        printByLanguage(pages, "fresh");
        Assumptions.assumeTrue(
                RealCorpus.coverage(pages, "fresh-dev").whole()
                        && RealCorpus.coverage(pages, "fresh").whole(),
                "only part of the fresh set has its texts: the floors are not judged on a part of it");
        assertThat(both.regions().microF1())
                .as("region micro-F1 on the fresh set")
                .isGreaterThanOrEqualTo(0.85);
        assertThat(both.topics().microF1())
                .as("topic micro-F1 on the fresh set")
                .isGreaterThanOrEqualTo(0.80);
        assertThat(both.primary()).as("primary topic accuracy on the fresh set").isGreaterThanOrEqualTo(0.77);
        assertThat(both.offDomainLabelled())
                .as("fresh off-domain pages labelled")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void shouldLeaveGeneralNewsPagesUnlabelled() throws Exception {
        Path dir = benchmarkDir();
        Assumptions.assumeTrue(
                dir != null, "article-extraction benchmark not found at ../shared/data/article-extraction-benchmark");
        int pages = 0;
        int labelled = 0;
        try (Stream<Path> files = Files.list(dir.resolve("html"))) {
            for (Path f : files.sorted().toList()) {
                byte[] html;
                try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    html = in.readAllBytes();
                }
                List<Release> releases = enricher.enrich(new RawDocument(
                        f.getFileName().toString(),
                        "benchmark",
                        null,
                        Instant.now(),
                        "text/html",
                        "UTF-8",
                        html,
                        -1,
                        -1L));
                pages++;
                boolean any = releases.stream()
                        .anyMatch(
                                r -> !r.getRegions().isEmpty() || !r.getTopics().isEmpty());
                if (any) {
                    labelled++;
                    if (System.getProperty("corpus.verbose", "").contains("bench")) {
                        Release r = releases.get(0);
                        System.out.printf(
                                "  BENCH %s regions=%s topics=%s%n",
                                r.getTitle(),
                                r.getRegions().stream().map(Label::getId).toList(),
                                r.getTopics().stream().map(Label::getId).toList());
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "== general news pages (article-extraction benchmark): %d of %d labelled (%.1f %%)%n",
                labelled,
                pages,
                100.0 * labelled / pages);
        // These pages train the scope decision as off-domain examples, so this is a regression floor, not a measure:
        // the benchmark's held-out half is the measure (at most 5 % labelled, the minimum).
        assertThat(labelled).as("general news pages labelled").isLessThanOrEqualTo(pages / 20);
    }

    static Path benchmarkDir() {
        String prop = System.getProperty("bulletin.benchmark.dir");
        for (Path p : prop != null
                ? List.of(Path.of(prop))
                : List.of(
                        Path.of("../../shared/data/article-extraction-benchmark"),
                        Path.of("../shared/data/article-extraction-benchmark"))) {
            if (Files.isDirectory(p.resolve("html"))) {
                return p;
            }
        }
        return null;
    }
}
