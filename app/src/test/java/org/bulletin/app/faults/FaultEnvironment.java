package org.bulletin.app.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.RegistryProcess;
import org.bulletin.schemas.registry.SchemaRegistries;
import org.bulletin.testing.PostgresTestDatabase;

/**
 * Everything the fault suite runs against, each piece a separate process where the suite must be able to kill it:
 * the broker (its own JVM, fixed ports, data kept across restarts), the schema registry process, a fresh PostgreSQL
 * database reached by publish through a cuttable {@link TcpProxy}, and the enrich and publish stages launched from a
 * private copy of {@code bulletin.jar}. {@link #startCluster} lays it out as production runs it (#19): a
 * {@link FaultCluster} of brokers instead of one, several enrich instances sharing the work, and an ingest process
 * watching a folder. {@link #close()} stops every child.
 */
public final class FaultEnvironment implements AutoCloseable {

    /** Short session timeouts so a kill -9'd member leaves its group in seconds, not the default 45 s. */
    static final String SESSION_TIMEOUT_MS = "10000";

    private final Path dir;
    private final String classpath;
    private final String javaBin =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final int brokerPort;
    private final int controllerPort;
    private final int apiPort;
    private StageProcess broker;
    private RegistryProcess registry;
    private PostgresTestDatabase database;
    private TcpProxy proxy;
    private StageProcess enrich;
    private StageProcess publish;
    private Topics topics;
    private boolean closed;
    // Cluster layout only (#19).
    private final ClusterLayout layout;
    private FaultCluster cluster;
    private final List<StageProcess> enrichInstances = new ArrayList<>();
    private StageProcess ingest;

    /**
     * How {@link #startCluster} lays the environment out: {@code brokers} combined broker+controller nodes (3 for a
     * replicated cluster, 1 for a baseline with the same stages), {@code enrichInstances} enrich processes with one
     * application id, and {@code rawPartitions} partitions on the raw and replay topics (the work enrich shares out).
     * {@code enrichSettings} ({@code key=value}, {@code bulletin.*} or {@code kafka.*}) go to every enrich instance
     * after the suite's own, for experiments with enrich's configuration.
     */
    public record ClusterLayout(int brokers, int enrichInstances, int rawPartitions, List<String> enrichSettings) {

        /** Replication factor of every topic: 3 from three brokers up. */
        int replicationFactor() {
            return Math.min(3, brokers);
        }

        /** min.insync.replicas of every topic: 2 with replication factor 3, so acks=all survives one broker down. */
        int minInSyncReplicas() {
            return replicationFactor() >= 3 ? 2 : 1;
        }
    }

    private FaultEnvironment(Path dir, String classpath, ClusterLayout layout) throws IOException {
        this.dir = dir;
        this.classpath = classpath;
        this.layout = layout;
        this.brokerPort = freePort();
        this.controllerPort = freePort();
        this.apiPort = freePort();
    }

    /**
     * Copies {@code jar} into a fresh folder under {@code baseDir} (so a concurrent rebuild cannot swap it under the
     * running children) and starts broker, registry, database and proxy, then creates the topics with
     * {@code bulletin topics}. The stages are not started yet.
     */
    public static FaultEnvironment start(Path jar, Path baseDir) throws Exception {
        return start(jar, baseDir, null);
    }

    /**
     * Like {@link #start(Path, Path)}, laid out as {@code layout}: the cluster's nodes, then registry, database and
     * proxy, then the topics with the layout's replication factor, min.insync.replicas and raw partitions. The stages
     * (every enrich instance, ingest, publish) are defined but not started: {@link #startStages}.
     */
    public static FaultEnvironment startCluster(Path jar, Path baseDir, ClusterLayout layout) throws Exception {
        return start(jar, baseDir, layout);
    }

    private static FaultEnvironment start(Path jar, Path baseDir, ClusterLayout layout) throws Exception {
        Files.createDirectories(baseDir);
        Path dir = Files.createTempDirectory(baseDir, "run-");
        Path privateJar = dir.resolve("bulletin.jar");
        Files.copy(jar, privateJar, StandardCopyOption.REPLACE_EXISTING);
        FaultEnvironment env = new FaultEnvironment(dir, stageClasspath(privateJar), layout);
        // Also on Ctrl-C / SIGTERM of the test JVM: children killed, test database dropped.
        Thread hook = new Thread(env::close, "fault-environment-close");
        Runtime.getRuntime().addShutdownHook(hook);
        env.closeables.add(() -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what is running this
            }
        });
        try {
            if (layout == null) {
                env.startAll();
            } else {
                env.startClusterLayout();
            }
            return env;
        } catch (Exception | Error e) {
            env.close();
            throw e;
        }
    }

    /**
     * The private jar, plus jackson-dataformat-yaml and snakeyaml from the test classpath: enrich loads its rules with
     * them, and jars built while app/pom.xml declared the yaml module test-scoped left them out. Harmless otherwise.
     */
    private static String stageClasspath(Path privateJar) throws URISyntaxException {
        List<String> parts = new ArrayList<>();
        parts.add(privateJar.toString());
        for (String cls : List.of("com.fasterxml.jackson.dataformat.yaml.YAMLFactory", "org.yaml.snakeyaml.Yaml")) {
            try {
                parts.add(Path.of(Class.forName(cls)
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (ClassNotFoundException e) {
                // not on the test classpath either: the stage jar must carry it itself
            }
        }
        parts.add(Path.of(FaultBroker.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString());
        return String.join(java.io.File.pathSeparator, parts);
    }

    private void startAll() throws Exception {
        broker = new StageProcess(
                "broker",
                List.of(
                        javaBin,
                        "-Xmx384m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        classpath,
                        FaultBroker.class.getName(),
                        Integer.toString(brokerPort),
                        Integer.toString(controllerPort),
                        dir.resolve("kafka").toString()),
                Map.of(),
                dir.resolve("broker.log"));
        closeables.add(broker);
        startBroker();
        Path registryJar = RegistryProcess.locateJar(dir.resolve("registry-jar"));
        registry = RegistryProcess.start(registryJar, freePort(), dir.resolve("registry.log"), dir.resolve("registry"));
        closeables.add(registry);
        database = PostgresTestDatabase.create();
        closeables.add(database);
        proxy = new TcpProxy(Integer.parseInt(envOr("BULLETIN_TEST_PG_PORT", "5432")));
        closeables.add(proxy);
        runToCompletion(
                "topics",
                List.of("topics", "--bootstrap", bootstrap(), "--registry", registry.url()),
                Duration.ofSeconds(120));
        topics = Topics.fromConfig(Map.of(), SchemaRegistries.connect(registry.url()));
        createMissingTopics();
        enrich = stage(
                "enrich",
                List.of(
                        "enrich",
                        "--bootstrap",
                        bootstrap(),
                        "--registry",
                        registry.url(),
                        "--set",
                        "bulletin.enrich.state.dir=" + dir.resolve("enrich-state")));
        publish = startPublish("ingest");
    }

    /** The publish process, its HTTP push ledger in {@code ingestDataDir}. */
    private StageProcess startPublish(String ingestDataDir) {
        return stage(
                "publish",
                List.of(
                        "publish",
                        "--bootstrap",
                        bootstrap(),
                        "--registry",
                        registry.url(),
                        "--store",
                        storeUrlViaProxy(),
                        "--set",
                        "bulletin.publish.store.user=" + database.user(),
                        "--set",
                        "bulletin.publish.api.port=" + apiPort,
                        "--set",
                        "bulletin.publish.data.dir=" + dir.resolve("publish"),
                        "--set",
                        "bulletin.ingest.data.dir=" + dir.resolve(ingestDataDir),
                        "--set",
                        "bulletin.publish.kafka.session.timeout.ms=" + SESSION_TIMEOUT_MS));
    }

    /**
     * Creates any catalogue topic {@code bulletin topics} left out (a jar older than the catalogue: enrich refuses to
     * start while one of its source topics, such as the replay topic, is missing).
     */
    private void createMissingTopics() throws Exception {
        short rf = (short) (layout == null ? 1 : layout.replicationFactor());
        Map<String, String> configs =
                layout == null ? Map.of() : Map.of("min.insync.replicas", Integer.toString(layout.minInSyncReplicas()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.allNames().stream()
                    .filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, 3, rf).configs(configs))
                    .toList();
            if (!missing.isEmpty()) {
                System.out.println("fault suite: 'bulletin topics' did not create " + missing + "; creating them");
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void startClusterLayout() throws Exception {
        cluster = FaultCluster.define(layout.brokers(), dir, javaBin, classpath);
        closeables.add(cluster);
        cluster.startAll(Duration.ofSeconds(300));
        Path registryJar = RegistryProcess.locateJar(dir.resolve("registry-jar"));
        registry = RegistryProcess.start(registryJar, freePort(), dir.resolve("registry.log"), dir.resolve("registry"));
        closeables.add(registry);
        database = PostgresTestDatabase.create();
        closeables.add(database);
        proxy = new TcpProxy(Integer.parseInt(envOr("BULLETIN_TEST_PG_PORT", "5432")));
        closeables.add(proxy);
        // The app's own topic setup: replication factor from the brokers' default.replication.factor, which the
        // cluster sets to 3, and min.insync.replicas for the broker count. Checked below rather than assumed.
        Result setup = runToCompletion(
                "topics",
                List.of("topics", "--bootstrap", bootstrap(), "--registry", registry.url(), "--partitions", "3"),
                Duration.ofSeconds(180));
        if (setup.exitCode() != 0) {
            System.out.println("fault suite: 'bulletin topics' exited " + setup.exitCode() + "; see " + dir);
        }
        topics = Topics.fromConfig(Map.of(), SchemaRegistries.connect(registry.url()));
        createMissingTopics();
        widenRawTopics();
        List<String> below = cluster.replicationBelow(layout.replicationFactor(), layout.minInSyncReplicas());
        if (!below.isEmpty()) {
            throw new IllegalStateException("topics below replication factor " + layout.replicationFactor()
                    + " / min.insync.replicas " + layout.minInSyncReplicas() + " after setup: " + below);
        }
        List<String> kafka = List.of(
                // Streams' internal topics (changelogs, repartition topics) as replicated as the topics: the
                // override that production passes as KAFKA_REPLICATION_FACTOR / KAFKA_TOPIC_MIN_INSYNC_REPLICAS.
                "--set",
                "kafka.replication.factor=" + layout.replicationFactor(),
                "--set",
                "kafka.topic.min.insync.replicas=" + layout.minInSyncReplicas());
        for (int i = 1; i <= layout.enrichInstances(); i++) {
            List<String> args = new ArrayList<>(List.of(
                    "enrich",
                    "--bootstrap",
                    bootstrap(),
                    "--registry",
                    registry.url(),
                    "--set",
                    "bulletin.enrich.state.dir=" + dir.resolve("enrich-state-" + i)));
            args.addAll(kafka);
            for (String setting : layout.enrichSettings()) {
                args.add("--set");
                args.add(setting);
            }
            enrichInstances.add(stage("enrich-" + i, args));
        }
        enrich = enrichInstances.get(0);
        Files.createDirectories(ingestInbox());
        ingest = stage(
                "ingest",
                List.of(
                        "ingest",
                        "--bootstrap",
                        bootstrap(),
                        "--registry",
                        registry.url(),
                        "--set",
                        "bulletin.ingest.data.dir=" + dir.resolve("ingest"),
                        "files",
                        "--watch",
                        "--source",
                        "fault-ingest",
                        ingestInbox().toString()));
        // publish serves HTTP push and keeps its ledger apart from the ingest process's
        publish = startPublish("publish-ingest");
    }

    /** The raw and replay topics get the layout's partition count, so every enrich instance has raw work. */
    private void widenRawTopics() throws Exception {
        Admin admin = cluster.admin();
        Map<String, NewPartitions> grow = new java.util.HashMap<>();
        Map<String, org.apache.kafka.clients.admin.TopicDescription> d = admin.describeTopics(
                        List.of(topics.raw(), topics.replay()))
                .allTopicNames()
                .get(60, TimeUnit.SECONDS);
        d.forEach((name, description) -> {
            if (description.partitions().size() < layout.rawPartitions()) {
                grow.put(name, NewPartitions.increaseTo(layout.rawPartitions()));
            }
        });
        if (!grow.isEmpty()) {
            admin.createPartitions(grow).all().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts every enrich instance, ingest and publish, then waits until the enrich group has all its members and
     * checks that every topic, Streams' internal ones and the group and transaction logs included, is replicated as
     * the layout says. Returns the problems found (empty when none).
     */
    public List<String> startStages(Duration within) throws Exception {
        for (StageProcess e : enrichInstances) {
            e.start();
        }
        ingest.start();
        publish.start();
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        int members = -1;
        while (System.nanoTime() < deadline) {
            members = enrichGroupMembers();
            if (members == enrichInstances.size()) {
                break;
            }
            for (StageProcess p : stages()) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.name() + " exited while starting; see " + p.log());
                }
            }
            Thread.sleep(1_000);
        }
        if (members != enrichInstances.size()) {
            problems.add(
                    "the enrich group has " + members + " of " + enrichInstances.size() + " members after " + within);
        }
        List<String> below = cluster.replicationBelow(layout.replicationFactor(), layout.minInSyncReplicas());
        if (!below.isEmpty()) {
            problems.add("below replication factor " + layout.replicationFactor() + " / min.insync.replicas "
                    + layout.minInSyncReplicas() + ": " + below);
        }
        return problems;
    }

    /** Members of the enrich application's consumer group in a stable group, or -1 while it is rebalancing. */
    int enrichGroupMembers() {
        String group = enrichApplicationId();
        try {
            var d = cluster.admin()
                    .describeConsumerGroups(List.of(group))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(group);
            return d.groupState() == org.apache.kafka.common.GroupState.STABLE
                    ? d.members().size()
                    : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static String enrichApplicationId() {
        return new org.bulletin.enrich.EnrichConfig(Map.of()).applicationId();
    }

    /** Every stage process of the layout: the enrich instances, ingest and publish. */
    public List<StageProcess> stages() {
        List<StageProcess> all = new ArrayList<>(enrichInstances.isEmpty() ? List.of(enrich) : enrichInstances);
        if (ingest != null) {
            all.add(ingest);
        }
        all.add(publish);
        return all;
    }

    public List<StageProcess> enrichInstances() {
        return enrichInstances.isEmpty() ? List.of(enrich) : List.copyOf(enrichInstances);
    }

    public StageProcess ingest() {
        return ingest;
    }

    /** The folder the ingest process watches (cluster layout). */
    public Path ingestInbox() {
        return dir.resolve("inbox");
    }

    public FaultCluster cluster() {
        return cluster;
    }

    public ClusterLayout layout() {
        return layout;
    }

    private StageProcess stage(String name, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                javaBin,
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                "org.bulletin.app.Main"));
        cmd.addAll(args);
        StageProcess p = new StageProcess(
                name, cmd, Map.of("KAFKA_SESSION_TIMEOUT_MS", SESSION_TIMEOUT_MS), dir.resolve(name + ".log"));
        closeables.add(p);
        return p;
    }

    /** Runs a {@code bulletin} command to completion and returns its exit code and output. */
    public Result runToCompletion(String name, List<String> args, Duration within) throws Exception {
        List<String> cmd = new ArrayList<>(
                List.of(javaBin, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, "org.bulletin.app.Main"));
        cmd.addAll(args);
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            if (!p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("bulletin " + name + " did not finish in " + within + "; log " + log);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Exit code and output of a finished command. */
    public record Result(int exitCode, String output) {}

    /** Starts the broker process and waits until it serves. */
    public void startBroker() throws Exception {
        long before = Files.exists(broker.log()) ? Files.size(broker.log()) : 0;
        broker.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("broker exited; see " + broker.log());
            }
            if (Files.size(broker.log()) > before) {
                String tail = Files.readString(broker.log(), StandardCharsets.ISO_8859_1)
                        .substring((int) before);
                if (tail.contains("BROKER READY")) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("broker not ready in 90 s; see " + broker.log());
    }

    public StageProcess broker() {
        return broker;
    }

    public StageProcess enrich() {
        return enrich;
    }

    public StageProcess publish() {
        return publish;
    }

    public TcpProxy proxy() {
        return proxy;
    }

    public Topics topics() {
        return topics;
    }

    public String bootstrap() {
        return cluster != null ? cluster.bootstrap() : "127.0.0.1:" + brokerPort;
    }

    public String registryUrl() {
        return registry.url();
    }

    public int apiPort() {
        return apiPort;
    }

    public Path dir() {
        return dir;
    }

    /** The store as publish sees it: through the proxy. */
    String storeUrlViaProxy() {
        return "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name();
    }

    /** A direct connection for the checker, which must not depend on the proxy being up. */
    public Connection store() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Stages first (they hold connections to the database and broker), then the services.
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                System.err.println("fault suite: closing " + closeables.get(i) + " failed: " + e);
            }
        }
        // Keep the processes' logs (top level); the jar copy, broker data, state and pill files are hundreds of MB per
        // run. Kafka's segment files end in .log too: they go with the broker data.
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .filter(p -> !p.equals(dir)
                            && !(dir.equals(p.getParent())
                                    && p.getFileName().toString().endsWith(".log")))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("fault suite: could not clean " + dir + ": " + e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String envOr(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
