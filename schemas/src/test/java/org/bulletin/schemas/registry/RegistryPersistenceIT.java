package org.bulletin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bulletin.schemas.Release;
import org.junit.jupiter.api.Test;

class RegistryPersistenceIT {

    @Test
    void shouldResolveSchemaIdsRegisteredBeforeARestart() throws Exception {
        Path target = Path.of(System.getProperty("java.io.tmpdir"));
        Path jar = RegistryProcess.locateJar(target.resolve("registry-cache"));
        Path storage = Files.createTempDirectory(target, "registry-storage");
        Path log = target.resolve("registry-logs").resolve("RegistryPersistenceIT.log");
        int id;
        try (RegistryProcess first = RegistryProcess.start(jar, RegistryProcess.freePort(), log, storage)) {
            id = new RestSchemaRegistry(first.url()).register("bulletin.enriched.v1-value", Release.getClassSchema());
        }
        try (RegistryProcess second = RegistryProcess.start(jar, RegistryProcess.freePort(), log, storage)) {
            RestSchemaRegistry client = new RestSchemaRegistry(second.url());
            assertThat(client.byId(id)).isEqualTo(Release.getClassSchema());
            assertThat(client.latest("bulletin.enriched.v1-value"))
                    .hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(id));
        }
    }
}
