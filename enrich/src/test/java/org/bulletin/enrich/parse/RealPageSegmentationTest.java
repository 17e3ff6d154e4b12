package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bulletin.enrich.corpus.RealCorpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Segmentation measured on real single-article pages (#13): each must give exactly one release holding the article's
 * lead, and no release may be made of chrome alone. Skipped when the corpus texts are absent (see corpus/README.md).
 */
@Tag("issue-13")
class RealPageSegmentationTest {

    @Test
    void shouldGiveOneReleasePerRealSingleArticlePageAndNoChromeRelease() {
        List<RealCorpus.Page> all = RealCorpus.pages();
        List<RealCorpus.Page> pages =
                all.stream().filter(p -> p.kind().equals("article")).toList();
        Assumptions.assumeTrue(
                !pages.isEmpty(), "real-page corpus texts not found (corpus/text): see corpus/README.md");
        boolean verbose = Boolean.getBoolean("corpus.verbose");
        int single = 0;
        int chrome = 0;
        int leadLost = 0;
        int titled = 0;
        int titleRight = 0;
        int ru = 0;
        List<String> misses = new ArrayList<>();
        for (RealCorpus.Page p : pages) {
            ru += p.lang().equals("ru") ? 1 : 0;
            List<ParsedRelease> releases = ReleaseSplitter.split(p.text());
            String lead = key(p.lead());
            int withLead = 0;
            for (ParsedRelease r : releases) {
                if (key(r.title() + " " + r.bodyText()).contains(lead)) {
                    withLead++;
                } else {
                    chrome++;
                }
            }
            single += releases.size() == 1 ? 1 : 0;
            leadLost += withLead == 0 ? 1 : 0;
            if (p.title() != null && !releases.isEmpty()) {
                titled++;
                if (key(releases.get(0).title()).equals(key(p.title()))) {
                    titleRight++;
                } else if (verbose) {
                    misses.add(p.id() + " title: " + releases.get(0).title() + "  <>  " + p.title());
                }
            }
            if (verbose && (releases.size() != 1 || withLead == 0)) {
                StringBuilder sb =
                        new StringBuilder(p.id() + " releases=" + releases.size() + " lead=" + (withLead > 0));
                for (ParsedRelease r : releases) {
                    sb.append("\n    [").append(r.title()).append("] ").append(abbreviate(r.bodyText()));
                }
                misses.add(sb.toString());
            }
        }
        double singleRate = (double) single / pages.size();
        System.out.printf(
                Locale.ROOT,
                "Real-page segmentation: %d pages (%d Russian): single release %d (%.1f %%), "
                        + "chrome releases %d, lead lost %d, title right %d of %d%n",
                pages.size(),
                ru,
                single,
                100 * singleRate,
                chrome,
                leadLost,
                titleRight,
                titled);
        misses.forEach(m -> System.out.println("  " + m));
        assertThat(singleRate)
                .as("share of single-article pages giving exactly one release")
                .isGreaterThanOrEqualTo(0.97);
        // The helpers' own versions of the pages reword the headline and the lead, so the labels' headline and lead
        // cannot be looked for in them: only the release count is measured there.
        Assumptions.assumeTrue(
                RealCorpus.textFolder().equals("text"),
                "headline and lead are checked on the pages' own texts only, not on " + RealCorpus.textFolder());
        // Count floors hold for the whole corpus; on a collection that came back partial, the figures above say how it
        // went.
        RealCorpus.Coverage coverage = RealCorpus.coverage(all);
        Assumptions.assumeTrue(
                coverage.whole(),
                "only " + coverage.read() + " of the corpus's " + coverage.labelled()
                        + " pages have their texts: the floors are not judged on a part of it (corpus/README.md)");
        // Floors a little under what the corpus gives today (99.7 %, 1 chrome release of 364 pages): the issue's
        // targets.
        assertThat(leadLost).as("pages whose article was dropped as chrome").isLessThanOrEqualTo(pages.size() / 100);
        assertThat(chrome).as("releases without the article's lead (chrome)").isLessThanOrEqualTo(pages.size() / 100);
        // The headline: 230 of 260 labelled pages on the whole corpus (2026-11-29), 150 of 161 on the 286 pages
        // collected on 2026-11-30.
        assertThat((double) titleRight / titled)
                .as("share of labelled headlines found")
                .isGreaterThanOrEqualTo(0.85);
    }

    private static String key(String s) {
        return s == null
                ? ""
                : s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 140 ? one : one.substring(0, 139) + "…";
    }
}
