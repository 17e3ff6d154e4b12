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

/**
 * The merged configuration every command hands to the stage configs: defaults (each stage's ConfigDef) &lt; config
 * file &lt; environment &lt; CLI flags. {@code BULLETIN_ENRICH_MIN_SCORE} becomes {@code bulletin.enrich.min.score};
 * {@code KAFKA_BOOTSTRAP_SERVERS} becomes the Kafka client key {@code bootstrap.servers}.
 */
public final class Settings {

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
            } else if (name.startsWith("KAFKA_")) {
                kafka.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        cli.forEach((key, value) -> put(key, value, bulletin, kafka));
        return new Settings(bulletin, kafka);
    }

    /** {@code BULLETIN_INGEST_PUSH_TOKEN} -> {@code bulletin.ingest.push.token}. */
    public static String envToKey(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

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
