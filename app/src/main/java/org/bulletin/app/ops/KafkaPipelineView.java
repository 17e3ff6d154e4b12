package org.bulletin.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.header.Header;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.publish.Health;
import org.bulletin.publish.console.DeadLetter;
import org.bulletin.publish.console.DeadLetterDetail;
import org.bulletin.publish.console.FlowSnapshot;
import org.bulletin.publish.console.PipelineUnavailableException;
import org.bulletin.publish.console.PipelineView;
import org.bulletin.publish.console.RateWindow;
import org.bulletin.publish.console.Redrive;
import org.bulletin.publish.console.StageFlow;
import org.bulletin.publish.console.StageStates;
import org.bulletin.publish.console.StageStates.Verdict;
import org.bulletin.publish.console.ValuePreview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's view of the pipeline over Kafka (#18). A background thread samples, every few seconds, what each stage
 * has done: ingest the records appended to the raw topic (it writes without transactions, so offsets are records),
 * enrich the offsets its group committed on the raw and replay topics, publish the records its sink consumed (this
 * process's meters); enrich's lag and group state; publish's health; and the dead letters that arrived since the last
 * sample, by stage. Per-minute and per-hour figures come from those samples ({@link RateWindow}), so they cover only
 * the time this process has run. The console reads the latest sample; browsing and re-driving dead letters go through
 * {@link DeadLetterTopic}. Thread-safe; {@link #close()} stops the sampler.
 */
public final class KafkaPipelineView implements PipelineView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPipelineView.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration RETENTION = Duration.ofMinutes(62);
    // Lag spans up to this many offsets are read to count real records (transaction markers take offsets too).
    private static final long EXACT_LAG_UP_TO = 500;
    private static final int LATEST_KEPT = 5;
    private static final int DEAD_LETTERS_PER_SAMPLE = 2_000;
    private static final int VALUE_PREVIEW_BYTES = 4_096;
    private static final List<String> STAGES = List.of("ingest", "enrich", "publish");

    /**
     * Where the stages are.
     *
     * @param enrichGroup enrich's Kafka Streams application id (its consumer group)
     * @param interval    time between samples
     */
    public record Config(
            String bootstrap,
            Map<String, ?> kafka,
            String rawTopic,
            String replayTopic,
            String enrichedTopic,
            String dlqTopic,
            String enrichGroup,
            Duration interval) {}

    private final Config config;
    private final Health publishHealth;
    private final MeterRegistry publishMeters;
    private final Supplier<Verdict> ingestState;
    private final DeadLetterTopic dlq;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;
    private final KafkaConsumer<byte[], byte[]> tail;
    private final ScheduledExecutorService sampler;

    private final RateWindow ingested = new RateWindow(RETENTION);
    private final RateWindow enriched = new RateWindow(RETENTION);
    private final RateWindow published = new RateWindow(RETENTION);
    private final Map<String, RateWindow> errors = new LinkedHashMap<>();
    private final Map<String, Long> errorTotals = new LinkedHashMap<>();
    private final Deque<DeadLetter> latest = new ArrayDeque<>();
    private long deadLetterCount = -1;
    private List<TopicPartition> dlqPartitions = List.of();
    private Long enrichLag;
    private Verdict enrichState;
    private volatile FlowSnapshot snapshot;

    private KafkaPipelineView(
            Config config, Health publishHealth, MeterRegistry publishMeters, Supplier<Verdict> ingest) {
        this.config = config;
        this.publishHealth = publishHealth;
        this.publishMeters = publishMeters;
        this.ingestState = ingest;
        this.dlq = new DeadLetterTopic(config.bootstrap(), config.kafka(), config.dlqTopic());
        Map<String, Object> adminConfig = KafkaClients.config(config.bootstrap(), config.kafka());
        adminConfig.put("client.id", "bulletin-console-admin");
        this.admin = Admin.create(adminConfig);
        Properties props = RawRange.consumerProperties(config.bootstrap(), config.kafka());
        props.put("client.id", "bulletin-console-probe");
        this.probe = new KafkaConsumer<>(props);
        props.put("client.id", "bulletin-console-dlq");
        this.tail = new KafkaConsumer<>(props);
        for (String stage : STAGES) {
            errors.put(stage, new RateWindow(RETENTION));
        }
        this.snapshot = new FlowSnapshot(
                Instant.now(),
                0,
                "no sample yet: the console has just started",
                STAGES.stream()
                        .map(s -> new StageFlow(
                                s, StageFlow.State.UNKNOWN, "not sampled yet", "", 0, 0, null, null, null, 0, 0))
                        .toList(),
                new FlowSnapshot.DeadLetterSummary(config.dlqTopic(), 0, List.of()));
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bulletin-console-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts sampling.
     *
     * @param publishHealth the health of the publish stage in this process
     * @param publishMeters its meters ({@code bulletin.publish.*})
     * @param ingestState   what this process knows of ingest, or null when ingest runs elsewhere (it has no consumer
     *                      group to ask: only its writes are seen)
     */
    public static KafkaPipelineView start(
            Config config, Health publishHealth, MeterRegistry publishMeters, Supplier<Verdict> ingestState) {
        KafkaPipelineView view = new KafkaPipelineView(config, publishHealth, publishMeters, ingestState);
        view.sampler.scheduleWithFixedDelay(
                view::sampleQuietly, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        return view;
    }

    @Override
    public FlowSnapshot flow() {
        return snapshot;
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        try {
            return dlq.latest(limit).stream().map(KafkaPipelineView::letter).toList();
        } catch (KafkaException | IllegalStateException e) {
            throw unavailable("read the dead letters", e);
        }
    }

    @Override
    public Optional<DeadLetterDetail> deadLetter(int partition, long offset) {
        return entry(partition, offset).map(e -> {
            List<DeadLetterDetail.Header> headers = new ArrayList<>();
            for (Header h : e.headers()) {
                headers.add(new DeadLetterDetail.Header(
                        h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
            }
            return new DeadLetterDetail(
                    letter(e),
                    headers,
                    e.value() == null ? 0 : e.value().length,
                    ValuePreview.of(e.value(), VALUE_PREVIEW_BYTES));
        });
    }

    @Override
    public Optional<Redrive> redrive(int partition, long offset) {
        Optional<DeadLetterTopic.Entry> found = entry(partition, offset);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeadLetterTopic.Entry e = found.get();
        if (!redrivable(e)) {
            throw new IllegalStateException("dead letter " + partition + ":" + offset
                    + " names no origin topic (ingest's dead letters never came from one): there is nowhere to send"
                    + " it back to");
        }
        try {
            dlq.retry(List.of(e));
        } catch (KafkaException | IllegalStateException ex) {
            throw unavailable("re-drive " + partition + ":" + offset, ex);
        }
        LOG.info("console: re-drove dead letter {}:{} to {}", partition, offset, e.originTopic());
        return Optional.of(new Redrive(partition, offset, e.originTopic()));
    }

    private Optional<DeadLetterTopic.Entry> entry(int partition, long offset) {
        int partitions;
        synchronized (this) {
            partitions = dlqPartitions.size();
        }
        // A partition the topic does not have would make the consumer wait for it until its timeout.
        if (partitions > 0 && partition >= partitions) {
            return Optional.empty();
        }
        try {
            return dlq.at(partition, offset);
        } catch (KafkaException | IllegalStateException e) {
            throw unavailable("read dead letter " + partition + ":" + offset, e);
        }
    }

    private PipelineUnavailableException unavailable(String what, Exception e) {
        return new PipelineUnavailableException(
                "cannot " + what + " at " + config.bootstrap() + ": " + Failures.describe(e), e);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            if (!sampler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("console sampler did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.close(Duration.ofSeconds(2));
        tail.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }

    // ------------------------------------------------------------------------------------------------ sampling

    private void sampleQuietly() {
        try {
            sample();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // closing
            }
            String problem = "cannot read Kafka at " + config.bootstrap() + ": " + Failures.describe(e);
            LOG.debug("console sample failed: {}", problem, e);
            FlowSnapshot last = snapshot;
            List<StageFlow> stages = new ArrayList<>();
            for (StageFlow s : last.stages()) {
                Verdict v = s.stage().equals("publish")
                        ? StageStates.fromHealth(publishHealth.snapshot())
                        : new Verdict(StageFlow.State.UNKNOWN, "Kafka does not answer");
                stages.add(new StageFlow(
                        s.stage(),
                        v.state(),
                        v.detail(),
                        s.counted(),
                        s.lastMinute(),
                        s.lastHour(),
                        s.lastActivity(),
                        s.lag(),
                        s.lagNote(),
                        s.errorsLastMinute(),
                        s.errorsLastHour()));
            }
            snapshot = new FlowSnapshot(last.at(), last.measuredSeconds(), problem, stages, last.deadLetters());
        }
    }

    private void sample() throws InterruptedException, ExecutionException, TimeoutException {
        Instant now = Instant.now();
        List<TopicPartition> raw = partitions(config.rawTopic());
        List<TopicPartition> replay = partitions(config.replayTopic());
        Map<TopicPartition, Long> ends = new LinkedHashMap<>(probe.endOffsets(raw, TIMEOUT));
        ingested.add(now, sum(ends));

        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.enrichGroup())
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long consumed = 0;
        for (var e : committed.entrySet()) {
            String t = e.getKey().topic();
            if (e.getValue() != null && (t.equals(config.rawTopic()) || t.equals(config.replayTopic()))) {
                consumed += e.getValue().offset();
            }
        }
        enriched.add(now, consumed);
        enrichLag = enrichLag(raw, replay, committed, ends);
        enrichState = enrichGroupState();

        published.add(now, (long) counter("bulletin.publish.records.in"));
        readNewDeadLetters(now);
        snapshot = build(now);
    }

    private Long enrichLag(
            List<TopicPartition> raw,
            List<TopicPartition> replay,
            Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, Long> rawEnds) {
        List<TopicPartition> tps = new ArrayList<>(raw);
        tps.addAll(replay);
        // Its repartition topic counts too: a record is only done once dedup has it.
        committed.keySet().stream().filter(tp -> !tps.contains(tp)).forEach(tps::add);
        Map<TopicPartition, Long> ends = new LinkedHashMap<>(rawEnds);
        ends.putAll(probe.endOffsets(
                tps.stream().filter(tp -> !ends.containsKey(tp)).toList(), TIMEOUT));
        Map<TopicPartition, Long> begins = probe.beginningOffsets(tps, TIMEOUT);
        Map<TopicPartition, long[]> behind = new LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            OffsetAndMetadata om = committed.get(tp);
            Long end = ends.get(tp);
            if (end != null) {
                behind.put(tp, new long[] {om == null ? begins.getOrDefault(tp, 0L) : om.offset(), end});
            }
        }
        return Offsets.count(probe, behind, EXACT_LAG_UP_TO);
    }

    private Verdict enrichGroupState() throws InterruptedException, ExecutionException, TimeoutException {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(config.enrichGroup()))
                    .describedGroups()
                    .get(config.enrichGroup())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return StageStates.fromGroup(
                    config.enrichGroup(), d.groupState().toString(), d.members().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return StageStates.fromGroup(config.enrichGroup(), null, 0);
            }
            throw e;
        }
    }

    /** Reads the dead letters written since the last sample (at most a bounded number per sample), by stage. */
    private void readNewDeadLetters(Instant now) {
        if (deadLetterCount < 0) {
            startTail();
        }
        Map<TopicPartition, Long> ends = tail.endOffsets(dlqPartitions, TIMEOUT);
        int read = 0;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (read < DEAD_LETTERS_PER_SAMPLE && System.nanoTime() < deadline && behind(ends)) {
            for (ConsumerRecord<byte[], byte[]> r : tail.poll(Duration.ofMillis(200))) {
                read++;
                DeadLetter letter = letter(new DeadLetterTopic.Entry(
                        r.partition(),
                        r.offset(),
                        Instant.ofEpochMilli(r.timestamp()),
                        r.key(),
                        r.value(),
                        r.headers()));
                String stage = stageOf(letter.stage());
                if (stage != null) {
                    errorTotals.merge(stage, 1L, Long::sum);
                }
                remember(letter);
            }
        }
        synchronized (this) {
            deadLetterCount += read;
        }
        for (String stage : STAGES) {
            errors.get(stage).add(now, errorTotals.getOrDefault(stage, 0L));
        }
    }

    /** Counts what the dead-letter topic holds, keeps its newest few, and starts reading after them. */
    private void startTail() {
        List<TopicPartition> tps = partitions(config.dlqTopic());
        Map<TopicPartition, Long> begins = probe.beginningOffsets(tps, TIMEOUT);
        Map<TopicPartition, Long> ends = probe.endOffsets(tps, TIMEOUT);
        Map<TopicPartition, long[]> all = new LinkedHashMap<>();
        Map<TopicPartition, long[]> newest = new LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            all.put(tp, new long[] {begins.get(tp), ends.get(tp)});
            // A few offsets more than kept: transaction markers take offsets without being records.
            newest.put(tp, new long[] {Math.max(begins.get(tp), ends.get(tp) - LATEST_KEPT - 4), ends.get(tp)});
        }
        long count = Offsets.count(probe, all);
        List<DeadLetter> seen = new ArrayList<>();
        Offsets.read(
                probe,
                newest,
                r -> seen.add(letter(new DeadLetterTopic.Entry(
                        r.partition(),
                        r.offset(),
                        Instant.ofEpochMilli(r.timestamp()),
                        r.key(),
                        r.value(),
                        r.headers()))));
        seen.stream()
                .sorted(Comparator.comparing(DeadLetter::timestamp).thenComparingLong(DeadLetter::offset))
                .forEach(this::remember);
        tail.assign(tps);
        ends.forEach(tail::seek);
        synchronized (this) {
            dlqPartitions = tps;
            deadLetterCount = count;
        }
    }

    private boolean behind(Map<TopicPartition, Long> ends) {
        for (var e : ends.entrySet()) {
            if (tail.position(e.getKey(), TIMEOUT) < e.getValue()) {
                return true;
            }
        }
        return false;
    }

    private void remember(DeadLetter letter) {
        synchronized (latest) {
            latest.addFirst(letter);
            while (latest.size() > LATEST_KEPT) {
                latest.removeLast();
            }
        }
    }

    private FlowSnapshot build(Instant now) {
        Verdict ingest = ingestState != null
                ? ingestState.get()
                : new Verdict(
                        StageFlow.State.UNKNOWN,
                        "runs in its own process, which has no consumer group to ask; its writes are counted");
        Verdict publish = StageStates.fromHealth(publishHealth.snapshot());
        List<StageFlow> stages = List.of(
                flow(
                        "ingest",
                        ingest,
                        "records written to " + config.rawTopic(),
                        ingested,
                        null,
                        "ingest reads sources, not a topic"),
                flow(
                        "enrich",
                        enrichState,
                        "records taken from " + config.rawTopic() + " and " + config.replayTopic()
                                + " (committed offsets)",
                        enriched,
                        enrichLag,
                        "records of " + config.rawTopic() + ", " + config.replayTopic()
                                + " and its repartition topic not yet processed"),
                flow(
                        "publish",
                        publish,
                        "records its sink consumed from " + config.enrichedTopic(),
                        published,
                        (long) gauge("bulletin.publish.consumer.lag"),
                        "records of " + config.enrichedTopic() + " not yet stored"));
        List<DeadLetter> newest;
        synchronized (latest) {
            newest = List.copyOf(latest);
        }
        long count;
        synchronized (this) {
            count = deadLetterCount;
        }
        return new FlowSnapshot(
                now,
                ingested.covered(HOUR).toSeconds(),
                null,
                stages,
                new FlowSnapshot.DeadLetterSummary(config.dlqTopic(), count, newest));
    }

    private StageFlow flow(String stage, Verdict v, String counted, RateWindow w, Long lag, String lagNote) {
        RateWindow e = errors.get(stage);
        return new StageFlow(
                stage,
                v.state(),
                v.detail(),
                counted,
                w.over(MINUTE),
                w.over(HOUR),
                w.lastChange(),
                lag,
                lagNote,
                e.over(MINUTE),
                e.over(HOUR));
    }

    private List<TopicPartition> partitions(String topic) {
        var infos = probe.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        return infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private double counter(String name) {
        Counter c = publishMeters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    private double gauge(String name) {
        Gauge g = publishMeters.find(name).gauge();
        return g == null ? 0 : g.value();
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The stage a dead letter's header names, as the console groups them (Kafka Streams' own count as enrich). */
    static String stageOf(String header) {
        if (header == null) {
            return null;
        }
        for (String s : STAGES) {
            if (header.startsWith(s)) {
                return s;
            }
        }
        return null;
    }

    private static boolean redrivable(DeadLetterTopic.Entry e) {
        return e.originTopic() != null && !e.originTopic().isBlank();
    }

    private static DeadLetter letter(DeadLetterTopic.Entry e) {
        return new DeadLetter(
                e.partition(),
                e.offset(),
                e.timestamp(),
                e.stage(),
                e.reason(),
                e.origin(),
                e.keyText(),
                redrivable(e));
    }
}
