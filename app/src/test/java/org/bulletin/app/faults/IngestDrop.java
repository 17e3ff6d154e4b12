package org.bulletin.app.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Live traffic through the real ingest process (#19): writes generated releases, as JSON lines files with a
 * {@code url} each, into the folder {@code bulletin ingest files --watch} watches, a file a second at a steady rate.
 * Ingest keys a release by its canonical URL, so the items' keys are those URLs and the checker finds them by prefix.
 */
final class IngestDrop implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://ingest.example.org/";

    private final Path inbox;
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final Map<String, Long> writtenAtMillis = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private IngestDrop(Path inbox, List<Generator.Item> items, double perSecond) {
        this.inbox = inbox;
        this.thread = new Thread(() -> run(items, perSecond), "fault-ingest-drop");
        thread.setDaemon(true);
    }

    /** {@code n} generated releases keyed by the URL ingest will give them; {@code prefix} must be lower case. */
    static List<Generator.Item> releases(String prefix, int n) {
        List<Generator.Item> out = new ArrayList<>(n);
        for (Generator.Item i : Generator.releases(prefix, n)) {
            out.add(new Generator.Item(BASE + i.key(), BASE + i.group(), i.nearEdit(), i.raw()));
        }
        return out;
    }

    /** The prefix of the store ids of {@link #releases} made with {@code prefix}. */
    static String storePrefix(String prefix) {
        return BASE + prefix;
    }

    static IngestDrop start(Path inbox, List<Generator.Item> items, double perSecond) {
        IngestDrop drop = new IngestDrop(inbox, items, perSecond);
        drop.thread.start();
        return drop;
    }

    private void run(List<Generator.Item> items, double perSecond) {
        long start = System.nanoTime();
        int perFile = Math.max(1, (int) Math.round(perSecond));
        int file = 0;
        for (int from = 0; from < items.size(); from += perFile) {
            List<Generator.Item> batch = items.subList(from, Math.min(items.size(), from + perFile));
            long due = start + (long) (from * 1e9 / perSecond);
            try {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                StringBuilder lines = new StringBuilder();
                for (Generator.Item item : batch) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("url", item.key());
                    o.put("body", body(item));
                    lines.append(JSON.writeValueAsString(o)).append('\n');
                }
                String name = String.format(Locale.ROOT, "batch-%06d.jsonl", file++);
                // Written under a hidden name, then renamed: the watcher never sees a half-written file.
                Path tmp = inbox.resolve("." + name + ".tmp");
                Files.writeString(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                long now = System.currentTimeMillis();
                for (Generator.Item item : batch) {
                    writtenAtMillis.put(item.key(), now);
                    written.add(item.key());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.io.IOException | RuntimeException e) {
                failures.add(e);
                return;
            }
        }
    }

    private static String body(Generator.Item item) {
        ByteBuffer b = item.raw().getBody().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Keys of the releases written to the inbox so far. */
    List<String> written() {
        return new ArrayList<>(written);
    }

    /** When each release's file appeared in the inbox (wall clock, ms). */
    Map<String, Long> writtenAtMillis() {
        return Map.copyOf(writtenAtMillis);
    }

    /** Waits until every file was written. */
    void await(long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
        if (thread.isAlive()) {
            throw new IllegalStateException("ingest drop did not finish in " + seconds + " s");
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    "could not write to the ingest inbox " + inbox + ": " + failures.get(0), failures.get(0));
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
