package org.bulletin.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polite HTTP GET for crawlers and feeds: robots.txt respected, a per-host rate limit (and robots Crawl-delay),
 * connect and whole-response deadlines, retries with exponential backoff on I/O errors, 429 and 5xx, redirects
 * followed by hand (loops and long chains are errors), conditional GET, a fixed User-Agent, and bodies read up to
 * the limit plus one byte only. Thread-safe.
 */
final class HttpFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
    private static final String ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            + "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";

    /** A response (any status) and what we need of its headers; {@code body} may exceed the limit by one byte. */
    record Response(
            URI uri, int status, String contentType, String etag, String lastModified, String location, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean notModified() {
            return status == 304;
        }
    }

    /** A fetch that produced no response worth keeping: unreachable, timed out, robots.txt, redirect loop. */
    static final class FetchException extends Exception {
        FetchException(String message) {
            super(message);
        }
    }

    private final HttpClient client;
    private final String userAgent;
    private final String productToken;
    private final long minIntervalNanos;
    private final Duration readTimeout;
    private final int retries;
    private final Duration backoff;
    private final int maxRedirects;
    private final int maxBodyBytes;
    private final Map<String, RobotsRules> robots = new ConcurrentHashMap<>();
    private final Map<String, Long> nextSlot = new ConcurrentHashMap<>();

    HttpFetcher(IngestConfig config) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.userAgent = config.userAgent();
        this.productToken = RobotsRules.productToken(userAgent);
        this.minIntervalNanos = (long) (1e9 / config.ratePerHost());
        this.readTimeout = config.readTimeout();
        this.retries = config.retries();
        this.backoff = config.retryBackoff();
        this.maxRedirects = config.maxRedirects();
        this.maxBodyBytes = config.maxBodyBytes();
    }

    String userAgent() {
        return userAgent;
    }

    /** GET with robots.txt, rate limit, retries and redirects; validators make it conditional (304 answers). */
    Response get(URI uri, IngestLedger.Validators validators) throws FetchException, InterruptedException {
        Set<URI> seen = new HashSet<>();
        URI current = uri;
        for (int hop = 0; ; hop++) {
            if (!seen.add(current)) {
                throw new FetchException("redirect loop at " + current + " (from " + uri + ")");
            }
            if (hop > maxRedirects) {
                throw new FetchException("more than " + maxRedirects + " redirects from " + uri);
            }
            if (!robotsFor(current).allows(pathAndQuery(current))) {
                throw new FetchException("disallowed by robots.txt: " + current);
            }
            Response r = getWithRetries(current, hop == 0 ? validators : IngestLedger.Validators.NONE);
            if (r.status() >= 300 && r.status() < 400 && r.status() != 304) {
                String location = r.location();
                if (location == null) {
                    throw new FetchException("HTTP " + r.status() + " without Location from " + current);
                }
                current = current.resolve(location.strip().replace(" ", "%20"));
                continue;
            }
            return r;
        }
    }

    private Response getWithRetries(URI uri, IngestLedger.Validators v) throws FetchException, InterruptedException {
        String lastProblem = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                long delay = backoff.toMillis() << Math.min(attempt - 1, 16);
                LOG.info("retry {}/{} of {} in {} ms after {}", attempt, retries, uri, delay, lastProblem);
                Thread.sleep(delay);
            }
            try {
                Response r = once(uri, v);
                if (r.status() == 429 || r.status() >= 500) {
                    lastProblem = "HTTP " + r.status();
                    if (attempt == retries) {
                        return r;
                    }
                    continue;
                }
                return r;
            } catch (IOException e) {
                lastProblem = e.toString();
            }
        }
        throw new FetchException("failed after " + (retries + 1) + " attempt(s): " + uri + ": " + lastProblem);
    }

    /** One request, no retries, no redirects. */
    private Response once(URI uri, IngestLedger.Validators v) throws IOException, InterruptedException {
        throttle(uri);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("User-Agent", userAgent)
                .header("Accept", ACCEPT)
                .GET();
        if (v != null && v.etag() != null) {
            req.header("If-None-Match", v.etag());
        }
        if (v != null && v.lastModified() != null) {
            req.header("If-Modified-Since", v.lastModified());
        }
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(req.build(), info -> new CappedSubscriber(maxBodyBytes));
        HttpResponse<byte[]> res;
        try {
            // HttpRequest.timeout stops at the headers; this deadline also covers a body that trickles in slowly
            res = future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("timed out after " + readTimeout.toMillis() + " ms reading " + uri);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(String.valueOf(c), c);
        }
        int status = res.statusCode();
        var h = res.headers();
        return new Response(
                uri,
                status,
                h.firstValue("Content-Type").orElse(null),
                h.firstValue("ETag").orElse(null),
                h.firstValue("Last-Modified").orElse(null),
                h.firstValue("Location").orElse(null),
                res.body() == null ? new byte[0] : res.body());
    }

    private void throttle(URI uri) throws InterruptedException {
        String host = hostKey(uri);
        RobotsRules rules = robots.get(host);
        long interval = Math.max(minIntervalNanos, rules == null ? 0 : (long) (rules.crawlDelaySeconds() * 1e9));
        long now = System.nanoTime();
        long slot = nextSlot.merge(host, now + interval, (prev, ignored) -> Math.max(prev, now) + interval) - interval;
        long wait = slot - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private RobotsRules robotsFor(URI uri) throws InterruptedException {
        String host = hostKey(uri);
        RobotsRules cached = robots.get(host);
        if (cached != null) {
            return cached;
        }
        RobotsRules rules;
        URI robotsUri = URI.create(host + "/robots.txt");
        try {
            Response r = null;
            URI current = robotsUri;
            for (int hop = 0; hop <= maxRedirects; hop++) {
                r = once(current, IngestLedger.Validators.NONE);
                if (r.status() >= 300 && r.status() < 400 && r.location() != null) {
                    current = current.resolve(r.location().strip());
                    continue;
                }
                break;
            }
            if (r.ok()) {
                rules = RobotsRules.parse(new String(r.body(), StandardCharsets.UTF_8), productToken);
            } else if (r.status() >= 400 && r.status() < 500) {
                rules = RobotsRules.ALLOW_ALL; // RFC 9309: "unavailable" robots.txt means no restrictions
            } else {
                rules = RobotsRules.DISALLOW_ALL; // RFC 9309: "unreachable" (5xx) means assume complete disallow
                LOG.warn("robots.txt at {} answered HTTP {}: not crawling that host for now", robotsUri, r.status());
            }
        } catch (IOException e) {
            // unreachable host: the page fetch will fail on its own with a clearer error; do not cache a verdict
            return RobotsRules.ALLOW_ALL;
        }
        robots.put(host, rules);
        return rules;
    }

    private static String hostKey(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
    }

    private static String pathAndQuery(URI uri) {
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
    }

    /** Collects at most limit + 1 bytes, then cancels the rest of the body. */
    private static final class CappedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedSubscriber(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int take = Math.min(b.remaining(), limit + 1 - buf.size());
                byte[] chunk = new byte[take];
                b.get(chunk);
                buf.write(chunk, 0, take);
                if (buf.size() > limit) {
                    subscription.cancel();
                    result.complete(buf.toByteArray());
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buf.toByteArray());
        }
    }
}
