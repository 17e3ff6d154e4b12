package org.bulletin.schemas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.bulletin.schemas.registry.SchemaRegistry;
import org.bulletin.schemas.serde.AvroSerde;

/**
 * The topic catalogue: every topic name the platform reads or writes, and the serdes for their keys and values.
 * Names default to {@code bulletin.<what>.v1} and can be overridden by configuration (see {@link #configDef()}).
 * Immutable and thread-safe; the serdes it hands out are shared value serdes (never {@code configure(.., true)}
 * them: that would move every user's subject to {@code -key}).
 */
public final class Topics {

    /** Region ids of docs/classification.md, in its order. */
    public static final List<String> REGIONS = List.of("eastern-europe", "caucasus", "central-asia", "global");

    /** Topic ids of docs/classification.md, in its order. */
    public static final List<String> TOPICS = List.of(
            "counter-terrorism",
            "drug-trafficking",
            "illegal-migration",
            "transnational-crime",
            "peacekeeping",
            "military-cooperation",
            "cyber-security",
            "diplomacy",
            "humanitarian",
            "crisis-response",
            "education",
            "border-security");

    public static final String RAW_CONFIG = "bulletin.topics.raw";
    public static final String ENRICHED_CONFIG = "bulletin.topics.enriched";
    public static final String BY_REGION_PATTERN_CONFIG = "bulletin.topics.by-region.pattern";
    public static final String BY_TOPIC_PATTERN_CONFIG = "bulletin.topics.by-topic.pattern";
    public static final String NOTIFICATIONS_CONFIG = "bulletin.topics.notifications";
    public static final String DLQ_CONFIG = "bulletin.topics.dlq";
    public static final String REPLAY_CONFIG = "bulletin.topics.replay";
    public static final String SIGNATURES_CONFIG = "bulletin.topics.signatures";
    public static final String STORIES_CONFIG = "bulletin.topics.stories";

    /** The placeholder a by-region or by-topic pattern must contain. */
    public static final String ID_PLACEHOLDER = "{id}";

    // Kafka's own rule for legal topic names (org.apache.kafka.common.internals.Topic).
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(
                    RAW_CONFIG,
                    Type.STRING,
                    "bulletin.raw.v1",
                    name(false),
                    Importance.MEDIUM,
                    "Topic of raw releases as fetched (value RawRelease).")
            .define(
                    ENRICHED_CONFIG,
                    Type.STRING,
                    "bulletin.enriched.v1",
                    name(false),
                    Importance.MEDIUM,
                    "Topic of every enriched release (value Release).")
            .define(
                    BY_REGION_PATTERN_CONFIG,
                    Type.STRING,
                    "bulletin.by-region.{id}.v1",
                    name(true),
                    Importance.LOW,
                    "Name pattern of the per-region topics; {id} is replaced by the region id (value Release).")
            .define(
                    BY_TOPIC_PATTERN_CONFIG,
                    Type.STRING,
                    "bulletin.by-topic.{id}.v1",
                    name(true),
                    Importance.LOW,
                    "Name pattern of the per-topic topics; {id} is replaced by the topic id (value Release).")
            .define(
                    NOTIFICATIONS_CONFIG,
                    Type.STRING,
                    "bulletin.notifications.v1",
                    name(false),
                    Importance.MEDIUM,
                    "Topic of notifications, one per stored release (value Notification).")
            .define(
                    DLQ_CONFIG,
                    Type.STRING,
                    "bulletin.dlq.v1",
                    name(false),
                    Importance.MEDIUM,
                    "Dead-letter topic: the original key and value bytes, with headers naming stage, reason and origin.")
            .define(
                    REPLAY_CONFIG,
                    Type.STRING,
                    "bulletin.replay.v1",
                    name(false),
                    Importance.LOW,
                    "Replay topic: raw records copied unchanged from the raw topic by 'bulletin replay' (value RawRelease"
                            + " bytes as on the raw topic), read by enrich alongside the raw topic and marked replay=true.")
            .define(
                    SIGNATURES_CONFIG,
                    Type.STRING,
                    "bulletin.dedup-signatures.v1",
                    name(false),
                    Importance.LOW,
                    "Enrich's near-duplicate index: the MinHash signature of every original release (key releaseId,"
                            + " value text), compacted; every enrich instance reads all of it into a global store.")
            .define(
                    STORIES_CONFIG,
                    Type.STRING,
                    "bulletin.stories.v1",
                    name(false),
                    Importance.MEDIUM,
                    "Stories: the releases that report one event, from every source and language (key story id,"
                            + " value Story), compacted; written by enrich each time a release joins or opens one.");

    private final String raw;
    private final String enriched;
    private final String byRegionPattern;
    private final String byTopicPattern;
    private final String notifications;
    private final String dlq;
    private final String replay;
    private final String signatures;
    private final String stories;
    private final SchemaRegistry registry;
    private boolean registered;
    private final Serde<RawRelease> rawSerde;
    private final Serde<Release> releaseSerde;
    private final Serde<Notification> notificationSerde;
    private final Serde<Story> storySerde;

    private Topics(Map<String, Object> parsed, SchemaRegistry registry) {
        this.raw = (String) parsed.get(RAW_CONFIG);
        this.enriched = (String) parsed.get(ENRICHED_CONFIG);
        this.byRegionPattern = (String) parsed.get(BY_REGION_PATTERN_CONFIG);
        this.byTopicPattern = (String) parsed.get(BY_TOPIC_PATTERN_CONFIG);
        this.notifications = (String) parsed.get(NOTIFICATIONS_CONFIG);
        this.dlq = (String) parsed.get(DLQ_CONFIG);
        this.replay = (String) parsed.get(REPLAY_CONFIG);
        this.signatures = (String) parsed.get(SIGNATURES_CONFIG);
        this.stories = (String) parsed.get(STORIES_CONFIG);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rawSerde = new AvroSerde<>(registry, RawRelease.class);
        this.releaseSerde = new AvroSerde<>(registry, Release.class);
        this.notificationSerde = new AvroSerde<>(registry, Notification.class);
        this.storySerde = new AvroSerde<>(registry, Story.class);
        List<String> names = allNames();
        if (names.size() != names.stream().distinct().count()) {
            throw new ConfigException("Topic names must be distinct, got " + names);
        }
    }

    /** The default names, with serdes over {@code registry}. */
    public static Topics defaults(SchemaRegistry registry) {
        return fromConfig(Map.of(), registry);
    }

    /**
     * Names from {@code config} (keys {@code bulletin.topics.*}; other keys are ignored), defaults for the rest.
     *
     * @throws ConfigException naming the key when a name is not a legal Kafka topic name or a pattern lacks {@code {id}}
     */
    public static Topics fromConfig(Map<String, ?> config, SchemaRegistry registry) {
        return new Topics(CONFIG.parse(config), registry);
    }

    /** The configuration keys, types, defaults and docs, for help output and validation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** Raw releases (key: release key; value: {@link RawRelease}). */
    public String raw() {
        return raw;
    }

    /** Every enriched release (key: releaseId; value: {@link Release}). */
    public String enriched() {
        return enriched;
    }

    /** Releases routed to region {@code id}, one of {@link #REGIONS}. */
    public String byRegion(String id) {
        return routed(byRegionPattern, id, REGIONS, "region");
    }

    /** Releases routed to topic {@code id}, one of {@link #TOPICS}. */
    public String byTopic(String id) {
        return routed(byTopicPattern, id, TOPICS, "topic");
    }

    /** Notifications of stored releases (key: releaseId; value: {@link Notification}). */
    public String notifications() {
        return notifications;
    }

    /** Dead letters: original bytes plus headers; no value schema. */
    public String dlq() {
        return dlq;
    }

    /**
     * Raw records being replayed (key: release key; value: the raw record's bytes unchanged, so their schema ids point
     * at the raw subject). Short-lived: a replay's working copy, not a log of record.
     */
    public String replay() {
        return replay;
    }

    /** Enrich's near-duplicate signatures (key releaseId, plain-text value; no schema), compacted. */
    public String signatures() {
        return signatures;
    }

    /**
     * Every topic name, in a stable order: raw, enriched, by-region (REGIONS order), by-topic (TOPICS order),
     * notifications, dlq, replay, signatures, stories.
     */
    public List<String> allNames() {
        List<String> names = new ArrayList<>();
        names.add(raw);
        names.add(enriched);
        REGIONS.forEach(r -> names.add(byRegion(r)));
        TOPICS.forEach(t -> names.add(byTopic(t)));
        names.add(notifications);
        names.add(dlq);
        names.add(replay);
        names.add(signatures);
        names.add(stories);
        return Collections.unmodifiableList(names);
    }

    /** Stories (key story id, value Story), compacted: the latest value of a key is the whole story. */
    public String stories() {
        return stories;
    }

    /** String keys (UTF-8), as on every topic. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Serde<RawRelease> rawSerde() {
        return rawSerde;
    }

    public Serde<Release> releaseSerde() {
        return releaseSerde;
    }

    public Serde<Notification> notificationSerde() {
        return notificationSerde;
    }

    public Serde<Story> storySerde() {
        return storySerde;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    /**
     * Registers each topic's value schema under {@code <topic>-value} and sets the subject to BACKWARD_TRANSITIVE, so
     * an incompatible change is refused before anything is produced. The DLQ carries foreign bytes and has no schema.
     * Idempotent.
     */
    public void registerAll() {
        registerAll(true);
    }

    /**
     * {@link #registerAll()}; with {@code levelPerSubject} false the registry's default level is set to
     * BACKWARD_TRANSITIVE instead, once, and the subjects are left to it: for a registry of Bulletin's own (the one
     * {@code bulletin run} starts), where one request a subject instead of two saved ~0.3 s of a cold
     * registry's time at start-up. A shared registry keeps its default: use {@link #registerAll()}. Apicurio answers
     * a subject without a level of its own as NONE (while enforcing the default), so call {@link #setSubjectLevels()}
     * afterwards, off the start-up path.
     */
    public synchronized void registerAll(boolean levelPerSubject) {
        if (registered) {
            return; // once per instance: 'bulletin run' registers, then hands these Topics to enrich
        }
        if (!levelPerSubject) {
            registry.setDefaultCompatibility(SchemaRegistry.BACKWARD_TRANSITIVE);
        }
        register(raw, RawRelease.getClassSchema(), levelPerSubject);
        register(enriched, Release.getClassSchema(), levelPerSubject);
        REGIONS.forEach(r -> register(byRegion(r), Release.getClassSchema(), levelPerSubject));
        TOPICS.forEach(t -> register(byTopic(t), Release.getClassSchema(), levelPerSubject));
        register(notifications, Notification.getClassSchema(), levelPerSubject);
        register(stories, Story.getClassSchema(), levelPerSubject);
        registered = true;
    }

    /** Sets each value subject's own level to BACKWARD_TRANSITIVE (what {@link #registerAll()} does with each). */
    public void setSubjectLevels() {
        valueSubjects().forEach(subject -> registry.setCompatibility(subject, SchemaRegistry.BACKWARD_TRANSITIVE));
    }

    /** Value subjects {@link #registerAll()} registers, in order (not dlq, replay, signatures: foreign, copied or plain bytes). */
    public List<String> valueSubjects() {
        return allNames().stream()
                .filter(n -> !n.equals(dlq) && !n.equals(replay) && !n.equals(signatures))
                .map(n -> n + "-value")
                .toList();
    }

    private void register(String topic, Schema schema, boolean levelPerSubject) {
        String subject = topic + "-value";
        // Level first, so even the first registration is held to the rule the subject lives under.
        if (levelPerSubject) {
            registry.setCompatibility(subject, SchemaRegistry.BACKWARD_TRANSITIVE);
        }
        registry.register(subject, schema);
    }

    private static String routed(String pattern, String id, List<String> known, String what) {
        if (!known.contains(id)) {
            throw new IllegalArgumentException("Unknown " + what + " id '" + id + "'; expected one of " + known);
        }
        return pattern.replace(ID_PLACEHOLDER, id);
    }

    private static ConfigDef.Validator name(boolean pattern) {
        return (key, value) -> {
            String name = (String) value;
            if (name == null || name.isBlank()) {
                throw new ConfigException(key, value, "must be a non-empty topic name");
            }
            if (pattern && !name.contains(ID_PLACEHOLDER)) {
                throw new ConfigException(key, value, "must contain " + ID_PLACEHOLDER);
            }
            String sample = pattern ? name.replace(ID_PLACEHOLDER, "transnational-crime") : name;
            if (!LEGAL_NAME.matcher(sample).matches()) {
                throw new ConfigException(
                        key, value, "is not a legal Kafka topic name (letters, digits, '.', '_', '-')");
            }
        };
    }

    @Override
    public String toString() {
        return "Topics[raw=" + raw + ", enriched=" + enriched + ", byRegion=" + byRegionPattern + ", byTopic="
                + byTopicPattern + ", notifications=" + notifications + ", dlq=" + dlq + ", replay=" + replay
                + ", signatures=" + signatures + ", stories=" + stories + ", registry=" + registry.url() + "]";
    }
}
