package org.bulletin.app;

import static org.bulletin.app.bench.BenchResult.figure;
import static org.bulletin.app.bench.BenchResult.percent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.bulletin.app.bench.BenchResult;
import org.bulletin.app.bench.PassThrough;
import org.bulletin.app.bench.Percentiles;
import org.bulletin.app.bench.Resources;
import org.bulletin.app.bench.ThreadTime;
import org.bulletin.app.bench.TopicCounter;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.app.config.Settings;
import org.bulletin.app.embedded.EmbeddedKafka;
import org.bulletin.benchdata.ReleaseTexts;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichService;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.bulletin.enrich.dedup.DedupKeys;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.RawPublisher;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.RegistryProcess;
import org.bulletin.schemas.registry.SchemaRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The pipeline benchmark: on an in-process broker with the production guarantees (idempotent ingest producer,
 * exactly_once_v2 enrich, transactional outbox in publish) it measures each stage's throughput in turn, a
 * pass-through Streams app on the same records as the yardstick for enrich, end-to-end latency at a fixed offered
 * rate with all stages running, and peak memory; prints a table and optionally writes JSON. Public only so its
 * integration test can run it in-process.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        header = "Measure the pipeline on an in-process broker: throughput, latency and memory.",
        description = {
            "Benchmark the pipeline on an in-process broker: records/s of ingest, enrich (vs. a pass-through",
            "Kafka Streams app on the same records) and publish; end-to-end latency at a fixed rate; peak heap and RSS.",
            "Numbers depend on the machine and its load: run it on a quiet machine and read them as orders of magnitude."
        })
public final class BenchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);
    private static final String PASSTHROUGH_TOPIC = "bench.passthrough.v1";
    private static final int PARTITIONS = 3;
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(2);

    @Option(
            names = "--records",
            defaultValue = "100000",
            description = "Releases to push through the stages. Default: ${DEFAULT-VALUE}.")
    int records;

    @Option(
            names = "--rate",
            defaultValue = "200",
            description = "Offered rate (releases/s) of the latency run. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(
            names = "--e2e-seconds",
            defaultValue = "20",
            description = "Duration of the latency run. Default: ${DEFAULT-VALUE}.")
    int e2eSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Where the broker, store and state live (kept). Default: a temporary folder, deleted afterwards.")
    Path dataDir;

    @Option(
            names = "--registry",
            defaultValue = "process",
            description =
                    "Schema registry: 'process' (the real registry child process, as 'run') or 'mem' (in-memory, same serdes and wire format). Default: ${DEFAULT-VALUE}.")
    String registryMode;

    @Option(
            names = "--stall-seconds",
            defaultValue = "60",
            description = "Give up on a stage that makes no progress for this long. Default: ${DEFAULT-VALUE}.")
    int stallSeconds;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description =
                    "Stream threads of enrich and of the pass-through app (bulletin.enrich.threads). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "20",
            description = "Before measuring, run enrich's pure logic "
                    + "(parse, extract, classify, fingerprint, MinHash, Avro) on other synthetic releases in this JVM for this long, "
                    + "so the stages are measured JIT-compiled, as a long-running service runs; 0 measures them cold. "
                    + "Default: ${DEFAULT-VALUE}.")
    int warmupSeconds;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the synthetic releases. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        if (records < 1 || rate < 1 || e2eSeconds < 1) {
            throw new IllegalArgumentException("--records, --rate and --e2e-seconds must be positive");
        }
        if (warmupSeconds < 0) {
            throw new IllegalArgumentException("--warmup-seconds must not be negative");
        }
        if (!registryMode.equals("process") && !registryMode.equals("mem")) {
            throw new IllegalArgumentException("--registry must be 'process' or 'mem', not '" + registryMode + "'");
        }
        out = spec.commandLine().getOut();
        boolean temporary = dataDir == null;
        Path data = temporary
                ? Files.createTempDirectory("bulletin-bench")
                : dataDir.toAbsolutePath().normalize();
        Files.createDirectories(data);
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            BenchResult result = run(data, running);
            stop(running);
            printTable(result);
            if (json != null) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                Path target = json.toAbsolutePath();
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                mapper.writeValue(target.toFile(), result.toJson());
                out.printf("JSON written to %s%n", target);
            }
            out.flush();
            return 0;
        } finally {
            stop(running);
            if (temporary) {
                deleteTree(data);
            }
        }
    }

    /** The broker, registry, settings and topics every phase runs on. */
    private record Cluster(String bootstrap, Settings settings, Topics topics, EnrichConfig enrichConfig) {

        /** A producer's base configuration: the Kafka overrides, then the bootstrap servers. */
        Map<String, Object> producer() {
            return KafkaClients.config(bootstrap, settings.kafka());
        }

        RawPublisher rawPublisher() {
            return new RawPublisher(
                    producer(),
                    topics.rawSerde().serializer(),
                    topics.raw(),
                    topics.dlq(),
                    new IngestConfig(settings.bulletin()).maxBodyBytes());
        }
    }

    /**
     * The send time intended for each end-to-end probe and, once its notification is seen, its latency in ms (NaN until
     * then). Written by the notification counter's thread.
     */
    private record Probes(long[] intended, double[] latencies) {

        static Probes of(int count) {
            double[] latencies = new double[count];
            Arrays.fill(latencies, Double.NaN);
            return new Probes(new long[count], latencies);
        }

        int count() {
            return intended.length;
        }

        void seen(String key, long nanos) {
            if (key.startsWith("e2e-")) {
                int i = Integer.parseInt(key.substring(4));
                if (i < count() && Double.isNaN(latencies[i])) {
                    latencies[i] = (nanos - intended[i]) / 1e6;
                }
            }
        }

        Percentiles percentiles() {
            return new Percentiles(
                    Arrays.stream(latencies).filter(d -> !Double.isNaN(d)).toArray());
        }
    }

    private BenchResult run(Path data, Deque<AutoCloseable> running) throws Exception {
        Map<String, Object> machine = Resources.machine();
        say(
                "Machine: %s cores, Java %s, load average %s; %d records, latency run %d/s for %d s",
                machine.get("cores"),
                machine.get("java_version"),
                figure("%.2f", (Double) machine.get("load_avg_1m")),
                records,
                rate,
                e2eSeconds);
        long clusterStart = System.nanoTime();
        Cluster cluster = startCluster(data, running);
        double startupMillis = (System.nanoTime() - clusterStart) / 1e6;
        double idleRssMb = Resources.rssMb();
        long warmupReleases = warmUp(cluster.topics());
        BenchResult.Ingest ingest = ingest(cluster);
        BenchResult.Rates passThrough = passThrough(cluster, ingest.acknowledged(), data);
        BenchResult.Enrich enrich = enrich(cluster, ingest.acknowledged(), passThrough, running);
        Probes probes = Probes.of(rate * e2eSeconds);
        TopicCounter notifications = TopicCounter.start(
                cluster.bootstrap(),
                cluster.settings().kafka(),
                cluster.topics().notifications(),
                probes::seen);
        running.push(notifications);
        BenchResult.Publish publish = publish(cluster, enrich.enriched(), notifications, running);
        BenchResult.Latency endToEnd = endToEnd(cluster, probes, notifications);
        EnrichConfig enrichConfig = cluster.enrichConfig();
        BenchResult.Setup setup = new BenchResult.Setup(
                enrichConfig.processingGuarantee(),
                registryMode,
                enrichConfig.commitIntervalMs(),
                PARTITIONS,
                enrichConfig.threads());
        BenchResult.Memory memory =
                new BenchResult.Memory(Resources.peakHeapMb(), Resources.peakRssMb(), startupMillis, idleRssMb);
        machine.put("load_avg_1m_end", Resources.machine().get("load_avg_1m"));
        return new BenchResult(
                warmupReleases,
                ingest,
                passThrough,
                enrich,
                publish,
                endToEnd,
                setup,
                memory,
                machine,
                Instant.now().toString());
    }

    /** Starts the broker and the registry, creates the topics and waits until every partition has its leader. */
    private Cluster startCluster(Path data, Deque<AutoCloseable> running) throws Exception {
        EmbeddedKafka kafka =
                EmbeddedKafka.start(data.resolve("kafka"), RegistryProcess.freePort(), RegistryProcess.freePort());
        running.push(kafka);
        String bootstrap = kafka.bootstrapServers();
        String registryUrl;
        if (registryMode.equals("process")) {
            RegistryProcess registry = RegistryProcess.start(
                    RegistryProcess.locateJar(RegistryProcess.cacheDir(data.resolve("cache"))),
                    RegistryProcess.freePort(),
                    data.resolve("registry").resolve("registry.log"),
                    data.resolve("registry"));
            running.push(registry);
            registryUrl = registry.url();
        } else {
            // Serdes cache schema ids after the first record, so the registry is off the hot path either way; the
            // in-memory one only saves the child JVM's start-up (CI smoke runs).
            SchemaRegistries.dropInMemory("bench");
            registryUrl = "mem://bench";
        }
        say("Broker %s, schema registry %s, data %s", bootstrap, registryUrl, data);
        Map<String, String> cli = new LinkedHashMap<>();
        cli.put(ConnectOptions.BOOTSTRAP, bootstrap);
        cli.put(ConnectOptions.REGISTRY, registryUrl);
        cli.put(IngestConfig.DATA_DIR, data.toString());
        cli.put(PublishConfig.DATA_DIR, data.toString());
        cli.put(EnrichConfig.STATE_DIR, data.resolve("streams").toString());
        cli.put(EnrichConfig.THREADS, Integer.toString(threads));
        Settings settings = Settings.load(null, System.getenv(), cli);
        Topics topics = Topics.fromConfig(settings.bulletin(), SchemaRegistries.connect(registryUrl));
        TopicSetup.ensure(bootstrap, settings.kafka(), topics, PARTITIONS);
        topics.registerAll();
        createPassThroughTopic(bootstrap, settings.kafka());
        List<String> allTopics = new ArrayList<>(topics.allNames());
        allTopics.add(PASSTHROUGH_TOPIC);
        awaitLeaders(bootstrap, settings.kafka(), allTopics);
        return new Cluster(bootstrap, settings, topics, new EnrichConfig(settings.bulletin()));
    }

    /** Phase 1: {@code --records} synthetic raw releases through the ingest module's producer. */
    private BenchResult.Ingest ingest(Cluster cluster) {
        ReleaseTexts texts = new ReleaseTexts(seed);
        long bytes = 0;
        double rps;
        long acknowledged;
        try (RawPublisher raw = cluster.rawPublisher()) {
            long t0 = System.nanoTime();
            long next = t0 + PROGRESS_NANOS;
            for (int i = 0; i < records; i++) {
                ReleaseTexts.Doc doc = texts.next();
                bytes += doc.body().length;
                raw.publish(doc.key(), rawRelease(doc));
                if (System.nanoTime() > next) {
                    progress("ingest", i + 1, records, t0);
                    next += PROGRESS_NANOS;
                }
            }
            raw.flush();
            rps = records / seconds(t0);
            acknowledged = raw.snapshot().published();
            if (acknowledged != records) {
                say(
                        "  [ingest] WARNING: the broker acknowledged %,d of %,d records (%d errors, see the log)",
                        acknowledged, records, raw.snapshot().errors());
            }
        }
        say(
                "ingest        %,d records (%.1f KiB average, %,d exact and %,d near duplicates) at %,.0f rec/s",
                records, bytes / 1024.0 / records, texts.exactDuplicates(), texts.nearDuplicates(), rps);
        return new BenchResult.Ingest(
                records, acknowledged, bytes, texts.exactDuplicates(), texts.nearDuplicates(), rps);
    }

    /** Phase 2, the yardstick for enrich: the same raw records copied A -> B as bytes, with the same guarantee. */
    private BenchResult.Rates passThrough(Cluster cluster, long ingested, Path data) throws InterruptedException {
        EnrichConfig enrichConfig = cluster.enrichConfig();
        double rps;
        double secondHalfRps;
        try (TopicCounter counter =
                TopicCounter.start(cluster.bootstrap(), cluster.settings().kafka(), PASSTHROUGH_TOPIC, null)) {
            long t0 = System.nanoTime();
            try (PassThrough pass = PassThrough.start(
                    cluster.bootstrap(),
                    cluster.settings().kafka(),
                    cluster.topics().raw(),
                    PASSTHROUGH_TOPIC,
                    "bench-passthrough",
                    enrichConfig.processingGuarantee(),
                    enrichConfig.commitIntervalMs(),
                    enrichConfig.threads(),
                    data.resolve("streams-passthrough"))) {
                await("pass-through", counter, ingested, t0, () -> pass.state() == KafkaStreams.State.ERROR);
            }
            rps = counter.steadyRate(t0);
            secondHalfRps = counter.tailRate(0.5);
        }
        say("pass-through  %,.0f rec/s", rps);
        return new BenchResult.Rates(rps, secondHalfRps);
    }

    /** Phase 3: raw -> (parse, extract, classify, dedup repartition) -> enriched; enrich keeps running afterwards. */
    private BenchResult.Enrich enrich(
            Cluster cluster, long ingested, BenchResult.Rates passThrough, Deque<AutoCloseable> running)
            throws InterruptedException {
        BenchResult.Rates rates;
        long enriched;
        double seconds;
        ThreadTime threadTime;
        try (TopicCounter counter = TopicCounter.start(
                cluster.bootstrap(),
                cluster.settings().kafka(),
                cluster.topics().enriched(),
                null)) {
            long t0 = System.nanoTime();
            EnrichService enrich = EnrichService.start(
                    cluster.enrichConfig(),
                    cluster.topics(),
                    cluster.bootstrap(),
                    cluster.settings().kafka());
            running.push(enrich);
            await("enrich", counter, ingested, t0, () -> enrich.state() == KafkaStreams.State.ERROR);
            rates = new BenchResult.Rates(counter.steadyRate(t0), counter.tailRate(0.5));
            enriched = counter.count();
            seconds = seconds(t0);
            threadTime = ThreadTime.of(enrich.streams());
        }
        say(
                "enrich        %,d releases at %,.0f rec/s (%s of pass-through); second half of the records %s rec/s "
                        + "(%s of the pass-through's second half, %s rec/s)",
                enriched,
                rates.rps(),
                figure("%.0f%%", 100 * rates.rps() / passThrough.rps()),
                figure("%,.0f", rates.secondHalfRps()),
                figure("%.0f%%", 100 * rates.secondHalfRps() / passThrough.secondHalfRps()),
                figure("%,.0f", passThrough.secondHalfRps()));
        double threadSeconds = threadTime.threadSeconds(seconds);
        say(
                "  enrich stream threads over the phase: %s committing, %s polling, %s blocked on Kafka "
                        + "(%.0f s of %.0f thread-seconds)",
                figure("%.0f%%", 100 * threadTime.commitSeconds() / threadSeconds),
                figure("%.0f%%", 100 * threadTime.pollSeconds() / threadSeconds),
                figure("%.0f%%", 100 * threadTime.blockedSeconds() / threadSeconds),
                threadTime.blockedSeconds(),
                threadSeconds);
        return new BenchResult.Enrich(rates, enriched, threadTime, threadSeconds);
    }

    /** Phase 4: enriched -> store + outbox -> notifications; publish keeps running afterwards. */
    private BenchResult.Publish publish(
            Cluster cluster, long enriched, TopicCounter notifications, Deque<AutoCloseable> running)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Publisher publisher = StageFactory.publisher(cluster.settings(), cluster.topics(), cluster.bootstrap());
        running.push(publisher);
        // A COUNT(*) on the embedded store reads every page: ask once a second, not at every 100 ms progress check,
        // or the benchmark's own polling takes a core from the stage it measures.
        LongSupplier storedRows = new LongSupplier() {
            private long value = -1;
            private long at;

            @Override
            public long getAsLong() {
                long now = System.nanoTime();
                if (value < 0 || now - at > TimeUnit.SECONDS.toNanos(1)) {
                    value = publisher.store().count();
                    at = now;
                }
                return value;
            }
        };
        await("publish store", storedRows, () -> {}, enriched, t0, () -> false);
        // The store, not the generator, decides what is a duplicate (and duplicates are not notified).
        long duplicates = publisher.store().stats().duplicates();
        await("publish notify", notifications, publisher.store().count() - duplicates, t0, () -> false);
        long notified = notifications.count();
        // Duplicates are stored but not notified: scale the notification rate to records drained from the topic.
        double rps = notified == 0 ? 0 : notifications.steadyRate(t0) * enriched / notified;
        long stored = publisher.store().count();
        say("publish       %,d stored, %,d notified at %,.0f rec/s", stored, notified, rps);
        return new BenchResult.Publish(rps, stored, notified, duplicates);
    }

    /** Phase 5: end-to-end latency of fresh originals sent at {@code --rate}, every stage running. */
    private BenchResult.Latency endToEnd(Cluster cluster, Probes probes, TopicCounter notifications)
            throws InterruptedException {
        int count = probes.count();
        ReleaseTexts probeTexts = new ReleaseTexts(seed + 1, "e2e-", 0, 0);
        RawRelease[] probeRecords = new RawRelease[count];
        for (int i = 0; i < count; i++) {
            probeRecords[i] = rawRelease(probeTexts.original());
        }
        long before = notifications.count();
        try (RawPublisher raw = cluster.rawPublisher()) {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            long next = start + PROGRESS_NANOS;
            for (int i = 0; i < count; i++) {
                // Latency counts from the intended send time, so a stalled sender cannot hide queueing (coordinated
                // omission).
                probes.intended()[i] = start + (long) (i * 1e9 / rate);
                long wait = probes.intended()[i] - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                raw.publish("e2e-" + i, probeRecords[i]);
                if (System.nanoTime() > next) {
                    say("  [e2e] %,d / %,d sent, %,d notified", i + 1, count, notifications.count() - before);
                    next += PROGRESS_NANOS;
                }
            }
            raw.flush();
        }
        await("e2e", notifications, before + count, System.nanoTime(), () -> false);
        return new BenchResult.Latency(rate, count, probes.percentiles());
    }

    /**
     * Runs the enrich logic the stream thread runs (and MinHash and Avro serialization, which the dedup step and the
     * sinks run) on synthetic releases of another seed for {@code --warmup-seconds}. Without it the first tens of
     * seconds of enrich are measured while the C2 compiler takes one of two cores compiling (and recompiling) the
     * parser, extractor and classifier: ~40 s of compiler CPU over a 20,000-release run. The pass-through's code path
     * (Kafka's clients) is already warm from the ingest phase. Returns how many releases it enriched.
     */
    private long warmUp(Topics topics) {
        if (warmupSeconds == 0) {
            return 0;
        }
        Enricher enricher = Enricher.fromClasspath();
        var serializer = topics.releaseSerde().serializer();
        ReleaseTexts texts = new ReleaseTexts(seed + 2, "warmup-", 0, 0);
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long next = t0 + PROGRESS_NANOS;
        long releases = 0;
        long sink = 0;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            ReleaseTexts.Doc d = texts.next();
            RawDocument doc = new RawDocument(
                    d.key(), "warmup", d.url(), Instant.now(), d.contentType(), "UTF-8", d.body(), 0, i);
            for (Release r : enricher.enrich(doc)) {
                sink += serializer.serialize(topics.enriched(), r).length + DedupKeys.minHash(r.getBodyText())[0];
                releases++;
            }
            if (System.nanoTime() > next) {
                say(
                        "  [warm-up] %,d releases enriched, %d of %d s",
                        releases, (System.nanoTime() - t0) / 1_000_000_000L, warmupSeconds);
                next += PROGRESS_NANOS;
            }
        }
        say(
                "warm-up       %,d releases through enrich's logic in %d s (JIT), checksum %d",
                releases, warmupSeconds, sink & 0xff);
        return releases;
    }

    /** Waits until {@code counter} reaches {@code target}, printing progress; gives up on a stall or a failed app. */
    private void await(String phase, TopicCounter counter, long target, long t0, BooleanSupplier failed)
            throws InterruptedException {
        await(phase, counter::count, counter::check, target, t0, failed);
    }

    private void await(String phase, LongSupplier count, Runnable check, long target, long t0, BooleanSupplier failed)
            throws InterruptedException {
        long lastCount = -1;
        long lastChange = System.nanoTime();
        long next = t0 + PROGRESS_NANOS;
        while (count.getAsLong() < target) {
            check.run();
            if (failed.getAsBoolean()) {
                throw new IllegalStateException(phase + ": the Streams app failed (state ERROR); see the log above");
            }
            TimeUnit.MILLISECONDS.sleep(100);
            long now = System.nanoTime();
            long c = count.getAsLong();
            if (c != lastCount) {
                lastCount = c;
                lastChange = now;
            } else if (now - lastChange > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                say("  [%s] no progress for %d s at %,d / %,d: measuring what arrived", phase, stallSeconds, c, target);
                return;
            }
            if (now > next) {
                progress(phase, c, target, t0);
                next += PROGRESS_NANOS;
            }
        }
    }

    private void progress(String phase, long done, long total, long t0) {
        say(
                "  [%s] %,d / %,d (%.0f%%), %,.0f rec/s so far, heap %.0f MiB, RSS %s MiB",
                phase,
                done,
                total,
                100.0 * done / total,
                done / seconds(t0),
                usedHeapMb(),
                figure("%.0f", Resources.rssMb()));
    }

    private void printTable(BenchResult r) {
        String row = "%-46s %12s%s%n";
        String guarantee = r.setup().guarantee();
        out.println();
        out.printf("%-46s %12s%n", "Stage", "records/s");
        out.printf(row, "ingest (idempotent producer, acks=all)", figure("%,.0f", r.ingestRps()), "");
        out.printf(row, "pass-through Streams app (" + guarantee + ")", figure("%,.0f", r.passThroughRps()), "");
        out.printf(
                row,
                "enrich Streams app (" + guarantee + ")",
                figure("%,.0f", r.enrichRps()),
                "   = " + percent("%.1f", r.ratio()) + " of pass-through");
        out.printf(
                row,
                "  the same, second half of the records only",
                figure("%,.0f", r.enrichRpsSecondHalf()),
                "   = " + percent("%.1f", r.ratioSecondHalf()) + " of the pass-through's second half ("
                        + figure("%,.0f", r.passThroughRpsSecondHalf()) + ")");
        out.printf(row, "publish (store + outbox + notifications)", figure("%,.0f", r.publishRps()), "");
        out.printf(
                "%-46s p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms (%d of %d seen)%n",
                "end-to-end at " + r.endToEnd().rate() + "/s",
                figure("%.0f", r.p50Ms()),
                figure("%.0f", r.p99Ms()),
                figure("%.0f", r.p999Ms()),
                figure("%.0f", r.maxMs()),
                r.endToEnd().millis().count(),
                r.endToEnd().sent());
        out.printf(
                "%-46s %s MiB / %s MiB (broker and all stages in this JVM)%n",
                "peak heap / peak RSS", figure("%.0f", r.peakHeapMb()), figure("%.0f", r.peakRssMb()));
        out.printf(
                "%-46s %s ms / %s MiB (broker, registry, topics and schemas; RSS of this JVM before any record)%n",
                "cluster start-up / idle RSS", figure("%.0f", r.startupMillis()), figure("%.0f", r.idleRssMb()));
        out.printf(
                "%d records of %d bytes on average; %s%n", r.ingest().records(), r.averageRecordBytes(), r.machine());
        out.flush();
    }

    private void say(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }

    private static RawRelease rawRelease(ReleaseTexts.Doc doc) {
        return RawRelease.newBuilder()
                .setSourceId("bench")
                .setSourceUrl(doc.url())
                .setFetchedAt(Instant.now())
                .setContentType(doc.contentType())
                .setCharset("UTF-8")
                .setBody(ByteBuffer.wrap(doc.body()))
                .setContentHash(sha256(doc.body()))
                .setMetadata(Map.of())
                .build();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static void createPassThroughTopic(String bootstrap, Map<String, ?> kafkaOverrides) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.config(bootstrap, kafkaOverrides))) {
            admin.createTopics(List.of(new NewTopic(PASSTHROUGH_TOPIC, PARTITIONS, (short) -1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * A fresh partition is in the metadata a moment before its broker acts as leader; an idempotent producer that
     * hits that window gets NOT_LEADER retries and can end in OUT_OF_ORDER_SEQUENCE. ListOffsets is answered by the
     * leader itself, so once it succeeds for every partition, producing is safe.
     */
    private static void awaitLeaders(String bootstrap, Map<String, ?> kafkaOverrides, List<String> names)
            throws Exception {
        try (Admin admin = Admin.create(KafkaClients.config(bootstrap, kafkaOverrides))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                    admin.describeTopics(names)
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .values()
                            .forEach(d -> d.partitions()
                                    .forEach(p -> partitions.put(
                                            new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                    admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "topic partitions have no leader after 60 s: " + e.getMessage(), e);
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
        }
    }

    private static double seconds(long t0) {
        return Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
    }

    private static double usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }

    private static void stop(Deque<AutoCloseable> running) {
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", root, e.toString());
        }
    }
}
