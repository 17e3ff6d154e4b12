package org.bulletin.app.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bulletin.schemas.Topics;

/**
 * Live traffic: produces generated raw records at a steady rate on a background thread, idempotently and with
 * generous timeouts, so a broker outage delays records but never drops them. Tracks which keys the broker acked.
 */
final class Feed implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final List<String> acked = new CopyOnWriteArrayList<>();
    private final Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private Feed(String bootstrap, Topics topics, List<Generator.Item> items, double perSecond) {
        this.producer = producer(bootstrap);
        this.thread = new Thread(() -> run(topics, items, perSecond), "fault-feed");
        thread.setDaemon(true);
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        300_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        300_000,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    static Feed start(String bootstrap, Topics topics, List<Generator.Item> items, double perSecond) {
        Feed feed = new Feed(bootstrap, topics, items, perSecond);
        feed.thread.start();
        return feed;
    }

    private void run(Topics topics, List<Generator.Item> items, double perSecond) {
        long start = System.nanoTime();
        for (int i = 0; i < items.size(); i++) {
            Generator.Item item = items.get(i);
            long due = start + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] value = topics.rawSerde().serializer().serialize(topics.raw(), item.raw());
            sentAtMillis.put(item.key(), System.currentTimeMillis());
            try {
                producer.send(new ProducerRecord<>(topics.raw(), item.key(), value), (md, e) -> {
                    if (e == null) {
                        acked.add(item.key());
                    } else {
                        failures.add(e);
                    }
                });
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        producer.flush();
    }

    /** Keys acked so far. */
    List<String> acked() {
        return new ArrayList<>(acked);
    }

    /** When each record was handed to the producer (wall clock, ms): where its end-to-end latency starts. */
    Map<String, Long> sentAtMillis() {
        return Map.copyOf(sentAtMillis);
    }

    /** Waits until every record was sent and acked (or failed). */
    void await(long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
        if (thread.isAlive()) {
            throw new IllegalStateException("feed did not finish in " + seconds + " s");
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    "feed failed to produce " + failures.size() + " records: " + failures.get(0), failures.get(0));
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
