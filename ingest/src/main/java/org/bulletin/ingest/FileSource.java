package org.bulletin.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and folders (recursive): {@code .txt}, {@code .html}/{@code .htm} one release per file; {@code .json} one
 * object or an array, {@code .jsonl} one object a line (fields in {@link JsonReleases}). Hidden files are skipped.
 * Optionally watches the folders for new and changed files; the ledger keeps unchanged files from being pushed again.
 */
final class FileSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);
    private static final long QUIET_MILLIS = 300;

    private final IngestPipeline pipeline;
    private final String sourceId;

    FileSource(IngestPipeline pipeline, String sourceId) {
        this.pipeline = pipeline;
        this.sourceId = sourceId;
    }

    static boolean supported(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".")
                && (name.endsWith(".txt")
                        || name.endsWith(".html")
                        || name.endsWith(".htm")
                        || name.endsWith(".json")
                        || name.endsWith(".jsonl"));
    }

    /** Lists the supported files under the given paths, sorted, so runs are repeatable. */
    static List<Path> list(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(Files::isRegularFile)
                            .filter(FileSource::supported)
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(root)) {
                files.add(root); // named explicitly: taken whatever its extension (treated as text)
            } else {
                throw new IOException("no such file or folder: " + root);
            }
        }
        return files;
    }

    IngestCounts ingest(List<Path> roots, boolean force, Progress progress) throws IOException, InterruptedException {
        List<Path> files = list(roots);
        progress.total(files.size());
        Tally tally = new Tally();
        for (Path file : files) {
            ingestFile(file, force, tally);
            progress.step();
        }
        tally.await();
        progress.finish();
        return tally.counts();
    }

    void ingestFile(Path file, boolean force, Tally tally) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String uri = file.toAbsolutePath().normalize().toUri().toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = Bodies.readCapped(in, pipeline.maxBodyBytes());
        } catch (IOException e) {
            pipeline.failure(sourceId, uri, "cannot read file: " + e, tally);
            return;
        }
        Map<String, String> meta =
                Map.of("path", file.toAbsolutePath().normalize().toString());
        boolean json = name.endsWith(".json");
        boolean jsonl = name.endsWith(".jsonl");
        if ((json || jsonl) && bytes.length <= pipeline.maxBodyBytes()) {
            try {
                List<JsonReleases.Item> items = jsonl
                        ? JsonReleases.parseLines(bytes, sourceId, uri)
                        : JsonReleases.parse(bytes, sourceId, uri);
                pipeline.submitJson(items, sourceId, uri, force, tally);
            } catch (JsonReleases.MalformedJsonException e) {
                pipeline.deadLetter(new Document(sourceId, uri, RawRecords.JSON, bytes, meta), e.getMessage(), tally);
            }
            return;
        }
        String type = name.endsWith(".html") || name.endsWith(".htm")
                ? "text/html"
                : name.endsWith(".txt") ? "text/plain" : null;
        pipeline.submit(new Document(sourceId, uri, type, bytes, meta), force, tally);
    }

    /**
     * Ingests what is there, then watches the folders (recursively) until {@code running} turns false or the thread
     * is interrupted. A file is taken once it has been quiet for a moment, so half-written files are not pushed.
     */
    IngestCounts watch(List<Path> roots, boolean force, BooleanSupplier running)
            throws IOException, InterruptedException {
        Tally tally = new Tally();
        Map<Path, Long> dirty = new HashMap<>();
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            for (Path root : roots) {
                Path dir =
                        Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
                registerTree(ws, dir);
            }
            for (Path file : list(roots)) {
                ingestFile(file, force, tally);
            }
            while (running.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                WatchKey key = ws.poll(100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    Path dir = (Path) key.watchable();
                    for (WatchEvent<?> ev : key.pollEvents()) {
                        if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                            list(roots).forEach(p -> dirty.put(p, System.currentTimeMillis()));
                            continue;
                        }
                        Path p = dir.resolve((Path) ev.context());
                        if (Files.isDirectory(p)) {
                            registerTree(ws, p);
                            list(List.of(p)).forEach(f -> dirty.put(f, System.currentTimeMillis()));
                        } else if (supported(p) && inRoots(p, roots)) {
                            dirty.put(p, System.currentTimeMillis());
                        }
                    }
                    key.reset();
                }
                long now = System.currentTimeMillis();
                for (Iterator<Map.Entry<Path, Long>> it = dirty.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Path, Long> e = it.next();
                    if (now - e.getValue() >= QUIET_MILLIS) {
                        it.remove();
                        if (Files.isRegularFile(e.getKey())) {
                            ingestFile(e.getKey(), force, tally);
                        }
                    }
                }
            }
        } catch (ClosedWatchServiceException e) {
            LOG.debug("watch service closed");
        }
        tally.await();
        return tally.counts();
    }

    private static boolean inRoots(Path p, List<Path> roots) {
        Path abs = p.toAbsolutePath().normalize();
        for (Path r : roots) {
            Path ra = r.toAbsolutePath().normalize();
            if (Files.isDirectory(ra) ? abs.startsWith(ra) : abs.equals(ra)) {
                return true;
            }
        }
        return false;
    }

    private static void registerTree(WatchService ws, Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path d : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
                d.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
    }
}
