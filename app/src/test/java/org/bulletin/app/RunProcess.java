package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/bulletin.jar run} as a user runs it, in its own process on loopback ports, its output
 * collected (and copied to {@code <data dir>-run.log} beside the data dir). For integration tests.
 */
public final class RunProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int[] ports;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private RunProcess(Process process, int[] ports) {
        this.process = process;
        this.ports = ports;
    }

    /** Four free loopback ports: Kafka, its controller, the registry, the HTTP API. */
    public static int[] freePorts() throws IOException {
        // Every socket stays open until all four are taken, so no port is handed out twice.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[4];
            for (int i = 0; i < ports.length; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** Starts {@code run} on {@code dataDir} and {@code ports} (see {@link #freePorts()}), with {@code extra} flags. */
    public static RunProcess start(Path dataDir, int[] ports, String... extra) throws IOException {
        Path jar = Path.of("target", "bulletin.jar");
        assertThat(jar)
                .as("the shaded jar is built in 'package', before integration tests")
                .exists();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "run",
                "--data-dir",
                dataDir.toString(),
                "--kafka-port",
                Integer.toString(ports[0]),
                "--controller-port",
                Integer.toString(ports[1]),
                "--registry-port",
                Integer.toString(ports[2]),
                "--api-port",
                Integer.toString(ports[3])));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        RunProcess run = new RunProcess(p, ports);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-run.log");
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            run.lines.add(line);
                            Files.writeString(
                                    log,
                                    line + "\n",
                                    StandardCharsets.UTF_8,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                },
                "run-output");
        reader.setDaemon(true);
        reader.start();
        return run;
    }

    /** The output so far, line by line. */
    public List<String> lines() {
        return lines;
    }

    public int apiPort() {
        return ports[3];
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort();
    }

    /** Waits until a line of the output contains {@code text} (fails with the whole output if it never does). */
    public void awaitLine(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && lines.stream().noneMatch(l -> l.contains(text))) {
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(lines)
                .as("output of 'bulletin run':%n%s", String.join("\n", lines))
                .anyMatch(l -> l.contains(text));
    }

    /** GETs {@code path} of the HTTP API as JSON. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(apiUrl() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** POSTs {@code body} to {@code path}; returns the status and body. */
    public HttpResponse<String> post(String path, String contentType, String authorization, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends SIGTERM and waits up to 30 s; returns whether it stopped in time. */
    public boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop()) {
            process.destroyForcibly();
        }
    }
}
