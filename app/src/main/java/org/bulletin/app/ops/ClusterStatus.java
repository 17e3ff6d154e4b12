package org.bulletin.app.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.publish.store.ReleaseStore;

/**
 * A snapshot of the pipeline for {@code bulletin status}: per stage the consumer lag, per topic the write rate
 * (end offsets sampled twice), the dead-letter count and the newest dead letter. Reads only; the store is optional
 * (publish keeps its consumed offsets there, not in Kafka, so its lag needs it).
 */
public final class ClusterStatus {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * One stage's position: {@code lag} is records not yet processed (counted exactly up to 10,000, an offset span
     * beyond), -1 when it cannot be known, and {@code note} says why.
     */
    public record Stage(String stage, String group, List<String> topics, long lag, String note) {}

    /** Records per second appended to a topic while sampling (transaction markers included). */
    public record Rate(String topic, long end, double perSecond) {}

    /** Dead letters now in the topic, and the newest one's stage, reason and origin. */
    public record Dlq(long count, String lastAt, String lastStage, String lastReason, String lastOrigin) {}

    public record Snapshot(String at, List<Stage> stages, List<Rate> throughput, Dlq dlq) {}

    private ClusterStatus() {}

    /**
     * @param enrichTopics  the topics enrich consumes (raw, replay)
     * @param rateTopics    the topics whose write rate is sampled
     * @param store         the publish store, or null
     */
    public static Snapshot collect(
            String bootstrap,
            Map<String, ?> kafka,
            String enrichGroup,
            List<String> enrichTopics,
            String publishGroup,
            String enrichedTopic,
            String relayTransactionalId,
            String notificationsTopic,
            List<String> rateTopics,
            String dlqTopic,
            ReleaseStore store,
            Duration sample)
            throws InterruptedException {
        Properties props = RawRange.consumerProperties(bootstrap, kafka);
        try (Admin admin = Admin.create(KafkaClients.config(bootstrap, kafka));
                KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            List<Stage> stages = new ArrayList<>();
            stages.add(enrich(admin, c, enrichGroup, enrichTopics));
            stages.add(publish(c, publishGroup, enrichedTopic, store));
            stages.add(relay(admin, relayTransactionalId, notificationsTopic, store));
            Map<String, Long> first = totals(c, rateTopics);
            long t0 = System.nanoTime();
            Thread.sleep(sample.toMillis());
            Map<String, Long> second = totals(c, rateTopics);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Rate> rates = new ArrayList<>();
            for (String t : rateTopics) {
                rates.add(new Rate(t, second.get(t), (second.get(t) - first.get(t)) / seconds));
            }
            return new Snapshot(Instant.now().toString(), stages, rates, dlq(bootstrap, kafka, dlqTopic));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the cluster at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    private static Stage enrich(Admin admin, KafkaConsumer<byte[], byte[]> c, String group, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        List<TopicPartition> tps = new ArrayList<>();
        for (String t : topics) {
            tps.addAll(partitions(c, t));
        }
        // Internal repartition topics count too: a record is only done once dedup has it.
        committed.keySet().stream().filter(tp -> !tps.contains(tp)).forEach(tps::add);
        c.assign(tps); // under read_committed the client warns about offsets of partitions it does not own
        Map<TopicPartition, Long> begins = c.beginningOffsets(tps, TIMEOUT);
        Map<TopicPartition, Long> ends = c.endOffsets(tps, TIMEOUT);
        Map<TopicPartition, long[]> behind = new LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            OffsetAndMetadata om = committed.get(tp);
            behind.put(tp, new long[] {om == null ? begins.get(tp) : om.offset(), ends.get(tp)});
        }
        long lag = Offsets.count(c, behind);
        String note = committed.isEmpty() ? "no committed offsets yet" : "";
        return new Stage("enrich", group, topics, lag, note);
    }

    private static Stage publish(KafkaConsumer<byte[], byte[]> c, String group, String enriched, ReleaseStore store) {
        if (store == null) {
            return new Stage(
                    "publish", group, List.of(enriched), -1, "offsets live in the store: pass --store to see the lag");
        }
        List<TopicPartition> tps = partitions(c, enriched);
        c.assign(tps);
        Map<TopicPartition, Long> begins = c.beginningOffsets(tps, TIMEOUT);
        Map<TopicPartition, Long> ends = c.endOffsets(tps, TIMEOUT);
        Map<TopicPartition, long[]> behind = new LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            OptionalLong stored = store.storedOffset(group, tp.topic(), tp.partition());
            // The sink stores "last record + 1", which sits before that transaction's commit marker.
            behind.put(tp, new long[] {stored.isPresent() ? stored.getAsLong() : begins.get(tp), ends.get(tp)});
        }
        long lag = Offsets.count(c, behind);
        return new Stage("publish", group, List.of(enriched), lag, "offsets from the store");
    }

    private static Stage relay(Admin admin, String transactionalId, String notifications, ReleaseStore store)
            throws ExecutionException, InterruptedException, TimeoutException {
        // The relay commits "next outbox id" as the offset of this synthetic group on partition 0 (NotificationRelay).
        String group = transactionalId + ".position";
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        OffsetAndMetadata om = committed.get(new TopicPartition(notifications, 0));
        long relayed = om == null ? 0 : om.offset() - 1;
        if (store == null) {
            return new Stage(
                    "relay",
                    group,
                    List.of(notifications),
                    -1,
                    "relayed up to outbox id " + relayed + "; pass --store for the backlog");
        }
        long backlog = store.outboxBacklog(Math.max(relayed, store.relayPosition(transactionalId)));
        return new Stage("relay", group, List.of(notifications), backlog, "relayed up to outbox id " + relayed);
    }

    private static Dlq dlq(String bootstrap, Map<String, ?> kafka, String topic) {
        DeadLetterTopic dlq = new DeadLetterTopic(bootstrap, kafka, topic);
        long count = dlq.count();
        if (count == 0) {
            return new Dlq(0, null, null, null, null);
        }
        List<DeadLetterTopic.Entry> last = dlq.latest(1);
        if (last.isEmpty()) {
            return new Dlq(count, null, null, null, null);
        }
        DeadLetterTopic.Entry e = last.get(0);
        return new Dlq(count, e.timestamp().toString(), e.stage(), e.reason(), e.origin());
    }

    private static Map<String, Long> totals(KafkaConsumer<byte[], byte[]> c, List<String> topics) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : topics) {
            List<TopicPartition> tps = partitions(c, t);
            c.assign(tps);
            out.put(
                    t,
                    c.endOffsets(tps, TIMEOUT).values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
        }
        return out;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        var infos = c.partitionsFor(topic, TIMEOUT);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }
}
