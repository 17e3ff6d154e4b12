package org.bulletin.enrich;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.streams.StreamsConfig;

/** The enrich stage's configuration (keys {@code bulletin.enrich.*}), immutable and validated on construction. */
public final class EnrichConfig extends AbstractConfig {

    public static final String APPLICATION_ID = "bulletin.enrich.application.id";
    public static final String RULES_DIR = "bulletin.enrich.rules.dir";
    public static final String DEDUP_WINDOW_DAYS = "bulletin.enrich.dedup.window.days";
    public static final String DEDUP_PARTITIONS = "bulletin.enrich.dedup.partitions";
    public static final String STORY_WINDOW_DAYS = "bulletin.enrich.story.window.days";
    public static final String PROCESSING_GUARANTEE = "bulletin.enrich.processing.guarantee";
    public static final String COMMIT_INTERVAL_MS = "bulletin.enrich.commit.interval.ms";
    public static final String THREADS = "bulletin.enrich.threads";
    public static final String STATE_DIR = "bulletin.enrich.state.dir";

    public static final ConfigDef DEF = new ConfigDef()
            .define(
                    APPLICATION_ID,
                    Type.STRING,
                    "bulletin-enrich",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Kafka Streams application id: consumer group, transactional id prefix and internal topic prefix.")
            .define(
                    RULES_DIR,
                    Type.STRING,
                    "",
                    Importance.MEDIUM,
                    "Folder of analyst-edited classification rules overriding the bundled ones; empty = bundled rules.")
            .define(
                    DEDUP_WINDOW_DAYS,
                    Type.INT,
                    30,
                    Range.between(1, 3650),
                    Importance.MEDIUM,
                    "A release is a duplicate of an earlier one seen at most this many days before it.")
            .define(
                    DEDUP_PARTITIONS,
                    Type.INT,
                    -1,
                    Range.atLeast(-1),
                    Importance.LOW,
                    "Partitions of the dedup repartition topic; -1 = as many as the raw topic.")
            .define(
                    STORY_WINDOW_DAYS,
                    Type.INT,
                    7,
                    Range.between(1, 365),
                    Importance.MEDIUM,
                    "A release joins a story only if it is dated at most this many days from the story's releases.")
            .define(
                    PROCESSING_GUARANTEE,
                    Type.STRING,
                    StreamsConfig.EXACTLY_ONCE_V2,
                    ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                    Importance.MEDIUM,
                    "Kafka Streams processing guarantee; exactly_once_v2 unless you accept duplicates downstream.")
            .define(
                    COMMIT_INTERVAL_MS,
                    Type.LONG,
                    100L,
                    Range.atLeast(10),
                    Importance.LOW,
                    "How often Streams commits; under exactly-once, output becomes visible on each commit.")
            .define(THREADS, Type.INT, 1, Range.between(1, 64), Importance.LOW, "Stream threads in this instance.")
            .define(
                    STATE_DIR,
                    Type.STRING,
                    "",
                    Importance.LOW,
                    "Where the local state stores live; empty = Kafka Streams' default under java.io.tmpdir.");

    public EnrichConfig(Map<?, ?> props) {
        super(DEF, props, false);
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    public String rulesDir() {
        return getString(RULES_DIR);
    }

    public int dedupWindowDays() {
        return getInt(DEDUP_WINDOW_DAYS);
    }

    public int dedupPartitions() {
        return getInt(DEDUP_PARTITIONS);
    }

    public int storyWindowDays() {
        return getInt(STORY_WINDOW_DAYS);
    }

    public String processingGuarantee() {
        return getString(PROCESSING_GUARANTEE);
    }

    public long commitIntervalMs() {
        return getLong(COMMIT_INTERVAL_MS);
    }

    public int threads() {
        return getInt(THREADS);
    }

    public String stateDir() {
        return getString(STATE_DIR);
    }
}
