package org.bulletin.app.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bulletin.app.faults.FaultSuite.Report;
import org.bulletin.app.faults.FaultSuite.Row;

/**
 * The cluster scenarios of issue #19, against the layout production runs: a {@link FaultCluster} of three brokers
 * (topics with replication factor 3 and min.insync.replicas 2), two or three enrich instances sharing the work, one
 * ingest process and one publish. Traffic flows both straight to the raw topic (the {@link Feed}, whose acks time the
 * recovery) and through ingest ({@link IngestDrop}); the same {@link Checker} counts what was lost or duplicated.
 * "Time to recover" is how long after the fault (kill, stop) every record acknowledged before it was stored, while
 * the broker or instance may still be down: what a reader downstream waits. Scenarios, each selectable with
 * {@code faults.scenarios}: 0 steady flow (end-to-end latency, no fault), a kill -9 of the broker leading the raw
 * topic's first partition, b a broker stopped (SIGTERM) for 30 s, c one enrich instance killed with kill -9 again and
 * again while the others go on, d a rolling restart of every broker.
 */
public final class ClusterSuite {

    /** Sizes and durations; {@link #fromSystemProperties} reads {@code faults.*} overrides. */
    public record Options(
            int releases,
            int brokers,
            int enrichInstances,
            int rawPartitions,
            int enrichKills,
            int brokerDownSeconds,
            int leaderDownSeconds,
            double maxRate,
            long seed,
            List<String> scenarios) {

        /**
         * Every scenario: 400 releases each at 5 a second at most, 3 brokers, 3 enrich instances, 4 enrich kills, a
         * 30 s stop.
         */
        public static Options full() {
            return fromSystemProperties(new Options(400, 3, 3, 6, 4, 30, 15, 5.0, System.nanoTime(), List.of()));
        }

        /** What CI can afford: scenario a alone, 120 releases, 2 enrich instances, the leader down 10 s. */
        public static Options shortRun() {
            return fromSystemProperties(new Options(120, 3, 2, 6, 2, 30, 10, 5.0, System.nanoTime(), List.of("a")));
        }

        static Options fromSystemProperties(Options d) {
            return new Options(
                    Integer.getInteger("faults.releases", d.releases()),
                    Integer.getInteger("faults.brokers", d.brokers()),
                    Integer.getInteger("faults.enrich.instances", d.enrichInstances()),
                    Integer.getInteger("faults.raw.partitions", d.rawPartitions()),
                    Integer.getInteger("faults.kills", d.enrichKills()),
                    Integer.getInteger("faults.broker.down.seconds", d.brokerDownSeconds()),
                    Integer.getInteger("faults.leader.down.seconds", d.leaderDownSeconds()),
                    Double.parseDouble(System.getProperty("faults.rate", Double.toString(d.maxRate()))),
                    Long.getLong("faults.seed", d.seed()),
                    System.getProperty("faults.scenarios", "").isBlank()
                            ? d.scenarios()
                            : List.of(System.getProperty("faults.scenarios")
                                    .strip()
                                    .split("\\s*,\\s*")));
        }

        String heading() {
            return String.format(
                    Locale.ROOT,
                    "Cluster fault suite: %d broker(s) (combined broker+controller, %d-voter quorum), topics RF %d /"
                            + " min.insync.replicas %d, raw %d partitions, %d enrich instances + ingest + publish;"
                            + " %d releases/scenario (1/4 through ingest) at %.1f/s at most, %d enrich kills, broker"
                            + " down %d s, leader down %d s, seed %d",
                    brokers,
                    brokers,
                    Math.min(3, brokers),
                    brokers >= 3 ? 2 : 1,
                    rawPartitions,
                    enrichInstances,
                    releases,
                    maxRate,
                    enrichKills,
                    brokerDownSeconds,
                    leaderDownSeconds,
                    seed);
        }
    }

    private static final Duration CATCH_UP = Duration.ofSeconds(300);
    private static final Duration NODE_START = Duration.ofSeconds(240);

    private final FaultEnvironment env;
    private final FaultCluster cluster;
    private final Options options;
    private final Checker checker;
    private final Random random;
    // Catch-up is watched alongside the fault's own steps (a stop, a restart, waiting for in-sync replicas), which
    // block: timed after them, a recovery could never be shorter than they are.
    private final ExecutorService watcher = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-catch-up");
        t.setDaemon(true);
        return t;
    });

    private ClusterSuite(FaultEnvironment env, Options options) {
        this.env = env;
        this.cluster = env.cluster();
        this.options = options;
        this.checker = new Checker(env);
        this.random = new Random(options.seed());
    }

    /** Starts the cluster environment from {@code jar}, runs the chosen scenarios, stops everything, returns the figures. */
    public static Report run(java.nio.file.Path jar, java.nio.file.Path workDir, Options options) throws Exception {
        long start = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        // -Dfaults.enrich.settings=k=v,k=v: extra enrich configuration, for experiments (docs/faults-cluster.md).
        String extra = System.getProperty("faults.enrich.settings", "").strip();
        FaultEnvironment.ClusterLayout layout = new FaultEnvironment.ClusterLayout(
                options.brokers(),
                options.enrichInstances(),
                options.rawPartitions(),
                extra.isEmpty() ? List.of() : List.of(extra.split("\\s*,\\s*")));
        try (FaultEnvironment env = FaultEnvironment.startCluster(jar, workDir, layout)) {
            long stagesStart = System.nanoTime();
            List<String> problems = env.startStages(Duration.ofSeconds(300));
            rows.add(setupRow(env, layout, problems, (System.nanoTime() - stagesStart) / 1_000_000));
            ClusterSuite suite = new ClusterSuite(env, options);
            int n = options.enrichInstances();
            int b = options.brokers();
            suite.maybe(rows, "0", "0 steady flow, no fault", suite::steadyFlow);
            suite.maybe(rows, "a", "a kill -9 raw leader broker", suite::leaderKill);
            suite.maybe(rows, "b", "b broker SIGTERM " + options.brokerDownSeconds() + " s", suite::brokerStop);
            suite.maybe(rows, "c", "c kill -9 1 of " + n + " enrich x" + options.enrichKills(), suite::enrichKills);
            suite.maybe(rows, "d", "d rolling restart, " + b + " brokers", suite::rollingRestart);
            suite.watcher.shutdownNow();
            System.out.println("fault suite: logs in " + env.dir());
        }
        String heading = options.heading() + (extra.isEmpty() ? "" : "; enrich settings " + extra);
        return new Report(heading, rows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Runs the cluster suite outside Maven: {@code ClusterSuite JAR [short|full]}; exit 0 when all is clean. */
    public static void main(String[] args) throws Exception {
        Options options = args.length > 1 && args[1].equals("full") ? Options.full() : Options.shortRun();
        Report report = run(
                java.nio.file.Path.of(args[0]),
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "bulletin-faults"),
                options);
        report.print();
        System.exit(
                report.lost() + report.duplicateRows() + report.duplicateNotifications() + report.poisonNotInDlq() == 0
                        ? 0
                        : 1);
    }

    /** The first row: whether every topic, internal ones included, is replicated as the layout says. */
    private static Row setupRow(
            FaultEnvironment env, FaultEnvironment.ClusterLayout layout, List<String> problems, long stagesMs)
            throws Exception {
        List<String> notes = new ArrayList<>(problems);
        int topics = env.cluster().topicNames().size();
        notes.add(topics + " topics (internal ones included) at replication factor >= " + layout.replicationFactor()
                + " and min.insync.replicas >= " + layout.minInSyncReplicas()
                + (problems.isEmpty() ? "" : " except above")
                + "; " + layout.enrichInstances() + " enrich instances in one group");
        return new Row(
                "setup: replication, group",
                problems.isEmpty() ? "PASS" : "FAIL",
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                String.format(Locale.ROOT, "%.1f s (stages up)", stagesMs / 1000.0),
                String.join("; ", notes));
    }

    interface Scenario {
        Row run(String name) throws Exception;
    }

    private void maybe(List<Row> rows, String id, String name, Scenario scenario) {
        if (!options.scenarios().isEmpty() && !options.scenarios().contains(id)) {
            return;
        }
        if (!id.equals("0") && !id.equals("c") && cluster.size() < 3) {
            rows.add(new Row(name, "NOT RUN", 0, 0, 0, 0, 0, 0, 0, "-", "needs 3 brokers"));
            return;
        }
        System.out.println("fault suite: " + name + " ...");
        Row row;
        try {
            row = scenario.run(name);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            row = new Row(name, "ERROR", 0, 0, 0, 0, 0, 0, 0, "-", e.toString());
        } finally {
            restore();
        }
        System.out.println("fault suite: " + name + " -> " + row);
        rows.add(row);
    }

    /** Whatever happened, the next scenario gets every broker back in sync and every stage running. */
    private void restore() {
        try {
            for (int id : cluster.ids()) {
                if (!cluster.isAlive(id)) {
                    cluster.start(id, NODE_START);
                }
            }
            if (cluster.awaitInSync(CATCH_UP) < 0) {
                System.out.println("fault suite: replicas still out of sync: " + cluster.underReplicated());
            }
            for (StageProcess s : env.stages()) {
                if (!s.isAlive()) {
                    s.start();
                }
            }
        } catch (Exception e) {
            System.out.println("fault suite: could not restore the environment: " + e);
        }
    }

    // traffic -------------------------------------------------------------------------------------------------------

    /**
     * Three quarters of a scenario's releases go straight to the raw topic, one quarter through ingest, spread over
     * {@code minSeconds} or longer: never faster than {@code faults.rate} releases a second, so the pipeline is not
     * already behind when the fault comes and the recovery time measures the fault, not a backlog.
     */
    private final class Traffic implements AutoCloseable {
        final String prefix;
        final List<Generator.Item> fed;
        final List<Generator.Item> ingested;
        final Feed feed;
        final IngestDrop drop;

        Traffic(String prefix, double minSeconds) {
            this.prefix = prefix;
            double seconds = Math.max(minSeconds, options.releases() / options.maxRate());
            int viaIngest = Math.max(4, options.releases() / 4);
            this.fed = Generator.releases(prefix, Math.max(10, options.releases() - viaIngest));
            this.ingested = IngestDrop.releases(prefix + "i-", viaIngest);
            this.feed = Feed.start(env.bootstrap(), env.topics(), fed, Math.max(1.0, fed.size() / seconds));
            this.drop = IngestDrop.start(env.ingestInbox(), ingested, Math.max(1.0, ingested.size() / seconds));
        }

        /** Everything handed over so far: acked by the brokers, or written to ingest's folder. */
        List<String> inFlight() {
            List<String> all = new ArrayList<>(feed.acked());
            all.addAll(drop.written());
            return all;
        }

        void await() throws InterruptedException {
            feed.await(600);
            drop.await(600);
        }

        String ingestStorePrefix() {
            return IngestDrop.storePrefix(prefix + "i-");
        }

        @Override
        public void close() {
            feed.close();
            drop.close();
        }
    }

    // 0 -------------------------------------------------------------------------------------------------------------

    /** No fault: the end-to-end latency of this layout, from the producer's send (or ingest's file) to the store. */
    private Row steadyFlow(String name) throws Exception {
        List<String> notes = new ArrayList<>();
        Map<String, Integer> starts = starts();
        // Warm-up, not measured: the first records after start-up pay for class loading, JIT and the first schema
        // registrations of every enrich instance (with 20 warm-up releases, p50 was 2.8 s here and 0.5 s in the
        // scenarios after it).
        List<Generator.Item> warm = Generator.releases("cl0w-", 100);
        try (Feed f = Feed.start(env.bootstrap(), env.topics(), warm, 5)) {
            f.await(300);
        }
        if (!checker.awaitComplete("cl0w-", warm, Duration.ofSeconds(240))) {
            notes.add("warm-up releases incomplete after 240 s");
        }
        Traffic t = new Traffic("cl0-", 40);
        Map<String, Long> sent;
        Map<String, Long> written;
        try (t) {
            t.await();
            sent = t.feed.sentAtMillis();
            written = t.drop.writtenAtMillis();
        }
        Row row = finish(name, t, "", notes, starts, Map.of());
        List<Long> direct = latencies(sent);
        List<Long> viaIngest = latencies(written);
        String recovery = String.format(
                Locale.ROOT, "p50 %.2f s, p95 %.2f s", pct(direct, 50) / 1000.0, pct(direct, 95) / 1000.0);
        notes.add(String.format(
                Locale.ROOT,
                "p99 %d ms over %d sent to raw; file into ingest's folder -> stored: p50 %d ms, p95 %d ms, max %d ms"
                        + " over %d",
                pct(direct, 99),
                direct.size(),
                pct(viaIngest, 50),
                pct(viaIngest, 95),
                pct(viaIngest, 100),
                viaIngest.size()));
        return withRecovery(row, recovery, notes);
    }

    private List<Long> latencies(Map<String, Long> handedOverAt) throws Exception {
        Map<String, java.time.Instant> stored = checker.storedAt(handedOverAt.keySet());
        List<Long> out = new ArrayList<>();
        stored.forEach((id, at) -> out.add(Math.max(0, at.toEpochMilli() - handedOverAt.get(id))));
        out.sort(Long::compare);
        return out;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    // a -------------------------------------------------------------------------------------------------------------

    private Row leaderKill(String name) throws Exception {
        List<String> notes = new CopyOnWriteArrayList<>();
        Map<String, Integer> starts = starts();
        String raw = env.topics().raw();
        Traffic t = new Traffic("cla-", options.leaderDownSeconds() + 30);
        long failover;
        try (t) {
            Thread.sleep(6_000 + random.nextInt(3_000));
            int victim = cluster.leaderOf(raw, 0);
            boolean controller = victim == cluster.activeController();
            List<String> inFlight = t.inFlight();
            long t0 = System.nanoTime();
            cluster.kill9(victim);
            Future<Long> caughtUp = watchCatchUp(t0, inFlight, notes, "the kill");
            long moved = cluster.awaitNewLeader(raw, 0, victim, t0, Duration.ofSeconds(120));
            failover = caughtUp.get();
            sleepUntil(t0 + options.leaderDownSeconds() * 1_000_000_000L);
            long down = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            cluster.start(victim, NODE_START);
            long serving = (System.nanoTime() - t1) / 1_000_000;
            long inSync = cluster.awaitInSync(CATCH_UP);
            long synced = inSync < 0 ? -1 : (System.nanoTime() - t1) / 1_000_000;
            t.await();
            notes.add(String.format(
                    Locale.ROOT,
                    "killed broker %d (leader of %s-0%s, %d acked before); new leader of %s-0 after %s; down %.1f s;"
                            + " serving %.1f s after restart, every replica in sync %s after restart",
                    victim,
                    raw,
                    controller ? " and active controller" : "",
                    inFlight.size(),
                    raw,
                    seconds(moved),
                    down / 1000.0,
                    serving / 1000.0,
                    seconds(synced)));
        }
        return finish(name, t, seconds(failover) + " (failover)", notes, starts, Map.of());
    }

    // b -------------------------------------------------------------------------------------------------------------

    private Row brokerStop(String name) throws Exception {
        List<String> notes = new CopyOnWriteArrayList<>();
        Map<String, Integer> starts = starts();
        Traffic t = new Traffic("clb-", options.brokerDownSeconds() + 30);
        long failover;
        long back;
        try (t) {
            Thread.sleep(5_000 + random.nextInt(3_000));
            // The active controller: its stop moves the quorum's leadership as well as its partitions'.
            int victim = cluster.activeController();
            List<String> inFlight = t.inFlight();
            long t0 = System.nanoTime();
            Future<Long> caughtUp = watchCatchUp(t0, inFlight, notes, "the stop");
            cluster.stop(victim);
            long stopped = (System.nanoTime() - t0) / 1_000_000;
            int newController = cluster.activeController();
            failover = caughtUp.get();
            sleepUntil(t0 + options.brokerDownSeconds() * 1_000_000_000L);
            List<String> beforeReturn = t.inFlight();
            long t1 = System.nanoTime();
            Future<Long> caughtUpBack = watchCatchUp(t1, beforeReturn, notes, "the restart");
            cluster.start(victim, NODE_START);
            long serving = (System.nanoTime() - t1) / 1_000_000;
            long inSync = cluster.awaitInSync(CATCH_UP);
            long synced = inSync < 0 ? -1 : (System.nanoTime() - t1) / 1_000_000;
            back = caughtUpBack.get();
            t.await();
            notes.add(String.format(
                    Locale.ROOT,
                    "stopped broker %d (active controller; controlled shutdown took %.1f s; new controller %d); down"
                            + " %d s; serving %.1f s after restart, every replica in sync %s after restart",
                    victim,
                    stopped / 1000.0,
                    newController,
                    options.brokerDownSeconds(),
                    serving / 1000.0,
                    seconds(synced)));
        }
        return finish(name, t, seconds(failover) + " down, " + seconds(back) + " back", notes, starts, Map.of());
    }

    // c -------------------------------------------------------------------------------------------------------------

    private Row enrichKills(String name) throws Exception {
        List<String> notes = new ArrayList<>();
        Map<String, Integer> starts = starts();
        List<StageProcess> instances = env.enrichInstances();
        StageProcess victim = instances.get(random.nextInt(instances.size()));
        List<Long> recoveries = new ArrayList<>();
        // Room for each kill's rebalance and catch-up (20-50 s on a loaded 2-core box), so every kill lands mid-stream.
        Traffic t = new Traffic("clc-", options.enrichKills() * 35 + 10);
        try (t) {
            for (int k = 0; k < options.enrichKills(); k++) {
                Thread.sleep(3_000 + random.nextInt(3_000));
                if (!victim.isAlive()) {
                    notes.add(victim.name() + " had exited on its own before kill " + (k + 1));
                    victim.start();
                }
                List<String> inFlight = t.inFlight();
                long t0 = System.nanoTime();
                victim.kill9();
                victim.start();
                recoveries.add(catchUp(t0, inFlight, notes, "kill " + (k + 1)));
            }
            t.await();
        }
        notes.add("killed " + victim.name() + " " + options.enrichKills() + " times; the other "
                + (instances.size() - 1) + " went on");
        return finish(name, t, series(recoveries), notes, starts, Map.of(victim.name(), options.enrichKills()));
    }

    // d -------------------------------------------------------------------------------------------------------------

    private Row rollingRestart(String name) throws Exception {
        List<String> notes = new CopyOnWriteArrayList<>();
        Map<String, Integer> starts = starts();
        List<Long> recoveries = new ArrayList<>();
        Traffic t = new Traffic("cld-", cluster.size() * 35 + 10);
        try (t) {
            Thread.sleep(5_000);
            for (int id : cluster.ids()) {
                List<String> inFlight = t.inFlight();
                long t0 = System.nanoTime();
                Future<Long> caughtUp = watchCatchUp(t0, inFlight, notes, "the restart of broker " + id);
                cluster.stop(id);
                long stopped = (System.nanoTime() - t0) / 1_000_000;
                cluster.start(id, NODE_START);
                long serving = (System.nanoTime() - t0) / 1_000_000;
                // The next broker goes only once this one's replicas are all back in sync: otherwise a partition
                // could be left with one in-sync replica, below min.insync.replicas, and refuse writes.
                long inSync = cluster.awaitInSync(CATCH_UP);
                long synced = inSync < 0 ? -1 : (System.nanoTime() - t0) / 1_000_000;
                recoveries.add(caughtUp.get());
                notes.add(String.format(
                        Locale.ROOT,
                        "broker %d: stopped in %.1f s, serving %.1f s and in sync %s after the stop",
                        id,
                        stopped / 1000.0,
                        serving / 1000.0,
                        seconds(synced)));
            }
            t.await();
        }
        return finish(name, t, series(recoveries), notes, starts, Map.of());
    }

    // helpers -------------------------------------------------------------------------------------------------------

    /**
     * Time from {@code sinceNanos} (the fault) until every one of {@code ids} is stored, in ms; -1 (and a note) when
     * that does not happen within {@link #CATCH_UP}.
     */
    private long catchUp(long sinceNanos, List<String> ids, List<String> notes, String after) throws Exception {
        long deadline = sinceNanos + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            if (checker.storedAmong(ids) >= ids.size()) {
                return (System.nanoTime() - sinceNanos) / 1_000_000;
            }
            Thread.sleep(250);
        }
        notes.add("did not catch up within " + CATCH_UP.toSeconds() + " s after " + after);
        return -1;
    }

    private Future<Long> watchCatchUp(long sinceNanos, List<String> ids, List<String> notes, String after) {
        return watcher.submit(() -> catchUp(sinceNanos, ids, notes, after));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String seconds(long ms) {
        return ms < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String series(List<Long> ms) {
        if (ms.isEmpty()) {
            return "-";
        }
        long max = ms.stream().mapToLong(Long::longValue).max().orElse(0);
        List<String> each = ms.stream()
                .map(v -> v < 0 ? "never" : String.format(Locale.ROOT, "%.1f", v / 1000.0))
                .toList();
        return seconds(ms.contains(-1L) ? -1 : max) + " (" + String.join(",", each) + ")";
    }

    private Map<String, Integer> starts() {
        Map<String, Integer> out = new HashMap<>();
        env.stages().forEach(s -> out.put(s.name(), s.starts()));
        return out;
    }

    /**
     * Counts the scenario (both halves of its traffic) with the checker and decides PASS: complete, nothing lost or
     * duplicated, no dead letters, no stage that died unasked, every replica in sync at the end.
     */
    private Row finish(
            String name,
            Traffic t,
            String recovery,
            List<String> notes,
            Map<String, Integer> startsBefore,
            Map<String, Integer> plannedStarts)
            throws Exception {
        boolean complete = checker.awaitComplete(t.prefix, t.fed, Duration.ofSeconds(240))
                & checker.awaitComplete(t.ingestStorePrefix(), t.ingested, Duration.ofSeconds(240));
        if (!complete) {
            notes.add("incomplete after 240 s");
        }
        Checker.Counts a = checker.count(t.prefix, t.fed);
        Checker.Counts b = checker.count(t.ingestStorePrefix(), t.ingested);
        long missingRows = a.missingRows() + b.missingRows();
        long missingNotes = a.missingNotifications() + b.missingNotifications();
        if (missingRows > 0 || missingNotes > 0) {
            notes.add(missingRows + " rows missing, " + missingNotes + " groups without notification");
        }
        long dlq = checker.deadLetters(t.prefix).size();
        boolean unplanned = false;
        for (StageProcess s : env.stages()) {
            int extra = s.starts() - startsBefore.getOrDefault(s.name(), 0) - plannedStarts.getOrDefault(s.name(), 0);
            if (extra > 0) {
                unplanned = true;
                notes.add(s.name() + " died on its own " + extra + " time(s); see " + s.log());
            }
        }
        long inSync = cluster.awaitInSync(Duration.ofSeconds(120));
        if (inSync < 0) {
            notes.add("partitions still under-replicated at the end: " + cluster.underReplicated());
        }
        List<Long> latency = latencies(t.feed.sentAtMillis());
        notes.add(String.format(
                Locale.ROOT,
                "end-to-end (send to raw -> stored) p50 %.1f s, p95 %.1f s, max %.1f s",
                pct(latency, 50) / 1000.0,
                pct(latency, 95) / 1000.0,
                pct(latency, 100) / 1000.0));
        long lost = a.lost() + b.lost();
        long dupRows = a.duplicateRows() + b.duplicateRows();
        long dupNotes = a.duplicateNotifications() + b.duplicateNotifications();
        boolean pass = complete && lost == 0 && dupRows == 0 && dupNotes == 0 && dlq == 0 && !unplanned && inSync >= 0;
        return new Row(
                name,
                pass ? "PASS" : "FAIL",
                a.expected() + b.expected(),
                a.stored() + b.stored(),
                lost,
                dupRows,
                dupNotes,
                dlq,
                0,
                recovery,
                String.join("; ", notes));
    }

    private static Row withRecovery(Row r, String recovery, List<String> notes) {
        return new Row(
                r.scenario(),
                r.status(),
                r.expected(),
                r.stored(),
                r.lost(),
                r.duplicateRows(),
                r.duplicateNotifications(),
                r.dlq(),
                r.poisonNotInDlq(),
                recovery,
                String.join("; ", notes));
    }
}
