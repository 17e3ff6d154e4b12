package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushHandlerTest {

    @TempDir
    Path data;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldBeOffWithoutAToken() {
        try (TestRig rig = new TestRig(data, Map.of())) {
            PushHandler.Result r = rig.ingestor.pushHandler().handle("Bearer anything", "text/plain", utf8("x"));
            assertThat(r.status()).isEqualTo(404);
            assertThat(rig.producer.history()).isEmpty();
        }
    }

    @Test
    void shouldRefuseMissingOrWrongTokens() {
        try (TestRig rig = new TestRig(data, Map.of(IngestConfig.PUSH_TOKEN, "s3cret"))) {
            PushHandler h = rig.ingestor.pushHandler();
            assertThat(h.handle(null, "text/plain", utf8("x")).status()).isEqualTo(401);
            assertThat(h.handle("Bearer s3cre", "text/plain", utf8("x")).status())
                    .isEqualTo(401);
            assertThat(h.handle("Basic s3cret", "text/plain", utf8("x")).status())
                    .isEqualTo(401);
            assertThat(rig.producer.history()).isEmpty();
        }
    }

    @Test
    void shouldAcceptTextAndJsonWithTheReleaseKey() {
        try (TestRig rig = new TestRig(data, Map.of(IngestConfig.PUSH_TOKEN, "s3cret"))) {
            PushHandler h = rig.ingestor.pushHandler();
            PushHandler.Result text = h.handle("bearer s3cret", "text/plain; charset=utf-8", utf8("A release."));
            assertThat(text.status()).isEqualTo(202);
            assertThat(text.key()).isEqualTo("sha256:" + RawRecords.sha256Hex(utf8("A release.")));
            assertThat(text.toJson()).startsWith("{\"key\":\"sha256:");
            PushHandler.Result json = h.handle(
                    "Bearer s3cret",
                    "application/json",
                    utf8("{\"url\":\"https://odkb.org/n/9?fbclid=1\",\"title\":\"T\",\"html\":\"<p>x</p>\"}"));
            assertThat(json.status()).isEqualTo(202);
            assertThat(json.key()).isEqualTo("https://odkb.org/n/9");
            assertThat(rig.raw()).extracting(r -> r.getSourceId()).containsOnly("push");
            assertThat(h.handle("Bearer s3cret", "text/plain", utf8("A release."))
                            .status())
                    .as("a re-push of the same content is idempotent")
                    .isEqualTo(202);
            assertThat(rig.raw()).hasSize(2);
        }
    }

    @Test
    void shouldAnswer413And400WithReasons() {
        try (TestRig rig =
                new TestRig(data, Map.of(IngestConfig.PUSH_TOKEN, "s3cret", IngestConfig.MAX_BODY_BYTES, "100"))) {
            PushHandler h = rig.ingestor.pushHandler();
            assertThat(h.handle("Bearer s3cret", "text/plain", new byte[101]).status())
                    .isEqualTo(413);
            PushHandler.Result bad = h.handle("Bearer s3cret", "application/json", utf8("{\"body\": \"x\""));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.reason()).startsWith("malformed JSON");
            assertThat(h.handle("Bearer s3cret", "application/json", utf8("{\"title\":\"t\"}"))
                            .reason())
                    .contains("no \"html\", \"body\" or \"text\"");
            assertThat(h.handle("Bearer s3cret", "text/plain", new byte[0]).status())
                    .isEqualTo(400);
            assertThat(h.handle("Bearer s3cret", "image/png", utf8("x")).status())
                    .isEqualTo(415);
            PushHandler.Result binary = h.handle("Bearer s3cret", "text/plain", new byte[] {0, 0, 1, 2});
            assertThat(binary.status()).isEqualTo(400);
            assertThat(binary.reason()).startsWith("undecodable");
            assertThat(rig.dlq())
                    .as("undecodable bytes are kept in dead letters")
                    .hasSize(1);
            assertThat(h.handle("Bearer s3cret", "text/plain", new byte[] {0, 0, 1, 2})
                            .status())
                    .as("the same bad body again")
                    .isEqualTo(400);
            assertThat(rig.dlq()).as("dead-lettered once").hasSize(1);
        }
    }
}
