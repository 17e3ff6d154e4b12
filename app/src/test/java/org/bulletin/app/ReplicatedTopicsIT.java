package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.bulletin.schemas.registry.SchemaRegistries;
import org.bulletin.testing.KafkaTestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bulletin topics} on three brokers (#19): it creates every topic with three copies and two in sync, flags a
 * topic made with one copy, and refuses a factor the cluster cannot hold before creating anything.
 */
@Tag("issue-19")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedTopicsIT {

    private static final String REGISTRY = "mem://replicated-topics-it";
    /** The dead-letter topic under another name: a topic the other runs of the command have not made. */
    private static final String ONE_COPY = "bulletin.dlq-one-copy.v1";

    private static final String TOO_MANY = "bulletin.dlq-four-copies.v1";

    private KafkaTestCluster kafka;

    @BeforeAll
    void start() {
        kafka = KafkaTestCluster.start(3);
    }

    @AfterAll
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
        SchemaRegistries.dropInMemory(REGISTRY);
    }

    private CommandResult topics(String... args) {
        List<String> all =
                new ArrayList<>(List.of("topics", "--bootstrap", kafka.bootstrapServers(), "--registry", REGISTRY));
        all.addAll(List.of(args));
        return CommandResult.run(all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void shouldCreateEveryTopicWithThreeCopiesAndTwoInSyncByDefault() throws Exception {
        CommandResult created = topics();

        assertThat(created.exit()).as("%s%s", created.out(), created.err()).isZero();
        assertThat(created.out())
                .contains("3 brokers; replication factor 3, min.insync.replicas 2")
                .contains("All ")
                .contains("match their expected configuration");
        try (Admin admin = kafka.admin()) {
            TopicDescription raw = admin.describeTopics(List.of("bulletin.raw.v1"))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get("bulletin.raw.v1");
            assertThat(raw.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            assertThat(minIsr(admin, "bulletin.raw.v1")).isEqualTo("2");
        }
    }

    @Test
    @Order(2)
    void shouldFlagATopicCreatedWithOneCopyAndExitNonZero() throws Exception {
        String rename = "bulletin.topics.dlq=" + ONE_COPY;
        CommandResult made = topics("--replication-factor", "1", "--min-insync-replicas", "1", "-D", rename);
        assertThat(made.exit()).as("%s%s", made.out(), made.err()).isZero();
        assertThat(made.out()).contains("created " + ONE_COPY);
        // A new topic reaches the brokers' metadata a moment after the controller created it; the check may ask any.
        kafka.awaitKnown(List.of(ONE_COPY), Duration.ofSeconds(30));

        CommandResult check = topics("--check", "-D", rename);

        assertThat(check.exit()).as("%s%s", check.out(), check.err()).isEqualTo(1);
        assertThat(check.out())
                .contains("2 difference(s)")
                .containsPattern(ONE_COPY.replace(".", "\\.") + " +replication\\.factor +at least 3 +1")
                .containsPattern(ONE_COPY.replace(".", "\\.") + " +min\\.insync\\.replicas +at least 2 +1")
                .contains("kafka-reassign-partitions");

        CommandResult json = topics("--check", "--format", "json", "-D", rename);
        assertThat(json.exit()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("replicationFactor").asInt()).isEqualTo(3);
        assertThat(report.get("differences"))
                .extracting(d -> d.get("topic").asText() + " "
                        + d.get("setting").asText() + " " + d.get("actual").asText())
                .containsExactlyInAnyOrder(ONE_COPY + " replication.factor 1", ONE_COPY + " min.insync.replicas 1");

        // The same topic passes a check that asks for what it has.
        CommandResult asMade = topics("--check", "--replication-factor", "1", "-D", rename);
        assertThat(asMade.exit()).as("%s%s", asMade.out(), asMade.err()).isZero();
    }

    @Test
    @Order(3)
    void shouldRefuseMoreCopiesThanBrokersBeforeCreatingAnything() throws Exception {
        CommandResult refused = topics("--replication-factor", "4", "-D", "bulletin.topics.dlq=" + TOO_MANY);

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("replication factor 4 needs at least 4 brokers")
                .contains("has 3")
                .contains("nothing was created");
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(TOO_MANY);
        }
    }

    private static String minIsr(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs =
                admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS);
        return configs.get(resource)
                .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                .value();
    }
}
