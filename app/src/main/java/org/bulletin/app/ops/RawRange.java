package org.bulletin.app.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A time range of one topic as offsets, fixed when it is computed: per partition, from the first record at or after
 * {@code from} to the first at or after {@code to} (or the end as it was then). Records written afterwards are not in
 * the range, so reading it terminates while producers keep writing. Reads use {@code read_committed}.
 */
public final class RawRange {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<TopicPartition, long[]> bounds;

    private RawRange(String topic, Map<TopicPartition, long[]> bounds) {
        this.topic = topic;
        this.bounds = bounds;
    }

    /** Consumer properties for reading bytes without a group (no offsets are committed anywhere). */
    public static Properties consumerProperties(String bootstrap, Map<String, ?> kafkaOverrides) {
        Properties p = new Properties();
        p.putAll(kafkaOverrides);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    /** The offsets of [{@code from}, {@code to}) on {@code topic}; {@code to} null means "the end, now". */
    public static RawRange of(Properties consumerProps, String topic, Instant from, Instant to) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            List<TopicPartition> tps = new ArrayList<>();
            infos.forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
            tps.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
            // Assigned first: under read_committed the client warns about offsets of partitions it does not own.
            consumer.assign(tps);
            // With read_committed this is the last stable offset: nothing in flight is part of the range.
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, TIMEOUT);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(tps, TIMEOUT);
            Map<TopicPartition, Long> starts = at(consumer, tps, from, begins, ends);
            Map<TopicPartition, Long> stops = to == null ? ends : at(consumer, tps, to, begins, ends);
            Map<TopicPartition, long[]> bounds = new LinkedHashMap<>();
            for (TopicPartition tp : tps) {
                long start = starts.get(tp);
                long stop = Math.min(stops.get(tp), ends.get(tp));
                bounds.put(tp, new long[] {start, Math.max(start, stop)});
            }
            return new RawRange(topic, bounds);
        }
    }

    private static Map<TopicPartition, Long> at(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> tps,
            Instant time,
            Map<TopicPartition, Long> begins,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (time == null) {
            out.putAll(begins);
            return out;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        tps.forEach(tp -> query.put(tp, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
        for (TopicPartition tp : tps) {
            OffsetAndTimestamp o = found.get(tp);
            // No record at or after the time: the range starts (or stops) at the end.
            out.put(tp, o == null ? ends.get(tp) : o.offset());
        }
        return out;
    }

    public String topic() {
        return topic;
    }

    /** Per partition {start, end} offsets (end exclusive), in partition order. */
    public Map<TopicPartition, long[]> bounds() {
        return Collections.unmodifiableMap(bounds);
    }

    /** Offsets in the range; an upper bound of its records (transaction markers take offsets too). */
    public long size() {
        return bounds.values().stream().mapToLong(b -> b[1] - b[0]).sum();
    }

    /** Reads every committed record of the range in batches (partitions interleave); returns how many. */
    public long read(Properties consumerProps, Consumer<List<ConsumerRecord<byte[], byte[]>>> batch) {
        Map<TopicPartition, long[]> open = new LinkedHashMap<>();
        bounds.forEach((tp, b) -> {
            if (b[1] > b[0]) {
                open.put(tp, b);
            }
        });
        long read = 0;
        if (open.isEmpty()) {
            return 0;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.assign(open.keySet());
            open.forEach((tp, b) -> consumer.seek(tp, b[0]));
            while (!open.isEmpty()) {
                List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    long[] b = open.get(new TopicPartition(r.topic(), r.partition()));
                    if (b != null && r.offset() < b[1]) {
                        out.add(r);
                    }
                }
                if (!out.isEmpty()) {
                    batch.accept(out);
                    read += out.size();
                }
                // Done with a partition once its position passed the end (markers and aborted records included).
                List<TopicPartition> done = new ArrayList<>();
                for (Map.Entry<TopicPartition, long[]> e : open.entrySet()) {
                    if (consumer.position(e.getKey(), TIMEOUT) >= e.getValue()[1]) {
                        done.add(e.getKey());
                    }
                }
                done.forEach(open::remove);
                if (!done.isEmpty()) {
                    consumer.pause(done);
                }
            }
        }
        return read;
    }
}
