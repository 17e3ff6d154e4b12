package org.bulletin.publish.testdata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bulletin.schemas.Evidence;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.SourceRef;

/** Builds realistic enriched releases for tests. */
public final class Releases {

    private Releases() {}

    public static Release.Builder release(String id) {
        return Release.newBuilder()
                .setReleaseId(id)
                .setSourceRefs(List.of(SourceRef.newBuilder()
                        .setSourceId("mfa")
                        .setRawKey(id)
                        .setSourceUrl("https://example.org/press/" + id)
                        .setRawPartition(0)
                        .setRawOffset(7L)
                        .setFetchedAt(Instant.parse("2024-05-02T08:00:00Z"))
                        .build()))
                .setTitle("CSTO ministers discuss counter-terrorism cooperation " + id)
                .setPublishedDate(LocalDate.of(2024, 5, 1))
                .setLanguage("en")
                .setBodyText("Ministers of the member states met in Dushanbe.\n\nThey agreed on joint exercises against"
                        + " terrorism and drug trafficking in Central Asia.")
                .setLede("Ministers of the member states met in Dushanbe.")
                .setCountries(List.of("TJ", "RU"))
                .setRegions(List.of(label("central-asia", 0.9, "Central Asia")))
                .setTopics(List.of(label("counter-terrorism", 0.8, "terrorism")))
                .setParserVersion("parser-1")
                .setClassifierVersion("rules-1")
                .setEnrichedAt(Instant.parse("2024-05-02T08:00:01Z"));
    }

    public static Label label(String id, double score, String phrase) {
        return Label.newBuilder()
                .setId(id)
                .setScore(score)
                .setEvidence(List.of(Evidence.newBuilder()
                        .setPhrase(phrase)
                        .setStart(10)
                        .setEnd(10 + phrase.length())
                        .setRule("gazetteer:" + id)
                        .build()))
                .build();
    }
}
