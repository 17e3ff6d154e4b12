package org.bulletin.ingest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fetches one article URL politely (conditional GET from the ledger) and hands it to the pipeline. */
final class WebFetch {

    private final IngestPipeline pipeline;
    private final HttpFetcher fetcher;

    WebFetch(IngestPipeline pipeline, HttpFetcher fetcher) {
        this.pipeline = pipeline;
        this.fetcher = fetcher;
    }

    HttpFetcher fetcher() {
        return fetcher;
    }

    IngestPipeline pipeline() {
        return pipeline;
    }

    void article(URI uri, String sourceId, Map<String, String> extra, boolean force, Tally tally)
            throws InterruptedException {
        IngestLedger ledger = pipeline.ledger();
        String url = uri.toString();
        HttpFetcher.Response r;
        try {
            r = fetcher.get(uri, force ? IngestLedger.Validators.NONE : ledger.validators(url));
        } catch (HttpFetcher.FetchException e) {
            pipeline.failure(sourceId, url, e.getMessage(), tally);
            return;
        }
        if (r.notModified()) {
            pipeline.unchanged(tally);
            return;
        }
        Document doc = document(r, sourceId, extra);
        if (!r.ok()) {
            rejectStatus(doc, r, sourceId, tally);
            return;
        }
        IngestLedger.Validators v = new IngestLedger.Validators(r.etag(), r.lastModified());
        pipeline.submit(doc, force, tally).thenAccept(res -> {
            if (res.outcome() == IngestPipeline.Outcome.PUBLISHED
                    || res.outcome() == IngestPipeline.Outcome.UNCHANGED) {
                ledger.recordValidators(url, v);
            }
        });
    }

    /** 4xx / 5xx: the body (an error page) goes to dead letters; without a body it is a counted failure. */
    void rejectStatus(Document doc, HttpFetcher.Response r, String sourceId, Tally tally) {
        String reason = "HTTP " + r.status() + " from " + r.uri();
        if (r.body().length > 0) {
            pipeline.deadLetter(doc, reason, tally);
        } else {
            pipeline.failure(sourceId, r.uri().toString(), reason, tally);
        }
    }

    static Document document(HttpFetcher.Response r, String sourceId, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put("http.status", Integer.toString(r.status()));
        if (r.etag() != null) {
            meta.put("http.etag", r.etag());
        }
        if (r.lastModified() != null) {
            meta.put("http.lastModified", r.lastModified());
        }
        return new Document(sourceId, r.uri().toString(), r.contentType(), r.body(), meta);
    }
}
