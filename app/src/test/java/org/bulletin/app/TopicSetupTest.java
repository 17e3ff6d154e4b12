package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.bulletin.app.TopicSetup.Difference;
import org.bulletin.app.TopicSetup.Replication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The replication {@code bulletin topics} asks for, and how it judges an existing topic's (#19). No broker. */
@Tag("issue-19")
class TopicSetupTest {

    @Test
    void shouldDefaultToThreeCopiesAndTwoInSyncFromThreeBrokersUp() {
        assertThat(Replication.defaultFor(1)).isEqualTo(new Replication(1, 1));
        assertThat(Replication.defaultFor(2)).isEqualTo(new Replication(2, 1));
        assertThat(Replication.defaultFor(3)).isEqualTo(new Replication(3, 2));
        assertThat(Replication.defaultFor(7)).isEqualTo(new Replication(3, 2));
    }

    @Test
    void shouldDeriveTheMinInSyncReplicasFromAnAskedFactor() {
        assertThat(Replication.of(2, null, 5, "b:9092")).isEqualTo(new Replication(2, 1));
        assertThat(Replication.of(5, null, 5, "b:9092")).isEqualTo(new Replication(5, 2));
        assertThat(Replication.of(null, 3, 5, "b:9092")).isEqualTo(new Replication(3, 3));
    }

    @Test
    void shouldRefuseAFactorAboveTheBrokerCountNamingBoth() {
        assertThatThrownBy(() -> Replication.of(3, null, 1, "kafka:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replication factor 3")
                .hasMessageContaining("kafka:9092 has 1")
                .hasMessageContaining("nothing was created");
    }

    @Test
    void shouldRefuseAMinInSyncAboveTheFactor() {
        assertThatThrownBy(() -> Replication.of(2, 3, 3, "b:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--min-insync-replicas 3 is above --replication-factor 2");
        assertThatThrownBy(() -> Replication.of(0, null, 3, "b:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--replication-factor must be at least 1");
    }

    @Test
    void shouldAcceptATopicReplicatedAsAskedOrMore() {
        assertThat(TopicSetup.replicationDifferences("t", topic(3, 3), minIsr("2"), new Replication(3, 2)))
                .isEmpty();
        assertThat(TopicSetup.replicationDifferences("t", topic(3, 4), minIsr("3"), new Replication(3, 2)))
                .isEmpty();
    }

    @Test
    void shouldReportAFactorOrMinInSyncLowerThanAsked() {
        assertThat(TopicSetup.replicationDifferences("t", topic(3, 1), minIsr("1"), new Replication(3, 2)))
                .containsExactly(
                        new Difference("t", "replication.factor", "at least 3", "1"),
                        new Difference("t", TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "at least 2", "1"));
    }

    @Test
    void shouldJudgeATopicByItsLeastReplicatedPartition() {
        TopicDescription mixed =
                new TopicDescription("t", false, List.of(partition(0, 3), partition(1, 2), partition(2, 3)));
        assertThat(TopicSetup.replicationDifferences("t", mixed, minIsr("2"), new Replication(3, 2)))
                .containsExactly(new Difference("t", "replication.factor", "at least 3", "2"));
    }

    @Test
    void shouldReportAMinInSyncAboveTheTopicsOwnFactorBecauseNoWriteWouldSucceed() {
        assertThat(TopicSetup.replicationDifferences("t", topic(3, 1), minIsr("2"), new Replication(1, 1)))
                .containsExactly(
                        new Difference("t", TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "at most 1 (its factor)", "2"));
    }

    @Test
    void shouldRecogniseEnrichsInternalTopics() {
        assertThat(TopicSetup.isStreamsInternal("bulletin-enrich-dedup-store-changelog", "bulletin-enrich"))
                .isTrue();
        assertThat(TopicSetup.isStreamsInternal("bulletin-enrich-by-fingerprint-repartition", "bulletin-enrich"))
                .isTrue();
        assertThat(TopicSetup.isStreamsInternal("other-app-store-changelog", "bulletin-enrich"))
                .isFalse();
        assertThat(TopicSetup.isStreamsInternal("bulletin-enrich-notes", "bulletin-enrich"))
                .isFalse();
    }

    private static TopicDescription topic(int partitions, int replicas) {
        return new TopicDescription(
                "t",
                false,
                IntStream.range(0, partitions)
                        .mapToObj(p -> partition(p, replicas))
                        .toList());
    }

    private static TopicPartitionInfo partition(int p, int replicas) {
        List<Node> nodes = IntStream.range(0, replicas)
                .mapToObj(i -> new Node(i, "127.0.0.1", 9092 + i))
                .toList();
        return new TopicPartitionInfo(p, nodes.get(0), nodes, nodes);
    }

    private static Config minIsr(String value) {
        return new Config(List.of(new ConfigEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, value)));
    }
}
