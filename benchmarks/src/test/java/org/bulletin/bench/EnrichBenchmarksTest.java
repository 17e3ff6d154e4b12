package org.bulletin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.bulletin.benchdata.ReleaseTexts;
import org.junit.jupiter.api.Test;

/** Runs each benchmark body a few times outside JMH: they must keep working, whatever they cost. */
class EnrichBenchmarksTest {

    @Test
    void shouldProduceOutputFromEveryBenchmarkBody() {
        for (String language : new String[] {"en", "ru", "mixed"}) {
            EnrichBenchmarks b = new EnrichBenchmarks();
            b.language = language;
            b.setUp();
            for (int i = 0; i < 3; i++) {
                assertThat(b.parseAndClean()).hasSize(1);
                assertThat(b.extract().mentions()).isNotEmpty();
                assertThat(b.classify().regions()).isNotEmpty();
                assertThat(b.dedupSignature()).hasSize(17);
                assertThat(b.enrich())
                        .singleElement()
                        .satisfies(r -> assertThat(r.getTitle()).isNotBlank());
            }
        }
    }

    @Test
    void shouldEnrichEveryReleaseOfTheSampleScrape() {
        ScrapeBenchmarks b = new ScrapeBenchmarks();
        b.setUp();
        assertThat(b.releasesPerScrape()).isEqualTo(5);
        assertThat(b.enrichScrape())
                .hasSize(5)
                .allSatisfy(r -> assertThat(r.getTitle()).isNotBlank());
    }

    @Test
    void shouldGenerateReleasesOfTypicalSizeInBothLanguagesWithDuplicates() {
        ReleaseTexts texts = new ReleaseTexts(1);
        Set<String> languages = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            ReleaseTexts.Doc d = texts.next();
            languages.add(d.language());
            assertThat(d.body().length).isBetween(1500, 12_000);
        }
        assertThat(languages).containsExactlyInAnyOrder("en", "ru");
        assertThat(texts.exactDuplicates()).isPositive();
        assertThat(texts.nearDuplicates()).isPositive();
    }

    @Test
    void shouldExtractTextFromEveryPageOfTheExtractionBenchmark() {
        ExtractionBenchmarks b = new ExtractionBenchmarks();
        b.setUp();
        for (int i = 0; i < b.pageCount(); i++) {
            assertThat(b.parseArticle().text()).isNotBlank();
        }
        assertThat(ExtractionBenchmarks.synthetic(1)).contains("article-body");
    }
}
