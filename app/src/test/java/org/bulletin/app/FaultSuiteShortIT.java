package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bulletin.app.faults.FaultSuite;
import org.junit.jupiter.api.Test;

/**
 * The short fault-tolerance suite (#9) in every build: 300 releases per scenario, two kills of each stage, the broker
 * stopped and killed, an 8 s database cut, poison pills, an incompatible schema, triple delivery and a replay during
 * live traffic (about 3.5 minutes). The full suite runs on demand: {@code mvn -Pfaults -pl app verify}.
 */
class FaultSuiteShortIT {

    @Test
    void shouldNeitherLoseNorDuplicateAnythingUnderFaults() throws Exception {
        Path jar = Path.of("target", "bulletin.jar");
        assertThat(jar)
                .as("the shaded jar is built in 'package', before integration tests")
                .exists();
        FaultSuite.Report report =
                FaultSuite.run(jar, Path.of("target", "faults-short"), FaultSuite.Options.shortRun());
        report.print();
        report.save(Path.of("target", "faults-short", "fault-suite-report.txt"));
        assertThat(report.rows()).as(report.table()).allMatch(r -> r.status().equals("PASS"));
        assertThat(report.summary()).isEqualTo("lost=0 duplicate_rows=0 duplicate_notifications=0 poison_not_in_dlq=0");
    }
}
