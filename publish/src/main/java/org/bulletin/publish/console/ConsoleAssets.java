package org.bulletin.publish.console;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's page, style sheet and script, read once from this jar and served with a Content-Security-Policy that
 * lets the page load and call nothing but its own origin and run no inline script. Thread-safe.
 */
final class ConsoleAssets {

    /**
     * Only this server: scripts and styles from its files (no inline script, so no injected markup can run), data from
     * its API; no frames, no plugins, no other origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Asset> assets;

    ConsoleAssets() {
        this.assets = Map.of(
                "index.html", load("index.html", "text/html; charset=utf-8"),
                "console.css", load("console.css", "text/css; charset=utf-8"),
                "console.js", load("console.js", "text/javascript; charset=utf-8"),
                "favicon.svg", load("favicon.svg", "image/svg+xml"));
    }

    /** Writes the asset {@code name}; false (nothing written) when there is no such asset. */
    boolean serve(Context ctx, String name) {
        Asset a = assets.get(name);
        if (a == null) {
            return false;
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                // Revalidated on every load: an upgraded server must not run yesterday's script against today's API.
                .header("Cache-Control", "no-cache")
                .contentType(a.contentType())
                .result(a.bytes());
        return true;
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the jar: " + name);
            }
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
