package org.bulletin.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restart safety for ingest: which key was pushed with which content hash, and the HTTP validators (ETag,
 * Last-Modified) last seen per URL, kept in an append-only log under the data dir. Thread-safe.
 *
 * <p>Why a local file and not a re-read of {@code bulletin.raw.v1}: the raw topic is the log of record and could
 * rebuild this map, but it keeps every body forever (unlimited retention, up to 5 MiB each), so a rebuild costs a read
 * of the whole history, a consumer and the schema registry on every start, just to learn "key -> last hash". The
 * ledger is only a cache of that fact: lose it and the worst case is that unchanged documents are pushed once more
 * with the same key and hash, which downstream treats as a duplicate. A record is written to the ledger only after the
 * broker acknowledged it, so a crash between send and ack re-pushes (never misses) the document.
 *
 * <p>Format, one entry a line, tab-separated, fields %-escaped: {@code K key hash} and {@code V url etag lastModified}.
 * The last line for a key wins; a torn last line (crash mid-write) is ignored. On open the log is compacted (written
 * to a temp file and atomically moved) when it has grown to more than twice its live entries.
 */
public final class IngestLedger implements AutoCloseable {

    public static final String FILE_NAME = "ingest-ledger.log";
    private static final Logger LOG = LoggerFactory.getLogger(IngestLedger.class);

    /** HTTP cache validators remembered for a URL; either may be null. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);

        public boolean isEmpty() {
            return etag == null && lastModified == null;
        }
    }

    private final Path file;
    private final Map<String, String> committed = new HashMap<>();
    private final Map<String, String> pending = new HashMap<>();
    private final Map<String, Validators> validators = new HashMap<>();
    private BufferedWriter out;

    private IngestLedger(Path file) {
        this.file = file;
    }

    /** Opens (creating if needed) the ledger in {@code dir}. */
    public static IngestLedger open(Path dir) {
        try {
            Files.createDirectories(dir);
            IngestLedger ledger = new IngestLedger(dir.resolve(FILE_NAME));
            int lines = ledger.load();
            if (lines > 2 * (ledger.committed.size() + ledger.validators.size()) + 64) {
                ledger.compact();
            }
            ledger.out = Files.newBufferedWriter(
                    ledger.file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return ledger;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open ingest ledger in " + dir, e);
        }
    }

    private int load() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int bad = 0;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length == 3 && f[0].equals("K")) {
                committed.put(unescape(f[1]), unescape(f[2]));
            } else if (f.length == 4 && f[0].equals("V")) {
                validators.put(
                        unescape(f[1]), new Validators(nullIfEmpty(unescape(f[2])), nullIfEmpty(unescape(f[3]))));
            } else if (!line.isEmpty()) {
                bad++;
            }
        }
        if (bad > 0) {
            LOG.warn("ingest ledger {}: ignored {} unreadable line(s) (torn write after a crash?)", file, bad);
        }
        return lines.size();
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : committed.entrySet()) {
                w.write(keyLine(e.getKey(), e.getValue()));
            }
            for (Map.Entry<String, Validators> e : validators.entrySet()) {
                w.write(validatorLine(e.getKey(), e.getValue()));
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The content hash last acknowledged under {@code key}. */
    public synchronized Optional<String> hashOf(String key) {
        return Optional.ofNullable(committed.get(key));
    }

    /**
     * Reserves {@code key -> hash} before a send. Returns false when that exact content was already pushed (or is in
     * flight), i.e. the document is unchanged and must be skipped; {@code force} reserves regardless.
     */
    public synchronized boolean claim(String key, String hash, boolean force) {
        String current = pending.containsKey(key) ? pending.get(key) : committed.get(key);
        if (!force && hash.equals(current)) {
            return false;
        }
        pending.put(key, hash);
        return true;
    }

    /** Records a broker-acknowledged send; durable against a process crash once this returns. */
    public synchronized void commit(String key, String hash) {
        if (hash.equals(pending.get(key))) {
            pending.remove(key);
        }
        committed.put(key, hash);
        append(keyLine(key, hash));
    }

    /** Drops a reservation whose send failed, so the next run pushes the document again. */
    public synchronized void release(String key, String hash) {
        if (hash.equals(pending.get(key))) {
            pending.remove(key);
        }
    }

    public synchronized Validators validators(String url) {
        return validators.getOrDefault(url, Validators.NONE);
    }

    public synchronized void recordValidators(String url, Validators v) {
        if (v == null || v.isEmpty() || v.equals(validators.get(url))) {
            return;
        }
        validators.put(url, v);
        append(validatorLine(url, v));
    }

    /** Number of keys with an acknowledged push. */
    public synchronized int size() {
        return committed.size();
    }

    public Path file() {
        return file;
    }

    private void append(String line) {
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ingest ledger " + file, e);
        }
    }

    private static String keyLine(String key, String hash) {
        return "K\t" + escape(key) + "\t" + escape(hash) + "\n";
    }

    private static String validatorLine(String url, Validators v) {
        return "V\t" + escape(url) + "\t" + escape(v.etag()) + "\t" + escape(v.lastModified()) + "\n";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
    }

    static String unescape(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ingest ledger " + file, e);
        }
    }
}
