package org.bulletin.app.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.schemas.DeadLetterHeaders;

/**
 * Reads the dead-letter topic and re-drives chosen records to the topic they came from, with their original key and
 * bytes. Reads the headers through {@link DeadLetterHeaders} (Bulletin's and, as a fallback, those of Kafka Streams'
 * own dead-letter queue). Never deletes anything: the DLQ is a log, a re-driven record stays in it.
 */
public final class DeadLetterTopic {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Properties consumerProps;
    private final Map<String, Object> producerProps;

    /** One dead letter. */
    public record Entry(int partition, long offset, Instant timestamp, byte[] key, byte[] value, Headers headers) {

        public String header(String name) {
            return DeadLetterHeaders.get(headers, name);
        }

        public String stage() {
            return DeadLetterHeaders.stage(headers);
        }

        public String reason() {
            return DeadLetterHeaders.reason(headers);
        }

        public String originTopic() {
            return DeadLetterHeaders.originTopic(headers);
        }

        public String origin() {
            return DeadLetterHeaders.origin(headers);
        }

        public String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }
    }

    public DeadLetterTopic(String bootstrap, Map<String, ?> kafkaOverrides, String topic) {
        this.topic = topic;
        this.consumerProps = RawRange.consumerProperties(bootstrap, kafkaOverrides);
        this.producerProps = KafkaClients.config(bootstrap, kafkaOverrides);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 7 * 1024 * 1024);
    }

    /** The re-drive producer's configuration (a copy), for checks. */
    public Map<String, Object> producerProperties() {
        return Map.copyOf(producerProps);
    }

    /**
     * Dead letters now in the topic: counted record by record up to {@value Offsets#EXACT_UP_TO} offsets, beyond
     * that the offset span (which transaction markers inflate a little).
     */
    public long count() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps)) {
            return Offsets.count(c, spans(c, Long.MAX_VALUE));
        }
    }

    private Map<TopicPartition, long[]> spans(KafkaConsumer<byte[], byte[]> c, long lastN) {
        List<TopicPartition> tps = partitions(c);
        c.assign(tps); // under read_committed the client warns about offsets of partitions it does not own
        Map<TopicPartition, Long> begins = c.beginningOffsets(tps, TIMEOUT);
        Map<TopicPartition, Long> ends = c.endOffsets(tps, TIMEOUT);
        Map<TopicPartition, long[]> out = new java.util.LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            long end = ends.get(tp);
            long from = lastN == Long.MAX_VALUE ? begins.get(tp) : Math.max(begins.get(tp), end - lastN);
            out.put(tp, new long[] {from, end});
        }
        return out;
    }

    /** The newest {@code limit} dead letters, newest first. */
    public List<Entry> latest(int limit) {
        List<Entry> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps)) {
            // A few extra offsets per partition: transaction markers occupy offsets without being records.
            Offsets.read(c, spans(c, limit + 8L), r -> all.add(entry(r)));
        }
        all.sort(Comparator.<Entry, Instant>comparing(Entry::timestamp)
                .thenComparingLong(Entry::offset)
                .reversed());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** The dead letter at {@code partition:offset}, if there is one. */
    public Optional<Entry> at(int partition, long offset) {
        List<Entry> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps)) {
            TopicPartition tp = new TopicPartition(topic, partition);
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp), TIMEOUT).get(tp);
            Offsets.read(c, Map.of(tp, new long[] {offset, Math.min(end, offset + 1)}), r -> found.add(entry(r)));
        }
        return found.stream().filter(e -> e.offset() == offset).findFirst();
    }

    /** Every dead letter now in the topic. */
    public void forEach(Consumer<Entry> action) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps)) {
            Offsets.read(c, spans(c, Long.MAX_VALUE), r -> action.accept(entry(r)));
        }
    }

    /** Outcome of a re-drive: records sent, and the ones skipped with why. */
    public record RetryResult(int sent, List<String> skipped) {}

    /**
     * Sends each entry's original key and bytes to its origin topic (its own headers kept, the DLQ annotations
     * replaced by {@link DeadLetterHeaders#RETRIED_FROM}). An entry without an origin topic is skipped. Waits for every send.
     */
    public RetryResult retry(List<Entry> entries) {
        int sent = 0;
        List<String> skipped = new ArrayList<>();
        List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            for (Entry e : entries) {
                String origin = e.originTopic();
                if (origin == null || origin.isBlank()) {
                    skipped.add(e.partition() + ":" + e.offset() + " has no origin topic header");
                    continue;
                }
                Headers headers = DeadLetterHeaders.redriven(e.headers(), e.partition(), e.offset());
                pending.add(producer.send(new ProducerRecord<>(origin, null, null, e.key(), e.value(), headers)));
                sent++;
            }
            for (java.util.concurrent.Future<?> f : pending) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-driving dead letters", ex);
        } catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("re-drive failed: " + ex.getMessage(), ex);
        }
        return new RetryResult(sent, skipped);
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        var infos = c.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        return infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private static Entry entry(ConsumerRecord<byte[], byte[]> r) {
        return new Entry(
                r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(), r.value(), r.headers());
    }
}
