package org.bulletin.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an RSS 2.0 / Atom feed: conditional GET on the feed itself, then for each entry either the linked article is
 * fetched (default) or the entry's own content is pushed. A malformed or hostile feed goes to dead letters with the
 * parser's reason; polling goes on.
 */
final class FeedSource {

    private static final Logger LOG = LoggerFactory.getLogger(FeedSource.class);

    private final WebFetch web;
    private final boolean followLinks;

    FeedSource(WebFetch web, boolean followLinks) {
        this.web = web;
        this.followLinks = followLinks;
    }

    IngestCounts pollOnce(URI feed, String sourceId, boolean force, Progress progress) throws InterruptedException {
        Tally tally = new Tally(progress);
        IngestPipeline pipeline = web.pipeline();
        IngestLedger ledger = pipeline.ledger();
        String url = feed.toString();
        HttpFetcher.Response r;
        try {
            r = web.fetcher().get(feed, force ? IngestLedger.Validators.NONE : ledger.validators(url));
        } catch (HttpFetcher.FetchException e) {
            pipeline.failure(sourceId, url, e.getMessage(), tally);
            return tally.counts();
        }
        if (r.notModified()) {
            LOG.debug("feed {} not modified", url);
            return tally.counts();
        }
        Document feedDoc = WebFetch.document(r, sourceId, Map.of("role", "feed"));
        if (!r.ok()) {
            web.rejectStatus(feedDoc, r, sourceId, tally);
            tally.await();
            return tally.counts();
        }
        if (r.body().length > pipeline.maxBodyBytes()) {
            pipeline.deadLetter(feedDoc, "oversized feed: more than " + pipeline.maxBodyBytes() + " bytes", tally);
            tally.await();
            return tally.counts();
        }
        List<FeedParser.Entry> entries;
        try {
            entries = FeedParser.parse(r.body());
        } catch (FeedParser.FeedException e) {
            pipeline.deadLetter(feedDoc, e.getMessage(), tally);
            tally.await();
            return tally.counts();
        }
        if (progress != null) {
            progress.total(entries.size());
        }
        for (FeedParser.Entry entry : entries) {
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("feedUrl", url);
            put(meta, "feed.entryId", entry.id());
            put(meta, JsonReleases.META_TITLE, entry.title());
            put(meta, JsonReleases.META_PUBLISHED_AT, entry.published());
            URI link = entry.link() == null ? null : resolve(r.uri(), entry.link());
            if (followLinks && link != null) {
                web.article(link, sourceId, meta, force, tally);
            } else if (entry.content() != null) {
                pipeline.submit(
                        new Document(
                                sourceId,
                                link == null ? null : link.toString(),
                                "text/html; charset=UTF-8",
                                entry.content().getBytes(StandardCharsets.UTF_8),
                                meta),
                        force,
                        tally);
            } else {
                pipeline.failure(sourceId, url, "feed entry " + entry.id() + " has neither a link nor content", tally);
            }
        }
        tally.await();
        // remember the feed's validators only once every entry was handled, so a crash re-reads the feed
        ledger.recordValidators(url, new IngestLedger.Validators(r.etag(), r.lastModified()));
        if (progress != null) {
            progress.finish();
        }
        return tally.counts();
    }

    /** Polls every {@code every} until {@code running} is false or the thread is interrupted. */
    IngestCounts poll(URI feed, Duration every, String sourceId, BooleanSupplier running) throws InterruptedException {
        IngestCounts total = IngestCounts.ZERO;
        while (running.getAsBoolean()) {
            IngestCounts c = pollOnce(feed, sourceId, false, null);
            total = total.plus(c);
            LOG.info("feed {} polled: {}", feed, c);
            long until = System.nanoTime() + every.toNanos();
            while (running.getAsBoolean() && System.nanoTime() < until) {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        }
        return total;
    }

    private static URI resolve(URI base, String link) {
        try {
            return base.resolve(link.strip().replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
