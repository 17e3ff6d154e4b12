package org.bulletin.publish.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * How much a cumulative count (end offsets, committed offsets, records read) grew over the last minute or hour, from
 * samples of it taken over time. A count that goes down (a topic recreated, offsets reset) restarts from there
 * instead of subtracting. Samples older than the retention are dropped. Thread-safe.
 */
public final class RateWindow {

    private final Duration retention;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private long lastRaw;
    private long total;
    private Instant lastChange;

    private record Sample(Instant at, long total) {}

    /** Keeps samples for {@code retention} (the longest window asked for, plus one sampling interval). */
    public RateWindow(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        this.retention = retention;
    }

    /** Records the count's value at {@code at}; samples must come in time order. */
    public synchronized void add(Instant at, long count) {
        if (samples.isEmpty()) {
            lastRaw = count;
        } else {
            if (at.isBefore(samples.peekLast().at())) {
                throw new IllegalArgumentException("sample at " + at + " is older than the last one");
            }
            if (count > lastRaw) {
                total += count - lastRaw;
                lastChange = at;
            }
            lastRaw = count;
        }
        samples.addLast(new Sample(at, total));
        Instant horizon = at.minus(retention);
        // Keep the newest sample at or before the horizon: it is the base of the longest window.
        while (samples.size() > 1) {
            Iterator<Sample> it = samples.iterator();
            it.next();
            if (it.next().at().isAfter(horizon)) {
                break;
            }
            samples.removeFirst();
        }
    }

    /**
     * Growth over {@code window} ending at the newest sample: from the newest sample at or before its start, or from
     * the oldest sample when the history is shorter (see {@link #covered}). 0 before two samples exist.
     */
    public synchronized long over(Duration window) {
        if (samples.isEmpty()) {
            return 0;
        }
        Sample newest = samples.peekLast();
        Instant start = newest.at().minus(window);
        Sample base = samples.peekFirst();
        for (Sample s : samples) {
            if (s.at().isAfter(start)) {
                break;
            }
            base = s;
        }
        return newest.total() - base.total();
    }

    /** How much of {@code window} the samples cover (at most the window itself). */
    public synchronized Duration covered(Duration window) {
        if (samples.isEmpty()) {
            return Duration.ZERO;
        }
        Duration span =
                Duration.between(samples.peekFirst().at(), samples.peekLast().at());
        return span.compareTo(window) < 0 ? span : window;
    }

    /** When the count last grew, or null if it has not since the first sample. */
    public synchronized Instant lastChange() {
        return lastChange;
    }
}
