package org.bulletin.publish.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.bulletin.publish.Health;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishMetrics;
import org.bulletin.publish.PublishTopics;
import org.bulletin.publish.store.IncomingRelease;
import org.bulletin.publish.store.OffsetCommit;
import org.bulletin.publish.store.OffsetConflictException;
import org.bulletin.publish.store.RecordRejectedException;
import org.bulletin.publish.store.ReleaseStore;
import org.bulletin.publish.store.StoreUnavailableException;
import org.bulletin.publish.store.WriteResult;
import org.bulletin.schemas.DeadLetterHeaders;
import org.bulletin.schemas.Release;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once sink from the enriched topic into the store, in the manner of kafka-connect-jdbc's exactly-once
 * sink: consumed offsets live in the store's {@code kafka_offsets} table and commit in the same transaction as the
 * rows and outbox rows; on assignment the consumer seeks to them; Kafka's own group offsets are never used.
 * A batch the database rejects is retried record by record so only the bad records go to the DLQ; a database
 * outage pauses consumption with bounded backoff and resumes where the store says. DLQ records are sent (and
 * acknowledged) before their offsets commit, so none is lost; one may repeat if a crash falls in between.
 * Runs on one thread via
 * {@link #run()}; {@link #close()} may be called from any thread.
 */
public final class PublishSink implements Runnable, AutoCloseable {

    static final String STAGE = "publish";
    private static final int MAX_REASON = 1_000;
    private static final long MIN_BACKOFF_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(PublishSink.class);

    private final PublishConfig config;
    private final ReleaseStore store;
    private final PublishTopics topics;
    private final Deserializer<Release> deserializer;
    private final Health health;
    private final PublishMetrics metrics;
    private final Runnable onNotificationsQueued;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> dlqProducer;
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** Next offset per partition as this sink believes the store holds it; absent = no row (fences zombies). */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** Assigned partitions whose stored offset could not be read yet; kept paused until it can. */
    private final Set<TopicPartition> pendingSeek = new HashSet<>();

    private boolean outage;
    private BooleanSupplier outageProbe = () -> true;
    private long backoffMs = MIN_BACKOFF_MS;

    /**
     * @param kafkaOverrides client overrides of every stage ({@code KAFKA_*} / {@code kafka.*}); this stage's
     *                       {@code bulletin.publish.kafka.*} go on top
     */
    public PublishSink(
            PublishConfig config,
            ReleaseStore store,
            PublishTopics topics,
            String bootstrapServers,
            Map<String, ?> kafkaOverrides,
            Health health,
            PublishMetrics metrics,
            Runnable onNotificationsQueued) {
        this.config = config;
        this.store = store;
        this.topics = topics;
        this.deserializer = topics.releaseDeserializer();
        this.health = health;
        this.metrics = metrics;
        this.onNotificationsQueued = onNotificationsQueued;

        this.consumer = new KafkaConsumer<>(
                consumerProperties(config, bootstrapServers, kafkaOverrides),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.dlqProducer = new KafkaProducer<>(
                dlqProducerProperties(config, bootstrapServers, kafkaOverrides),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        health.report("kafka", Health.State.STARTING, "waiting for partitions of " + topics.enriched());
    }

    /** The sink consumer's configuration: overrides first, then what exactly-once needs (never overridable). */
    public static Properties consumerProperties(
            PublishConfig config, String bootstrapServers, Map<String, ?> kafkaOverrides) {
        Properties c = new Properties();
        c.putAll(config.kafkaClientProperties(kafkaOverrides));
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Enrich writes with exactly_once_v2: aborted records must never reach the store.
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize());
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-sink");
        return c;
    }

    /** The dead-letter producer's configuration: overrides first, then acks=all and idempotence. */
    public static Properties dlqProducerProperties(
            PublishConfig config, String bootstrapServers, Map<String, ?> kafkaOverrides) {
        Properties p = new Properties();
        p.putAll(config.kafkaClientProperties(kafkaOverrides));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-dlq");
        return p;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topics.enriched()), new Listener());
        try {
            while (running.get()) {
                if (outage) {
                    waitOutOutage();
                    continue;
                }
                resolvePendingSeeks();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                updateLag();
                if (!records.isEmpty()) {
                    process(records);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
            dlqProducer.close(Duration.ofSeconds(5));
            health.report("kafka", Health.State.DOWN, "sink stopped");
        }
    }

    /** Stops the loop; uncommitted work is simply redone by the next run (offsets live in the store). */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }

    // ------------------------------------------------------------------------------------------------ batch

    private record Item(ConsumerRecord<byte[], byte[]> record, Release release, String badReason) {
        TopicPartition tp() {
            return new TopicPartition(record.topic(), record.partition());
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> records) {
        List<Item> items = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            items.add(decode(r));
        }
        metrics.recordsIn(items.size());
        try {
            for (Item item : items) {
                if (item.badReason() != null) {
                    sendToDlq(item.record(), item.badReason());
                }
            }
        } catch (KafkaUnavailable e) {
            enterOutage(items, "kafka", e.getMessage(), () -> true);
            return;
        }
        List<IncomingRelease> good = new ArrayList<>();
        for (Item item : items) {
            if (item.release() != null) {
                good.add(new IncomingRelease(
                        item.release(),
                        item.record().topic(),
                        item.record().partition(),
                        item.record().offset()));
            }
        }
        try {
            WriteResult result = timedWrite(good, offsetCommits(items));
            markCommitted(items);
            afterCommit(result);
        } catch (RecordRejectedException e) {
            LOG.warn(
                    "Store rejected a batch of {} record(s), retrying them one by one: {}",
                    items.size(),
                    e.getMessage());
            unroll(items);
        } catch (StoreUnavailableException e) {
            enterOutage(items, "store", e.getMessage(), store::ping);
        } catch (OffsetConflictException e) {
            handleConflict(items, e);
        }
        // A StoreFailedException (neither an outage nor bad data) propagates: run() ends and the stage stops.
    }

    private Item decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return new Item(r, null, "null value (tombstone) on " + r.topic());
        }
        try {
            Release release = deserializer.deserialize(r.topic(), r.headers(), r.value());
            if (release == null) {
                return new Item(r, null, "deserializer returned null");
            }
            return new Item(r, release, null);
        } catch (RuntimeException e) {
            metrics.error("deserialization");
            return new Item(r, null, "deserialization failed: " + e);
        }
    }

    /** Record-by-record retry (kafka-connect-jdbc's unrolling): only records rejected alone go to the DLQ. */
    private void unroll(List<Item> items) {
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            List<Item> one = List.of(item);
            try {
                if (item.release() == null) {
                    timedWrite(List.of(), offsetCommits(one));
                } else {
                    IncomingRelease in = new IncomingRelease(
                            item.release(),
                            item.record().topic(),
                            item.record().partition(),
                            item.record().offset());
                    try {
                        afterCommit(timedWrite(List.of(in), offsetCommits(one)));
                    } catch (RecordRejectedException rejected) {
                        metrics.error("rejected");
                        sendToDlq(item.record(), rejected.getMessage());
                        timedWrite(List.of(), offsetCommits(one));
                    }
                }
                markCommitted(one);
            } catch (StoreUnavailableException e) {
                enterOutage(items.subList(i, items.size()), "store", e.getMessage(), store::ping);
                return;
            } catch (KafkaUnavailable e) {
                enterOutage(items.subList(i, items.size()), "kafka", e.getMessage(), () -> true);
                return;
            } catch (OffsetConflictException e) {
                handleConflict(items, e);
                return;
            } catch (RecordRejectedException e) {
                // An offsets-only write cannot be rejected for its data: this is a bug, not bad input.
                throw new IllegalStateException("store rejected an offsets-only write", e);
            }
        }
    }

    private WriteResult timedWrite(List<IncomingRelease> releases, List<OffsetCommit> offsets) {
        long start = System.nanoTime();
        try {
            return store.write(releases, offsets, config.replayNotifications());
        } finally {
            metrics.storeLatency().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private List<OffsetCommit> offsetCommits(List<Item> items) {
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (Item item : items) {
            next.merge(item.tp(), item.record().offset() + 1, Math::max);
        }
        List<OffsetCommit> out = new ArrayList<>(next.size());
        next.forEach((tp, offset) ->
                out.add(new OffsetCommit(config.groupId(), tp.topic(), tp.partition(), committed.get(tp), offset)));
        return out;
    }

    private void markCommitted(List<Item> items) {
        for (Item item : items) {
            committed.merge(item.tp(), item.record().offset() + 1, Math::max);
        }
        if (health.snapshot().containsKey("store")
                && health.snapshot().get("store").state() != Health.State.UP) {
            health.up("store");
        }
    }

    private void afterCommit(WriteResult result) {
        metrics.stored(result.inserted(), result.reclassified(), result.unchanged());
        if (result.notificationsQueued() > 0) {
            onNotificationsQueued.run();
        }
    }

    // ------------------------------------------------------------------------------------------------ DLQ

    private static final class KafkaUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KafkaUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void sendToDlq(ConsumerRecord<byte[], byte[]> r, String reason) {
        Headers headers = new RecordHeaders();
        r.headers().forEach(headers::add);
        DeadLetterHeaders.of(STAGE, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason)
                .origin(r.topic(), r.partition(), r.offset())
                .writeTo(headers);
        try {
            // Synchronous: the offset of this record is committed to the store only after the DLQ has it.
            dlqProducer
                    .send(new ProducerRecord<>(topics.dlq(), null, r.key(), r.value(), headers))
                    .get(60, TimeUnit.SECONDS);
            metrics.dlq();
            LOG.warn("Sent {}-{}@{} to {}: {}", r.topic(), r.partition(), r.offset(), topics.dlq(), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while sending to " + topics.dlq(), e);
        } catch (ExecutionException
                | java.util.concurrent.TimeoutException
                | org.apache.kafka.common.KafkaException e) {
            metrics.error("kafka");
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof org.apache.kafka.common.errors.AuthorizationException
                    || cause instanceof org.apache.kafka.common.errors.AuthenticationException) {
                // Not an outage to wait out: no retry mends a missing ACL, so the stage stops and says so.
                throw new IllegalStateException(
                        "publish may not write dead letters to " + topics.dlq() + ": " + cause.getMessage()
                                + "; give its principal the ACLs docs/security.md lists for publish",
                        cause);
            }
            throw new KafkaUnavailable("cannot send to " + topics.dlq() + ": " + e, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ faults

    /**
     * Rewinds the partitions of the unfinished records to what the store holds, pauses everything and waits with
     * bounded exponential backoff until {@code probe} says the dependency is back. Nothing is committed meanwhile.
     */
    private void enterOutage(List<Item> unfinished, String component, String message, BooleanSupplier probe) {
        rewind(unfinished);
        consumer.pause(consumer.assignment());
        outage = true;
        outageProbe = probe;
        metrics.error(component + "-unavailable");
        health.report(component, Health.State.DEGRADED, message);
        LOG.warn("{} unavailable, pausing consumption: {}", component, message);
    }

    private void waitOutOutage() {
        // Polling while paused keeps the consumer in its group (no max.poll.interval expiry) during long outages.
        ConsumerRecords<byte[], byte[]> stray = consumer.poll(Duration.ofMillis(backoffMs));
        if (!stray.isEmpty()) {
            // Partitions assigned (and seeked) during the outage may have fetched: re-read them later.
            List<Item> items = new ArrayList<>();
            stray.forEach(r -> items.add(new Item(r, null, null)));
            rewind(items);
        }
        if (!outageProbe.getAsBoolean()) {
            backoffMs = Math.min(backoffMs * 2, config.retryBackoffMaxMs());
            return;
        }
        outage = false;
        backoffMs = MIN_BACKOFF_MS;
        Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
        resume.removeAll(pendingSeek);
        consumer.resume(resume);
        health.up("store");
        health.up("kafka");
        LOG.info("Dependency back, resuming consumption of {} partition(s)", resume.size());
    }

    private void rewind(List<Item> unfinished) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (Item item : unfinished) {
            first.merge(item.tp(), item.record().offset(), Math::min);
        }
        Set<TopicPartition> assigned = consumer.assignment();
        first.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, committed.getOrDefault(tp, offset));
            }
        });
    }

    private void handleConflict(List<Item> items, OffsetConflictException e) {
        // Another consumer wrote our partition (we were a zombie, or it was): trust the store, not our memory.
        metrics.error("offset-conflict");
        LOG.warn("Offset conflict, re-seeking from the store: {}", e.getMessage());
        Set<TopicPartition> tps = new HashSet<>();
        items.forEach(i -> tps.add(i.tp()));
        tps.retainAll(consumer.assignment());
        consumer.pause(tps);
        pendingSeek.addAll(tps);
    }

    private void resolvePendingSeeks() {
        if (pendingSeek.isEmpty()) {
            return;
        }
        for (TopicPartition tp : new ArrayList<>(pendingSeek)) {
            try {
                seekToStored(tp);
                pendingSeek.remove(tp);
                consumer.resume(List.of(tp));
            } catch (StoreUnavailableException e) {
                health.report("store", Health.State.DEGRADED, e.getMessage());
                sleepQuietly(backoffMs);
                backoffMs = Math.min(backoffMs * 2, config.retryBackoffMaxMs());
                return;
            }
        }
        backoffMs = MIN_BACKOFF_MS;
    }

    private void seekToStored(TopicPartition tp) {
        OptionalLong stored = store.storedOffset(config.groupId(), tp.topic(), tp.partition());
        if (stored.isPresent()) {
            consumer.seek(tp, stored.getAsLong());
            committed.put(tp, stored.getAsLong());
        } else {
            // No row yet: start from the earliest offset (Kafka's group offsets are never committed by us).
            consumer.seekToBeginning(List.of(tp));
            committed.remove(tp);
        }
    }

    private void updateLag() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                lag += l.getAsLong();
            }
        }
        metrics.consumerLag(lag);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to commit: every processed batch is already committed to the store.
            partitions.forEach(committed::remove);
            pendingSeek.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                try {
                    seekToStored(tp);
                } catch (StoreUnavailableException e) {
                    pendingSeek.add(tp);
                    consumer.pause(List.of(tp));
                    health.report("store", Health.State.DEGRADED, e.getMessage());
                }
            }
            if (outage) {
                consumer.pause(partitions);
            }
            health.up("kafka");
            LOG.info("Assigned {}; stored offsets {}", partitions, committed);
        }
    }
}
