package org.bulletin.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.SchemaNormalization;
import org.bulletin.schemas.registry.RegistryFixture;
import org.bulletin.schemas.registry.RegistryProcess;
import org.bulletin.schemas.registry.RestSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 2's proof against code we did not write: Confluent's official JavaScript client
 * ({@code @confluentinc/schemaregistry}, driven by {@code src/test/js/interop.js}) reads records our serializer wrote,
 * and our deserializer reads records it wrote, both through a real registry process. Reading those records from a
 * real broker with KafkaJS ({@code src/test/js/subscribe.js}) is the app module's pipeline IT's part: it has the
 * broker and enrich's real, lz4-compressed output.
 */
class ConfluentJsClientInteropIT {

    private static final Path MODULE =
            Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path JS_DIR = MODULE.resolve("src/test/js");
    private static final Path AVSC_DIR = MODULE.resolve("src/main/avro");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RegistryProcess process;
    private static Path workDir;
    /** Why the interop cannot run here, or null when it can. */
    private static String missing;

    @BeforeAll
    static void startRegistryIfTheNodeClientIsThere() throws IOException {
        if (!Files.isDirectory(JS_DIR.resolve("node_modules/@confluentinc/schemaregistry"))) {
            missing = "The interop test needs the npm packages of " + JS_DIR
                    + ": run `npm ci --prefix schemas/src/test/js`";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            return;
        }
        workDir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "interop"));
        process = RegistryFixture.start(ConfluentJsClientInteropIT.class);
    }

    /**
     * Skips each test by name (#15): an abort in {@code @BeforeAll} skips the class before any test starts, and the
     * Surefire/Failsafe report then shows no trace of it.
     */
    @BeforeEach
    void requireNodeClient() {
        Assumptions.assumeTrue(missing == null, () -> missing + " (skipped: CI is not \"true\")");
    }

    @AfterAll
    static void stopRegistry() {
        if (process != null) {
            process.close();
        }
    }

    @Test
    void shouldLetConfluentJsClientReadRecordsOurSerializerWrote() throws Exception {
        Topics topics = Topics.defaults(new RestSchemaRegistry(process.url()));
        topics.registerAll();
        List<String> lines = List.of(
                frame(topics.raw(), topics.rawSerde().serializer().serialize(topics.raw(), Samples.rawRelease())),
                frame(
                        topics.enriched(),
                        topics.releaseSerde().serializer().serialize(topics.enriched(), Samples.release())),
                frame(
                        topics.notifications(),
                        topics.notificationSerde()
                                .serializer()
                                .serialize(topics.notifications(), Samples.notification())));
        Path in = Files.write(workDir.resolve("java-written.b64"), lines);

        List<JsonNode> decoded = node("decode", process.url(), in.toString());

        assertThat(decoded).hasSize(3);
        JsonNode raw = decoded.get(0).get("value");
        assertThat(decoded.get(0).get("topic").asText()).isEqualTo("bulletin.raw.v1");
        assertThat(raw.get("sourceId").asText()).isEqualTo("files");
        assertThat(raw.get("fetchedAt").asLong()).isEqualTo(Samples.FETCHED_AT.toEpochMilli());
        assertThat(new String(
                        Base64.getDecoder().decode(raw.get("body").get("base64").asText()), StandardCharsets.UTF_8))
                .isEqualTo(Samples.BODY);
        assertThat(raw.get("metadata").get("path").asText()).isEqualTo("sample-raw-scrape.txt");
        assertThat(raw.get("charset").asText()).isEqualTo("UTF-8");

        JsonNode release = decoded.get(1).get("value");
        assertThat(release.get("releaseId").asText())
                .isEqualTo(Samples.release().getReleaseId());
        assertThat(release.get("publishedDate").asLong())
                .isEqualTo(LocalDate.of(2024, 7, 25).toEpochDay());
        assertThat(release.get("sourceRefs").get(0).get("fetchedAt").asLong())
                .isEqualTo(Samples.FETCHED_AT.toEpochMilli());
        assertThat(release.get("sourceRefs").get(0).get("rawOffset").asLong()).isEqualTo(41);
        assertThat(release.get("organisations").get(0).get("mentions").get(1).asText())
                .isEqualTo("ОДКБ");
        assertThat(release.get("regions").get(0).get("id").asText()).isEqualTo("central-asia");
        assertThat(release.get("regions").get(0).get("score").asDouble()).isEqualTo(0.92);
        assertThat(release.get("regions")
                        .get(0)
                        .get("evidence")
                        .get(0)
                        .get("phrase")
                        .asText())
                .isEqualTo("Central Asian");
        assertThat(release.get("topics").findValuesAsText("id")).containsExactly("education", "diplomacy");
        assertThat(release.get("duplicateOf").isNull()).isTrue();
        assertThat(release.get("enrichedAt").asLong())
                .isEqualTo(Samples.release().getEnrichedAt().toEpochMilli());

        JsonNode notification = decoded.get(2).get("value");
        assertThat(notification.get("title").asText())
                .isEqualTo(Samples.notification().getTitle());
        assertThat(notification.get("replay").asBoolean()).isTrue();
        assertThat(notification.get("storedAt").asLong())
                .isEqualTo(Samples.notification().getStoredAt().toEpochMilli());
        assertThat(notification.get("topics").get(0).asText()).isEqualTo("education");
    }

    @Test
    void shouldReadRecordsConfluentJsClientWrote() throws Exception {
        Topics topics = Topics.defaults(new RestSchemaRegistry(process.url()));
        topics.registerAll();
        Path out = workDir.resolve("js-written.b64");
        Files.deleteIfExists(out);

        node(
                "encode",
                process.url(),
                AVSC_DIR.toString(),
                out.toString(),
                topics.raw(),
                topics.enriched(),
                topics.notifications());

        Map<String, byte[]> frames = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            String[] parts = line.split("\t");
            frames.put(parts[0], Base64.getDecoder().decode(parts[1]));
        }
        assertThat(frames).containsOnlyKeys(topics.raw(), topics.enriched(), topics.notifications());
        byte[] rawBytes = frames.get(topics.raw());
        assertThat(rawBytes[0]).isZero();
        // The JS client wrote with the schema it registered itself (the .avsc file text, without the generated
        // class's avro.java.string hints): the same contract under another id, so reading resolves writer vs reader.
        RestSchemaRegistry registry = new RestSchemaRegistry(process.url());
        int jsSchemaId = ByteBuffer.wrap(rawBytes, 1, 4).getInt();
        assertThat(jsSchemaId)
                .isNotEqualTo(registry.lookup(topics.raw() + "-value", RawRelease.getClassSchema())
                        .orElseThrow());
        assertThat(SchemaNormalization.toParsingForm(registry.byId(jsSchemaId)))
                .isEqualTo(SchemaNormalization.toParsingForm(RawRelease.getClassSchema()));

        RawRelease raw = Topics.defaults(new RestSchemaRegistry(process.url()))
                .rawSerde()
                .deserializer()
                .deserialize(topics.raw(), rawBytes);
        assertThat(raw.getSourceId()).isEqualTo("node-push");
        assertThat(raw.getSourceUrl()).isEqualTo("https://example.org/node/1");
        assertThat(raw.getFetchedAt()).isEqualTo(Instant.ofEpochMilli(1721902530999L));
        assertThat(raw.getCharset()).isNull();
        assertThat(StandardCharsets.UTF_8.decode(raw.getBody()).toString())
                .isEqualTo("<p>Привет из Node: CSTO/ОДКБ</p>");
        assertThat(raw.getMetadata()).containsEntry("via", "node").containsEntry("etag", "W/\"1\"");

        Release release =
                topics.releaseSerde().deserializer().deserialize(topics.enriched(), frames.get(topics.enriched()));
        assertThat(release.getReleaseId()).isEqualTo("node-1#2");
        assertThat(release.getPublishedDate()).isEqualTo(LocalDate.of(2024, 7, 25));
        assertThat(release.getDates()).containsExactly(LocalDate.of(2024, 7, 25), LocalDate.of(2024, 7, 26));
        assertThat(release.getSourceRefs().get(0).getFetchedAt()).isEqualTo(Instant.ofEpochMilli(1721902530999L));
        assertThat(release.getSourceRefs().get(0).getSourceUrl()).isNull();
        assertThat(release.getRegions().get(0).getId()).isEqualTo("caucasus");
        assertThat(release.getRegions().get(0).getEvidence().get(0).getEnd()).isEqualTo(77);
        assertThat(release.getTopics().get(0).getScore()).isEqualTo(0.9);
        assertThat(release.getPlaces().get(0).getCountryCode()).isEqualTo("AM");
        assertThat(release.getDuplicateOf()).isEqualTo("node-1#1");
        assertThat(release.getEnrichedAt()).isEqualTo(Instant.ofEpochMilli(1721902561000L));
        assertThat(release.getReplay()).isTrue();

        Notification notification = topics.notificationSerde()
                .deserializer()
                .deserialize(topics.notifications(), frames.get(topics.notifications()));
        assertThat(notification.getTitle()).isEqualTo("Сообщение из Node");
        assertThat(notification.getRegions()).containsExactly("caucasus", "global");
        assertThat(notification.getUrl()).isNull();
        assertThat(notification.getStoredAt()).isEqualTo(Instant.ofEpochMilli(1721902561250L));
        assertThat(notification.getReplay()).isFalse();
    }

    private static String frame(String topic, byte[] bytes) {
        return topic + "\t" + Base64.getEncoder().encodeToString(bytes);
    }

    /** Runs interop.js; fails with its stderr when it exits non-zero. Returns its stdout as JSON lines. */
    private static List<JsonNode> node(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "interop.js"));
        command.addAll(List.of(args));
        Path stdout = workDir.resolve(args[0] + ".out");
        Path stderr = workDir.resolve(args[0] + ".err");
        Process node = new ProcessBuilder(command)
                .directory(JS_DIR.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("node " + String.join(" ", args) + " did not finish in 60 s; stderr:\n" + Files.readString(stderr));
        }
        if (node.exitValue() != 0) {
            fail("node " + String.join(" ", args) + " exited " + node.exitValue() + "; stderr:\n"
                    + Files.readString(stderr));
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(stdout)) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
