package org.bulletin.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publish stage's meters, all named {@code bulletin.publish.*} (Prometheus: {@code bulletin_publish_*}).
 * Thread-safe.
 */
public final class PublishMetrics {

    private final MeterRegistry registry;
    private final Counter recordsIn;
    private final Counter stored;
    private final Counter reclassified;
    private final Counter unchanged;
    private final Counter notificationsOut;
    private final Counter dlq;
    private final Timer storeLatency;
    private final AtomicLong consumerLag = new AtomicLong();
    private final AtomicLong relayBacklog = new AtomicLong();

    public PublishMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.recordsIn = Counter.builder("bulletin.publish.records.in")
                .description("Records consumed from the enriched topic")
                .register(registry);
        this.stored = Counter.builder("bulletin.publish.records.out")
                .tag("outcome", "inserted")
                .description("Releases written to the store")
                .register(registry);
        this.reclassified = Counter.builder("bulletin.publish.records.out")
                .tag("outcome", "reclassified")
                .description("Releases written to the store")
                .register(registry);
        this.unchanged = Counter.builder("bulletin.publish.records.out")
                .tag("outcome", "unchanged")
                .description("Releases written to the store")
                .register(registry);
        this.notificationsOut = Counter.builder("bulletin.publish.notifications.out")
                .description("Notifications committed to the notifications topic")
                .register(registry);
        this.dlq = Counter.builder("bulletin.publish.dlq")
                .description("Records sent to the dead-letter topic")
                .register(registry);
        this.storeLatency = Timer.builder("bulletin.publish.store.latency")
                .description("Duration of one store transaction")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("bulletin.publish.consumer.lag", consumerLag, AtomicLong::get)
                .description("Records behind the end of the enriched topic")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("bulletin.publish.relay.backlog", relayBacklog, AtomicLong::get)
                .description("Outbox rows not yet relayed")
                .register(registry);
        error("none");
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void recordsIn(int n) {
        recordsIn.increment(n);
    }

    public void stored(int inserted, int reclassifiedRows, int unchangedRows) {
        stored.increment(inserted);
        reclassified.increment(reclassifiedRows);
        unchanged.increment(unchangedRows);
    }

    public void notificationsOut(int n) {
        notificationsOut.increment(n);
    }

    public void dlq() {
        dlq.increment();
    }

    /** Counts an error by kind (store-unavailable, rejected, deserialization, kafka, offset-conflict ...). */
    public void error(String kind) {
        Counter c = Counter.builder("bulletin.publish.errors")
                .tag("kind", kind)
                .description("Errors by kind")
                .register(registry);
        if (!"none".equals(kind)) {
            c.increment();
        }
    }

    public Timer storeLatency() {
        return storeLatency;
    }

    public void consumerLag(long lag) {
        consumerLag.set(lag);
    }

    public void relayBacklog(long backlog) {
        relayBacklog.set(backlog);
    }
}
