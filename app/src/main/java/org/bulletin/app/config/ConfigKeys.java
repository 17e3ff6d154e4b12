package org.bulletin.app.config;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.publish.PublishConfig;
import org.bulletin.schemas.Topics;

/**
 * Every {@code bulletin.*} configuration key the app reads: the names of each stage's {@code ConfigDef} plus the
 * app's own keys. {@link Settings} warns about keys outside this set, and the docker-compose guard test checks every
 * {@code BULLETIN_*} variable against it, so a typo cannot silently fall back to a default. Immutable.
 */
public final class ConfigKeys {

    /** Where Kafka is ({@code --bootstrap}). */
    public static final String KAFKA_BOOTSTRAP = "bulletin.kafka.bootstrap";
    /** The schema registry URL ({@code --registry}). */
    public static final String REGISTRY_URL = "bulletin.registry.url";
    /**
     * Basic-auth credentials {@code user:password} for the schema registry, when they are kept out of the URL
     * (Confluent's {@code basic.auth.user.info}); credentials in the URL's user info win.
     */
    public static final String REGISTRY_BASIC_AUTH_USER_INFO = "bulletin.registry.basic.auth.user.info";
    /** Stack traces on errors ({@code BULLETIN_VERBOSE}, read by {@code Main}). */
    public static final String VERBOSE = "bulletin.verbose";
    /** Log level of Bulletin's own loggers ({@code BULLETIN_LOG_LEVEL}, read by logback.xml). */
    public static final String LOG_LEVEL = "bulletin.log.level";

    /**
     * Keys read by the app itself rather than a stage config (the store URL is also {@code --store}, but
     * PublishConfig defines it). A new command reading its own key adds it here.
     */
    public static final Set<String> APP =
            Set.of(KAFKA_BOOTSTRAP, REGISTRY_URL, REGISTRY_BASIC_AUTH_USER_INFO, VERBOSE, LOG_LEVEL);

    /** Families whose every key is accepted: client overrides passed on to Kafka under the stage's name. */
    public static final List<String> PREFIXES = List.of(PublishConfig.KAFKA_PREFIX);

    private static final Set<String> ALL = build();

    private ConfigKeys() {}

    private static Set<String> build() {
        Set<String> keys = new TreeSet<>(APP);
        keys.addAll(EnrichConfig.DEF.names());
        keys.addAll(IngestConfig.DEF.names());
        keys.addAll(PublishConfig.configDef().names());
        keys.addAll(Topics.configDef().names());
        return Collections.unmodifiableSet(keys);
    }

    /** Every known key, sorted. */
    public static Set<String> all() {
        return ALL;
    }

    /** Whether the app reads {@code key}: a known key, or one under a pass-through prefix. */
    public static boolean isKnown(String key) {
        return ALL.contains(key) || PREFIXES.stream().anyMatch(p -> key.startsWith(p) && key.length() > p.length());
    }
}
