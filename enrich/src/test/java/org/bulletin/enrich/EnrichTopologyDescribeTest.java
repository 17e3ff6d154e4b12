package org.bulletin.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;

/**
 * The topology's shape is a contract: renaming a processor, store or repartition topic breaks rolling upgrades and
 * changelogs. This golden copy makes any such change deliberate: to accept one, run with
 * {@code -Dbulletin.golden.update=true} and commit the new file with a "Contract:" line.
 */
class EnrichTopologyDescribeTest {

    private static final String GOLDEN = "/topology/enrich-topology.txt";

    @Test
    void shouldKeepTheTopologyShapeUnlessChangedOnPurpose() throws IOException {
        String actual = EnrichTopology.build(new EnrichConfig(Map.of()), Topics.defaults(new InMemorySchemaRegistry()))
                .describe()
                .toString();
        if (Boolean.getBoolean("bulletin.golden.update")) {
            Path file = Path.of("src/test/resources" + GOLDEN);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            assertThat(in)
                    .as("golden file %s (create it with -Dbulletin.golden.update=true)", GOLDEN)
                    .isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
