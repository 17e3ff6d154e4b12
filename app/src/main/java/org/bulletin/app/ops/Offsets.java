package org.bulletin.app.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading offset ranges. Under exactly-once every transaction leaves a commit marker that takes an offset but is no
 * record, so "end minus position" overstates a backlog; {@link #count} reads small ranges to count the real records.
 */
final class Offsets {

    /** Ranges up to this many offsets are counted record by record; larger ones are reported as offset spans. */
    static final long EXACT_UP_TO = 10_000;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Offsets() {}

    /** Records (not markers) in [from, end) of each partition, read with the consumer's isolation level. */
    static long count(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, long[]> ranges) {
        return count(c, ranges, EXACT_UP_TO);
    }

    /** {@link #count(KafkaConsumer, Map)}, reading record by record only up to {@code exactUpTo} offsets in all. */
    static long count(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, long[]> ranges, long exactUpTo) {
        long[] n = {0};
        long span = ranges.values().stream()
                .mapToLong(r -> Math.max(0, r[1] - r[0]))
                .sum();
        if (span > exactUpTo) {
            return span;
        }
        read(c, ranges, r -> n[0]++);
        return n[0];
    }

    /** Calls {@code action} for every record in [from, end) of each partition; returns when all are passed. */
    static void read(
            KafkaConsumer<byte[], byte[]> c,
            Map<TopicPartition, long[]> ranges,
            Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Map<TopicPartition, long[]> open = new LinkedHashMap<>();
        ranges.forEach((tp, r) -> {
            if (r[1] > r[0]) {
                open.put(tp, r);
            }
        });
        if (open.isEmpty()) {
            return;
        }
        c.assign(open.keySet());
        open.forEach((tp, r) -> c.seek(tp, r[0]));
        while (!open.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                long[] r = open.get(new TopicPartition(rec.topic(), rec.partition()));
                if (r != null && rec.offset() < r[1]) {
                    action.accept(rec);
                }
            }
            List<TopicPartition> done = new ArrayList<>();
            open.forEach((tp, r) -> {
                if (c.position(tp, TIMEOUT) >= r[1]) {
                    done.add(tp);
                }
            });
            done.forEach(open::remove);
            if (!done.isEmpty()) {
                c.pause(done);
            }
        }
        c.unsubscribe();
    }
}
