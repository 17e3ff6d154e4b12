package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestLedgerTest {

    @TempDir
    Path dir;

    @Test
    void shouldRememberAcknowledgedPushesAcrossReopen() {
        try (IngestLedger l = IngestLedger.open(dir)) {
            assertThat(l.claim("k1", "h1", false)).isTrue();
            l.commit("k1", "h1");
            l.recordValidators("http://a/x", new IngestLedger.Validators("\"e\"", "Tue, 01 Jan 2030 00:00:00 GMT"));
        }
        try (IngestLedger l = IngestLedger.open(dir)) {
            assertThat(l.claim("k1", "h1", false)).as("unchanged after restart").isFalse();
            assertThat(l.claim("k1", "h2", false))
                    .as("a changed body is a new revision")
                    .isTrue();
            assertThat(l.validators("http://a/x").etag()).isEqualTo("\"e\"");
            assertThat(l.validators("http://a/x").lastModified()).isEqualTo("Tue, 01 Jan 2030 00:00:00 GMT");
        }
    }

    @Test
    void shouldNotRememberSendsThatWereNeverAcknowledged() {
        try (IngestLedger l = IngestLedger.open(dir)) {
            assertThat(l.claim("k1", "h1", false)).isTrue();
            assertThat(l.claim("k1", "h1", false))
                    .as("in flight counts as pushed")
                    .isFalse();
            l.release("k1", "h1");
            assertThat(l.claim("k1", "h1", false)).isTrue();
        }
        try (IngestLedger l = IngestLedger.open(dir)) {
            assertThat(l.hashOf("k1")).isEmpty();
        }
    }

    @Test
    void shouldClaimAgainWhenForced() {
        try (IngestLedger l = IngestLedger.open(dir)) {
            l.claim("k", "h", false);
            l.commit("k", "h");
            assertThat(l.claim("k", "h", true)).isTrue();
        }
    }

    @Test
    void shouldSurviveTornLastLineAndEscapedFields() throws Exception {
        try (IngestLedger l = IngestLedger.open(dir)) {
            l.claim("key\twith\ttabs%", "h", false);
            l.commit("key\twith\ttabs%", "h");
        }
        Files.writeString(
                dir.resolve(IngestLedger.FILE_NAME), "K\tbroken", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (IngestLedger l = IngestLedger.open(dir)) {
            assertThat(l.hashOf("key\twith\ttabs%")).contains("h");
            assertThat(l.size()).isEqualTo(1);
        }
    }

    @Test
    void shouldCompactALogOfManyRevisions() throws Exception {
        try (IngestLedger l = IngestLedger.open(dir)) {
            for (int i = 0; i < 500; i++) {
                l.claim("k", "h" + i, false);
                l.commit("k", "h" + i);
            }
        }
        try (IngestLedger l = IngestLedger.open(dir)) {
            assertThat(l.hashOf("k")).contains("h499");
        }
        assertThat(Files.readAllLines(dir.resolve(IngestLedger.FILE_NAME))).hasSize(1);
    }
}
