package org.bulletin.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/releases} without an HTTP framework: the app passes the Authorization and Content-Type headers and
 * the body, and writes back {@link Result#status()} and {@link Result#toJson()}. Off (404) unless
 * {@code bulletin.ingest.push.token} is set; the token is compared in constant time. The 202 is sent only after the
 * broker acknowledged the record. Thread-safe.
 */
public final class PushHandler {

    public static final String SOURCE_ID = "push";

    /**
     * @param status 202 accepted, 400 bad request, 401 unauthorized, 404 off, 413 too large, 415 unsupported type,
     *               503 the broker did not acknowledge in time
     * @param keys   release keys of the accepted records (202 only)
     * @param reason why it was refused, or null
     */
    public record Result(int status, List<String> keys, String reason) {
        public Result {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        /** The first release key, or null. */
        public String key() {
            return keys.isEmpty() ? null : keys.get(0);
        }

        /** {@code {"key":...,"keys":[...]}} for 202, {@code {"error":...}} otherwise. */
        public String toJson() {
            if (status == 202) {
                StringBuilder sb =
                        new StringBuilder("{\"key\":").append(quote(key())).append(",\"keys\":[");
                for (int i = 0; i < keys.size(); i++) {
                    sb.append(i > 0 ? "," : "").append(quote(keys.get(i)));
                }
                return sb.append("]}").toString();
            }
            return "{\"error\":" + quote(reason) + "}";
        }

        private static String quote(String s) {
            if (s == null) {
                return "null";
            }
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }

    private final Optional<byte[]> tokenDigest;
    private final IngestPipeline pipeline;
    private final int maxBodyBytes;
    private final Duration publishTimeout;

    PushHandler(IngestConfig config, IngestPipeline pipeline) {
        this.tokenDigest = config.pushToken().map(PushHandler::sha256);
        this.pipeline = pipeline;
        this.maxBodyBytes = config.maxBodyBytes();
        this.publishTimeout = config.publishTimeout();
    }

    /** Whether the endpoint is on (a token is configured). */
    public boolean enabled() {
        return tokenDigest.isPresent();
    }

    /** The body size limit; the app may refuse larger requests before reading them. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public Result handle(String authorizationHeader, String contentType, byte[] body) {
        if (tokenDigest.isEmpty()) {
            return new Result(404, null, "push endpoint is off: bulletin.ingest.push.token is not set");
        }
        if (!authorized(authorizationHeader)) {
            return new Result(401, null, "missing or invalid bearer token");
        }
        if (body != null && body.length > maxBodyBytes) {
            return new Result(413, null, "body of " + body.length + " bytes exceeds the limit of " + maxBodyBytes);
        }
        if (body == null || body.length == 0) {
            return new Result(400, null, "empty body");
        }
        String mime =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        List<Document> docs = new ArrayList<>();
        if (mime.equals("application/json") || mime.endsWith("+json") || mime.equals("application/x-ndjson")) {
            try {
                for (JsonReleases.Item item : JsonReleases.parse(body, SOURCE_ID, "push")) {
                    if (item.document() == null) {
                        return new Result(400, null, item.problem());
                    }
                    docs.add(item.document());
                }
            } catch (JsonReleases.MalformedJsonException e) {
                return new Result(400, null, e.getMessage());
            }
            if (docs.isEmpty()) {
                return new Result(400, null, "JSON holds no release");
            }
        } else if (mime.isEmpty() || mime.startsWith("text/") || mime.equals("application/xhtml+xml")) {
            docs.add(new Document(SOURCE_ID, null, contentType, body, Map.of("origin", "push")));
        } else {
            return new Result(
                    415,
                    null,
                    "unsupported content type " + mime + ": send text/plain, text/html or " + "application/json");
        }
        List<CompletableFuture<IngestPipeline.Result>> futures = new ArrayList<>();
        for (Document d : docs) {
            futures.add(pipeline.submit(d, false));
        }
        List<String> keys = new ArrayList<>();
        long deadline = System.nanoTime() + publishTimeout.toNanos();
        for (CompletableFuture<IngestPipeline.Result> f : futures) {
            IngestPipeline.Result r;
            try {
                r = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return new Result(503, null, "the broker did not acknowledge in time: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(503, null, "interrupted while waiting for the broker");
            }
            switch (r.outcome()) {
                case PUBLISHED -> keys.add(r.key());
                case UNCHANGED -> {
                    if (r.reason() != null) { // the same bad body again: already in dead letters
                        return new Result(400, null, r.reason());
                    }
                    keys.add(r.key());
                }
                case DEAD_LETTER -> {
                    return new Result(400, null, r.reason());
                }
                case FAILED -> {
                    return new Result(503, null, "publish failed: " + r.reason());
                }
            }
        }
        return new Result(202, keys, null);
    }

    private boolean authorized(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // digests of equal length, compared without an early exit: neither content nor length leaks through timing
        return MessageDigest.isEqual(sha256(header.substring(7).strip()), tokenDigest.get());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
