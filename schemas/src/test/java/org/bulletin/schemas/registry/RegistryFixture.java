package org.bulletin.schemas.registry;

import java.nio.file.Path;

/** Starts the real registry process for an IT class: the jar from -Dbulletin.registry.jar, logs under target/. */
public final class RegistryFixture {

    private RegistryFixture() {}

    public static RegistryProcess start(Class<?> testClass) {
        Path target = Path.of(System.getProperty("java.io.tmpdir"));
        Path jar = RegistryProcess.locateJar(target.resolve("registry-cache"));
        return RegistryProcess.start(
                jar,
                RegistryProcess.freePort(),
                target.resolve("registry-logs").resolve(testClass.getSimpleName() + ".log"));
    }
}
