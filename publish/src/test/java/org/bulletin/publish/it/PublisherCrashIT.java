package org.bulletin.publish.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulletin.publish.it.KafkaTestSupport.await;
import static org.bulletin.publish.it.KafkaTestSupport.readAllCommitted;
import static org.bulletin.publish.testdata.Releases.release;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.bulletin.publish.PublishTopics;
import org.bulletin.publish.testsupport.PostgresSchema;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.Release;
import org.bulletin.testing.KafkaTestCluster;
import org.junit.jupiter.api.Test;

/**
 * kill -9 the publisher process (sink and relay) several times while it stores and relays, restart it, and count:
 * every release stored once, every notification on the topic once for a read_committed consumer (issue #4).
 */
class PublisherCrashIT {

    private static final int RELEASES = 3000;
    private static final int KILLS = 4;

    @Test
    void shouldNeitherLoseNorDuplicateAcrossKillNine() throws Exception {
        PostgresSchema schema = PostgresSchema.create();
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopics(3, PublishTopics.ENRICHED, PublishTopics.NOTIFICATIONS, PublishTopics.DLQ);
            produce(kafka.bootstrapServers());

            long last = 0;
            for (int kill = 0; kill < KILLS; kill++) {
                Process child = startChild(kafka.bootstrapServers(), schema, kill);
                long before = last;
                try {
                    // Kill once the child is visibly mid-stream: rows flowing, relay running.
                    await(
                            "progress after restart " + kill,
                            Duration.ofSeconds(90),
                            () -> rows(schema) > before + 150 || rows(schema) == RELEASES);
                } finally {
                    child.destroyForcibly(); // SIGKILL, also when the wait failed: never leak a child
                }
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                last = rows(schema);
            }
            Process child = startChild(kafka.bootstrapServers(), schema, KILLS);
            try {
                await("all rows", Duration.ofSeconds(120), () -> rows(schema) == RELEASES);
                await(
                        "all notifications",
                        Duration.ofSeconds(120),
                        () -> readAllCommitted(kafka.bootstrapServers(), PublishTopics.NOTIFICATIONS)
                                        .size()
                                >= RELEASES);
                Thread.sleep(1_000);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }

            List<ConsumerRecord<byte[], byte[]>> notes =
                    readAllCommitted(kafka.bootstrapServers(), PublishTopics.NOTIFICATIONS);
            List<String> ids = notes.stream()
                    .map(r -> PlainAvro.deserializer(Notification.class)
                            .deserialize(r.topic(), r.value())
                            .getReleaseId())
                    .toList();
            assertThat(rows(schema)).isEqualTo(RELEASES);
            assertThat(ids).hasSize(RELEASES).doesNotHaveDuplicates();
            assertThat(readAllCommitted(kafka.bootstrapServers(), PublishTopics.DLQ))
                    .isEmpty();
        } finally {
            schema.drop();
        }
    }

    private static void produce(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Serializer<Release> ser = PlainAvro.serializer(Release.class);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RELEASES; i++) {
                Release r = release("crash-" + i).build();
                producer.send(new ProducerRecord<>(
                        PublishTopics.ENRICHED,
                        r.getReleaseId().getBytes(StandardCharsets.UTF_8),
                        ser.serialize(PublishTopics.ENRICHED, r)));
            }
        }
    }

    private static Process startChild(String bootstrap, PostgresSchema schema, int n) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        File log = new File(System.getProperty("java.io.tmpdir"), "publisher-crash-child-" + n + ".log");
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashablePublisherMain.class.getName(),
                        bootstrap,
                        schema.jdbcUrl(),
                        PostgresSchema.USER)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    private static long rows(PostgresSchema schema) {
        try (Connection c = DriverManager.getConnection(schema.jdbcUrl(), PostgresSchema.USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM releases")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            // Before the child's first migration the table does not exist yet.
            return 0;
        }
    }
}
