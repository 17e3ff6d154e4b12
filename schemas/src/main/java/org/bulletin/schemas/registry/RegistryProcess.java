package org.bulletin.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry (Apicurio Registry, the project's {@code registry} module) run as a child
 * process: it cannot share our JVM (Quarkus class loading), so it gets its own, bound to 127.0.0.1. Storage is in
 * memory, so a restart forgets every schema. {@link #close()} (or JVM shutdown) kills it and its descendants.
 */
public final class RegistryProcess implements AutoCloseable {

    /** System property naming the registry runner jar. */
    public static final String JAR_PROPERTY = "bulletin.registry.jar";
    /** Environment variable naming the registry runner jar. */
    public static final String JAR_ENV = "BULLETIN_REGISTRY_JAR";
    /** Classpath resource the application jar bundles the registry jar under. */
    public static final String JAR_RESOURCE = "/bulletin/registry/bulletin-registry-runner.jar";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final Path archive;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private RegistryProcess(Process process, int port, Path logFile, Path archive) {
        this.process = process;
        this.archive = archive;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(
                () -> {
                    destroy();
                    settleArchive();
                },
                "bulletin-registry-shutdown");
    }

    /**
     * Starts the registry from {@code jar} on 127.0.0.1:{@code port}, its output going to {@code logFile}, and waits
     * up to 60 s until {@code GET /health/ready} answers 200.
     *
     * @throws IllegalStateException when it exits or is not ready in time; the message holds the tail of its log
     */
    public static RegistryProcess start(Path jar, int port, Path logFile) {
        return start(jar, port, logFile, null);
    }

    /**
     * As {@link #start(Path, int, Path)}, keeping the registry's schemas in an H2 file under {@code storageDir} so they
     * survive restarts: records already on the topics name schema ids that must still resolve after a restart.
     * {@code null} keeps them in memory.
     */
    public static RegistryProcess start(Path jar, int port, Path logFile, Path storageDir) {
        RegistryProcess registry = launch(jar, port, logFile, storageDir);
        try {
            registry.awaitReady();
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /**
     * Spawns the registry like {@link #start(Path, int, Path, Path)} but returns at once, so the caller can start
     * other things while the registry's JVM boots (most of its start-up time); call {@link #awaitReady()} before use.
     */
    public static RegistryProcess launch(Path jar, int port, Path logFile, Path storageDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Schema registry jar " + jar.toAbsolutePath() + " does not exist; build it with "
                            + "`mvn -pl registry package` or point -D" + JAR_PROPERTY + " / " + JAR_ENV + " at it");
        }
        List<String> command = command(jar, port, storageDir);
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.directory(parent == null ? null : parent.toFile());
            RegistryProcess registry = new RegistryProcess(builder.start(), port, logFile, archive(jar));
            Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
            LOG.info(
                    "Starting schema registry (pid {}) on {}; log {}", registry.process.pid(), registry.url(), logFile);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start schema registry " + String.join(" ", command), e);
        }
    }

    /**
     * The registry's command line. The registry is a short-lived, lightly loaded service next to the platform, so its
     * JVM is tuned for start-up and footprint rather than peak throughput: the C1 compiler only (C2 would spend a
     * core for seconds optimising code that serves a few dozen requests), the serial collector, a small heap and
     * metaspace, and a class-data sharing archive next to the jar (written on the first start, used on the next).
     */
    /** The class-data archive of this jar: named by the jar's modification time, so a rebuilt jar gets a new one. */
    static Path archive(Path jar) {
        Path absolute = jar.toAbsolutePath();
        try {
            long modified = Files.getLastModifiedTime(absolute).toMillis();
            return absolute.resolveSibling(absolute.getFileName() + "." + modified + ".jsa");
        } catch (IOException e) {
            return absolute.resolveSibling(absolute.getFileName() + ".jsa");
        }
    }

    private static Path pendingArchive(Path archive) {
        return archive.resolveSibling(
                archive.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    }

    static List<String> command(Path jar, int port, Path storageDir) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx192m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=48m",
                "-XX:MaxMetaspaceSize=160m"));
        Path archive = archive(jar);
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
            // Mapped where it was written rather than relocated (Java 17 relocates by default: ~0.1 s a start).
            command.add("-XX:+UnlockDiagnosticVMOptions");
            command.add("-XX:ArchiveRelocationMode=0");
        } else if (Files.isWritable(archive.getParent())) {
            // Written at exit under a name of its own and moved into place by close(): registries started at the
            // same time (parallel tests) never map a half-written archive.
            command.add("-XX:ArchiveClassesAtExit=" + pendingArchive(archive));
        }
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        if (storageDir != null) {
            command.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:file:"
                    + storageDir.toAbsolutePath().resolve("registry"));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return command;
    }

    /**
     * The registry runner jar: system property {@code bulletin.registry.jar}, else environment variable
     * {@code BULLETIN_REGISTRY_JAR}, else the copy bundled on the classpath (written to {@code cacheDir} unless a
     * copy of the same size is already there).
     *
     * @throws IllegalStateException when none of these names an existing jar
     */
    public static Path locateJar(Path cacheDir) {
        String property = System.getProperty(JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return existing(Path.of(property), "system property " + JAR_PROPERTY);
        }
        String env = System.getenv(JAR_ENV);
        if (env != null && !env.isBlank()) {
            return existing(Path.of(env), "environment variable " + JAR_ENV);
        }
        var resource = RegistryProcess.class.getResource(JAR_RESOURCE);
        if (resource == null) {
            throw new IllegalStateException("No schema registry jar: set -D" + JAR_PROPERTY + " or " + JAR_ENV
                    + " to registry/target/bulletin-registry-*-runner.jar, or run the application jar that bundles it as "
                    + JAR_RESOURCE);
        }
        try {
            long size = resource.openConnection().getContentLengthLong();
            Path target = cacheDir.resolve("bulletin-registry-runner.jar");
            if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(cacheDir);
            Path partial = Files.createTempFile(cacheDir, "bulletin-registry-runner", ".jar.part");
            try (InputStream in = resource.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            // Move into place in one step, so a concurrent or interrupted start never runs a half-written jar.
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy bundled schema registry jar into " + cacheDir, e);
        }
    }

    /** Environment variable naming the folder the registry jar and its class-data archive are cached in. */
    public static final String CACHE_ENV = "BULLETIN_CACHE_DIR";

    /**
     * Where the registry jar is unpacked and its class-data archive kept: {@code BULLETIN_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/bulletin}, else {@code ~/.cache/bulletin}; {@code fallback} when none is writable. One
     * folder per user rather than per data folder, because the archive only serves a jar at the path it was written
     * for: every data folder's first start then starts as fast as a restart.
     */
    public static Path cacheDir(Path fallback) {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            candidates.add(Path.of(xdg, "bulletin"));
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, ".cache", "bulletin"));
        }
        for (Path dir : candidates) {
            try {
                Files.createDirectories(dir);
                if (Files.isWritable(dir)) {
                    return dir;
                }
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("cache folder {} not usable: {}", dir, e.toString());
            }
        }
        return fallback;
    }

    /** A TCP port free on 127.0.0.1 right now (another process may still take it before the registry does). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    /** The Confluent-compatible API base URL, {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the registry and its descendants and waits for them to exit. */
    @Override
    public void close() {
        destroy();
        settleArchive();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down; the hook is running or has run
        }
    }

    /** Moves the archive the registry wrote at exit into place, or drops it when another start was first. */
    private void settleArchive() {
        Path pending = pendingArchive(archive);
        if (!Files.exists(pending) || process.isAlive()) {
            return;
        }
        try {
            if (Files.exists(archive)) {
                Files.delete(pending);
            } else {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            LOG.debug("could not keep the registry's class-data archive {}: {}", archive, e.toString());
        }
    }

    private void destroy() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                LOG.warn("Schema registry pid {} did not stop in 15 s; killing it", process.pid());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Waits up to 60 s until {@code GET /health/ready} answers 200.
     *
     * @throws IllegalStateException when the registry exits or is not ready in time; the message holds the tail of
     *         its log
     */
    public void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Schema registry exited with code " + process.exitValue()
                        + " before it was ready on port " + port + ". Last lines of " + logFile + ":\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
            }
        }
        throw new IllegalStateException("Schema registry on port " + port + " not ready after "
                + READY_TIMEOUT.toSeconds() + " s (last: " + last + "). Last lines of " + logFile + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static Path existing(Path jar, String source) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Schema registry jar " + jar.toAbsolutePath() + " named by " + source
                    + " does not exist; build it with `mvn -pl registry package`");
        }
        return jar;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    @Override
    public String toString() {
        return "RegistryProcess[pid " + process.pid() + ", " + url() + "]";
    }
}
