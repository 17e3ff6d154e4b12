package org.bulletin.app.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where a Streams app's stream threads spend their time, from Kafka Streams' own thread metrics: seconds spent
 * committing, polling and blocked on Kafka (KIP-761 {@code blocked-time-ns-total}) summed over the stream threads.
 * Taken at the end of a benchmark phase and divided by its duration and thread count, it tells how much of the
 * phase a thread spent on its records and how much waiting on the broker.
 */
public final class ThreadTime {

    private ThreadTime() {
    }

    /** {@code commit_s}, {@code poll_s}, {@code blocked_s}, {@code threads}: totals over the app's stream threads. */
    public static Map<String, Double> of(KafkaStreams streams) {
        double commit = 0;
        double poll = 0;
        double blocked = 0;
        Map<String, Map<String, Double>> byThread = new LinkedHashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (!n.group().equals("stream-thread-metrics") || !(e.getValue().metricValue() instanceof Double v)) {
                continue;
            }
            byThread.computeIfAbsent(n.tags().get("thread-id"), k -> new LinkedHashMap<>()).put(n.name(), v);
        }
        for (Map<String, Double> m : byThread.values()) {
            commit += m.getOrDefault("commit-total", 0.0) * nanToZero(m.get("commit-latency-avg")) / 1000;
            poll += m.getOrDefault("poll-total", 0.0) * nanToZero(m.get("poll-latency-avg")) / 1000;
            blocked += m.getOrDefault("blocked-time-ns-total", 0.0) / 1e9;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("commit_s", commit);
        out.put("poll_s", poll);
        out.put("blocked_s", blocked);
        out.put("threads", (double) byThread.size());
        return out;
    }

    private static double nanToZero(Double v) {
        return v == null || v.isNaN() ? 0 : v;
    }
}
