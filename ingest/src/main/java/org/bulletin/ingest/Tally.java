package org.bulletin.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the outcomes of one ingest call and lets it wait for its in-flight sends. Thread-safe. */
final class Tally {

    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong dlq = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Progress progress;
    private int inFlight;

    Tally() {
        this(null);
    }

    Tally(Progress progress) {
        this.progress = progress;
    }

    void seen() {
        seen.incrementAndGet();
    }

    synchronized void started() {
        inFlight++;
    }

    void done(IngestPipeline.Outcome outcome) {
        switch (outcome) {
            case PUBLISHED -> published.incrementAndGet();
            case UNCHANGED -> unchanged.incrementAndGet();
            case DEAD_LETTER -> dlq.incrementAndGet();
            case FAILED -> errors.incrementAndGet();
        }
        if (progress != null) {
            progress.step();
        }
        synchronized (this) {
            inFlight--;
            notifyAll();
        }
    }

    void error() {
        errors.incrementAndGet();
    }

    /** Waits until every started document has an outcome. */
    synchronized void await() throws InterruptedException {
        while (inFlight > 0) {
            wait(1000);
        }
    }

    IngestCounts counts() {
        return new IngestCounts(seen.get(), published.get(), unchanged.get(), dlq.get(), errors.get());
    }
}
