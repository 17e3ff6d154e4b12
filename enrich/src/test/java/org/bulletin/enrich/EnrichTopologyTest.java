package org.bulletin.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.bulletin.enrich.story.StoryLinkerTest;
import org.bulletin.schemas.DeadLetterHeaders;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {

    private static final String TEXT = """
            CSTO experts assessed the situation on the Tajik-Afghan border
            14.03.2025
            On 14 March 2025, a working group of the CSTO Secretariat visited border outposts of the Republic of \
            Tajikistan on the Tajik-Afghan border and discussed reinforcing the state border.
            Go back
            """;

    private TopologyTestDriver driver;
    private Topics topics;
    private TestInputTopic<String, RawRelease> raw;
    private TestInputTopic<String, byte[]> rawBytes;
    private TestOutputTopic<String, Release> enriched;
    private TestOutputTopic<String, byte[]> dlq;

    @BeforeEach
    void setUp() {
        topics = Topics.defaults(new InMemorySchemaRegistry());
        EnrichConfig config = new EnrichConfig(Map.of());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(EnrichTopology.build(config, topics), props);
        raw = driver.createInputTopic(
                topics.raw(), Serdes.String().serializer(), topics.rawSerde().serializer());
        rawBytes = driver.createInputTopic(
                topics.raw(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        enriched = driver.createOutputTopic(
                topics.enriched(),
                Serdes.String().deserializer(),
                topics.releaseSerde().deserializer());
        dlq = driver.createOutputTopic(
                topics.dlq(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldEnrichARawReleaseIntoAClassifiedRelease() {
        raw.pipeInput("https://csto.example/news/1", raw(TEXT, "https://csto.example/news/1"));

        List<TestRecord<String, Release>> out = enriched.readRecordsToList();
        assertThat(out).hasSize(1);
        Release release = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo(release.getReleaseId()).isEqualTo("https://csto.example/news/1");
        assertThat(release.getTitle()).contains("Tajik-Afghan border");
        assertThat(release.getRegions()).extracting(Label::getId).contains("central-asia");
        assertThat(release.getTopics()).extracting(Label::getId).contains("border-security");
        assertThat(release.getClassifierVersion()).isNotBlank();
        assertThat(release.getDuplicateOf()).isNull();
        assertThat(release.getSourceRefs())
                .singleElement()
                .satisfies(ref -> assertThat(ref.getRawKey()).isEqualTo("https://csto.example/news/1"));
    }

    @Test
    void shouldRouteReleasesToTheirRegionAndTopicTopics() {
        raw.pipeInput("k1", raw(TEXT, null));

        var central = driver.createOutputTopic(
                topics.byRegion("central-asia"),
                Serdes.String().deserializer(),
                topics.releaseSerde().deserializer());
        var border = driver.createOutputTopic(
                topics.byTopic("border-security"),
                Serdes.String().deserializer(),
                topics.releaseSerde().deserializer());
        var caucasus = driver.createOutputTopic(
                topics.byRegion("caucasus"),
                Serdes.String().deserializer(),
                topics.releaseSerde().deserializer());
        assertThat(central.readKeyValuesToList()).hasSize(1);
        assertThat(border.readKeyValuesToList()).hasSize(1);
        assertThat(caucasus.isEmpty()).isTrue();
    }

    @Test
    void shouldMarkTheSameTextFromAnotherSourceAsADuplicateAndNotRouteIt() {
        raw.pipeInput("https://a.example/1", raw(TEXT, "https://a.example/1"));
        raw.pipeInput("https://b.example/copy", raw(TEXT + "\n", "https://b.example/copy"));

        List<Release> out = enriched.readValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).getDuplicateOf()).isNull();
        assertThat(out.get(1).getDuplicateOf()).isEqualTo("https://a.example/1");
        var central = driver.createOutputTopic(
                topics.byRegion("central-asia"),
                Serdes.String().deserializer(),
                topics.releaseSerde().deserializer());
        assertThat(central.readKeyValuesToList()).hasSize(1);
    }

    @Test
    void shouldNotMarkAReplayOfTheSameReleaseAsItsOwnDuplicate() {
        raw.pipeInput("k1", raw(TEXT, null));
        raw.pipeInput("k1", raw(TEXT, null));

        assertThat(enriched.readValuesToList())
                .extracting(Release::getDuplicateOf)
                .containsExactly(null, null);
    }

    @Test // #6
    void shouldMarkReleasesFromTheReplayTopicAsReplaysWithTheirRawOrigin() {
        raw.pipeInput("https://a.example/1", raw(TEXT, "https://a.example/1"));
        raw.pipeInput("https://b.example/copy", raw(TEXT + "\n", "https://b.example/copy"));
        enriched.readValuesToList();
        var replay = driver.createInputTopic(
                topics.replay(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        byte[] bytes =
                topics.rawSerde().serializer().serialize(topics.raw(), raw(TEXT + "\n", "https://b.example/copy"));
        var copy = new TestRecord<>(
                "https://b.example/copy",
                bytes,
                new org.apache.kafka.common.header.internals.RecordHeaders()
                        .add(ParseProcessor.REPLAY_HEADER, "true".getBytes(StandardCharsets.UTF_8))
                        .add(ParseProcessor.REPLAY_ORIGIN_PARTITION, "0".getBytes(StandardCharsets.UTF_8))
                        .add(ParseProcessor.REPLAY_ORIGIN_OFFSET, "1".getBytes(StandardCharsets.UTF_8))
                        .add(
                                ParseProcessor.REPLAY_ORIGIN_TIMESTAMP,
                                Long.toString(Instant.parse("2025-03-15T10:00:00Z")
                                                .toEpochMilli())
                                        .getBytes(StandardCharsets.UTF_8)),
                Instant.parse("2026-11-01T00:00:00Z"));
        replay.pipeInput(copy);

        TestRecord<String, Release> out = enriched.readRecord();
        assertThat(out.value().getReplay()).isTrue();
        assertThat(out.value().getReleaseId()).isEqualTo("https://b.example/copy");
        // Still a duplicate of the first release: the dedup window measured from the raw record's time, not the copy's.
        assertThat(out.value().getDuplicateOf()).isEqualTo("https://a.example/1");
        assertThat(out.value().getSourceRefs())
                .singleElement()
                .satisfies(ref -> assertThat(ref.getRawOffset()).isEqualTo(1L));
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldNotMarkLiveReleasesAsReplays() {
        raw.pipeInput("k1", raw(TEXT, null));

        assertThat(enriched.readValuesToList()).extracting(Release::getReplay).containsExactly(false);
    }

    @Test
    void shouldSendBytesThatAreNotARawReleaseToTheDeadLetterTopicAndKeepGoing() {
        rawBytes.pipeInput("bad", "not avro at all".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput("good", raw(TEXT, null));

        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(dead.key()).isEqualTo("bad");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        assertThat(header(dead, DeadLetterHeaders.STAGE)).isEqualTo("enrich");
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("not a RawRelease");
        assertThat(header(dead, DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(topics.raw());
        assertThat(header(dead, DeadLetterHeaders.ORIGIN_OFFSET)).isEqualTo("0");
        assertThat(enriched.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldSendADocumentWithNoReleaseToTheDeadLetterTopic() {
        raw.pipeInput("empty", raw("   \n\n  ", null));

        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(header(dead, DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldSplitTheRealSampleScrapeIntoSeveralReleases() throws Exception {
        Path sample = Path.of(EnrichTopologyTest.class
                .getResource("/devset/dev/sample-raw-scrape.txt")
                .toURI());
        raw.pipeInput("sample", raw(Files.readString(sample), null));

        List<Release> out = enriched.readValuesToList();
        assertThat(out).hasSizeGreaterThanOrEqualTo(4);
        assertThat(out)
                .extracting(Release::getReleaseId)
                .doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("sample#"));
    }

    private static final String LONG_TEXT = """
            CSTO Secretary General held talks with the Minister of Foreign Affairs of Kyrgyzstan
            12.05.2025
            On 12 May 2025, the CSTO Secretary General held talks in Bishkek with the Minister of Foreign Affairs of \
            the Kyrgyz Republic. The parties discussed the situation on the external borders of the Organisation, \
            the implementation of the interstate targeted programme for strengthening the Tajik-Afghan border, the \
            preparation of the joint exercises of the Collective Rapid Reaction Forces scheduled for the autumn, and \
            the agenda of the forthcoming session of the Collective Security Council. The Minister noted the \
            importance of coordinated foreign policy actions of the member states in international organisations \
            and thanked the Secretariat for its assistance in organising consultations on countering international \
            terrorism and extremism. The Secretary General informed the Minister about the results of the recent \
            meeting of the Committee of Secretaries of Security Councils and about the plans for cooperation with \
            the United Nations and the Shanghai Cooperation Organisation in the current year.
            """;

    @Test
    void shouldMarkALightlyEditedCopyFromAnotherPartitionAsANearDuplicate() {
        raw.pipeInput("https://a.example/original", raw(LONG_TEXT, "https://a.example/original"));
        String edited = LONG_TEXT
                .replace("scheduled for the autumn", "planned for the autumn")
                .replace("in the current year", "this year");
        raw.pipeInput("https://b.example/reprint", raw(edited, "https://b.example/reprint"));
        raw.pipeInput("other", raw(TEXT, null));

        List<Release> out = enriched.readValuesToList();
        assertThat(out)
                .extracting(Release::getReleaseId)
                .containsExactly("https://a.example/original", "https://b.example/reprint", "other");
        assertThat(out.get(0).getDuplicateOf()).isNull();
        assertThat(out.get(1).getFingerprint()).isNotEqualTo(out.get(0).getFingerprint());
        assertThat(out.get(1).getDuplicateOf()).isEqualTo("https://a.example/original");
        assertThat(out.get(2).getDuplicateOf()).isNull();
    }

    @Test
    void shouldNotMarkAReplayOfANearDuplicateOriginalAsItsOwnDuplicate() {
        raw.pipeInput("https://a.example/original", raw(LONG_TEXT, "https://a.example/original"));
        raw.pipeInput(
                "https://a.example/original", raw(LONG_TEXT.replace("this", "that"), "https://a.example/original"));

        assertThat(enriched.readValuesToList())
                .extracting(Release::getDuplicateOf)
                .containsExactly(null, null);
    }

    @Test
    void shouldDeadLetterABodyThatIsNotTheUtf8ItSaysItIs() {
        byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(text, text.length + 3);
        bad[text.length] = (byte) 0xC3;
        bad[text.length + 1] = 0x28;
        bad[text.length + 2] = (byte) 0xFF;
        RawRelease corrupt = raw(TEXT, null);
        corrupt.setBody(ByteBuffer.wrap(bad));
        raw.pipeInput("corrupt", corrupt);

        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(dead.key()).isEqualTo("corrupt");
        assertThat(header(dead, DeadLetterHeaders.REASON)).contains("not valid UTF-8");
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterADocumentWhoseTextIsTooLongForATopicRecord() {
        String huge = "CSTO exercise in Tajikistan\n12.05.2025\n"
                + "The collective forces held an exercise near Dushanbe with units of the member states. "
                        .repeat(4_000);
        raw.pipeInput("huge", raw(huge, null));

        TestRecord<String, byte[]> dead = dlq.readRecord();
        assertThat(header(dead, DeadLetterHeaders.REASON)).contains("over the limit");
        assertThat(enriched.isEmpty()).isTrue();
    }

    private static String header(TestRecord<String, byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldLinkAnEnglishAndARussianReportIntoOneStoryAndWriteTheStory() {
        raw.pipeInput("https://a.example/en", raw(StoryLinkerTest.CSTO_EN, "https://a.example/en"));
        raw.pipeInput("https://b.example/ru", raw(StoryLinkerTest.CSTO_RU, "https://b.example/ru"));
        raw.pipeInput("https://c.example/kanal", raw(StoryLinkerTest.KANAL_RU, "https://c.example/kanal"));

        List<Release> out = enriched.readValuesToList();
        assertThat(out).hasSize(3);
        assertThat(out.get(0).getStoryLink().getOpened()).isTrue();
        assertThat(out.get(1).getStoryId()).isEqualTo(out.get(0).getStoryId());
        assertThat(out.get(1).getStoryLink().getEvidence()).contains("term:interaction");
        assertThat(out.get(2).getStoryId()).isNotEqualTo(out.get(0).getStoryId());
        assertThat(out.get(1).getPeople()).allSatisfy(p -> assertThat(p.getId()).startsWith("person:"));
        var stories = driver.createOutputTopic(
                        topics.stories(),
                        Serdes.String().deserializer(),
                        topics.storySerde().deserializer())
                .readKeyValuesToMap();
        assertThat(stories).hasSize(2);
        var story = stories.get(out.get(0).getStoryId());
        assertThat(story.getReleaseIds()).containsExactly("https://a.example/en", "https://b.example/ru");
        assertThat(story.getLanguages()).containsExactly("en", "ru");
        assertThat(story.getHeadlines()).containsKeys("en", "ru");
        assertThat(story.getEntities()).contains("TJ:fahrabad");
    }

    static RawRelease raw(String text, String url) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try {
            String hash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            return RawRelease.newBuilder()
                    .setSourceId("test")
                    .setSourceUrl(url)
                    .setFetchedAt(Instant.parse("2025-03-15T10:00:00Z"))
                    .setContentType("text/plain")
                    .setCharset("UTF-8")
                    .setBody(ByteBuffer.wrap(body))
                    .setContentHash(hash)
                    .build();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
