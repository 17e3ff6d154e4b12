package org.bulletin.publish.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bulletin.publish.Health;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishMetrics;
import org.bulletin.publish.PublishTopics;
import org.bulletin.publish.store.OutboxEntry;
import org.bulletin.publish.store.ReleaseStore;
import org.bulletin.publish.store.StoreUnavailableException;
import org.bulletin.schemas.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays outbox rows to the notifications topic with a transactional producer, exactly once for read_committed
 * consumers.
 *
 * <p>How far it has relayed is recorded in Kafka, inside the same transaction as the notifications: the relay
 * commits "next outbox id" as the offset of a synthetic consumer group ({@code <transactional.id>.position}) on
 * partition 0 of the notifications topic via {@code sendOffsetsToTransaction}. Either the notifications and the
 * position commit together or neither does, so after a kill -9 at any instant, {@code initTransactions} (which
 * fences the dead incarnation and completes or aborts its open transaction) followed by a stable read of that
 * group offset gives exactly the last relayed id. Chosen over an outbox-id header read back from the topic's end
 * because it does not depend on the topic's retention, on control records or on scanning every partition.
 * The offset's metadata carries the store id, so a position written for another (or a re-created) store is ignored.
 * The store's {@code relay_position} row is a lower bound written after each commit (used to prune the outbox and
 * as a fallback should the group offset have expired).
 *
 * <p>One thread via {@link #run()}; {@link #wake()} and {@link #close()} from any thread.
 */
public final class NotificationRelay implements Runnable, AutoCloseable {

    public static final String HEADER_OUTBOX_ID = "bulletin.outbox.id";
    public static final String HEADER_STORE_ID = "bulletin.store.id";
    private static final long MIN_BACKOFF_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRelay.class);

    private final PublishConfig config;
    private final ReleaseStore store;
    private final PublishTopics topics;
    private final String bootstrapServers;
    private final Health health;
    private final PublishMetrics metrics;
    private final Admin admin;
    private final Map<String, ?> kafkaOverrides;
    private final String positionGroup;
    private final TopicPartition positionPartition;
    private final Semaphore work = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean(true);

    private KafkaProducer<String, Notification> producer;
    private long position = -1;
    private long backoffMs = MIN_BACKOFF_MS;

    /**
     * @param kafkaOverrides client overrides of every stage ({@code KAFKA_*} / {@code kafka.*}); this stage's
     *                       {@code bulletin.publish.kafka.*} go on top
     */
    public NotificationRelay(
            PublishConfig config,
            ReleaseStore store,
            PublishTopics topics,
            String bootstrapServers,
            Map<String, ?> kafkaOverrides,
            Health health,
            PublishMetrics metrics) {
        this.config = config;
        this.kafkaOverrides = Map.copyOf(kafkaOverrides);
        this.store = store;
        this.topics = topics;
        this.bootstrapServers = bootstrapServers;
        this.health = health;
        this.metrics = metrics;
        this.positionGroup = config.transactionalId() + ".position";
        this.positionPartition = new TopicPartition(topics.notifications(), 0);
        this.admin = Admin.create(adminProperties(config, bootstrapServers, kafkaOverrides));
        health.report("relay", Health.State.STARTING, "not yet initialised");
    }

    /** The admin client's configuration (it reads the relay position): overrides, then the bootstrap servers. */
    public static Properties adminProperties(
            PublishConfig config, String bootstrapServers, Map<String, ?> kafkaOverrides) {
        Properties a = new Properties();
        a.putAll(config.kafkaClientProperties(kafkaOverrides));
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return a;
    }

    /** The transactional producer's configuration: overrides first, then what exactly-once relaying needs. */
    public static Properties producerProperties(
            PublishConfig config, String bootstrapServers, Map<String, ?> kafkaOverrides) {
        Properties p = new Properties();
        p.putAll(config.kafkaClientProperties(kafkaOverrides));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.transactionalId());
        return p;
    }

    /** Tells the relay new outbox rows were committed, so it does not wait out its idle interval. */
    public void wake() {
        work.release();
    }

    /** Last outbox id known to be committed to Kafka, or -1 before recovery. */
    public long position() {
        return position;
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                try {
                    if (producer == null) {
                        startProducer();
                    }
                    if (!relayOnce()) {
                        work.tryAcquire(config.relayIdleMs(), TimeUnit.MILLISECONDS);
                        work.drainPermits();
                    }
                    backoffMs = MIN_BACKOFF_MS;
                } catch (AuthorizationException | AuthenticationException e) {
                    throw refused(e);
                } catch (ProducerFencedException | UnsupportedVersionException e) {
                    // Another relay with our transactional.id took over: stop, loudly.
                    health.report("relay", Health.State.DOWN, "stopped: " + e);
                    LOG.error("Notification relay stopped: {}", e.toString());
                    return;
                } catch (StoreUnavailableException e) {
                    // Only an outage is waited out; any other store failure is a bug or a broken deployment and
                    // ends the relay (and with it the stage).
                    failed("store: " + e.getMessage(), false);
                } catch (KafkaException | TimeoutException | ExecutionException e) {
                    if (e.getCause() instanceof AuthorizationException
                            || e.getCause() instanceof AuthenticationException) {
                        throw refused(e.getCause()); // from the admin client's futures
                    }
                    failed("kafka: " + e, true);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeProducer();
            admin.close(Duration.ofSeconds(5));
            health.report("relay", Health.State.DOWN, "relay stopped");
        }
    }

    /** No retry mends a missing ACL or a refused login: the relay ends with an error, which stops the stage (#19). */
    private IllegalStateException refused(Throwable e) {
        health.report("relay", Health.State.DOWN, "stopped: " + e.getMessage());
        return new IllegalStateException(
                "the notification relay may not do its work on Kafka: " + e.getMessage()
                        + "; give publish's principal the ACLs docs/security.md lists for publish",
                e);
    }

    private void startProducer() throws InterruptedException, ExecutionException, TimeoutException {
        producer = new KafkaProducer<>(
                producerProperties(config, bootstrapServers, kafkaOverrides),
                new StringSerializer(),
                topics.notificationSerializer());
        // Fences any earlier incarnation and settles its open transaction; only then is the position stable.
        producer.initTransactions();
        position = recoverPosition();
        health.up("relay");
        LOG.info("Notification relay ready at outbox id {}", position);
    }

    private long recoverPosition() throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                        positionGroup, new ListConsumerGroupOffsetsOptions().requireStable(true))
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        OffsetAndMetadata om = offsets.get(positionPartition);
        long fromKafka = 0;
        if (om != null) {
            if (store.storeId().equals(om.metadata())) {
                fromKafka = om.offset() - 1;
            } else {
                LOG.warn(
                        "Relay position in group {} belongs to store {}, not this store {}; ignoring it",
                        positionGroup,
                        om.metadata(),
                        store.storeId());
            }
        }
        return Math.max(fromKafka, store.relayPosition(config.transactionalId()));
    }

    /** Relays one batch; false when there was nothing to relay. */
    boolean relayOnce() {
        List<OutboxEntry> rows = store.outboxAfter(position, config.relayBatchSize());
        if (rows.isEmpty()) {
            metrics.relayBacklog(0);
            return false;
        }
        long last = rows.get(rows.size() - 1).id();
        producer.beginTransaction();
        try {
            for (OutboxEntry row : rows) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(HEADER_OUTBOX_ID, Long.toString(row.id()).getBytes(StandardCharsets.UTF_8));
                headers.add(HEADER_STORE_ID, store.storeId().getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(
                        topics.notifications(), null, row.notification().getReleaseId(), row.notification(), headers));
            }
            producer.sendOffsetsToTransaction(
                    Map.of(positionPartition, new OffsetAndMetadata(last + 1, store.storeId())),
                    new ConsumerGroupMetadata(positionGroup));
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            // The outcome may be unknown (e.g. a commit timeout): drop this producer; the next one's
            // initTransactions settles the transaction and recoverPosition reads what really committed.
            position = -1;
            throw e;
        }
        position = last;
        metrics.notificationsOut(rows.size());
        try {
            store.saveRelayPosition(config.transactionalId(), last);
            metrics.relayBacklog(store.outboxBacklog(last));
        } catch (StoreUnavailableException e) {
            // Kafka holds the authoritative position; this row is only a lower bound and an outbox pruning mark.
            LOG.warn("Relayed up to outbox id {} but could not record it in the store: {}", last, e.getMessage());
        }
        return true;
    }

    private void failed(String reason, boolean resetProducer) throws InterruptedException {
        metrics.error(resetProducer ? "relay-kafka" : "relay-store");
        health.report("relay", Health.State.DEGRADED, reason);
        LOG.warn("Notification relay degraded, retrying in {} ms: {}", backoffMs, reason);
        if (resetProducer) {
            closeProducer();
        }
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, config.retryBackoffMaxMs());
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.debug("Closing relay producer: {}", e.toString());
            }
            producer = null;
            position = -1;
        }
    }

    @Override
    public void close() {
        running.set(false);
        work.release();
    }
}
