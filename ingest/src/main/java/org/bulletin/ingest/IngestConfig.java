package org.bulletin.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Immutable ingest configuration over Kafka's {@link ConfigDef}: keys {@code bulletin.ingest.*}, each with a type,
 * default, validator and doc. A bad value fails fast with a {@link org.apache.kafka.common.config.ConfigException}
 * naming the key.
 */
public final class IngestConfig extends AbstractConfig {

    public static final String PREFIX = "bulletin.ingest.";
    public static final String PUSH_TOKEN = PREFIX + "push.token";
    public static final String MAX_BODY_BYTES = PREFIX + "max.body.bytes";
    public static final String USER_AGENT = PREFIX + "user.agent";
    public static final String RATE_PER_HOST = PREFIX + "rate.per.host";
    public static final String CONNECT_TIMEOUT_MS = PREFIX + "connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = PREFIX + "read.timeout.ms";
    public static final String RETRIES = PREFIX + "retries";
    public static final String RETRY_BACKOFF_MS = PREFIX + "retry.backoff.ms";
    public static final String MAX_REDIRECTS = PREFIX + "max.redirects";
    public static final String CRAWL_MAX_PAGES = PREFIX + "crawl.max.pages";
    public static final String FEED_FOLLOW_LINKS = PREFIX + "feed.follow.links";
    public static final String DATA_DIR = PREFIX + "data.dir";
    public static final String PROGRESS_LOG_INTERVAL_MS = PREFIX + "progress.log.interval.ms";
    public static final String PUBLISH_TIMEOUT_MS = PREFIX + "publish.timeout.ms";

    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
    public static final String DEFAULT_USER_AGENT = "Bulletin/0.1 (+https://github.com/bulletin)";

    public static final ConfigDef DEF = new ConfigDef()
            .define(
                    PUSH_TOKEN,
                    Type.PASSWORD,
                    null,
                    Importance.HIGH,
                    "Bearer token for POST /v1/releases (env BULLETIN_INGEST_PUSH_TOKEN). Unset: the push endpoint "
                            + "answers 404, it is never open.")
            .define(
                    MAX_BODY_BYTES,
                    Type.INT,
                    DEFAULT_MAX_BODY_BYTES,
                    Range.between(1, 64 * 1024 * 1024),
                    Importance.MEDIUM,
                    "Largest body accepted; larger ones go to bulletin.dlq.v1 (push answers 413).")
            .define(
                    USER_AGENT,
                    Type.STRING,
                    DEFAULT_USER_AGENT,
                    new ConfigDef.NonEmptyString(),
                    Importance.LOW,
                    "User-Agent sent with every HTTP request and matched against robots.txt groups.")
            .define(
                    RATE_PER_HOST,
                    Type.DOUBLE,
                    1.0,
                    Range.atLeast(0.001),
                    Importance.MEDIUM,
                    "Most requests per second to any one host (robots.txt Crawl-delay may lower it further).")
            .define(CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW, "HTTP connect timeout.")
            .define(
                    READ_TIMEOUT_MS,
                    Type.LONG,
                    30_000L,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Deadline for one HTTP response, headers and body included.")
            .define(
                    RETRIES,
                    Type.INT,
                    3,
                    Range.between(0, 20),
                    Importance.LOW,
                    "Retries after an I/O error, a timeout, 429 or 5xx, with exponential backoff.")
            .define(
                    RETRY_BACKOFF_MS,
                    Type.LONG,
                    1_000L,
                    Range.atLeast(0),
                    Importance.LOW,
                    "First retry delay; doubled each retry.")
            .define(
                    MAX_REDIRECTS,
                    Type.INT,
                    5,
                    Range.between(0, 20),
                    Importance.LOW,
                    "Redirects followed per request; more, or a loop, is an error.")
            .define(
                    CRAWL_MAX_PAGES,
                    Type.INT,
                    1_000,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Safety cap on pages (lists and articles) fetched by one crawl.")
            .define(
                    FEED_FOLLOW_LINKS,
                    Type.BOOLEAN,
                    true,
                    Importance.LOW,
                    "Fetch each feed entry's link and push the article HTML; false pushes the entry's own content.")
            .define(
                    DATA_DIR,
                    Type.STRING,
                    "./data",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    "Data directory; the ingest ledger lives in <data.dir>/ingest.")
            .define(
                    PROGRESS_LOG_INTERVAL_MS,
                    Type.LONG,
                    10_000L,
                    Range.atLeast(100),
                    Importance.LOW,
                    "Interval of plain progress log lines when not on a terminal.")
            .define(
                    PUBLISH_TIMEOUT_MS,
                    Type.LONG,
                    30_000L,
                    Range.atLeast(1),
                    Importance.LOW,
                    "How long push requests wait for the broker's acknowledgement before answering 503.");

    public IngestConfig(Map<?, ?> props) {
        super(DEF, props, false);
    }

    /** Defaults only. */
    public static IngestConfig defaults() {
        return new IngestConfig(Map.of());
    }

    /**
     * The {@code BULLETIN_INGEST_*} variables of an environment as config keys
     * ({@code BULLETIN_INGEST_PUSH_TOKEN -> bulletin.ingest.push.token}), for the app's precedence chain.
     */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("BULLETIN_INGEST_")) {
                out.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return out;
    }

    public Optional<String> pushToken() {
        Password p = getPassword(PUSH_TOKEN);
        return p == null || p.value() == null || p.value().isEmpty() ? Optional.empty() : Optional.of(p.value());
    }

    public int maxBodyBytes() {
        return getInt(MAX_BODY_BYTES);
    }

    public String userAgent() {
        return getString(USER_AGENT);
    }

    public double ratePerHost() {
        return getDouble(RATE_PER_HOST);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getLong(READ_TIMEOUT_MS));
    }

    public int retries() {
        return getInt(RETRIES);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }

    public int maxRedirects() {
        return getInt(MAX_REDIRECTS);
    }

    public int crawlMaxPages() {
        return getInt(CRAWL_MAX_PAGES);
    }

    public boolean feedFollowLinks() {
        return getBoolean(FEED_FOLLOW_LINKS);
    }

    public Path dataDir() {
        return Path.of(getString(DATA_DIR));
    }

    public Duration progressLogInterval() {
        return Duration.ofMillis(getLong(PROGRESS_LOG_INTERVAL_MS));
    }

    public Duration publishTimeout() {
        return Duration.ofMillis(getLong(PUBLISH_TIMEOUT_MS));
    }
}
