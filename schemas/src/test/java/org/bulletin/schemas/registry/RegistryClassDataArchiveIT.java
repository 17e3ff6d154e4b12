package org.bulletin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bulletin.schemas.Release;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's first start writes a class-data sharing archive next to its jar; later starts map it (and still
 * work), and no half-written archive is left behind.
 */
class RegistryClassDataArchiveIT {

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheArchiveOnTheFirstStartAndUseItOnTheNext() throws Exception {
        Path jar = dir.resolve("registry-runner.jar");
        Files.copy(
                RegistryProcess.locateJar(
                        Path.of(System.getProperty("java.io.tmpdir")).resolve("registry-cache")),
                jar);
        Path archive = RegistryProcess.archive(jar);
        assertThat(RegistryProcess.command(jar, 1, null)).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));

        try (RegistryProcess first = RegistryProcess.start(jar, RegistryProcess.freePort(), dir.resolve("first.log"))) {
            new RestSchemaRegistry(first.url()).register("archive-test-value", Release.getClassSchema());
        }

        assertThat(archive).isRegularFile();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        List<String> next = RegistryProcess.command(jar, 1, null);
        assertThat(next)
                .contains("-XX:SharedArchiveFile=" + archive)
                .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit"));
        try (RegistryProcess second =
                RegistryProcess.start(jar, RegistryProcess.freePort(), dir.resolve("second.log"))) {
            assertThat(new RestSchemaRegistry(second.url()).register("archive-test-value", Release.getClassSchema()))
                    .isPositive();
        }
    }
}
