package org.bulletin.schemas.registry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Turns a registry URL from configuration into a client: {@code mem://<name>} or {@code http(s)://...}. */
public final class SchemaRegistries {

    private static final String MEM = "mem://";
    private static final Map<String, InMemorySchemaRegistry> IN_MEMORY = new ConcurrentHashMap<>();

    private SchemaRegistries() {}

    /**
     * {@code mem://<name>}: the in-memory registry of that name, shared by every caller in this JVM (so a test's
     * producer and consumer see the same ids); {@code http://} or {@code https://}: a {@link RestSchemaRegistry}.
     */
    public static SchemaRegistry connect(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "Schema registry URL is empty; expected mem://<name> or http(s)://host:port/...");
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(MEM)) {
            String name = trimmed.substring(MEM.length());
            if (name.isEmpty()) {
                throw new IllegalArgumentException(
                        "In-memory schema registry URL '" + url + "' has no name: use mem://<name>");
            }
            return IN_MEMORY.computeIfAbsent(name, n -> new InMemorySchemaRegistry(MEM + n));
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new RestSchemaRegistry(trimmed);
        }
        throw new IllegalArgumentException("Unsupported schema registry URL '" + url
                + "'; expected mem://<name> or http(s)://host:port/... (for Apicurio: .../apis/ccompat/v7)");
    }

    /** Forgets the shared in-memory registry {@code mem://<name>}, so the next {@link #connect} starts empty. */
    public static void dropInMemory(String name) {
        IN_MEMORY.remove(name.startsWith(MEM) ? name.substring(MEM.length()) : name);
    }
}
