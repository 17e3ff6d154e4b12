package org.bulletin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryProcessTest {

    @TempDir
    Path dir;

    @Test
    void shouldFailWithLogTailWhenRegistryDiesBeforeReady() throws IOException {
        Path notAJar = Files.writeString(dir.resolve("broken-runner.jar"), "not a jar");

        assertThatThrownBy(
                        () -> RegistryProcess.start(notAJar, RegistryProcess.freePort(), dir.resolve("registry.log")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("registry.log")
                .hasMessageContaining("jarfile");
    }

    @Test
    void shouldRefuseMissingJarNamingIt() {
        Path missing = dir.resolve("missing-runner.jar");

        assertThatThrownBy(() -> RegistryProcess.start(missing, 1, dir.resolve("registry.log")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing-runner.jar");
    }

    @Test
    void shouldLocateJarFromSystemPropertyOrExplainWhatToSet() throws IOException {
        String previous = System.getProperty(RegistryProcess.JAR_PROPERTY);
        Path jar = Files.writeString(dir.resolve("registry-runner.jar"), "x");
        try {
            System.setProperty(RegistryProcess.JAR_PROPERTY, jar.toString());
            assertThat(RegistryProcess.locateJar(dir.resolve("cache"))).isEqualTo(jar);

            System.setProperty(
                    RegistryProcess.JAR_PROPERTY, dir.resolve("nope.jar").toString());
            assertThatThrownBy(() -> RegistryProcess.locateJar(dir.resolve("cache")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nope.jar")
                    .hasMessageContaining(RegistryProcess.JAR_PROPERTY);

            if (System.getenv(RegistryProcess.JAR_ENV) == null) {
                System.clearProperty(RegistryProcess.JAR_PROPERTY);
                assertThatThrownBy(() -> RegistryProcess.locateJar(dir.resolve("cache")))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(RegistryProcess.JAR_ENV)
                        .hasMessageContaining(RegistryProcess.JAR_RESOURCE);
            }
        } finally {
            if (previous == null) {
                System.clearProperty(RegistryProcess.JAR_PROPERTY);
            } else {
                System.setProperty(RegistryProcess.JAR_PROPERTY, previous);
            }
        }
    }
}
