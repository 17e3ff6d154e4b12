package org.bulletin.ingest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, so a test whose condition never comes true fails, naming what it waited for, instead of hanging the build. */
final class Await {

    private static final long POLL_MS = 20;

    private Await() {}

    /** Returns once {@code condition} holds; throws an {@link AssertionError} naming {@code what} after {@code timeout}. */
    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Joins {@code thread}; throws an {@link AssertionError} if it is still running after {@code timeout}. */
    static void joined(Thread thread, Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError(
                    "thread " + thread.getName() + " still running after " + timeout.toSeconds() + " s");
        }
    }
}
