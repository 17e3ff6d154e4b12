package org.bulletin.ingest;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every source uses: reject bad bodies to dead letters, build the keyed raw release, skip what the
 * ledger says was already pushed unchanged, publish, and record the acknowledged push in the ledger. Thread-safe.
 */
final class IngestPipeline {

    /** What happened to one document. */
    enum Outcome {
        PUBLISHED,
        UNCHANGED,
        DEAD_LETTER,
        FAILED
    }

    /** Outcome plus the record key and, for dead letters, failures and repeated rejections, the reason. */
    record Result(Outcome outcome, String key, String reason) {}

    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    private final RawPublisher publisher;
    private final IngestLedger ledger;
    private final int maxBodyBytes;
    private final Clock clock;

    IngestPipeline(RawPublisher publisher, IngestLedger ledger, int maxBodyBytes, Clock clock) {
        this.publisher = publisher;
        this.ledger = ledger;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    IngestLedger ledger() {
        return ledger;
    }

    RawPublisher publisher() {
        return publisher;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Submits and counts into {@code tally}; the returned future never completes exceptionally. */
    CompletableFuture<Result> submit(Document doc, boolean force, Tally tally) {
        tally.seen();
        tally.started();
        CompletableFuture<Result> f;
        try {
            f = submit(doc, force);
        } catch (RuntimeException e) { // a bug in detection must not stop the whole ingest run
            LOG.error("ingest of {} from {} failed", doc.url(), doc.sourceId(), e);
            f = CompletableFuture.completedFuture(new Result(Outcome.FAILED, null, e.toString()));
        }
        return f.whenComplete((r, e) -> tally.done(r == null ? Outcome.FAILED : r.outcome()));
    }

    CompletableFuture<Result> submit(Document doc, boolean force) {
        byte[] body = doc.body();
        if (body.length > maxBodyBytes) {
            return deadLetter(doc, "oversized: " + body.length + " bytes > limit " + maxBodyBytes);
        }
        RawRecords.Inspection inspection = RawRecords.inspect(body, doc.contentTypeHeader());
        if (!inspection.ok()) {
            return deadLetter(doc, inspection.problem());
        }
        RawRecord record = RawRecords.build(doc, clock.instant(), inspection);
        String hash = record.value().getContentHash();
        if (!ledger.claim(record.key(), hash, force)) {
            publisher.markUnchanged();
            LOG.debug("unchanged {} ({})", record.key(), hash);
            return CompletableFuture.completedFuture(new Result(Outcome.UNCHANGED, record.key(), null));
        }
        return publisher.publish(record.key(), record.value()).handle((md, e) -> {
            if (e == null) {
                ledger.commit(record.key(), hash);
                return new Result(Outcome.PUBLISHED, record.key(), null);
            }
            ledger.release(record.key(), hash);
            return new Result(Outcome.FAILED, record.key(), e.toString());
        });
    }

    /**
     * Dead-letters a document (also used by sources for HTTP errors and malformed feeds). The same body rejected for
     * the same reason is sent once: the ledger remembers it under {@code dlq:<key>}, so a restart or a re-poll of a
     * broken feed does not flood the dead-letter topic (it is logged and counted as unchanged instead).
     */
    CompletableFuture<Result> deadLetter(Document doc, String reason) {
        String hash = RawRecords.sha256Hex(doc.body());
        String key = RawRecords.key(doc.url(), hash);
        String ledgerKey = "dlq:" + key;
        String ledgerValue = hash + " " + reason;
        if (!ledger.claim(ledgerKey, ledgerValue, false)) {
            publisher.markUnchanged();
            LOG.info(
                    "source {}: {} rejected again ({}), already in dead letters",
                    doc.sourceId(),
                    doc.url() == null ? key : doc.url(),
                    reason);
            return CompletableFuture.completedFuture(new Result(Outcome.UNCHANGED, key, reason));
        }
        return publisher
                .deadLetter(key, doc.body(), reason, doc.sourceId(), doc.url())
                .handle((md, e) -> {
                    if (e == null) {
                        ledger.commit(ledgerKey, ledgerValue);
                        return new Result(Outcome.DEAD_LETTER, key, reason);
                    }
                    ledger.release(ledgerKey, ledgerValue);
                    return new Result(Outcome.FAILED, key, reason);
                });
    }

    /** Submits parsed JSON objects; objects that are no release go to dead letters with their JSON. */
    void submitJson(
            java.util.List<JsonReleases.Item> items, String sourceId, String origin, boolean force, Tally tally) {
        for (JsonReleases.Item item : items) {
            if (item.document() != null) {
                submit(item.document(), force, tally);
            } else {
                deadLetter(new Document(sourceId, origin, RawRecords.JSON, item.json(), null), item.problem(), tally);
            }
        }
    }

    /** Dead-letters and counts into {@code tally}. */
    CompletableFuture<Result> deadLetter(Document doc, String reason, Tally tally) {
        tally.seen();
        tally.started();
        return deadLetter(doc, reason).whenComplete((r, e) -> tally.done(r == null ? Outcome.FAILED : r.outcome()));
    }

    /** Counts a document the source already knew to be unchanged (HTTP 304). */
    void unchanged(Tally tally) {
        publisher.markUnchanged();
        tally.seen();
        tally.started();
        tally.done(Outcome.UNCHANGED);
    }

    /** Counts and logs a failure that has no body to dead-letter (unreachable host, robots.txt refusal ...). */
    void failure(String sourceId, String url, String reason, Tally tally) {
        publisher.markError();
        tally.error();
        LOG.warn("source {}: {} failed: {}", sourceId, url, reason);
    }
}
