package org.bulletin.enrich;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Topics;

/**
 * The enrich topology: raw scrapes in, parsed/cleaned/classified releases out, exact and near duplicates marked, every
 * release routed to its region and topic topics, and whatever cannot be parsed sent to the dead-letter topic. Raw
 * records copied to the replay topic go through the same path and come out with {@code replay=true}.
 * {@code main}-style runners and {@code TopologyTestDriver} tests call the same {@link #build} method.
 */
public final class EnrichTopology {

    static final String DEDUP_STORE = "dedup-store";
    static final String SIGNATURE_STORE = "dedup-signatures-store";
    static final String STORY_STORE = "story-store";

    /**
     * Headers {@code bulletin replay} adds to each raw record it copies to the replay topic (the record's own headers
     * are kept): the marker, and the raw log partition, offset and timestamp (decimal strings) of the original.
     */
    public static final String REPLAY_HEADER = "bulletin.replay";

    public static final String REPLAY_ORIGIN_PARTITION = "bulletin.replay.origin.partition";
    public static final String REPLAY_ORIGIN_OFFSET = "bulletin.replay.origin.offset";
    public static final String REPLAY_ORIGIN_TIMESTAMP = "bulletin.replay.origin.timestamp";

    private EnrichTopology() {}

    public static Topology build(EnrichConfig config, Topics topics) {
        Enricher enricher = config.rulesDir().isBlank()
                ? Enricher.fromClasspath()
                : Enricher.fromDirectory(Path.of(config.rulesDir()));
        return build(config, topics, enricher);
    }

    public static Topology build(EnrichConfig config, Topics topics, Enricher enricher) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = topics.keySerde();
        Serde<Release> releases = topics.releaseSerde();
        Duration window = Duration.ofDays(config.dedupWindowDays());

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEDUP_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORY_STORE), Serdes.String(), Serdes.String()));
        // Near duplicates need every original's signature whatever partition it was deduplicated on: a global store,
        // restored from its (compacted) source topic, which the dedup step below feeds.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(SIGNATURE_STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                topics.signatures(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("signature-index"),
                () -> new SignatureIndexProcessor(window));

        // Raw values arrive as bytes and are decoded inside the parse step, so a record that is not valid Avro is a
        // dead letter with its origin, not a deserialization failure that stops or silently skips the task.
        // Replayed raw records (copied by 'bulletin replay') take the same parse path; the live source is untouched,
        // so replaying history never moves, skips or repeats the live position.
        KStream<String, byte[]> live = builder.stream(
                topics.raw(), Consumed.with(keys, Serdes.ByteArray()).withName("raw-source"));
        KStream<String, byte[]> replayed = builder.stream(
                topics.replay(), Consumed.with(keys, Serdes.ByteArray()).withName("replay-source"));
        KStream<String, ParseOutcome> parsed = live.merge(replayed, Named.as("raw-and-replay"))
                .process(
                        () -> new ParseProcessor(enricher, topics.rawSerde().deserializer(), topics.replay()),
                        Named.as("parse"));

        var branches = parsed.split(Named.as("parse-"))
                .branch((key, outcome) -> outcome.isDeadLetter(), Branched.as("dead"))
                .defaultBranch(Branched.as("ok"));

        branches.get("parse-dead")
                .mapValues(ParseOutcome::rawBytes, Named.as("dead-letter-bytes"))
                .to(topics.dlq(), Produced.with(keys, Serdes.ByteArray()).withName("dlq-sink"));

        Repartitioned<String, Release> byFingerprint =
                Repartitioned.<String, Release>as("dedup").withKeySerde(keys).withValueSerde(releases);
        if (config.dedupPartitions() > 0) {
            byFingerprint = byFingerprint.withNumberOfPartitions(config.dedupPartitions());
        }
        KStream<String, Deduped> deduped = branches.get("parse-ok")
                .mapValues(ParseOutcome::release, Named.as("parsed-release"))
                .selectKey((key, release) -> release.getFingerprint(), Named.as("dedup-key"))
                .repartition(byFingerprint)
                .processValues(() -> new DedupProcessor(window), Named.as("dedup"), DEDUP_STORE)
                .selectKey((fingerprint, result) -> result.release().getReleaseId(), Named.as("release-key"));

        deduped.filter((id, result) -> result.signature() != null, Named.as("signed-originals"))
                .mapValues(Deduped::signature, Named.as("signature-value"))
                .to(topics.signatures(), Produced.with(keys, Serdes.String()).withName("signatures-sink"));

        // Serialize each release once and write the same bytes to the enriched topic and to every routed copy: the
        // routed topics' subjects hold the same schema (Topics.registerAll, done by EnrichService at start), so the
        // schema id in the frame resolves for their consumers too. Re-serializing per sink cost a quarter of the
        // thread.
        // Story linking compares each release with every open story: one partition, so a release from any raw
        // partition or instance meets a story opened by any other, in one order that a replay repeats. Linking costs
        // little next to parsing, so one task keeps up with many parsing tasks (see README, "Stories").
        KStream<String, StoryProcessor.Linked> linked = deduped.mapValues(Deduped::release, Named.as("deduped-value"))
                .repartition(Repartitioned.<String, Release>as("story")
                        .withKeySerde(keys)
                        .withValueSerde(releases)
                        .withNumberOfPartitions(1))
                .processValues(() -> new StoryProcessor(config.storyWindowDays()), Named.as("story-link"), STORY_STORE);
        linked.map((id, l) -> KeyValue.pair(l.story().getStoryId(), l.story()), Named.as("story-value"))
                .to(topics.stories(), Produced.with(keys, topics.storySerde()).withName("stories-sink"));

        var releaseSerializer = releases.serializer();
        KStream<String, Routed> enriched = linked.mapValues(
                (id, l) -> new Routed(l.release(), releaseSerializer.serialize(topics.enriched(), l.release())),
                Named.as("deduped-release"));

        enriched.mapValues(Routed::bytes, Named.as("enriched-bytes"))
                .to(topics.enriched(), Produced.with(keys, Serdes.ByteArray()).withName("enriched-sink"));

        // Duplicates stay on the enriched topic (marked duplicateOf) but are not routed again.
        KStream<String, Routed> originals =
                enriched.filter((id, routed) -> routed.release().getDuplicateOf() == null, Named.as("originals"));
        for (String region : Topics.REGIONS) {
            originals
                    .filter((id, routed) -> Routing.hasRegion(routed.release(), region), Named.as("region-" + region))
                    .mapValues(Routed::bytes, Named.as("region-" + region + "-bytes"))
                    .to(
                            topics.byRegion(region),
                            Produced.with(keys, Serdes.ByteArray()).withName("region-" + region + "-sink"));
        }
        for (String topic : Topics.TOPICS) {
            originals
                    .filter((id, routed) -> Routing.hasTopic(routed.release(), topic), Named.as("topic-" + topic))
                    .mapValues(Routed::bytes, Named.as("topic-" + topic + "-bytes"))
                    .to(
                            topics.byTopic(topic),
                            Produced.with(keys, Serdes.ByteArray()).withName("topic-" + topic + "-sink"));
        }
        return builder.build();
    }

    /** A release with its wire-format bytes, between the dedup step and the sinks; never serialized itself. */
    record Routed(Release release, byte[] bytes) {}
}
