package org.bulletin.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.bulletin.app.config.Settings;
import org.bulletin.app.embedded.EmbeddedKafka;
import org.bulletin.app.ops.KafkaPipelineView;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichService;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.IngestCounts;
import org.bulletin.ingest.Ingestor;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.publish.api.ApiServer;
import org.bulletin.publish.console.StageFlow;
import org.bulletin.publish.console.StageStates;
import org.bulletin.publish.store.ReleaseStats;
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
 * The embedded default: a real KRaft broker in this JVM, a schema registry child process, the three stages, an
 * embedded store and the HTTP API, all on loopback, with every piece of state under one data folder.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole platform locally, embedded: Kafka, registry, stages, store, HTTP API.",
            "Nothing to install but Java: an in-process KRaft broker, a schema registry child process,",
            "ingest + enrich + publish, an embedded H2 database and the HTTP API, all on 127.0.0.1.",
            "State lives under --data-dir and survives restarts. Ctrl-C stops everything cleanly."
        })
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    private static final String SAMPLE_MARKER = "sample-ingested";

    @Option(
            names = "--data-dir",
            defaultValue = "./data",
            description = "Where all state lives. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Kafka listener port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(
            names = "--controller-port",
            defaultValue = "9093",
            description = "KRaft controller port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int controllerPort;

    @Option(
            names = "--registry-port",
            defaultValue = "8081",
            description = "Schema registry port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int registryPort;

    @Option(names = "--api-port", defaultValue = "8080", description = "HTTP API port. Default: ${DEFAULT-VALUE}.")
    int apiPort;

    @Option(names = "--no-sample", description = "Do not ingest the bundled sample releases on first start.")
    boolean noSample;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with bulletin.* and kafka.* keys.")
    Path configFile;

    @Option(
            names = "--sources",
            paramLabel = "FILE",
            description =
                    "YAML sources file (folders, pages, feeds; see ingest/README.md) to run alongside the platform.")
    Path sourcesFile;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            description = "Set a configuration key (repeatable).")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path data = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(data);
        Deque<AutoCloseable> running = new ArrayDeque<>();
        AutoCloseable stopAll = () -> stop(running);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        List<String> portProblems = PortCheck.problems(Map.of(
                "--kafka-port",
                kafkaPort,
                "--controller-port",
                controllerPort,
                "--registry-port",
                registryPort,
                "--api-port",
                apiPort));
        if (!portProblems.isEmpty()) {
            portProblems.forEach(spec.commandLine().getErr()::println);
            return 2;
        }
        try {
            StartupTimeline timeline = new StartupTimeline();
            // The registry's JVM boots in a child process while the broker starts here: they need nothing from
            // each other, and together they are most of the start-up time.
            RegistryProcess registry = RegistryProcess.launch(
                    RegistryProcess.locateJar(RegistryProcess.cacheDir(data.resolve("cache"))),
                    registryPort,
                    data.resolve("registry").resolve("registry.log"),
                    data.resolve("registry"));
            running.push(registry);
            timeline.mark("registry launched");
            EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"), kafkaPort, controllerPort);
            running.push(kafka);
            timeline.mark("kafka broker started");
            out.printf("Kafka broker     %s (KRaft, data %s)%n", kafka.bootstrapServers(), data.resolve("kafka"));
            out.flush();

            Map<String, String> defaults = Map.of(
                    ConnectOptions.BOOTSTRAP, kafka.bootstrapServers(),
                    ConnectOptions.REGISTRY, registry.url(),
                    IngestConfig.DATA_DIR, data.toString(),
                    PublishConfig.DATA_DIR, data.toString(),
                    PublishConfig.API_PORT, Integer.toString(apiPort),
                    EnrichConfig.STATE_DIR, data.resolve("streams").toString());
            Map<String, String> cli = new java.util.LinkedHashMap<>(defaults);
            cli.putAll(overrides);
            Settings settings = Settings.load(configFile, System.getenv(), cli);

            Topics topics = Topics.fromConfig(settings.bulletin(), SchemaRegistries.connect(registry.url()));
            List<String> created = TopicSetup.ensure(kafka.bootstrapServers(), settings.kafka(), topics, 3);
            timeline.mark("topics ensured");
            registry.awaitReady();
            timeline.mark("registry ready");
            out.printf("Schema registry  %s (Confluent API)%n", registry.url());
            out.flush();
            topics.registerAll(false); // the registry is this run's own: its default level serves every subject
            timeline.mark("schemas registered");
            LOG.info("{} topics created, schemas registered", created.size());

            // Enrich (Kafka Streams: state stores, group join) starts on its own thread while publish opens the store
            // and its clients here; on a restart both take seconds, mostly waiting on the broker.
            CompletableFuture<EnrichService> enrichStart = CompletableFuture.supplyAsync(() -> EnrichService.start(
                    new EnrichConfig(settings.bulletin()), topics, kafka.bootstrapServers(), settings.kafka()));
            running.push(() -> enrichStart
                    .thenAccept(EnrichService::close)
                    .exceptionally(e -> null)
                    .join());
            Publisher publisher = StageFactory.publisher(settings, topics, kafka.bootstrapServers());
            running.push(publisher);
            publisher.failure().thenAccept(failure::complete);
            timeline.mark("publish started");
            // The console's sampler starts now, so its first sample comes before the sample is ingested.
            KafkaPipelineView pipeline = StageFactory.pipelineView(
                    settings,
                    topics,
                    kafka.bootstrapServers(),
                    publisher,
                    () -> new StageStates.Verdict(StageFlow.State.RUNNING, "runs in this process ('bulletin run')"));
            running.push(pipeline);
            Ingestor ingestor = StageFactory.ingestor(settings, topics, kafka.bootstrapServers());
            running.push(ingestor);
            timeline.mark("ingest started");
            EnrichService enrich = awaitStart(enrichStart);
            timeline.mark("enrich started");
            ApiServer api = StageFactory.withConsole(
                            StageFactory.withPush(publisher.api(), ingestor.pushHandler()), pipeline, settings)
                    .build()
                    .start(publisher.config().apiPort());
            running.push(api);
            timeline.mark("http api started");
            out.printf(
                    "HTTP API         http://127.0.0.1:%d  (GET /health, /v1/releases, /v1/stats, /metrics, /openapi.json)%n",
                    api.port());
            out.printf("Console          http://127.0.0.1:%d/%n", api.port());
            out.printf(
                    "Store            %s%n",
                    publisher.store().isPostgres() ? "PostgreSQL" : "embedded H2 under " + data);
            out.printf("Ready in %.1f s.%n", timeline.elapsedMillis() / 1e3);
            out.flush();
            // The registry's default level holds every subject already; each subject's own level, as a shared
            // registry would have it, is set now that start-up no longer waits on it.
            CompletableFuture.runAsync(topics::setSubjectLevels).exceptionally(e -> {
                Throwable cause = e.getCause() == null ? e : e.getCause(); // not the CompletionException
                LOG.warn("could not set the schema subjects' own compatibility level: {}", cause.getMessage());
                return null;
            });

            Path marker = data.resolve(SAMPLE_MARKER);
            if (!noSample && !Files.exists(marker)) {
                ingestSample(out, data, ingestor, publisher, enrich);
                Files.writeString(marker, "the bundled sample was ingested; delete this file to ingest it again\n");
            } else if (!noSample) {
                out.printf(
                        "Sample already ingested; %d releases in the store.%n",
                        publisher.store().count());
            }
            if (sourcesFile != null) {
                startSources(out, ingestor);
            }
            out.println("Running. Press Ctrl-C to stop.");
            out.flush();
        } catch (Exception | Error e) {
            stop(running);
            throw e;
        }
        if (!CommandSupport.awaitShutdown(stopAll, failure)) {
            spec.commandLine().getErr().println("bulletin stopped: publish failed: " + failure.join());
            return 1;
        }
        return 0;
    }

    /** The started service, or the start's own failure rethrown (not wrapped in a CompletionException). */
    private static <T> T awaitStart(CompletableFuture<T> start) throws Exception {
        try {
            return start.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void ingestSample(PrintWriter out, Path data, Ingestor ingestor, Publisher publisher, EnrichService enrich)
            throws IOException, InterruptedException {
        Path sampleDir = data.resolve("sample");
        List<Path> files = copySample(sampleDir);
        long before = publisher.store().count();
        IngestCounts counts = ingestor.ingestPaths(files, false, "sample");
        out.printf("Sample: %d files ingested into the raw topic (%s).%n", files.size(), counts);
        out.flush();
        // Wait (bounded) until what was ingested has flowed through enrich and publish, then say what arrived.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long stored = before;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && enrich.state() != KafkaStreams.State.ERROR) {
            Thread.sleep(500);
            long now = publisher.store().count();
            if (now != stored) {
                stored = now;
                stableSince = System.nanoTime();
            } else if (stored - before >= files.size()
                    && System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
                break;
            }
        }
        ReleaseStats stats = publisher.store().stats();
        out.printf(
                "Flowed: raw -> enrich -> publish: %d releases stored (%s duplicates); by region %s; by topic %s%n",
                stored - before, stats.duplicates(), stats.byRegion(), stats.byTopic());
        out.flush();
    }

    /** Runs the sources file's sources on a background thread until stop (the ingestor's close ends their loops). */
    private void startSources(PrintWriter out, Ingestor ingestor) throws IOException {
        List<org.bulletin.ingest.SourceSpec> specs = org.bulletin.ingest.SourcesFile.load(sourcesFile);
        Thread sources = new Thread(
                () -> {
                    try {
                        LOG.info("sources file {} ended: {}", sourcesFile, ingestor.runAll(specs));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "bulletin-sources");
        sources.setDaemon(true);
        sources.start();
        out.printf("Sources          %d from %s%n", specs.size(), sourcesFile);
    }

    private static List<Path> copySample(Path sampleDir) throws IOException {
        Files.createDirectories(sampleDir);
        List<Path> files = new ArrayList<>();
        try (InputStream index = RunCommand.class.getResourceAsStream("/bulletin/sample/index.txt")) {
            if (index == null) {
                throw new IllegalStateException(
                        "the bundled sample is missing from the jar (bulletin/sample/index.txt)");
            }
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (name.isBlank()) {
                    continue;
                }
                try (InputStream in = RunCommand.class.getResourceAsStream("/bulletin/sample/" + name.strip())) {
                    if (in == null) {
                        throw new IllegalStateException("bundled sample file missing: " + name);
                    }
                    Path target = sampleDir.resolve(name.strip());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    files.add(target);
                }
            }
        }
        return files;
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
}
