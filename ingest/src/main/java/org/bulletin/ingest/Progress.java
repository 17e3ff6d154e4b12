package org.bulletin.ingest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long backfill: on a terminal a single-line bar (count, rate, ETA) redrawn in place with {@code \r};
 * otherwise a plain log line every few seconds, so CI logs and journald are not flooded. Thread-safe.
 */
public final class Progress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
    private static final int BAR_WIDTH = 24;

    private final String label;
    private final PrintStream terminal;
    private final Consumer<String> logLine;
    private final long logEveryNanos;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long total;
    private long count;
    private long lastEmitNanos;
    private boolean finished;

    /** A reporter for the current process: a bar when {@code System.console()} exists, log lines otherwise. */
    public static Progress create(String label, long total, Duration logEvery) {
        boolean tty = System.console() != null;
        return new Progress(label, total, tty ? System.err : null, LOG::info, logEvery, System::nanoTime);
    }

    /**
     * @param terminal where to draw the bar, or null for plain log lines
     * @param total    expected count, or -1 when unknown (no bar, no ETA)
     */
    public Progress(
            String label,
            long total,
            PrintStream terminal,
            Consumer<String> logLine,
            Duration logEvery,
            LongSupplier nanoTime) {
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        this.logLine = logLine;
        this.logEveryNanos = logEvery.toNanos();
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastEmitNanos = startNanos;
    }

    public synchronized void total(long newTotal) {
        this.total = newTotal;
    }

    public void step() {
        step(1);
    }

    public synchronized void step(long n) {
        count += n;
        long now = nanoTime.getAsLong();
        if (finished) {
            return;
        }
        if (terminal != null && now - lastEmitNanos >= REDRAW_NANOS) {
            terminal.print("\r" + render(now));
            terminal.flush();
            lastEmitNanos = now;
        } else if (terminal == null && now - lastEmitNanos >= logEveryNanos) {
            logLine.accept(render(now));
            lastEmitNanos = now;
        }
    }

    public synchronized long count() {
        return count;
    }

    /** The current status line: label, bar (when the total is known), count, rate and ETA. */
    synchronized String render(long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = count / seconds;
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * count / total);
            sb.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(BAR_WIDTH - filled))
                    .append("] ")
                    .append(count)
                    .append('/')
                    .append(total);
        } else {
            sb.append(count);
        }
        sb.append(String.format(Locale.ROOT, " %.1f/s", rate));
        if (total > 0 && rate > 0 && count < total) {
            sb.append(" ETA ").append(clock((long) Math.ceil((total - count) / rate)));
        } else {
            sb.append(" elapsed ").append(clock((long) seconds));
        }
        return sb.toString();
    }

    private static String clock(long s) {
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Prints the final line (and ends the bar's line on a terminal). */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        String line = render(nanoTime.getAsLong());
        if (terminal != null) {
            terminal.print("\r" + line + "\n");
            terminal.flush();
        } else {
            logLine.accept(line);
        }
    }

    @Override
    public void close() {
        finish();
    }
}
