package org.bulletin.app.pipeline;

import java.nio.file.Path;
import org.bulletin.schemas.registry.RegistryProcess;
import org.bulletin.testing.KafkaTestCluster;
import org.bulletin.testing.PostgresTestDatabase;

/** The pipeline on a real in-process KRaft broker, the real registry process and the machine's PostgreSQL. */
class EmbeddedPipelineIT extends AbstractPipelineIT {

    @Override
    Infra startInfra() {
        KafkaTestCluster kafka = KafkaTestCluster.start();
        Path target = Path.of(System.getProperty("java.io.tmpdir"));
        RegistryProcess registry = RegistryProcess.start(
                RegistryProcess.locateJar(target.resolve("registry-cache")),
                RegistryProcess.freePort(),
                target.resolve("registry-logs").resolve("EmbeddedPipelineIT.log"));
        PostgresTestDatabase db = PostgresTestDatabase.create();
        return new Infra(kafka.bootstrapServers(), registry.url(), db.jdbcUrl(), db.user(), "", () -> {
            registry.close();
            kafka.close();
            db.close();
        });
    }
}
