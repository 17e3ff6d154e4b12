package org.bulletin.app.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.enrich.EnrichTopology;
import org.bulletin.ingest.Progress;
import org.bulletin.schemas.RawRelease;

/**
 * Copies a range of the raw log, unchanged (key, value bytes, headers), to the replay topic, which enrich reads next
 * to the raw topic and marks {@code replay=true}. One transaction per polled batch: a crashed copy leaves whole
 * batches, and re-running it is harmless (the store keeps one row per release id; an unchanged classification is not
 * notified again). The live raw topic and enrich's position on it are never touched.
 */
public final class Replayer {

    private final Map<String, ?> kafkaOverrides;
    private final Properties consumerProps;
    private final Map<String, Object> producerProps;
    private final String replayTopic;

    /** What a copy did. */
    public record Result(long scanned, long copied, long skippedBySource, long undecodable) {}

    public Replayer(String bootstrap, Map<String, ?> kafkaOverrides, String replayTopic) {
        this.kafkaOverrides = Map.copyOf(kafkaOverrides);
        this.consumerProps = RawRange.consumerProperties(bootstrap, kafkaOverrides);
        this.producerProps = KafkaClients.config(bootstrap, kafkaOverrides);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bulletin-replay-" + UUID.randomUUID());
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 7 * 1024 * 1024);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.replayTopic = replayTopic;
    }

    public Properties consumerProperties() {
        return consumerProps;
    }

    /** The transactional producer's configuration (a copy), for checks. */
    public Map<String, Object> producerProperties() {
        return Map.copyOf(producerProps);
    }

    /**
     * Copies the range; when {@code sourceId} is set, only raw records of that source ({@code rawDeserializer} decodes
     * them; a record that does not decode is not copied: live enrich already sent it to the DLQ).
     */
    public Result copy(RawRange range, String sourceId, Deserializer<RawRelease> rawDeserializer, Progress progress) {
        long[] counts = new long[4];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.initTransactions();
            range.read(consumerProps, batch -> {
                producer.beginTransaction();
                try {
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        counts[0]++;
                        progress.step();
                        if (sourceId != null) {
                            String source = sourceOf(r, rawDeserializer);
                            if (source == null) {
                                counts[3]++;
                                continue;
                            }
                            if (!sourceId.equals(source)) {
                                counts[2]++;
                                continue;
                            }
                        }
                        producer.send(copyOf(r));
                        counts[1]++;
                    }
                    producer.commitTransaction();
                } catch (RuntimeException e) {
                    producer.abortTransaction();
                    throw e;
                }
            });
        }
        progress.finish();
        return new Result(counts[0], counts[1], counts[2], counts[3]);
    }

    ProducerRecord<byte[], byte[]> copyOf(ConsumerRecord<byte[], byte[]> r) {
        RecordHeaders headers = new RecordHeaders(r.headers().toArray());
        headers.remove(EnrichTopology.REPLAY_HEADER);
        headers.add(EnrichTopology.REPLAY_HEADER, utf8("true"));
        headers.add(EnrichTopology.REPLAY_ORIGIN_PARTITION, utf8(Integer.toString(r.partition())));
        headers.add(EnrichTopology.REPLAY_ORIGIN_OFFSET, utf8(Long.toString(r.offset())));
        headers.add(EnrichTopology.REPLAY_ORIGIN_TIMESTAMP, utf8(Long.toString(r.timestamp())));
        // No timestamp: the copy gets "now", so the replay topic's retention counts from the copy, not from history
        // (enrich takes the original time from the header above).
        return new ProducerRecord<>(replayTopic, null, null, r.key(), r.value(), headers);
    }

    private static String sourceOf(ConsumerRecord<byte[], byte[]> r, Deserializer<RawRelease> rawDeserializer) {
        if (r.value() == null) {
            return null;
        }
        try {
            return rawDeserializer
                    .deserialize(r.topic(), r.headers(), r.value())
                    .getSourceId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Waits until the enrich application ({@code applicationId}) has committed positions at or past the current end
     * of the replay topic, i.e. every copied record went through enrich. False on timeout.
     */
    public boolean awaitEnriched(String bootstrap, String applicationId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(KafkaClients.config(bootstrap, kafkaOverrides));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            List<TopicPartition> tps = consumer.partitionsFor(replayTopic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(replayTopic, p.partition()))
                    .toList();
            consumer.assign(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed;
                try {
                    committed = admin.listConsumerGroupOffsets(
                                    applicationId, new ListConsumerGroupOffsetsOptions().requireStable(true))
                            .partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    Thread.sleep(500);
                    continue;
                }
                boolean caughtUp = ends.entrySet().stream()
                        .allMatch(e -> e.getValue() == 0
                                || (committed.get(e.getKey()) != null
                                        && committed.get(e.getKey()).offset() >= e.getValue()));
                if (caughtUp) {
                    return true;
                }
                Thread.sleep(500);
            }
            return false;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
