package org.bulletin.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The fault-tolerance suite (issue #9), run by {@code mvn -Pfaults verify}: 1000 releases per scenario, five kills, a
 * 30 s database outage; {@code -Dfaults.short=true} runs the short version (300 releases, two kills, 8 s outage).
 * Override any figure with {@code -Dfaults.releases}, {@code -Dfaults.kills}, {@code -Dfaults.pg.outage.seconds},
 * {@code -Dfaults.broker.down.seconds}, {@code -Dfaults.seed}.
 */
@DisabledIfSystemProperty(named = "faults.cluster", matches = "true") // the cluster suite runs instead (#19)
class FaultSuiteIT {

    @Test
    void shouldNeitherLoseNorDuplicateAnythingUnderFaults() throws Exception {
        Path jar = Path.of("target", "bulletin.jar");
        assertThat(jar)
                .as("the shaded jar is built in 'package', before integration tests")
                .exists();
        FaultSuite.Options options =
                Boolean.getBoolean("faults.short") ? FaultSuite.Options.shortRun() : FaultSuite.Options.full();
        FaultSuite.Report report = FaultSuite.run(jar, Path.of("target", "faults"), options);
        report.print();
        report.save(Path.of("target", "faults", "fault-suite-report.txt"));
        assertThat(report.rows())
                .as(report.table())
                .allMatch(r -> r.status().equals("PASS") || r.status().equals("NOT RUN"));
        assertThat(report.summary()).isEqualTo("lost=0 duplicate_rows=0 duplicate_notifications=0 poison_not_in_dlq=0");
    }
}
