package org.bulletin.app.pipeline;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code schemas/src/test/js/subscribe.js}: KafkaJS reads topics from a real broker and Confluent's JavaScript
 * schema-registry client decodes them (#15). Without the npm packages the calling test is skipped by name, except
 * with {@code CI=true}, where it fails, as {@code ConfluentJsClientInteropIT} does.
 */
final class JsSubscriber {

    static final Path JS_DIR = Path.of(System.getProperty("basedir", ""))
            .toAbsolutePath()
            .resolveSibling("schemas")
            .resolve("src/test/js");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the script printed: the records it read, or the message of the consumer's crash. */
    record Result(int exit, List<JsonNode> records, String crash, String stderr) {}

    private JsSubscriber() {}

    /** A record the script read, in the form the Java side compares: "topic/partition/offset/key". */
    static String position(JsonNode r) {
        return r.get("topic").asText() + "/" + r.get("partition").asInt() + "/"
                + r.get("offset").asLong() + "/" + r.get("key").asText();
    }

    /** Aborts (skips) or, with CI=true, fails the calling test when the npm packages are not installed. */
    static void requireNodeModules() {
        for (String module : List.of("kafkajs", "kafkajs-lz4", "@confluentinc/schemaregistry")) {
            if (!Files.isDirectory(JS_DIR.resolve("node_modules").resolve(module))) {
                String missing = "The JavaScript subscriber test needs the npm packages of " + JS_DIR + " (" + module
                        + " is missing): run `npm ci --prefix schemas/src/test/js`";
                if ("true".equals(System.getenv("CI"))) {
                    fail(missing);
                }
                Assumptions.abort(missing + " (skipped: CI is not \"true\")");
            }
        }
    }

    /** Reads at least {@code counts} records per topic with KafkaJS, with or without the kafkajs-lz4 codec. */
    static Result read(String bootstrap, String registryUrl, boolean lz4Codec, Map<String, Long> counts, Path workDir)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("node", "subscribe.js", bootstrap, registryUrl, lz4Codec ? "lz4" : "none"));
        counts.forEach((topic, n) -> command.add(topic + "=" + n));
        String name = "subscribe-" + (lz4Codec ? "lz4" : "none");
        Path stdout = workDir.resolve(name + ".out");
        Path stderr = workDir.resolve(name + ".err");
        Process node = new ProcessBuilder(command)
                .directory(JS_DIR.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        // subscribe.js gives up after 60 s itself; this bound only catches a hung process.
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("node " + String.join(" ", command) + " did not finish in 120 s; stderr:\n"
                    + Files.readString(stderr));
        }
        List<JsonNode> records = new ArrayList<>();
        String crash = null;
        for (String line : Files.readAllLines(stdout)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json = JSON.readTree(line);
            if (json.has("crash")) {
                crash = json.get("crash").asText();
            } else {
                records.add(json);
            }
        }
        return new Result(node.exitValue(), records, crash, Files.readString(stderr));
    }
}
