package org.bulletin.app.pipeline;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same pipeline against the production images (apache/kafka, Confluent's cp-schema-registry, postgres) where a
 * Docker engine runs; skipped cleanly where none does (as on our build machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersPipelineIT extends AbstractPipelineIT {

    @Override
    @SuppressWarnings("resource")
    Infra startInfra() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"))
                .withNetwork(network)
                .withNetworkAliases("kafka")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        kafka.start();
        GenericContainer<?> registry = new GenericContainer<>(
                        DockerImageName.parse("confluentinc/cp-schema-registry:7.7.1"))
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:9093")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        registry.start();
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16-alpine"));
        postgres.start();
        return new Infra(
                kafka.getBootstrapServers(),
                "http://" + registry.getHost() + ":" + registry.getMappedPort(8081),
                postgres.getJdbcUrl(),
                postgres.getUsername(),
                postgres.getPassword(),
                () -> {
                    postgres.stop();
                    registry.stop();
                    kafka.stop();
                    network.close();
                });
    }
}
