package org.bulletin.app.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.bulletin.ingest.Progress;
import org.bulletin.publish.store.ReleaseDetail;
import org.bulletin.schemas.Evidence;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;

/**
 * {@code bulletin replay --dry-run}: runs the current {@link Enricher} over a raw range in this process and compares
 * its labels with what the store holds for the same release ids. Writes nothing anywhere: no Kafka producer, no
 * consumer group, no store writes. Not thread-safe (one run per instance).
 */
public final class DryRun {

    private final Enricher enricher;
    private final Deserializer<RawRelease> rawDeserializer;
    private final StoreView store;
    private final String sourceId;
    private final int sampleSize;
    private final Report report = new Report();

    public DryRun(
            Enricher enricher,
            Deserializer<RawRelease> rawDeserializer,
            StoreView store,
            String sourceId,
            int sampleSize) {
        this.enricher = enricher;
        this.rawDeserializer = rawDeserializer;
        this.store = store;
        this.sourceId = sourceId;
        this.sampleSize = sampleSize;
    }

    /** Counts added/removed per label, plus a sample of changed releases. Field names are the JSON output's. */
    public static final class Report {
        public String classifierVersion;
        public long records;
        public long undecodable;
        public long skippedBySource;
        public long releases;
        public long notStored;
        public long unchanged;
        public long changed;
        public final Map<String, Change> regions = new TreeMap<>();
        public final Map<String, Change> topics = new TreeMap<>();
        public final List<Sample> samples = new ArrayList<>();
    }

    /** How many releases would gain and lose one label. */
    public static final class Change {
        public long added;
        public long removed;
    }

    /** One changed release: labels before and after, and the evidence of each label gained or lost. */
    public record Sample(
            String releaseId,
            String title,
            String storedClassifierVersion,
            List<String> oldRegions,
            List<String> newRegions,
            List<String> oldTopics,
            List<String> newTopics,
            Map<String, List<String>> addedEvidence,
            Map<String, List<String>> removedEvidence) {}

    public Report run(RawRange range, java.util.Properties consumerProps, Progress progress) {
        report.classifierVersion = enricher.classifierVersion();
        range.read(consumerProps, batch -> {
            for (ConsumerRecord<byte[], byte[]> r : batch) {
                progress.step();
                accept(r);
            }
        });
        progress.finish();
        return report;
    }

    void accept(ConsumerRecord<byte[], byte[]> r) {
        report.records++;
        if (r.value() == null) {
            return;
        }
        RawRelease raw;
        try {
            raw = rawDeserializer.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException e) {
            report.undecodable++;
            return;
        }
        if (sourceId != null && !sourceId.equals(raw.getSourceId())) {
            report.skippedBySource++;
            return;
        }
        String key = r.key() == null
                ? "sha256:" + raw.getContentHash()
                : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
        // The same document enrich builds in ParseProcessor, so the ids match the stored rows.
        List<Release> found = enricher.enrich(new RawDocument(
                key,
                raw.getSourceId(),
                raw.getSourceUrl(),
                raw.getFetchedAt(),
                raw.getContentType(),
                raw.getCharset(),
                raw.getBody().array(),
                r.partition(),
                r.offset()));
        for (Release release : found) {
            report.releases++;
            compare(release);
        }
    }

    private void compare(Release now) {
        var stored = store.find(now.getReleaseId());
        if (stored.isEmpty()) {
            report.notStored++;
            return;
        }
        ReleaseDetail row = stored.get();
        Map<String, List<String>> oldRegions = storedLabels(row.regions());
        Map<String, List<String>> oldTopics = storedLabels(row.topics());
        Map<String, List<String>> newRegions = labels(now.getRegions());
        Map<String, List<String>> newTopics = labels(now.getTopics());
        Map<String, List<String>> added = new LinkedHashMap<>();
        Map<String, List<String>> removed = new LinkedHashMap<>();
        diff(oldRegions, newRegions, report.regions, added, removed);
        diff(oldTopics, newTopics, report.topics, added, removed);
        if (added.isEmpty() && removed.isEmpty()) {
            report.unchanged++;
            return;
        }
        report.changed++;
        if (report.samples.size() < sampleSize) {
            report.samples.add(new Sample(
                    now.getReleaseId(),
                    now.getTitle(),
                    row.classifierVersion(),
                    List.copyOf(oldRegions.keySet()),
                    List.copyOf(newRegions.keySet()),
                    List.copyOf(oldTopics.keySet()),
                    List.copyOf(newTopics.keySet()),
                    added,
                    removed));
        }
    }

    private static void diff(
            Map<String, List<String>> before,
            Map<String, List<String>> after,
            Map<String, Change> counts,
            Map<String, List<String>> added,
            Map<String, List<String>> removed) {
        for (var e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                counts.computeIfAbsent(e.getKey(), k -> new Change()).added++;
                added.put(e.getKey(), e.getValue());
            }
        }
        for (var e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                counts.computeIfAbsent(e.getKey(), k -> new Change()).removed++;
                removed.put(e.getKey(), e.getValue());
            }
        }
    }

    private static Map<String, List<String>> labels(List<Label> labels) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Label l : labels) {
            Set<String> phrases = new LinkedHashSet<>();
            for (Evidence e : l.getEvidence()) {
                phrases.add(e.getPhrase());
            }
            out.putIfAbsent(l.getId(), List.copyOf(phrases));
        }
        return out;
    }

    private static Map<String, List<String>> storedLabels(List<ReleaseDetail.Label> labels) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (labels == null) {
            return out;
        }
        for (ReleaseDetail.Label l : labels) {
            Set<String> phrases = new LinkedHashSet<>();
            if (l.evidence() != null) {
                for (ReleaseDetail.Evidence e : l.evidence()) {
                    phrases.add(e.phrase());
                }
            }
            out.putIfAbsent(l.id(), List.copyOf(phrases));
        }
        return out;
    }

    /** The report as indented JSON. */
    public static void printJson(Report report, PrintWriter out) {
        try {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
        out.flush();
    }

    /** The report as text: totals, one table per label kind, then the sample. */
    public static void printText(Report report, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "Dry run with classifier %s: %d raw records, %d releases (%d changed, %d unchanged,"
                        + " %d not in the store); %d undecodable, %d of other sources.%n",
                report.classifierVersion,
                report.records,
                report.releases,
                report.changed,
                report.unchanged,
                report.notStored,
                report.undecodable,
                report.skippedBySource);
        table(out, "region", report.regions);
        table(out, "topic", report.topics);
        if (!report.samples.isEmpty()) {
            out.printf("%nSample of changed releases (%d of %d):%n", report.samples.size(), report.changed);
            for (Sample s : report.samples) {
                out.printf("- %s  %s%n", s.releaseId(), Tables.truncate(s.title(), 70));
                out.printf("    regions %s -> %s%n", s.oldRegions(), s.newRegions());
                out.printf("    topics  %s -> %s%n", s.oldTopics(), s.newTopics());
                s.addedEvidence().forEach((label, ev) -> out.printf("    + %s: %s%n", label, quoted(ev)));
                s.removedEvidence()
                        .forEach((label, ev) ->
                                out.printf("    - %s: %s (was %s)%n", label, quoted(ev), s.storedClassifierVersion()));
            }
        }
        out.flush();
    }

    private static String quoted(List<String> phrases) {
        if (phrases.isEmpty()) {
            return "(no phrase evidence)";
        }
        List<String> q = new ArrayList<>();
        phrases.stream().limit(5).forEach(p -> q.add("\"" + p + "\""));
        return String.join(", ", q) + (phrases.size() > 5 ? ", ..." : "");
    }

    private static void table(PrintWriter out, String kind, Map<String, Change> changes) {
        out.println();
        if (changes.isEmpty()) {
            out.printf("No %s label would change.%n", kind);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        changes.forEach((label, c) -> rows.add(List.of(label, "+" + c.added, "-" + c.removed)));
        Tables.print(out, List.of(kind, "added", "removed"), rows);
    }
}
