package org.bulletin.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bulletin.app.config.Settings;
import picocli.CommandLine.Option;

/** Where the external services are, and configuration overrides: shared by every command that talks to them. */
final class ConnectOptions {

    static final String BOOTSTRAP = "bulletin.kafka.bootstrap";
    static final String REGISTRY = "bulletin.registry.url";
    static final String STORE = "bulletin.publish.store.url";

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (env BULLETIN_KAFKA_BOOTSTRAP; default ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(
            names = "--registry",
            paramLabel = "URL",
            description = "Confluent-compatible schema registry URL, e.g. http://127.0.0.1:8081/apis/ccompat/v7 "
                    + "(env BULLETIN_REGISTRY_URL); https://USER:PASSWORD@host/... for basic auth; "
                    + "mem://NAME for an in-process one.")
    String registry;

    @Option(
            names = "--store",
            paramLabel = "JDBC_URL",
            description =
                    "Store JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/bulletin (env BULLETIN_PUBLISH_STORE_URL).")
    String store;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with bulletin.* and kafka.* keys.")
    Path configFile;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Set a configuration key (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Defaults &lt; config file &lt; environment &lt; flags. */
    Settings settings() {
        Map<String, String> cli = new LinkedHashMap<>(overrides);
        if (bootstrap != null) {
            cli.put(BOOTSTRAP, bootstrap);
        }
        if (registry != null) {
            cli.put(REGISTRY, registry);
        }
        if (store != null) {
            cli.put(STORE, store);
        }
        return Settings.load(configFile, System.getenv(), cli);
    }

    static String require(Settings settings, String key, String flag) {
        String v = settings.get(key, null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + flag + " (or " + key + " / env "
                    + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + ")");
        }
        return v;
    }
}
