package org.bulletin.publish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bulletin.publish.testdata.Releases.label;
import static org.bulletin.publish.testdata.Releases.release;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bulletin.publish.PublishConfig.ReplayNotifications;
import org.bulletin.schemas.Release;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store's behaviour, run once per database (one subclass each, as debezium's JDBC sink tests do). Subclasses
 * provide a fresh, empty database per class and drop it afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractReleaseStoreTest {

    private ReleaseStore store;

    protected abstract String jdbcUrl();

    protected abstract String user();

    protected String password() {
        return "";
    }

    protected void dropDatabase() {}

    private ReleaseStore store() {
        if (store == null) {
            store = ReleaseStore.open(jdbcUrl(), user(), password(), 2);
        }
        return store;
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        store();
        try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password());
                Statement s = c.createStatement()) {
            for (String table : List.of(
                    "release_history",
                    "release_regions",
                    "release_topics",
                    "release_countries",
                    "releases",
                    "outbox",
                    "kafka_offsets",
                    "relay_position")) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
        dropDatabase();
    }

    private WriteResult write(Release... releases) {
        return write(ReplayNotifications.FLAG, releases);
    }

    private WriteResult write(ReplayNotifications mode, Release... releases) {
        List<IncomingRelease> in = new ArrayList<>();
        for (Release r : releases) {
            in.add(IncomingRelease.of(r));
        }
        return store().write(in, List.of(), mode);
    }

    @Test
    void shouldKeepOneRowAndOneNotificationWhenTheSameReleaseIsWrittenTwice() {
        Release r = release("a-1").build();
        assertThat(write(r)).isEqualTo(new WriteResult(1, 0, 0, 1));
        assertThat(write(r)).isEqualTo(new WriteResult(0, 0, 1, 0));

        assertThat(store().count()).isEqualTo(1);
        assertThat(store().outboxAfter(0, 10))
                .singleElement()
                .satisfies(e -> assertThat(e.notification().getReleaseId()).isEqualTo("a-1"));
    }

    @Test
    void shouldReplaceClassificationAndKeepTheOldOneAsHistoryWhenClassifierIsNewer() {
        write(release("a-2").build());
        Release reclassified = release("a-2")
                .setClassifierVersion("rules-10")
                .setRegions(List.of(label("caucasus", 0.7, "Tbilisi")))
                .setCountries(List.of("GE"))
                .build();

        assertThat(write(reclassified)).isEqualTo(new WriteResult(0, 1, 0, 0));

        ReleaseDetail found = store().find("a-2").orElseThrow();
        assertThat(found.classifierVersion()).isEqualTo("rules-10");
        assertThat(labelIds(found.regions())).containsExactly("caucasus");
        List<ReleaseDetail.Superseded> history = found.history();
        assertThat(history).singleElement().satisfies(h -> {
            assertThat(h.classifierVersion()).isEqualTo("rules-1");
            assertThat(labelIds(h.regions())).containsExactly("central-asia");
            assertThat(List.of(h.classifiedAt(), h.supersededAt())).doesNotContainNull();
        });
        assertThat(store().query(ReleaseQuery.all().withLimit(10)).items()).hasSize(1);
        assertThat(store().query(new ReleaseQuery("caucasus", null, "GE", null, null, null, null, 10, null))
                        .items())
                .hasSize(1);
        assertThat(store().query(new ReleaseQuery("central-asia", null, null, null, null, null, null, 10, null))
                        .items())
                .isEmpty();
        assertThat(store().outboxAfter(0, 10)).hasSize(1);
    }

    @Test
    void shouldIgnoreAnOlderClassifierVersion() {
        write(release("a-3").setClassifierVersion("rules-3").build());
        assertThat(write(release("a-3").setClassifierVersion("rules-2").build()))
                .isEqualTo(new WriteResult(0, 0, 1, 0));
        assertThat(store().find("a-3").orElseThrow())
                .satisfies(f -> assertThat(f.classifierVersion()).isEqualTo("rules-3"))
                .extracting(ReleaseDetail::history)
                .asList()
                .isEmpty();
    }

    @Test
    void shouldStoreDuplicatesMarkedButNotNotifyThem() {
        write(release("orig").build(), release("dup").setDuplicateOf("orig").build());

        assertThat(store().find("dup").orElseThrow().duplicateOf()).isEqualTo("orig");
        assertThat(store().outboxAfter(0, 10))
                .extracting(e -> e.notification().getReleaseId())
                .containsExactly("orig");
    }

    @Test
    void shouldFlagReplayNotificationsOrSuppressThemAsConfigured() {
        write(ReplayNotifications.FLAG, release("r-flag").setReplay(true).build());
        write(
                ReplayNotifications.SUPPRESS,
                release("r-suppressed").setReplay(true).build());

        assertThat(store().count()).isEqualTo(2);
        assertThat(store().outboxAfter(0, 10)).singleElement().satisfies(e -> {
            assertThat(e.notification().getReleaseId()).isEqualTo("r-flag");
            assertThat(e.notification().getReplay()).isTrue();
        });
    }

    @Test // #6
    void shouldNotifyAReplayThatReclassifiesWithTheReplayFlagAndKeepTheOldClassificationInHistory() {
        write(release("rp-1").build());
        Release replayed = release("rp-1")
                .setReplay(true)
                .setClassifierVersion("rules-1+b7")
                .setRegions(List.of(label("caucasus", 0.7, "Tbilisi")))
                .build();

        assertThat(write(replayed)).isEqualTo(new WriteResult(0, 1, 0, 1));

        assertThat(store().count()).isEqualTo(1);
        assertThat(store().outboxAfter(0, 10))
                .extracting(
                        e -> e.notification().getReplay(),
                        e -> e.notification().getRegions(),
                        e -> e.notification().getClassifierVersion())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(false, List.of("central-asia"), "rules-1"),
                        org.assertj.core.groups.Tuple.tuple(true, List.of("caucasus"), "rules-1+b7"));
        ReleaseDetail found = store().find("rp-1").orElseThrow();
        assertThat(found.replay()).isTrue();
        assertThat(found.history())
                .singleElement()
                .satisfies(h -> assertThat(labelIds(h.regions())).containsExactly("central-asia"));
    }

    @Test // #6
    void shouldReplaceOnAReplayWhoseClassifierVersionSortsLowerBecauseItIsTheRulesRunningNow() {
        write(release("rp-2").setClassifierVersion("1.0+f3").build());

        assertThat(write(release("rp-2")
                        .setReplay(true)
                        .setClassifierVersion("1.0+0a")
                        .build()))
                .isEqualTo(new WriteResult(0, 1, 0, 1));
        assertThat(store().find("rp-2").orElseThrow().classifierVersion()).isEqualTo("1.0+0a");
    }

    @Test // #6
    void shouldNotNotifyAgainWhenAReplayFindsTheClassificationUnchanged() {
        write(release("rp-3").build());

        assertThat(write(release("rp-3").setReplay(true).build())).isEqualTo(new WriteResult(0, 0, 1, 0));
        assertThat(write(release("rp-3")
                        .setReplay(true)
                        .setClassifierVersion("rules-2")
                        .build()))
                .isEqualTo(new WriteResult(0, 1, 0, 1));
        assertThat(write(release("rp-3")
                        .setReplay(true)
                        .setClassifierVersion("rules-2")
                        .build()))
                .isEqualTo(new WriteResult(0, 0, 1, 0));
        assertThat(store().outboxAfter(0, 10)).hasSize(2);
    }

    @Test // #6
    void shouldNotNotifyAReplayedDuplicateOrAnySuppressedReplayOrALiveReclassification() {
        write(
                release("rp-orig").build(),
                release("rp-dup").setDuplicateOf("rp-orig").build(),
                release("rp-s").build());

        assertThat(write(release("rp-dup")
                        .setDuplicateOf("rp-orig")
                        .setReplay(true)
                        .setClassifierVersion("rules-2")
                        .build()))
                .isEqualTo(new WriteResult(0, 1, 0, 0));
        assertThat(write(
                        ReplayNotifications.SUPPRESS,
                        release("rp-s")
                                .setReplay(true)
                                .setClassifierVersion("rules-2")
                                .build()))
                .isEqualTo(new WriteResult(0, 1, 0, 0));
        assertThat(write(release("rp-orig").setClassifierVersion("rules-2").build()))
                .isEqualTo(new WriteResult(0, 1, 0, 0));
        assertThat(store().outboxAfter(0, 10))
                .extracting(e -> e.notification().getReleaseId())
                .containsExactly("rp-orig", "rp-s");
    }

    @Test
    void shouldRejectAnOversizedTitleAndStoreNothingOfThatTransaction() {
        Release good = release("ok").build();
        Release oversized = release("huge").setTitle("x".repeat(5000)).build();

        assertThatThrownBy(() -> write(good, oversized)).isInstanceOf(RecordRejectedException.class);
        assertThat(store().count()).isZero();
        assertThat(store().outboxAfter(0, 10)).isEmpty();
    }

    @Test
    void shouldCommitOffsetsWithTheRowsAndFenceAWriterWithAStaleOffset() {
        store().write(
                        List.of(IncomingRelease.of(release("o-1").build())),
                        List.of(new OffsetCommit("g", "t", 0, null, 5)),
                        ReplayNotifications.FLAG);
        assertThat(store().storedOffset("g", "t", 0)).hasValue(5);

        assertThatThrownBy(() -> store().write(
                                List.of(IncomingRelease.of(release("o-2").build())),
                                List.of(new OffsetCommit("g", "t", 0, 3L, 9)),
                                ReplayNotifications.FLAG))
                .isInstanceOf(OffsetConflictException.class);
        assertThat(store().storedOffset("g", "t", 0)).hasValue(5);
        assertThat(store().find("o-2")).isEmpty();

        store().write(List.of(), List.of(new OffsetCommit("g", "t", 0, 5L, 6)), ReplayNotifications.FLAG);
        assertThat(store().storedOffset("g", "t", 0)).hasValue(6);
        assertThat(store().storedOffset("g", "t", 1)).isEmpty();
    }

    @Test
    void shouldPageNewestFirstWithoutGapsOrOverlaps() {
        List<Release> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // two releases per day and one without a date, so ties on the date are broken by stored_at and id
            all.add(release("p-" + i)
                    .setPublishedDate(i == 6 ? null : LocalDate.of(2024, 4, 1 + i / 2))
                    .build());
        }
        write(all.toArray(Release[]::new));

        List<String> seen = new ArrayList<>();
        ReleaseQuery q = ReleaseQuery.all().withLimit(3);
        ReleasePage page;
        int pages = 0;
        do {
            page = store().query(q);
            page.items().forEach(m -> seen.add(m.id()));
            q = q.withCursor(page.nextCursor() == null ? null : Cursor.decode(page.nextCursor()));
            pages++;
        } while (page.nextCursor() != null);

        assertThat(pages).isEqualTo(3);
        // the undated one sorts by its stored day (today), so it comes first
        assertThat(seen).containsExactly("p-6", "p-5", "p-4", "p-3", "p-2", "p-1", "p-0");
    }

    @Test
    void shouldFilterByRegionTopicCountryLanguageAndDateRange() {
        write(
                release("f-en").build(),
                release("f-ru")
                        .setLanguage("ru")
                        .setCountries(List.of("KZ"))
                        .setPublishedDate(LocalDate.of(2024, 3, 1))
                        .setRegions(List.of(label("caucasus", 0.5, "Baku")))
                        .setTopics(List.of(label("trade", 0.6, "tariff")))
                        .build());

        assertThat(ids(store().query(q("caucasus", null, null, null, null, null))
                        .items()))
                .containsExactly("f-ru");
        assertThat(ids(store().query(q(null, "counter-terrorism", null, null, null, null))
                        .items()))
                .containsExactly("f-en");
        assertThat(ids(store().query(q(null, null, "KZ", null, null, null)).items()))
                .containsExactly("f-ru");
        assertThat(ids(store().query(q(null, null, null, "ru", null, null)).items()))
                .containsExactly("f-ru");
        assertThat(ids(store().query(q(null, null, null, null, LocalDate.of(2024, 4, 1), null))
                        .items()))
                .containsExactly("f-en");
        assertThat(ids(store().query(q(null, null, null, null, null, LocalDate.of(2024, 3, 1)))
                        .items()))
                .containsExactly("f-ru");
    }

    @Test
    void shouldFindReleasesByWordsInEnglishAndRussian() {
        write(
                release("t-en").build(),
                release("t-ru")
                        .setLanguage("ru")
                        .setTitle("Заседание Совета министров обороны ОДКБ")
                        .setBodyText("Министры обсудили борьбу с терроризмом.")
                        .build());

        assertThat(ids(store().query(text("Dushanbe")).items())).containsExactly("t-en");
        assertThat(ids(store().query(text("terrorism Dushanbe")).items())).containsExactly("t-en");
        assertThat(ids(store().query(text("Министры")).items())).containsExactly("t-ru");
        assertThat(store().query(text("Reykjavik")).items()).isEmpty();
    }

    @Test
    void shouldCountOriginalsByRegionTopicAndDay() {
        write(
                release("s-1").build(),
                release("s-2").build(),
                release("s-3").setDuplicateOf("s-1").build());

        ReleaseStats stats = store().stats();
        assertThat(stats.total()).isEqualTo(3L);
        assertThat(stats.duplicates()).isEqualTo(1L);
        assertThat(stats.byRegion()).isEqualTo(Map.of("central-asia", 2L));
        assertThat(stats.byTopic()).isEqualTo(Map.of("counter-terrorism", 2L));
        assertThat(stats.byDay()).isEqualTo(Map.of("2024-05-01", 2L));
    }

    @Test // #18
    void shouldFilterBySourceIdMatchingAnySourceRefAndNothingLikeIt() {
        write(
                release("src-mfa").build(),
                release("src-push")
                        .setSourceRefs(List.of(sourceRef("push", "src-push"), sourceRef("mfa_x", "src-push")))
                        .build(),
                release("src-other")
                        .setSourceRefs(List.of(sourceRef("mfaX", "src-other")))
                        .build());

        assertThat(ids(store().query(source("mfa")).items())).containsExactly("src-mfa");
        assertThat(ids(store().query(source("push")).items())).containsExactly("src-push");
        // '_' is a LIKE wildcard: 'mfa_x' must not match 'mfaX'
        assertThat(ids(store().query(source("mfa_x")).items())).containsExactly("src-push");
        assertThat(store().query(source("mf")).items()).isEmpty();
    }

    @Test // #18
    void shouldCountArrivalsWithDuplicatesAsTheListingWithTheSameFiltersShowsThem() {
        write(
                release("a-1").build(),
                release("a-2")
                        .setPublishedDate(LocalDate.of(2024, 6, 3))
                        .setLanguage("ru")
                        .setRegions(List.of(label("central-asia", 0.9, "Astana"), label("caucasus", 0.7, "Baku")))
                        .setTopics(List.of(label("diplomacy", 0.8, "visit")))
                        .setSourceRefs(List.of(sourceRef("push", "a-2")))
                        .build(),
                release("a-3").setDuplicateOf("a-1").build(),
                release("a-4").setRegions(List.of()).setTopics(List.of()).build());

        ReleaseArrivals a = store().arrivals(100);
        assertThat(a.total()).isEqualTo(4);
        assertThat(a.duplicates()).isEqualTo(1);
        assertThat(a.withoutRegion()).isEqualTo(1);
        assertThat(a.byRegion()).containsExactly(Map.entry("central-asia", 3L), Map.entry("caucasus", 1L));
        assertThat(a.byTopic()).containsExactly(Map.entry("counter-terrorism", 2L), Map.entry("diplomacy", 1L));
        assertThat(a.byRegionAndTopic())
                .isEqualTo(Map.of(
                        "caucasus", Map.of("diplomacy", 1L),
                        "central-asia", Map.of("counter-terrorism", 2L, "diplomacy", 1L)));
        assertThat(a.byLanguage()).containsExactly(Map.entry("en", 3L), Map.entry("ru", 1L));
        assertThat(a.bySource()).containsExactly(Map.entry("mfa", 3L), Map.entry("push", 1L));
        assertThat(a.sourcesRead()).isEqualTo(4);
        assertThat(a.byDay()).isEqualTo(Map.of(LocalDate.of(2024, 5, 1), 3L, LocalDate.of(2024, 6, 3), 1L));
        assertThat(a.byDayAndRegion().get(LocalDate.of(2024, 6, 3)))
                .isEqualTo(Map.of("central-asia", 1L, "caucasus", 1L));
        assertThat(a.byDayAndTopic().get(LocalDate.of(2024, 5, 1))).isEqualTo(Map.of("counter-terrorism", 2L));
        // each count is what the listing with the same filters holds
        assertThat(store().query(q("central-asia", "counter-terrorism", null, null, null, null))
                        .items())
                .hasSize(2);
        assertThat(store().query(source("mfa")).items()).hasSize(3);
        // the per-source counts read only the newest releases asked for
        assertThat(store().arrivals(1).sourcesRead()).isEqualTo(1);
    }

    @Test
    void shouldHandOutOutboxRowsInIdOrderAndPruneThemOnceRelayed() {
        write(release("n-1").build());
        write(release("n-2").build(), release("n-3").build());
        List<OutboxEntry> rows = store().outboxAfter(0, 10);
        assertThat(rows).extracting(e -> e.notification().getReleaseId()).containsExactly("n-1", "n-2", "n-3");

        store().saveRelayPosition("relay", rows.get(1).id());

        assertThat(store().relayPosition("relay")).isEqualTo(rows.get(1).id());
        assertThat(store().outboxAfter(0, 10))
                .extracting(OutboxEntry::id)
                .containsExactly(rows.get(2).id());
        assertThat(store().outboxBacklog(rows.get(1).id())).isEqualTo(1);
    }

    @Test
    void shouldReportTheSameStoreIdOnReopen() {
        try (ReleaseStore again = ReleaseStore.open(jdbcUrl(), user(), password(), 1)) {
            assertThat(again.storeId()).isEqualTo(store().storeId());
        }
    }

    private static ReleaseQuery q(
            String region, String topic, String country, String language, LocalDate from, LocalDate to) {
        return new ReleaseQuery(region, topic, country, language, null, from, to, 10, null);
    }

    private static ReleaseQuery source(String source) {
        return new ReleaseQuery(null, null, null, null, source, null, null, null, 10, null);
    }

    private static org.bulletin.schemas.SourceRef sourceRef(String sourceId, String key) {
        return org.bulletin.schemas.SourceRef.newBuilder()
                .setSourceId(sourceId)
                .setRawKey(key)
                .setSourceUrl("https://example.org/" + key)
                .setRawPartition(0)
                .setRawOffset(1L)
                .setFetchedAt(java.time.Instant.parse("2024-05-02T08:00:00Z"))
                .build();
    }

    private static ReleaseQuery text(String text) {
        return new ReleaseQuery(null, null, null, null, text, null, null, 10, null);
    }

    private static List<String> ids(List<ReleaseSummary> releases) {
        return releases.stream().map(ReleaseSummary::id).toList();
    }

    private static List<String> labelIds(List<ReleaseDetail.Label> labels) {
        return labels.stream().map(ReleaseDetail.Label::id).toList();
    }
}
