package org.bulletin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class KafkaTestClusterTest {

    @Test
    void shouldCarryARecordThroughARealBroker() throws Exception {
        try (KafkaTestCluster cluster = KafkaTestCluster.start()) {
            cluster.createTopics(1, "t");
            try (KafkaProducer<String, String> p = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()),
                    new StringSerializer(),
                    new StringSerializer())) {
                p.send(new ProducerRecord<>("t", "k", "v")).get();
            }
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG, "g",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                c.subscribe(List.of("t"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 50 && records.isEmpty(); i++) {
                    records = c.poll(Duration.ofMillis(200));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("v");
            }
        }
    }

    @Test
    @Tag("issue-19")
    void shouldKeepAcknowledgedRecordsWhileTheLeaderBrokerIsDownAndCatchUpWhenItReturns() throws Exception {
        try (KafkaTestCluster cluster = KafkaTestCluster.start(3)) {
            assertThat(cluster.brokerIds()).hasSize(3);
            cluster.createTopics(1, "t");
            try (Admin admin = cluster.admin()) {
                TopicDescription t =
                        admin.describeTopics(List.of("t")).allTopicNames().get().get("t");
                assertThat(t.partitions().get(0).replicas())
                        .as("brokers' default replication factor")
                        .hasSize(3);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "t");
                assertThat(admin.describeConfigs(List.of(resource))
                                .all()
                                .get()
                                .get(resource)
                                .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                                .value())
                        .isEqualTo("2");
            }
            Map<String, Object> producerConfig = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                    60_000);
            try (KafkaProducer<String, String> p =
                    new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("t", "k", "before")).get();
                int leader = cluster.leaderOf("t", 0);

                cluster.stopBroker(leader);
                assertThat(cluster.isRunning(leader)).isFalse();
                p.send(new ProducerRecord<>("t", "k", "during")).get();
                assertThat(cluster.leaderOf("t", 0)).isNotEqualTo(leader).isNotNegative();

                cluster.startBroker(leader);
                assertThat(cluster.isRunning(leader)).isTrue();
                cluster.awaitFullyReplicated(Duration.ofSeconds(60));
                p.send(new ProducerRecord<>("t", "k", "after")).get();
            }
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG, "g",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                c.subscribe(List.of("t"));
                List<String> values = new ArrayList<>();
                for (int i = 0; i < 100 && values.size() < 3; i++) {
                    c.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
                assertThat(values).containsExactly("before", "during", "after");
            }
        }
    }

    @Test
    void shouldGiveEachTestDatabaseItsOwnName() {
        try (PostgresTestDatabase a = PostgresTestDatabase.create();
                PostgresTestDatabase b = PostgresTestDatabase.create()) {
            assertThat(a.jdbcUrl())
                    .isNotEqualTo(b.jdbcUrl())
                    .startsWith("jdbc:postgresql://127.0.0.1:5432/bulletin_test_");
        }
    }
}
