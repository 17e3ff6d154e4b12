package org.bulletin.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.bulletin.app.BenchCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Keeps {@code bulletin bench} working (#8): a tiny run through every stage must write every figure. It asserts no
 * timing; the numbers of so small a run mean nothing.
 */
@Tag("issue-8")
class BenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void shouldReportEveryStageWithPositiveFiguresForATinyRun() throws Exception {
        Path json = dir.resolve("bench.json");
        StringWriter out = new StringWriter();

        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute(
                "--records",
                "300",
                "--rate",
                "50",
                "--e2e-seconds",
                "3",
                "--warmup-seconds",
                "1",
                "--registry",
                "mem",
                "--json",
                json.toString(),
                "--data-dir",
                dir.resolve("data").toString());

        assertThat(exit).as(out.toString()).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        for (String field : new String[] {
            "records",
            "ingest_rps",
            "passthrough_rps",
            "enrich_rps",
            "ratio",
            "publish_rps",
            "e2e_p50_ms",
            "e2e_p99_ms",
            "e2e_p999_ms",
            "peak_rss_mb",
            "peak_heap_mb"
        }) {
            assertThat(r.path(field).asDouble()).as(field).isPositive();
        }
        assertThat(r.path("records").asInt()).isEqualTo(300);
        assertThat(r.path("warmup_releases").asLong()).isPositive();
        assertThat(r.has("enrich_rps_second_half")).isTrue();
        assertThat(r.has("ratio_second_half")).isTrue();
        assertThat(r.path("e2e_received").asInt()).isEqualTo(150);
        assertThat(r.path("machine").path("cores").asInt()).isPositive();
        assertThat(r.path("machine").path("java_version").asText()).isNotBlank();
        assertThat(out.toString()).contains("enrich", "pass-through", "publish", "end-to-end");
    }
}
