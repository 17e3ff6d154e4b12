package org.bulletin.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage as the app sees it: files, standard input, feeds, crawls and HTTP push, all through one pipeline
 * (dead letters, ledger, idempotent producer). Owns the publisher and the ledger and closes them. The one-shot methods
 * block until every record they produced is acknowledged; polling and watching run until {@link #stop()} or
 * {@link #close()}. Thread-safe.
 */
public final class Ingestor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

    private final IngestConfig config;
    private final RawPublisher publisher;
    private final IngestLedger ledger;
    private final IngestPipeline pipeline;
    private final WebFetch web;
    private final PushHandler push;
    private volatile boolean running = true;

    /** Opens the ledger in {@code <data.dir>/ingest}. */
    public Ingestor(IngestConfig config, RawPublisher publisher) {
        this(config, publisher, IngestLedger.open(config.dataDir().resolve("ingest")), Clock.systemUTC());
    }

    Ingestor(IngestConfig config, RawPublisher publisher, IngestLedger ledger, Clock clock) {
        this.config = config;
        this.publisher = publisher;
        this.ledger = ledger;
        this.pipeline = new IngestPipeline(publisher, ledger, config.maxBodyBytes(), clock);
        this.web = new WebFetch(pipeline, new HttpFetcher(config));
        this.push = new PushHandler(config, pipeline);
    }

    /** Files and folders (recursive); {@code force} pushes again what was already pushed unchanged. */
    public IngestCounts ingestPaths(List<Path> paths, boolean force) throws IOException, InterruptedException {
        return ingestPaths(paths, force, "files");
    }

    public IngestCounts ingestPaths(List<Path> paths, boolean force, String sourceId)
            throws IOException, InterruptedException {
        try (Progress progress = progress("ingest " + sourceId)) {
            IngestCounts c = new FileSource(pipeline, sourceId).ingest(paths, force, progress);
            LOG.info("source {}: {}", sourceId, c);
            return c;
        }
    }

    /** Ingests what is under {@code paths}, then every new or changed file until {@link #stop()}. */
    public IngestCounts watchPaths(List<Path> paths, boolean force, String sourceId)
            throws IOException, InterruptedException {
        return new FileSource(pipeline, sourceId).watch(paths, force, () -> running);
    }

    /** Standard input (or any stream): one release, or one per object when it is JSON. */
    public IngestCounts ingestStream(InputStream in, String sourceId) throws IOException, InterruptedException {
        IngestCounts c = new StdinSource(pipeline).ingest(in, sourceId, false);
        LOG.info("source {}: {}", sourceId, c);
        return c;
    }

    /** Polls a feed once when {@code every} is null or zero, else every {@code every} until {@link #stop()}. */
    public IngestCounts pollFeed(URI feed, Duration every) throws InterruptedException {
        return pollFeed(feed, every, "feed:" + host(feed));
    }

    public IngestCounts pollFeed(URI feed, Duration every, String sourceId) throws InterruptedException {
        FeedSource source = new FeedSource(web, config.feedFollowLinks());
        if (every == null || every.isZero() || every.isNegative()) {
            try (Progress progress = progress("feed " + sourceId)) {
                IngestCounts c = source.pollOnce(feed, sourceId, false, progress);
                LOG.info("source {}: {}", sourceId, c);
                return c;
            }
        }
        return source.poll(feed, every, sourceId, () -> running);
    }

    /** Crawls a news-list page: article links matching {@code links}, "next page" links up to {@code depth} lists. */
    public IngestCounts crawl(URI start, Pattern links, int depth) throws InterruptedException {
        return crawl(start, links, depth, "page:" + host(start));
    }

    public IngestCounts crawl(URI start, Pattern links, int depth, String sourceId) throws InterruptedException {
        try (Progress progress = progress("crawl " + sourceId)) {
            IngestCounts c =
                    new PageSource(web, config.crawlMaxPages()).crawl(start, links, depth, sourceId, false, progress);
            LOG.info("source {}: {}", sourceId, c);
            return c;
        }
    }

    /** Runs one configured source; repeating ones ({@code watch}, {@code every}) run until {@link #stop()}. */
    public IngestCounts run(SourceSpec spec) throws IOException, InterruptedException {
        return switch (spec.type()) {
            case FILES ->
                spec.watch()
                        ? watchPaths(spec.paths(), spec.force(), spec.id())
                        : ingestPaths(spec.paths(), spec.force(), spec.id());
            case STDIN -> ingestStream(System.in, spec.id());
            case FEED -> pollFeed(spec.url(), spec.every(), spec.id());
            case PAGE -> {
                IngestCounts total = crawl(spec.url(), spec.links(), spec.depth(), spec.id());
                while (spec.every() != null && running) {
                    sleepWhileRunning(spec.every());
                    if (running) {
                        total = total.plus(crawl(spec.url(), spec.links(), spec.depth(), spec.id()));
                    }
                }
                yield total;
            }
        };
    }

    /** Runs several sources at once, one thread each; returns when all have ended (one-shot ones end by themselves). */
    public IngestCounts runAll(List<SourceSpec> specs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, specs.size()), r -> {
            Thread t = new Thread(r, "bulletin-ingest-source");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<IngestCounts>> futures = new ArrayList<>();
            for (SourceSpec s : specs) {
                futures.add(pool.submit(() -> run(s)));
            }
            IngestCounts total = IngestCounts.ZERO;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    total = total.plus(futures.get(i).get());
                } catch (ExecutionException e) {
                    // one broken source (a missing folder...) must not stop the others
                    LOG.error(
                            "source {} stopped: {}",
                            specs.get(i).id(),
                            e.getCause().toString());
                    publisher.markError();
                    total = total.plus(new IngestCounts(0, 0, 0, 0, 1));
                }
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The {@code POST /v1/releases} handler for the app's HTTP API. */
    public PushHandler pushHandler() {
        return push;
    }

    /** Counters since start (published, skipped-unchanged, dlq, errors) for metrics. */
    public RawPublisher.Counters counters() {
        return publisher.snapshot();
    }

    /** Ends watching and polling loops; the blocking calls return their counts. */
    public void stop() {
        running = false;
    }

    @Override
    public void close() {
        stop();
        try {
            publisher.close();
        } finally {
            ledger.close();
        }
    }

    private Progress progress(String label) {
        return Progress.create(label, -1, config.progressLogInterval());
    }

    private void sleepWhileRunning(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < until) {
            Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "unknown" : uri.getHost().toLowerCase(Locale.ROOT);
    }
}
