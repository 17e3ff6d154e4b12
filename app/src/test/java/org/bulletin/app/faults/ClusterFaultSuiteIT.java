package org.bulletin.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cluster fault suite (#19), run by {@code scripts/fault-suite.sh cluster} ({@code mvn -Pfaults verify
 * -Dfaults.cluster=true}): three brokers, several enrich instances, a leader killed, a broker stopped, an enrich
 * instance killed again and again, a rolling restart. {@code -Dfaults.short=true} runs what CI can afford (scenario a,
 * 120 releases); any figure can be set with the {@code faults.*} properties of {@link ClusterSuite.Options}.
 */
@Tag("issue-19")
@EnabledIfSystemProperty(named = "faults.cluster", matches = "true")
class ClusterFaultSuiteIT {

    @Test
    void shouldNeitherLoseNorDuplicateAnythingWhenBrokersAndEnrichInstancesFail() throws Exception {
        Path jar = Path.of("target", "bulletin.jar");
        assertThat(jar)
                .as("the shaded jar is built in 'package', before integration tests")
                .exists();
        ClusterSuite.Options options =
                Boolean.getBoolean("faults.short") ? ClusterSuite.Options.shortRun() : ClusterSuite.Options.full();
        FaultSuite.Report report = ClusterSuite.run(jar, Path.of("target", "faults"), options);
        report.print();
        report.save(Path.of("target", "faults", "cluster-report.txt"));
        assertThat(report.rows())
                .as(report.table())
                .allMatch(r -> r.status().equals("PASS") || r.status().equals("NOT RUN"));
        assertThat(report.summary()).isEqualTo("lost=0 duplicate_rows=0 duplicate_notifications=0 poison_not_in_dlq=0");
    }
}
