package org.bulletin.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --json} writes figures as numbers or null, never a stand-in such as -1 or a ratio of -1 (#15: a run
 * whose second half was too short to time wrote {@code "ratio_second_half": -1179.8}).
 */
@Tag("issue-15")
class BenchResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteNullForFiguresThatCouldNotBeMeasured() throws Exception {
        // The pass-through's second half too short to time, no latency sample, no /proc, no thread time.
        BenchResult r = result(
                new BenchResult.Rates(1200, Double.NaN),
                new BenchResult.Rates(900, 1179.8),
                new Percentiles(new double[0]),
                Double.NaN,
                0);

        JsonNode json = JSON.readTree(JSON.writeValueAsString(r.toJson()));

        for (String field : List.of(
                "passthrough_rps_second_half",
                "ratio_second_half",
                "e2e_p50_ms",
                "e2e_p99_ms",
                "e2e_p999_ms",
                "e2e_max_ms",
                "peak_rss_mb",
                "enrich_commit_share",
                "enrich_poll_share",
                "enrich_blocked_share")) {
            assertThat(json.has(field)).as(field).isTrue();
            assertThat(json.get(field).isNull())
                    .as(field + " = " + json.get(field))
                    .isTrue();
        }
        assertThat(json.get("enrich_rps_second_half").asDouble()).isEqualTo(1179.8);
        assertThat(json.get("ratio").asDouble()).isEqualTo(0.75);
        assertThat(everyFigure(json))
                .allSatisfy(f -> assertThat(f.isNull() || f.asDouble() >= 0)
                        .as(f.toString())
                        .isTrue());
    }

    @Test
    void shouldWriteNullForARatioToAPassThroughThatMovedNothing() throws Exception {
        BenchResult r = result(
                new BenchResult.Rates(0, 0),
                new BenchResult.Rates(900, 1000),
                new Percentiles(new double[] {12.34}),
                512,
                10);

        JsonNode json = JSON.readTree(JSON.writeValueAsString(r.toJson()));

        assertThat(json.get("ratio").isNull()).isTrue();
        assertThat(json.get("ratio_second_half").isNull()).isTrue();
        assertThat(json.get("e2e_p50_ms").asDouble()).isEqualTo(12.3);
        assertThat(json.get("peak_rss_mb").asDouble()).isEqualTo(512.0);
        assertThat(json.get("startup_ms").asDouble()).isEqualTo(4200.0);
        assertThat(json.get("idle_rss_mb").asDouble()).isEqualTo(350.0);
        assertThat(json.get("enrich_blocked_share").asDouble()).isEqualTo(0.4);
    }

    @Test
    void shouldPrintNotAvailableWhereTheJsonHasNull() {
        assertThat(BenchResult.figure("%,.0f", null)).isEqualTo("n/a");
        assertThat(BenchResult.figure("%,.0f", Double.NaN)).isEqualTo("n/a");
        assertThat(BenchResult.percent("%.1f", null)).isEqualTo("n/a");
        assertThat(BenchResult.percent("%.1f", 0.171)).isEqualTo(String.format("%.1f%%", 17.1));
    }

    private static BenchResult result(
            BenchResult.Rates passThrough,
            BenchResult.Rates enrichRates,
            Percentiles latency,
            double peakRssMb,
            double threadSeconds) {
        Map<String, Object> machine = new TreeMap<>();
        machine.put("cores", 2);
        return new BenchResult(
                100,
                new BenchResult.Ingest(300, 300, 1_500_000, 3, 4, 450.0),
                passThrough,
                new BenchResult.Enrich(enrichRates, 300, new ThreadTime(1, 2, 4, 1), threadSeconds),
                new BenchResult.Publish(65, 300, 280, 20),
                new BenchResult.Latency(50, 150, latency),
                new BenchResult.Setup("exactly_once_v2", "mem", 100, 3, 1),
                new BenchResult.Memory(700, peakRssMb, 4200, 350),
                machine,
                "2026-11-29T14:00:00Z");
    }

    private static List<JsonNode> everyFigure(JsonNode json) {
        List<JsonNode> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue();
            if (v.isNumber() || v.isNull()) {
                out.add(v);
            }
        }
        return out;
    }
}
