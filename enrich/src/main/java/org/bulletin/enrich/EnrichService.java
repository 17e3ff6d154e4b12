package org.bulletin.enrich;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.bulletin.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enrich topology as a Kafka Streams application until closed, or until it fails for good ({@link
 * #failure()}): a stream thread that fails is replaced, unless Kafka refused it a permission or a login, which no
 * retry mends.
 */
public final class EnrichService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichService.class);

    private final KafkaStreams streams;
    private final CompletableFuture<Throwable> failure;

    private EnrichService(KafkaStreams streams, CompletableFuture<Throwable> failure) {
        this.streams = streams;
        this.failure = failure;
    }

    /**
     * Starts the app. {@code kafkaOverrides} are passed to Kafka Streams and its clients as they are (the
     * {@code KAFKA_*} environment pass-through).
     */
    public static EnrichService start(
            EnrichConfig config, Topics topics, String bootstrapServers, Map<String, ?> kafkaOverrides) {
        // The topology writes one serialized release to several topics; their subjects must all hold the schema.
        topics.registerAll();
        Topology topology = EnrichTopology.build(config, topics);
        KafkaStreams streams =
                new KafkaStreams(topology, streamsProperties(config, topics, bootstrapServers, kafkaOverrides));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        streams.setUncaughtExceptionHandler(e -> {
            Throwable denied = accessFailure(e);
            if (denied != null) {
                // A replaced thread would fail the same way, over and over: stop, with one line saying what to do.
                LOG.error(
                        "enrich stopping: Kafka refused it: {}. Give its principal the ACLs docs/security.md lists for"
                                + " enrich (or fix its security settings), then start it again",
                        denied.getMessage());
                failure.complete(denied);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            // Bad input never gets here (it goes to the DLQ); what does is infrastructure or a bug: replace the thread
            // so a transient broker problem does not kill the app, and say so loudly.
            LOG.error("enrich stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                failure.complete(new IllegalStateException("enrich (Kafka Streams) stopped in state ERROR"));
            }
        });
        try {
            streams.start();
        } catch (RuntimeException e) {
            // The global store's thread starts inside start(): a refusal there arrives here, not at the handler.
            streams.close(Duration.ofSeconds(10));
            Throwable denied = accessFailure(e);
            if (denied != null) {
                throw new IllegalStateException(
                        "enrich cannot start: Kafka refused it: " + denied.getMessage() + ". Give its principal the"
                                + " ACLs docs/security.md lists for enrich (or fix its security settings)",
                        e);
            }
            throw e;
        }
        LOG.info(
                "enrich started: {} -> {} ({}), guarantee {}",
                topics.raw(),
                topics.enriched(),
                config.applicationId(),
                config.processingGuarantee());
        return new EnrichService(streams, failure);
    }

    /** The authorization or authentication failure in {@code e}'s causes, if any. */
    public static Throwable accessFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AuthorizationException || c instanceof AuthenticationException) {
                return c;
            }
        }
        return null;
    }

    /**
     * The Kafka Streams configuration enrich runs with: enrich's settings, then {@code kafkaOverrides} (the
     * {@code KAFKA_*} / {@code kafka.*} pass-through), then the producers' durability (acks=all, idempotence), which
     * no override lowers.
     */
    public static Properties streamsProperties(
            EnrichConfig config, Topics topics, String bootstrapServers, Map<String, ?> kafkaOverrides) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Internal topics (changelogs, repartition) take the brokers' default.replication.factor and
        // min.insync.replicas, as a production cluster sets them (3 and 2): no min ISR of our own, which would stop
        // writes on a cluster that has too few brokers for it, or weaken acks=all on one that has enough (#19).
        // KAFKA_REPLICATION_FACTOR / KAFKA_TOPIC_MIN_INSYNC_REPLICAS override; 'bulletin topics --check' reports
        // internal topics replicated less than the Bulletin topics.
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Streams gives a producer.-prefixed key precedence over the plain one, so enrich's own defaults go in only
        // where the overrides do not name the key: KAFKA_COMPRESSION_TYPE must beat the lz4 default (#15).
        producerSettings().forEach((k, v) -> {
            if (!kafkaOverrides.containsKey(k)) {
                p.put(StreamsConfig.producerPrefix(k), v);
            }
        });
        if (!config.stateDir().isBlank()) {
            p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        }
        p.putAll(kafkaOverrides);
        // Durability is not an override (#19), as in every Bulletin producer: each record enrich writes (outputs,
        // changelogs, dead letters) is acknowledged by every in-sync replica, and retried sends are not written
        // twice, under at_least_once too. Streams lets producer.-prefixed keys beat plain ones (KAFKA_ACKS).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), true);
        return p;
    }

    /**
     * The producer settings of the enrich app, also used by the benchmark's pass-through so both compare on equal terms.
     * A short linger: under exactly-once a longer one (up to the commit interval) would cut the number of lz4 batches
     * enrich opens across its ~60 output partitions, but it measured no faster here (566-638 releases/s with 5, 25
     * and 100 ms, within the run-to-run noise) and moves every send into the commit's flush, which only lengthens
     * the commit; under at-least-once the records are visible as soon as they are sent.
     */
    public static Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                // Dead letters carry the raw bytes whole (up to the raw topic's 6 MiB); the DLQ topic accepts 8 MiB.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                8 * 1024 * 1024);
    }

    /**
     * Completes with what stopped the app for good: a permission or login Kafka refused, or the ERROR state. Never
     * completes on a clean {@link #close()}.
     */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        // Leave the group on a clean stop: Streams members otherwise stay until the session times out (45 s), and a
        // restarted instance would wait that long for its first rebalance.
        streams.close(CloseOptions.timeout(Duration.ofSeconds(20))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
