package org.bulletin.app.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Where a Streams app's stream threads spent their time, from Kafka Streams' own thread metrics: seconds committing,
 * polling and blocked on Kafka (KIP-761 {@code blocked-time-ns-total}), summed over the stream threads. Taken at the
 * end of a benchmark phase and divided by the phase's thread-seconds, it tells how much of the phase a thread spent on
 * its records and how much waiting on the broker.
 */
public record ThreadTime(double commitSeconds, double pollSeconds, double blockedSeconds, int threads) {

    /** Totals over {@code streams}' stream threads now. */
    public static ThreadTime of(KafkaStreams streams) {
        Map<String, Map<String, Double>> byThread = new LinkedHashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals("stream-thread-metrics") && e.getValue().metricValue() instanceof Double v) {
                byThread.computeIfAbsent(n.tags().get("thread-id"), k -> new LinkedHashMap<>())
                        .put(n.name(), v);
            }
        }
        double commit = 0;
        double poll = 0;
        double blocked = 0;
        for (Map<String, Double> m : byThread.values()) {
            commit += m.getOrDefault("commit-total", 0.0) * nanToZero(m.get("commit-latency-avg")) / 1000;
            poll += m.getOrDefault("poll-total", 0.0) * nanToZero(m.get("poll-latency-avg")) / 1000;
            blocked += m.getOrDefault("blocked-time-ns-total", 0.0) / 1e9;
        }
        return new ThreadTime(commit, poll, blocked, byThread.size());
    }

    /** The stream threads' time available over a phase of {@code phaseSeconds}. */
    public double threadSeconds(double phaseSeconds) {
        return phaseSeconds * threads;
    }

    private static double nanToZero(Double v) {
        return v == null || v.isNaN() ? 0 : v;
    }
}
