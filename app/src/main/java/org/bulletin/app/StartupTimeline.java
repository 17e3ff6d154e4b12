package org.bulletin.app;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where start-up time goes: each step's end, logged at DEBUG as it happens ({@code BULLETIN_LOG_LEVEL=DEBUG}) and
 * kept, so {@code bench} and the start-up script can print the whole timeline.
 */
final class StartupTimeline {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTimeline.class);

    /** One finished step: its name and the milliseconds since the timeline began when it ended. */
    record Step(String name, long endMillis) {}

    private final long start = System.nanoTime();
    private final List<Step> steps = new ArrayList<>();

    /** Marks the end of a step. */
    synchronized void mark(String step) {
        long now = elapsedMillis();
        long previous = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).endMillis();
        steps.add(new Step(step, now));
        LOG.debug("start-up: {} done at {} ms (+{} ms)", step, now, now - previous);
    }

    long elapsedMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    synchronized List<Step> steps() {
        return List.copyOf(steps);
    }
}
