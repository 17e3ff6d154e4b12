package org.bulletin.publish;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.types.Password;

/**
 * Immutable configuration of the publish stage (keys {@code bulletin.publish.*}) over Kafka's {@link ConfigDef}:
 * a bad value fails fast with a {@link org.apache.kafka.common.config.ConfigException} naming the key.
 */
public final class PublishConfig extends AbstractConfig {

    public static final String PREFIX = "bulletin.publish.";

    public static final String DATA_DIR = PREFIX + "data.dir";
    public static final String STORE_URL = PREFIX + "store.url";
    public static final String STORE_USER = PREFIX + "store.user";
    public static final String STORE_PASSWORD = PREFIX + "store.password";
    public static final String STORE_POOL_SIZE = PREFIX + "store.pool.size";
    public static final String API_PORT = PREFIX + "api.port";
    public static final String API_HOST = PREFIX + "api.host";
    public static final String BATCH_SIZE = PREFIX + "batch.size";
    public static final String REPLAY_NOTIFICATIONS = PREFIX + "replay.notifications";
    public static final String GROUP_ID = PREFIX + "group.id";
    public static final String TRANSACTIONAL_ID = PREFIX + "transactional.id";
    public static final String RELAY_BATCH_SIZE = PREFIX + "relay.batch.size";
    public static final String RELAY_IDLE_MS = PREFIX + "relay.idle.ms";
    public static final String RETRY_BACKOFF_MAX_MS = PREFIX + "retry.backoff.max.ms";
    /**
     * Kafka client properties for publish's clients only: {@code bulletin.publish.kafka.<client.key>}. They go on top
     * of the overrides every stage gets ({@code KAFKA_*} / {@code kafka.*}); see {@link #kafkaClientProperties}.
     */
    public static final String KAFKA_PREFIX = PREFIX + "kafka.";

    /** What to do with notifications for releases stored by a replay. */
    public enum ReplayNotifications {
        FLAG,
        SUPPRESS
    }

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(
                    DATA_DIR,
                    Type.STRING,
                    "./data",
                    Importance.MEDIUM,
                    "Directory of the embedded store file, used when " + STORE_URL + " is empty.")
            .define(
                    STORE_URL,
                    Type.STRING,
                    "",
                    Importance.HIGH,
                    "JDBC URL of the store (jdbc:postgresql://... or jdbc:h2:...); empty = embedded H2 file under the data dir.")
            .define(STORE_USER, Type.STRING, "", Importance.MEDIUM, "Store user name.")
            .define(STORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM, "Store password.")
            .define(STORE_POOL_SIZE, Type.INT, 4, Range.between(1, 64), Importance.LOW, "Store connection pool size.")
            .define(
                    API_PORT,
                    Type.INT,
                    8080,
                    Range.between(0, 65535),
                    Importance.MEDIUM,
                    "HTTP port of the query API (0 = ephemeral).")
            .define(
                    API_HOST,
                    Type.STRING,
                    "127.0.0.1",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    "Interface the query API binds; 127.0.0.1 keeps it local, 0.0.0.0 (in a container) exposes it.")
            .define(
                    BATCH_SIZE,
                    Type.INT,
                    500,
                    Range.between(1, 10_000),
                    Importance.MEDIUM,
                    "Most records the sink writes in one database transaction (max.poll.records).")
            .define(
                    REPLAY_NOTIFICATIONS,
                    Type.STRING,
                    "flag",
                    ValidString.in("flag", "suppress"),
                    Importance.MEDIUM,
                    "Notifications for releases stored by a replay: 'flag' sends them with replay=true, 'suppress' sends none.")
            .define(
                    GROUP_ID,
                    Type.STRING,
                    "bulletin-publish",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    "Consumer group of the sink (its offsets live in the store, not in Kafka).")
            .define(
                    TRANSACTIONAL_ID,
                    Type.STRING,
                    "bulletin-publish-relay",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    "transactional.id of the notification relay; one relay per store.")
            .define(
                    RELAY_BATCH_SIZE,
                    Type.INT,
                    500,
                    Range.between(1, 10_000),
                    Importance.LOW,
                    "Most notifications the relay sends in one Kafka transaction.")
            .define(
                    RELAY_IDLE_MS,
                    Type.INT,
                    200,
                    Range.between(1, 60_000),
                    Importance.LOW,
                    "How long the relay waits for new outbox rows before looking again.")
            .define(
                    RETRY_BACKOFF_MAX_MS,
                    Type.LONG,
                    10_000L,
                    Range.between(10, 600_000),
                    Importance.LOW,
                    "Upper bound of the exponential backoff while the database or broker is unavailable.");

    public PublishConfig(Map<?, ?> props) {
        super(CONFIG, props);
    }

    /** The definition, for documentation and for the CLI's config listing. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** The JDBC URL to use: the configured one, or the embedded H2 file under the data dir. */
    public String storeUrl() {
        String url = getString(STORE_URL);
        if (!url.isBlank()) {
            return url;
        }
        return embeddedUrl(Path.of(getString(DATA_DIR)));
    }

    /** JDBC URL of the embedded H2 store under {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("store")
                // The app closes the store itself on shutdown, after the sink and relay stopped; H2's own VM-exit hook
                // would close it under their feet.
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
    }

    public String storeUser() {
        return getString(STORE_USER);
    }

    public String storePassword() {
        Password password = getPassword(STORE_PASSWORD);
        return password == null ? "" : password.value();
    }

    public int storePoolSize() {
        return getInt(STORE_POOL_SIZE);
    }

    public int apiPort() {
        return getInt(API_PORT);
    }

    public String apiHost() {
        return getString(API_HOST);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public ReplayNotifications replayNotifications() {
        return ReplayNotifications.valueOf(getString(REPLAY_NOTIFICATIONS).toUpperCase(java.util.Locale.ROOT));
    }

    public String groupId() {
        return getString(GROUP_ID);
    }

    public String transactionalId() {
        return getString(TRANSACTIONAL_ID);
    }

    public int relayBatchSize() {
        return getInt(RELAY_BATCH_SIZE);
    }

    public int relayIdleMs() {
        return getInt(RELAY_IDLE_MS);
    }

    public long retryBackoffMaxMs() {
        return getLong(RETRY_BACKOFF_MAX_MS);
    }

    /** Kafka client overrides given as {@code bulletin.publish.kafka.*}, prefix stripped. */
    public Map<String, Object> kafkaOverrides() {
        return originalsWithPrefix(KAFKA_PREFIX);
    }

    /**
     * The client overrides of every publish client: {@code common} (the {@code KAFKA_*} / {@code kafka.*} overrides
     * every stage gets), then this stage's own {@code bulletin.publish.kafka.*} on top.
     */
    public Map<String, Object> kafkaClientProperties(Map<String, ?> common) {
        Map<String, Object> out = new java.util.HashMap<>(common);
        out.putAll(kafkaOverrides());
        return out;
    }
}
