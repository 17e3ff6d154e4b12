package org.bulletin.ingest;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bulletin.schemas.DeadLetterHeaders;
import org.bulletin.schemas.RawRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces raw releases to the raw topic and rejected bodies to the dead-letter topic through one idempotent producer
 * (acks=all; lz4 unless overridden), and keeps the ingest counters. Thread-safe.
 *
 * <p>One {@code Producer<String, byte[]>} carries both topics: the caller's {@code Serializer<RawRelease>} (the
 * registry-aware serde in the app) is applied here with the raw topic name, so its subject naming is unchanged, and
 * the DLQ keeps the original bytes without a second connection.
 */
public final class RawPublisher implements AutoCloseable {

    /** DLQ values are cut to this size so they fit the broker's default 1 MiB message limit. */
    public static final int DLQ_MAX_VALUE_BYTES = 900 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RawPublisher.class);

    /**
     * A point-in-time copy of the counters, for metrics.
     *
     * @param published        raw records acknowledged by the broker
     * @param skippedUnchanged documents skipped because the same key and content hash were already pushed
     * @param dlq              dead-letter records acknowledged
     * @param errors           sends that failed (serialization or broker), fetch failures counted by the sources
     */
    public record Counters(long published, long skippedUnchanged, long dlq, long errors) {}

    private final Producer<String, byte[]> producer;
    private final Serializer<RawRelease> serializer;
    private final String rawTopic;
    private final String dlqTopic;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong dlq = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    /**
     * @param producerConfig bootstrap.servers and any client overrides; idempotence, acks=all and the key/value
     *                       serializers are forced; lz4 is the default codec
     * @param serializer     value serializer for RawRelease (configured by the caller; called with the raw topic)
     * @param maxBodyBytes   largest body ingest accepts; max.request.size is raised to fit it unless set
     */
    public RawPublisher(
            Map<String, ?> producerConfig,
            Serializer<RawRelease> serializer,
            String rawTopic,
            String dlqTopic,
            int maxBodyBytes) {
        this(
                new KafkaProducer<>(
                        producerProps(producerConfig, maxBodyBytes), new StringSerializer(), new ByteArraySerializer()),
                serializer,
                rawTopic,
                dlqTopic);
    }

    RawPublisher(
            Producer<String, byte[]> producer, Serializer<RawRelease> serializer, String rawTopic, String dlqTopic) {
        this.producer = Objects.requireNonNull(producer);
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.rawTopic = Objects.requireNonNull(rawTopic, "rawTopic");
        this.dlqTopic = Objects.requireNonNull(dlqTopic, "dlqTopic");
    }

    /**
     * The producer's configuration: {@code config} (bootstrap servers and client overrides), then idempotence and
     * acks=all, which no override lowers, then ingest's defaults where {@code config} names none.
     */
    public static Map<String, Object> producerProps(Map<String, ?> config, int maxBodyBytes) {
        Map<String, Object> props = new HashMap<>(config);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // The codec is a default, not a guarantee: ops may pick another (KAFKA_COMPRESSION_TYPE) for their clients.
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A 5 MiB body plus Avro framing must fit one request; the raw topic needs max.message.bytes to match.
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1024 * 1024, maxBodyBytes + 256 * 1024));
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "bulletin-ingest");
        props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return props;
    }

    /** Sends one raw release; the future completes when the broker acknowledged it (all in-sync replicas). */
    public CompletableFuture<RecordMetadata> publish(String key, RawRelease release) {
        Headers headers = new RecordHeaders();
        byte[] value;
        try {
            value = serializer.serialize(rawTopic, headers, release);
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            LOG.error("cannot serialize raw release {} for {}: {}", key, rawTopic, e.toString());
            return CompletableFuture.failedFuture(e);
        }
        return send(new ProducerRecord<>(rawTopic, null, key, value, headers), published, key);
    }

    /**
     * Sends a rejected body to the dead-letter topic with headers naming stage, reason and source. Bodies above
     * {@link #DLQ_MAX_VALUE_BYTES} keep their head only (header {@code bulletin.truncated=true}).
     */
    public CompletableFuture<RecordMetadata> deadLetter(
            String key, byte[] body, String reason, String sourceId, String url) {
        byte[] whole = body == null ? new byte[0] : body;
        boolean truncated = whole.length > DLQ_MAX_VALUE_BYTES;
        byte[] value = truncated ? Arrays.copyOf(whole, DLQ_MAX_VALUE_BYTES) : whole;
        Headers headers = DeadLetterHeaders.of("ingest", reason)
                .source(sourceId, url)
                .body(whole.length, truncated)
                .writeTo(new RecordHeaders());
        LOG.warn("dead letter from source {} ({}): {}", sourceId, url == null ? key : url, reason);
        return send(new ProducerRecord<>(dlqTopic, null, key, value, headers), dlq, key);
    }

    /** Counts a document skipped because it was already pushed unchanged. */
    public void markUnchanged() {
        unchanged.incrementAndGet();
    }

    /** Counts a failure that produced no record (unreachable host, fetch error...). */
    public void markError() {
        errors.incrementAndGet();
    }

    public Counters snapshot() {
        return new Counters(published.get(), unchanged.get(), dlq.get(), errors.get());
    }

    public String rawTopic() {
        return rawTopic;
    }

    public String dlqTopic() {
        return dlqTopic;
    }

    public void flush() {
        producer.flush();
    }

    private CompletableFuture<RecordMetadata> send(
            ProducerRecord<String, byte[]> record, AtomicLong counter, String key) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, exception) -> {
                if (exception == null) {
                    counter.incrementAndGet();
                    result.complete(metadata);
                } else {
                    errors.incrementAndGet();
                    LOG.error("send to {} failed for {}: {}", record.topic(), key, exception.toString());
                    result.completeExceptionally(exception);
                }
            });
        } catch (RuntimeException e) { // e.g. RecordTooLarge or timeout raised synchronously
            errors.incrementAndGet();
            LOG.error("send to {} failed for {}: {}", record.topic(), key, e.toString());
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
        producer.close(timeout);
        serializer.close();
    }
}
