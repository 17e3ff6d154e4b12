package org.bulletin.app.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.bulletin.publish.store.Cursor;
import org.bulletin.publish.store.ReleaseDetail;
import org.bulletin.publish.store.ReleasePage;
import org.bulletin.publish.store.ReleaseQuery;
import org.bulletin.publish.store.ReleaseStore;

/**
 * What the ops tools read from the store, either straight over JDBC ({@code --store}: PostgreSQL, or an H2 file no
 * other process holds open) or through the HTTP API of a running publish stage ({@code --api}: the way to read the
 * embedded H2 store while {@code bulletin run} holds it). Both return the records the API serves. Read-only.
 */
public interface StoreView extends AutoCloseable {

    /** One release with evidence and history, as {@code GET /v1/releases/{id}}. */
    Optional<ReleaseDetail> find(String releaseId);

    /** A page newest first, as {@code GET /v1/releases?region&topic&from&cursor&limit}. */
    ReleasePage page(String region, String topic, LocalDate from, String cursor, int limit);

    @Override
    void close();

    /** Over JDBC. The store is opened as publish opens it (Flyway validates an up-to-date schema, writes nothing). */
    static StoreView jdbc(String jdbcUrl, String user, String password) {
        ReleaseStore store = ReleaseStore.open(jdbcUrl, user, password, 2);
        return new StoreView() {
            @Override
            public Optional<ReleaseDetail> find(String releaseId) {
                return store.find(releaseId);
            }

            @Override
            public ReleasePage page(String region, String topic, LocalDate from, String cursor, int limit) {
                return store.query(new ReleaseQuery(
                        region,
                        topic,
                        null,
                        null,
                        null,
                        from,
                        null,
                        limit,
                        cursor == null ? null : Cursor.decode(cursor)));
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    /** Over the publish HTTP API at {@code baseUrl} (e.g. http://127.0.0.1:8080). */
    static StoreView http(String baseUrl) {
        return new HttpStoreView(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    }

    /** The HTTP implementation (made by {@link #http}). */
    final class HttpStoreView implements StoreView {

        // Tolerant of keys a newer API adds.
        private static final ObjectMapper JSON = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        private final String base;
        private final HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpStoreView(String base) {
            this.base = base;
        }

        @Override
        public Optional<ReleaseDetail> find(String releaseId) {
            HttpResponse<String> res = get("/v1/releases/" + pathEncode(releaseId));
            if (res.statusCode() == 404) {
                return Optional.empty();
            }
            return Optional.of(read(res, ReleaseDetail.class));
        }

        @Override
        public ReleasePage page(String region, String topic, LocalDate from, String cursor, int limit) {
            StringBuilder q = new StringBuilder("/v1/releases?limit=").append(limit);
            append(q, "region", region);
            append(q, "topic", topic);
            append(q, "from", from == null ? null : from.toString());
            append(q, "cursor", cursor);
            return read(get(q.toString()), ReleasePage.class);
        }

        private static void append(StringBuilder q, String name, String value) {
            if (value != null) {
                q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }

        /** Percent-encodes all but unreserved characters and '/' and ':' (an encoded slash is refused by Jetty). */
        static String pathEncode(String id) {
            StringBuilder sb = new StringBuilder();
            for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if ((c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || "-._~/:".indexOf(c) >= 0) {
                    sb.append(c);
                } else {
                    sb.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            return sb.toString();
        }

        private HttpResponse<String> get(String path) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            try {
                return client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(unreachable(base, e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted reading " + base + path, e);
            }
        }

        /** What failed, where, and what to do: the JDK's connection errors often carry no message of their own. */
        static String unreachable(String base, IOException e) {
            String reason = Failures.describe(e);
            return "cannot reach the publish API at " + base + " (" + reason
                    + "): start the platform ('bulletin run'), "
                    + "point --api at the running publish stage, or read the store directly with --store JDBC_URL";
        }

        private <T> T read(HttpResponse<String> res, Class<T> type) {
            if (res.statusCode() != 200) {
                throw new IllegalStateException(
                        "publish API " + res.uri() + " answered " + res.statusCode() + ": " + res.body());
            }
            try {
                return JSON.readValue(res.body(), type);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable answer from " + res.uri() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            // HttpClient holds no resources that need closing on Java 17.
        }
    }
}
