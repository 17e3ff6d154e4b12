package org.bulletin.publish;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bulletin.publish.api.ApiServer;
import org.bulletin.publish.relay.NotificationRelay;
import org.bulletin.publish.sink.PublishSink;
import org.bulletin.publish.store.ReleaseStore;
import org.bulletin.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish stage as one handle: opens (and migrates) the store, runs the exactly-once sink and the notification
 * relay on their own threads, and hands out an {@link ApiServer.Builder} wired to the same store, health and
 * metrics. {@link #close()} stops the threads, then the store. If either thread dies of an error (a store failure
 * that is neither an outage nor bad data, a bug), the other one is stopped too, health reports the stage down and
 * {@link #failure()} completes, so the command running the stage can exit non-zero instead of serving a dead sink.
 */
public final class Publisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final PublishConfig config;
    private final ReleaseStore store;
    private final Health health;
    private final PrometheusMeterRegistry registry;
    private final PublishSink sink;
    private final NotificationRelay relay;
    private final Thread sinkThread;
    private final Thread relayThread;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();

    private Publisher(
            PublishConfig config,
            ReleaseStore store,
            Health health,
            PrometheusMeterRegistry registry,
            PublishSink sink,
            NotificationRelay relay) {
        this.config = config;
        this.store = store;
        this.health = health;
        this.registry = registry;
        this.sink = sink;
        this.relay = relay;
        this.sinkThread = new Thread(sink, "bulletin-publish-sink");
        this.relayThread = new Thread(relay, "bulletin-publish-relay");
        sinkThread.setUncaughtExceptionHandler(this::crashed);
        relayThread.setUncaughtExceptionHandler(this::crashed);
    }

    /**
     * Opens the store the config names and starts sink and relay against {@code bootstrapServers}, every Kafka client
     * with {@code kafkaOverrides} (the {@code KAFKA_*} / {@code kafka.*} overrides every stage gets), then the
     * config's {@code bulletin.publish.kafka.*}, applied. Fails with a
     * {@link org.bulletin.publish.store.StoreException} if the store cannot be opened.
     */
    public static Publisher start(
            PublishConfig config, PublishTopics topics, String bootstrapServers, Map<String, ?> kafkaOverrides) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ReleaseStore store = ReleaseStore.open(config);
        Health health = new Health();
        health.up("store");
        PublishMetrics metrics = new PublishMetrics(registry);
        NotificationRelay relay =
                new NotificationRelay(config, store, topics, bootstrapServers, kafkaOverrides, health, metrics);
        PublishSink sink =
                new PublishSink(config, store, topics, bootstrapServers, kafkaOverrides, health, metrics, relay::wake);
        Publisher publisher = new Publisher(config, store, health, registry, sink, relay);
        publisher.relayThread.start();
        publisher.sinkThread.start();
        LOG.info(
                "Publisher started: {} -> store {} -> {}",
                topics.enriched(),
                store.isPostgres() ? "postgresql" : "h2",
                topics.notifications());
        return publisher;
    }

    /** {@link #start(PublishConfig, PublishTopics, String, Map)} with names and serdes from the topic catalogue. */
    public static Publisher start(
            PublishConfig config, Topics topics, String bootstrapServers, Map<String, ?> kafkaOverrides) {
        return start(config, PublishTopics.from(topics), bootstrapServers, kafkaOverrides);
    }

    /** {@link #start(PublishConfig, Topics, String, Map)} with no client overrides but the config's own. */
    public static Publisher start(PublishConfig config, Topics topics, String bootstrapServers) {
        return start(config, topics, bootstrapServers, Map.of());
    }

    /** An API server builder over this publisher's store, health and metrics (add routes, then start). */
    public ApiServer.Builder api() {
        return ApiServer.builder(store, health, registry);
    }

    public ReleaseStore store() {
        return store;
    }

    public Health health() {
        return health;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    public PublishConfig config() {
        return config;
    }

    @Override
    public void close() {
        sink.close();
        relay.close();
        join(sinkThread);
        join(relayThread);
        store.close();
        registry.close();
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Completes with the error that stopped the sink or the relay; never completes on a clean {@link #close()}. */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    private void crashed(Thread t, Throwable e) {
        String reason = t.getName() + " failed: " + e.getMessage();
        LOG.error("publish stage stopping: {}", reason, e);
        health.report("publish", Health.State.DOWN, "stopped: " + reason);
        sink.close();
        relay.close();
        failure.complete(e);
    }
}
