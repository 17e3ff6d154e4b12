package org.bulletin.app.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one {@code bulletin bench} run measured, phase by phase, and the figures it reports from that: rounded as they
 * are printed and written as JSON, so the table and the JSON file always agree. A figure that could not be measured
 * (NaN from its phase: a second half too short to time, no latency sample, no /proc) or has no meaning (a share of
 * nothing) is null, never a stand-in number. Immutable.
 */
public record BenchResult(
        long warmupReleases,
        Ingest ingest,
        Rates passThrough,
        Enrich enrich,
        Publish publish,
        Latency endToEnd,
        Setup setup,
        Memory memory,
        Map<String, Object> machine,
        String finishedAt) {

    /**
     * The ingest phase: {@code records} generated ({@code bytes} in all, with the generator's duplicates), of which the
     * broker acknowledged {@code acknowledged}, at {@code rps}.
     */
    public record Ingest(
            int records, long acknowledged, long bytes, long exactDuplicates, long nearDuplicates, double rps) {}

    /** A Streams app's steady rate over the phase, and its rate over the second half of the records. */
    public record Rates(double rps, double secondHalfRps) {}

    /** The enrich phase: its rates, releases written, and where its stream threads spent the phase. */
    public record Enrich(Rates rates, long enriched, ThreadTime threadTime, double threadSeconds) {}

    /** The publish phase: rows stored, notifications sent, releases the store marked as duplicates. */
    public record Publish(double rps, long stored, long notified, long duplicates) {}

    /** The end-to-end run: {@code sent} probes offered at {@code rate}/s, the latencies of those seen. */
    public record Latency(int rate, int sent, Percentiles millis) {}

    /**
     * Peak heap and resident set size of this JVM (broker and every stage), in MiB; how long the cluster took to
     * start (broker, registry, topics and schemas) and this JVM's resident set right after, idle, before any record.
     */
    public record Memory(double peakHeapMb, double peakRssMb, double startupMillis, double idleRssMb) {}

    /** How the stages ran. */
    public record Setup(String guarantee, String registry, long commitIntervalMs, int partitions, int streamThreads) {}

    public Double ingestRps() {
        return round(ingest.rps());
    }

    public Double passThroughRps() {
        return round(passThrough.rps());
    }

    public Double enrichRps() {
        return round(enrich.rates().rps());
    }

    /** Enrich's rate as a share of the pass-through's. */
    public Double ratio() {
        return round3(enrich.rates().rps() / passThrough.rps());
    }

    public Double passThroughRpsSecondHalf() {
        return round(passThrough.secondHalfRps());
    }

    public Double enrichRpsSecondHalf() {
        return round(enrich.rates().secondHalfRps());
    }

    public Double ratioSecondHalf() {
        return round3(enrich.rates().secondHalfRps() / passThrough.secondHalfRps());
    }

    public Double publishRps() {
        return round(publish.rps());
    }

    public Double p50Ms() {
        return round(endToEnd.millis().at(50));
    }

    public Double p99Ms() {
        return round(endToEnd.millis().at(99));
    }

    public Double p999Ms() {
        return round(endToEnd.millis().at(99.9));
    }

    public Double maxMs() {
        return round(endToEnd.millis().max());
    }

    public Double peakHeapMb() {
        return round(memory.peakHeapMb());
    }

    public Double peakRssMb() {
        return round(memory.peakRssMb());
    }

    public Double startupMillis() {
        return round(memory.startupMillis());
    }

    public Double idleRssMb() {
        return round(memory.idleRssMb());
    }

    public long averageRecordBytes() {
        return Math.round((double) ingest.bytes() / ingest.records());
    }

    /** The JSON document {@code --json} writes: flat, snake_case, in this order. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("warmup_releases", warmupReleases);
        json.put("records", ingest.records());
        json.put("ingested", ingest.acknowledged());
        json.put("avg_record_bytes", averageRecordBytes());
        json.put("exact_duplicates", ingest.exactDuplicates());
        json.put("near_duplicates", ingest.nearDuplicates());
        json.put("ingest_rps", ingestRps());
        json.put("passthrough_rps", passThroughRps());
        json.put("enrich_rps", enrichRps());
        json.put("ratio", ratio());
        json.put("passthrough_rps_second_half", passThroughRpsSecondHalf());
        json.put("enrich_rps_second_half", enrichRpsSecondHalf());
        json.put("ratio_second_half", ratioSecondHalf());
        json.put("publish_rps", publishRps());
        json.put("enriched", enrich.enriched());
        json.put("enrich_commit_share", share(enrich.threadTime().commitSeconds()));
        json.put("enrich_poll_share", share(enrich.threadTime().pollSeconds()));
        json.put("enrich_blocked_share", share(enrich.threadTime().blockedSeconds()));
        json.put("stored", publish.stored());
        json.put("notified", publish.notified());
        json.put("duplicates_marked", publish.duplicates());
        json.put("e2e_rate", endToEnd.rate());
        json.put("e2e_sent", endToEnd.sent());
        json.put("e2e_received", endToEnd.millis().count());
        json.put("e2e_p50_ms", p50Ms());
        json.put("e2e_p99_ms", p99Ms());
        json.put("e2e_p999_ms", p999Ms());
        json.put("e2e_max_ms", maxMs());
        json.put("peak_heap_mb", peakHeapMb());
        json.put("peak_rss_mb", peakRssMb());
        json.put("startup_ms", startupMillis());
        json.put("idle_rss_mb", idleRssMb());
        json.put("guarantee", setup.guarantee());
        json.put("registry", setup.registry());
        json.put("commit_interval_ms", setup.commitIntervalMs());
        json.put("partitions", setup.partitions());
        json.put("stream_threads", setup.streamThreads());
        json.put("machine", machine);
        json.put("finished_at", finishedAt);
        return json;
    }

    /** {@code value} in {@code format}, or "n/a" when it was not measured (null, NaN) or is infinite. */
    public static String figure(String format, Double value) {
        return value == null || !Double.isFinite(value) ? "n/a" : String.format(format, value);
    }

    /** {@code share} as a percentage in {@code format} with a "%" sign, or "n/a" as {@link #figure}. */
    public static String percent(String format, Double share) {
        return share == null || !Double.isFinite(share) ? "n/a" : String.format(format + "%%", 100 * share);
    }

    /** Enrich's stream threads' {@code seconds} as a share of their time over the phase. */
    private Double share(double seconds) {
        return round3(seconds / enrich.threadSeconds());
    }

    private static Double round3(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null;
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : null;
    }
}
