package org.bulletin.schemas.registry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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
        return connect(url, null);
    }

    /**
     * As {@link #connect(String)}; an http(s) registry also gets basic-auth credentials {@code user:password} (for
     * when they are kept apart from the URL, as Confluent's {@code basic.auth.user.info}), unless the URL has its own.
     */
    public static SchemaRegistry connect(String url, String basicAuthUserInfo) {
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
            return new RestSchemaRegistry(trimmed, basicAuthUserInfo);
        }
        throw new IllegalArgumentException("Unsupported schema registry URL '" + redact(url)
                + "'; expected mem://<name> or http(s)://host:port/... (for Apicurio: .../apis/ccompat/v7)");
    }

    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

    /**
     * {@code url} without the user info of its authority ({@code https://user:pw@host/x} -> {@code https://host/x}),
     * for showing it: a registry URL may carry a password.
     */
    public static String redact(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1");
    }

    /** Forgets the shared in-memory registry {@code mem://<name>}, so the next {@link #connect} starts empty. */
    public static void dropInMemory(String name) {
        IN_MEMORY.remove(name.startsWith(MEM) ? name.substring(MEM.length()) : name);
    }
}
