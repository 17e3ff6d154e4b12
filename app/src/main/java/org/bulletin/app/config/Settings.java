package org.bulletin.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merged configuration every command hands to the stage configs: defaults (each stage's ConfigDef) &lt; config
 * file &lt; environment &lt; CLI flags. {@code BULLETIN_ENRICH_MIN_SCORE} becomes {@code bulletin.enrich.min.score};
 * {@code KAFKA_BOOTSTRAP_SERVERS} becomes the Kafka client key {@code bootstrap.servers}.
 */
public final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    private final Map<String, String> bulletin;
    private final Map<String, String> kafka;

    private Settings(Map<String, String> bulletin, Map<String, String> kafka) {
        this.bulletin = Collections.unmodifiableMap(bulletin);
        this.kafka = Collections.unmodifiableMap(kafka);
    }

    public static Settings load(Path configFile, Map<String, String> env, Map<String, String> cli) {
        Map<String, String> bulletin = new LinkedHashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader r = Files.newBufferedReader(configFile)) {
                file.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + configFile + ": " + e.getMessage(), e);
            }
            for (String key : file.stringPropertyNames()) {
                put(key, file.getProperty(key), bulletin, kafka);
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith("BULLETIN_")) {
                bulletin.put(envToKey(name), value);
            } else if (name.startsWith("KAFKA_") && !KAFKA_NOT_CLIENT.contains(name)) {
                kafka.put(
                        name.substring("KAFKA_".length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        cli.forEach((key, value) -> put(key, value, bulletin, kafka));
        // Warn, not fail: an unknown key is most often a typo that would otherwise fall back to a default unnoticed,
        // but failing would stop a node whose config file is newer than its jar.
        bulletin.keySet().stream().filter(key -> !ConfigKeys.isKnown(key)).forEach(Settings::warnUnknown);
        return new Settings(bulletin, kafka);
    }

    private static void warnUnknown(String key) {
        String hint = nearest(key);
        LOG.warn(
                "unknown configuration key '{}' is ignored (typo?){}",
                key,
                hint == null ? "" : "; did you mean '" + hint + "'?");
    }

    /** The known key within a few edits of {@code key}, if any. */
    private static String nearest(String key) {
        String best = null;
        int bestDistance = Math.max(3, key.length() / 8) + 1;
        for (String known : ConfigKeys.all()) {
            int d = distance(key, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * {@code BULLETIN_INGEST_PUSH_TOKEN} -> {@code bulletin.ingest.push.token}. An environment name cannot hold a dash,
     * so {@code BULLETIN_TOPICS_BY_REGION_PATTERN} maps to the known key {@code bulletin.topics.by-region.pattern}.
     */
    public static String envToKey(String envName) {
        String dotted = envName.toLowerCase(Locale.ROOT).replace('_', '.');
        if (ConfigKeys.isKnown(dotted)) {
            return dotted;
        }
        for (String known : ConfigKeys.all()) {
            if (known.replace('-', '.').equals(dotted)) {
                return known;
            }
        }
        return dotted;
    }

    /** Variables named KAFKA_* that configure the JVM or logging, not the Kafka clients. */
    private static final java.util.Set<String> KAFKA_NOT_CLIENT =
            java.util.Set.of("KAFKA_LOG_LEVEL", "KAFKA_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS");

    private static void put(String key, String value, Map<String, String> bulletin, Map<String, String> kafka) {
        if (key.startsWith("bulletin.")) {
            bulletin.put(key, value);
        } else if (key.startsWith("kafka.")) {
            kafka.put(key.substring("kafka.".length()), value);
        } else {
            throw new IllegalArgumentException("unknown configuration key '" + key
                    + "': keys start with 'bulletin.' (Bulletin) or 'kafka.' (passed to the Kafka clients)");
        }
    }

    /** Every {@code bulletin.*} key set by file, environment or flags. */
    public Map<String, String> bulletin() {
        return bulletin;
    }

    /** Kafka client overrides ({@code KAFKA_*} environment and {@code kafka.*} keys). */
    public Map<String, String> kafka() {
        return kafka;
    }

    public String get(String key, String fallback) {
        return bulletin.getOrDefault(key, fallback);
    }

    public Settings with(String key, String value) {
        Map<String, String> b = new LinkedHashMap<>(bulletin);
        b.put(key, value);
        return new Settings(b, kafka);
    }
}
