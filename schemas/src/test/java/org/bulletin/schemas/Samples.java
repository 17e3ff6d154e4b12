package org.bulletin.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Fully populated records of every contract, for round-trip and interop tests. */
public final class Samples {

    public static final Instant FETCHED_AT = Instant.parse("2024-07-25T10:15:30.123Z");
    public static final String BODY = "On 25 July 2024, staff of the CSTO Secretariat met with graduates — ОДКБ.";

    private Samples() {}

    public static RawRelease rawRelease() {
        return RawRelease.newBuilder()
                .setSourceId("files")
                .setSourceUrl("file:///data/sample-raw-scrape.txt")
                .setFetchedAt(FETCHED_AT)
                .setContentType("text/plain")
                .setCharset("UTF-8")
                .setBody(ByteBuffer.wrap(BODY.getBytes(StandardCharsets.UTF_8)))
                .setContentHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setMetadata(Map.of("path", "sample-raw-scrape.txt", "etag", "\"abc\""))
                .build();
    }

    public static Release release() {
        Evidence evidence = Evidence.newBuilder()
                .setPhrase("Central Asian")
                .setStart(61)
                .setEnd(74)
                .setRule("gazetteer:central-asia")
                .build();
        return Release.newBuilder()
                .setReleaseId("file:///data/sample-raw-scrape.txt#1")
                .setSourceRefs(List.of(SourceRef.newBuilder()
                        .setSourceId("files")
                        .setSourceUrl("file:///data/sample-raw-scrape.txt")
                        .setRawKey("file:///data/sample-raw-scrape.txt")
                        .setRawPartition(2)
                        .setRawOffset(41L)
                        .setFetchedAt(FETCHED_AT)
                        .build()))
                .setTitle("CSTO Secretariat met graduates of Central Asian universities")
                .setPublishedDate(LocalDate.of(2024, 7, 25))
                .setLanguage("en")
                .setBodyText(BODY)
                .setLede("On 25 July 2024, staff of the CSTO Secretariat met with graduates.")
                .setPeople(List.of(Person.newBuilder()
                        .setName("Imangali Tasmagambetov")
                        .setRole("CSTO Secretary General")
                        .build()))
                .setOrganisations(List.of(Organisation.newBuilder()
                        .setId("CSTO")
                        .setName("Collective Security Treaty Organization")
                        .setMentions(List.of("CSTO", "ОДКБ"))
                        .build()))
                .setPlaces(List.of(Place.newBuilder()
                        .setName("Moscow")
                        .setCountryCode("RU")
                        .build()))
                .setCountries(List.of("KZ", "KG"))
                .setDates(List.of(LocalDate.of(2024, 7, 25)))
                .setRegions(List.of(Label.newBuilder()
                        .setId("central-asia")
                        .setScore(0.92)
                        .setEvidence(List.of(evidence))
                        .build()))
                .setTopics(List.of(
                        Label.newBuilder()
                                .setId("education")
                                .setScore(0.8)
                                .setEvidence(List.of())
                                .build(),
                        Label.newBuilder()
                                .setId("diplomacy")
                                .setScore(0.55)
                                .setEvidence(List.of())
                                .build()))
                .setDuplicateOf(null)
                .setFingerprint("5d41402abc4b2a76b9719d911017c592")
                .setParserVersion("parser-1")
                .setClassifierVersion("rules-2024.07")
                .setEnrichedAt(Instant.parse("2024-07-25T10:16:00.500Z"))
                .setReplay(false)
                .build();
    }

    public static Notification notification() {
        return Notification.newBuilder()
                .setReleaseId("file:///data/sample-raw-scrape.txt#1")
                .setTitle("CSTO Secretariat met graduates of Central Asian universities")
                .setRegions(List.of("central-asia"))
                .setTopics(List.of("education", "diplomacy"))
                .setUrl("https://en.odkb-csto.org/news/1")
                .setStoredAt(Instant.parse("2024-07-25T10:16:01.250Z"))
                .setReplay(true)
                .setClassifierVersion("rules-2024.07")
                .build();
    }
}
