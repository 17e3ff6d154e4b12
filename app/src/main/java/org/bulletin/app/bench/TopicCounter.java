package org.bulletin.app.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bulletin.app.config.KafkaClients;

/**
 * Counts the committed records of one topic from its beginning, on its own thread, as a downstream reader sees them
 * (read_committed, raw bytes, no group): how the benchmark tells when a stage has drained its input. Remembers when
 * the first and the latest records became visible. An optional listener gets each record's key and the nanoTime it
 * was seen. Thread-safe getters.
 */
public final class TopicCounter implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final BiConsumer<String, Long> listener;
    private final AtomicLong count = new AtomicLong();
    // (nanoTime, cumulative count) after each non-empty poll, for the tail rate.
    private final java.util.List<long[]> timeline = new java.util.ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long firstSeenNanos;
    private volatile long firstBatchCount;
    private volatile long lastSeenNanos;
    private volatile Throwable failure;

    private TopicCounter(
            String bootstrap, Map<String, ?> kafkaOverrides, String topic, BiConsumer<String, Long> listener) {
        this.topic = topic;
        this.listener = listener;
        Map<String, Object> config = KafkaClients.config(bootstrap, kafkaOverrides);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-counter-" + topic);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "bench-counter-" + topic);
        thread.setDaemon(true);
    }

    /** Starts counting {@code topic} (all its partitions, from the beginning) with the Kafka client overrides. */
    public static TopicCounter start(
            String bootstrap, Map<String, ?> kafkaOverrides, String topic, BiConsumer<String, Long> listener) {
        TopicCounter c = new TopicCounter(bootstrap, kafkaOverrides, topic, listener);
        c.thread.start();
        return c;
    }

    private void run() {
        try {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                if (records.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                if (listener != null) {
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        listener.accept(r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8), now);
                    }
                }
                if (firstSeenNanos == 0) {
                    firstSeenNanos = now;
                    firstBatchCount = records.count();
                }
                lastSeenNanos = now;
                long total = count.addAndGet(records.count());
                synchronized (timeline) {
                    timeline.add(new long[] {now, total});
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // close() woke us: normal stop.
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    public long count() {
        return count.get();
    }

    /**
     * Records/s over the last {@code fraction} of the records counted so far: from the first batch at or past
     * {@code (1 - fraction)} of them to the last batch. A long-running service's pace, once the JIT has compiled
     * the stream thread's whole path and the caches are warm; NaN (not measured) when too little arrived after that
     * point.
     */
    public double tailRate(double fraction) {
        synchronized (timeline) {
            return tailRate(timeline, fraction);
        }
    }

    /** {@link #tailRate(double)} over {@code timeline}: (nanoTime, cumulative count) after each non-empty poll. */
    static double tailRate(List<long[]> timeline, double fraction) {
        if (timeline.isEmpty()) {
            return Double.NaN;
        }
        long[] last = timeline.get(timeline.size() - 1);
        long from = (long) Math.ceil(last[1] * (1 - fraction));
        for (long[] point : timeline) {
            if (point[1] >= from) {
                double seconds = (last[0] - point[0]) / 1e9;
                return seconds < 0.5 ? Double.NaN : (last[1] - point[1]) / seconds;
            }
        }
        return Double.NaN;
    }

    public long firstSeenNanos() {
        return firstSeenNanos;
    }

    public long firstBatchCount() {
        return firstBatchCount;
    }

    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** Throws if the counting thread died (a broker problem, not a benchmark result). */
    public void check() {
        if (failure != null) {
            throw new IllegalStateException("counting " + topic + " failed: " + failure, failure);
        }
    }

    /**
     * Steady-state records/s: records after the first visible batch over the time from that batch to the last one, so
     * the app's start-up (group join, task assignment) is not counted; falls back to the whole count over
     * {@code sinceNanos} when too few batches arrived.
     */
    public double steadyRate(long sinceNanos) {
        long first = firstSeenNanos;
        long last = lastSeenNanos;
        long n = count.get();
        if (last - first > 200_000_000L && n > firstBatchCount) {
            return (n - firstBatchCount) / ((last - first) / 1e9);
        }
        return last > sinceNanos ? n / ((last - sinceNanos) / 1e9) : 0.0;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
