package org.bulletin.app.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bulletin.schemas.RawRelease;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.serde.GenericAvroSerde;

/**
 * The fault-tolerance suite of issue #9: eight scenarios against separate broker, registry, PostgreSQL, enrich and
 * publish processes, each counting what was lost or duplicated, which poison pills missed the dead-letter topic, and
 * how long the pipeline took to catch up after each fault. {@link #run} returns the figures; {@link Report#print}
 * prints the table and the one-line summary.
 */
public final class FaultSuite {

    /** Sizes and durations; {@link #fromSystemProperties} reads {@code faults.*} overrides. */
    public record Options(
            int releases, int kills, int pgOutageSeconds, int brokerDownSeconds, long seed, List<String> scenarios) {

        public static Options full() {
            return fromSystemProperties(new Options(1000, 5, 30, 10, System.nanoTime(), List.of()));
        }

        public static Options shortRun() {
            return fromSystemProperties(new Options(300, 2, 8, 5, System.nanoTime(), List.of()));
        }

        static Options fromSystemProperties(Options d) {
            return new Options(
                    Integer.getInteger("faults.releases", d.releases()),
                    Integer.getInteger("faults.kills", d.kills()),
                    Integer.getInteger("faults.pg.outage.seconds", d.pgOutageSeconds()),
                    Integer.getInteger("faults.broker.down.seconds", d.brokerDownSeconds()),
                    Long.getLong("faults.seed", d.seed()),
                    System.getProperty("faults.scenarios", "").isBlank()
                            ? d.scenarios()
                            : List.of(System.getProperty("faults.scenarios")
                                    .strip()
                                    .split("\\s*,\\s*")));
        }
    }

    /** One line of the table. */
    public record Row(
            String scenario,
            String status,
            long expected,
            long stored,
            long lost,
            long duplicateRows,
            long duplicateNotifications,
            long dlq,
            long poisonNotInDlq,
            String recovery,
            String note) {}

    /** The table and its totals; {@code heading} says what ran (sizes, seed). */
    public record Report(String heading, List<Row> rows, Duration took) {

        public long lost() {
            return rows.stream().mapToLong(Row::lost).sum();
        }

        public long duplicateRows() {
            return rows.stream().mapToLong(Row::duplicateRows).sum();
        }

        public long duplicateNotifications() {
            return rows.stream().mapToLong(Row::duplicateNotifications).sum();
        }

        public long poisonNotInDlq() {
            return rows.stream().mapToLong(Row::poisonNotInDlq).sum();
        }

        public String summary() {
            return "lost=" + lost() + " duplicate_rows=" + duplicateRows() + " duplicate_notifications="
                    + duplicateNotifications() + " poison_not_in_dlq=" + poisonNotInDlq();
        }

        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%s, took %d s%n", heading, took.toSeconds()));
            String fmt = "| %-32s | %-7s | %8s | %6s | %4s | %8s | %9s | %3s | %9s | %-31s |%n";
            sb.append(String.format(
                    Locale.ROOT,
                    fmt,
                    "scenario",
                    "status",
                    "expected",
                    "stored",
                    "lost",
                    "dup rows",
                    "dup notes",
                    "dlq",
                    "poison ok",
                    "time to recover (max)"));
            sb.append(String.format(
                    Locale.ROOT,
                    fmt,
                    "-".repeat(32),
                    "-".repeat(7),
                    "-".repeat(8),
                    "-".repeat(6),
                    "-".repeat(4),
                    "-".repeat(8),
                    "-".repeat(9),
                    "-".repeat(3),
                    "-".repeat(9),
                    "-".repeat(31)));
            for (Row r : rows) {
                sb.append(String.format(
                        Locale.ROOT,
                        fmt,
                        r.scenario(),
                        r.status(),
                        r.expected(),
                        r.stored(),
                        r.lost(),
                        r.duplicateRows(),
                        r.duplicateNotifications(),
                        r.dlq(),
                        r.poisonNotInDlq() == 0 ? "yes" : "no (" + r.poisonNotInDlq() + ")",
                        r.recovery()));
            }
            rows.stream()
                    .filter(r -> !r.note().isEmpty())
                    .forEach(r -> sb.append("  ")
                            .append(r.scenario())
                            .append(": ")
                            .append(r.note())
                            .append('\n'));
            return sb.toString();
        }

        /** Writes the table and summary to {@code file} (for scripts: the console output of failsafe is long). */
        public void save(Path file) throws java.io.IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, table() + summary() + System.lineSeparator(), StandardCharsets.UTF_8);
        }

        /** The table, then the summary as the very last line. */
        public void print() {
            System.out.print(table());
            System.out.println(summary());
            System.out.flush();
        }
    }

    private final FaultEnvironment env;
    private final Options options;
    private final Checker checker;
    private final Random random;

    private FaultSuite(FaultEnvironment env, Options options) {
        this.env = env;
        this.options = options;
        this.checker = new Checker(env);
        this.random = new Random(options.seed());
    }

    /** Starts the environment from {@code jar}, runs every scenario, stops every process, and returns the figures. */
    public static Report run(Path jar, Path workDir, Options options) throws Exception {
        long start = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        try (FaultEnvironment env = FaultEnvironment.start(jar, workDir)) {
            env.enrich().start();
            env.publish().start();
            FaultSuite suite = new FaultSuite(env, options);
            suite.maybe(rows, "1", "1 kill -9 enrich x" + options.kills(), suite::enrichKills);
            suite.maybe(rows, "2", "2 kill -9 publish x" + options.kills(), suite::publishKills);
            suite.maybe(rows, "3", "3 broker stop + kill -9", suite::brokerRestarts);
            suite.maybe(rows, "4", "4 PostgreSQL cut " + options.pgOutageSeconds() + " s", suite::databaseOutage);
            suite.maybe(rows, "5", "5 poison pills", suite::poisonPills);
            suite.maybe(rows, "6", "6 incompatible producer schema", suite::incompatibleSchema);
            suite.maybe(rows, "7", "7 same release x3 sources", suite::threeSources);
            suite.maybe(rows, "8", "8 replay during live traffic", suite::replayWhileLive);
            // Last: when enrich cannot dead-letter this pill it stalls a raw partition, which would spoil later rows.
            suite.maybe(rows, "5b", "5b 3 MB unparseable body", suite::largePoisonPill);
            System.out.println("fault suite: logs in " + env.dir());
        }
        String heading = String.format(
                Locale.ROOT,
                "Fault suite: %d releases/scenario, %d kills, PostgreSQL outage %d s, broker down %d s, seed %d",
                options.releases(),
                options.kills(),
                options.pgOutageSeconds(),
                options.brokerDownSeconds(),
                options.seed());
        return new Report(heading, rows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Runs the suite outside Maven: {@code FaultSuite JAR [short|full]}; exit 0 when nothing was lost or duplicated. */
    public static void main(String[] args) throws Exception {
        Options options = args.length > 1 && args[1].equals("full") ? Options.full() : Options.shortRun();
        Report report =
                run(Path.of(args[0]), Path.of(System.getProperty("java.io.tmpdir"), "bulletin-faults"), options);
        report.print();
        System.exit(
                report.lost() + report.duplicateRows() + report.duplicateNotifications() + report.poisonNotInDlq() == 0
                        ? 0
                        : 1);
    }

    interface Scenario {
        Row run(String name) throws Exception;
    }

    /** Runs the scenario when {@code faults.scenarios} (a comma list of numbers; default all) names it. */
    private void maybe(List<Row> rows, String number, String name, Scenario scenario) {
        if (options.scenarios().isEmpty() || options.scenarios().contains(number)) {
            rows.add(guard(name, scenario));
        }
    }

    /** A scenario that throws is a failed row (with its reason), not the end of the suite. */
    private Row guard(String name, Scenario scenario) {
        System.out.println("fault suite: " + name + " ...");
        try {
            Row row = scenario.run(name);
            System.out.println("fault suite: " + name + " -> " + row);
            return row;
        } catch (Exception e) {
            e.printStackTrace(System.out);
            return new Row(name, "ERROR", 0, 0, 0, 0, 0, 0, 0, "-", e.toString());
        } finally {
            try {
                // Whatever happened, the next scenario gets a healthy pipeline.
                env.proxy().restore();
                if (!env.broker().isAlive()) {
                    env.startBroker();
                }
                restartIfDead(env.enrich(), new ArrayList<>());
                restartIfDead(env.publish(), new ArrayList<>());
            } catch (Exception e) {
                System.out.println("fault suite: could not restore the environment: " + e);
            }
        }
    }

    // 1 and 2 ------------------------------------------------------------------------------------------------------

    private Row enrichKills(String name) throws Exception {
        return killScenario(name, "s1-", env.enrich());
    }

    private Row publishKills(String name) throws Exception {
        return killScenario(name, "s2-", env.publish());
    }

    private Row killScenario(String name, String prefix, StageProcess victim) throws Exception {
        List<Generator.Item> items = Generator.releases(prefix, options.releases());
        List<String> notes = new ArrayList<>();
        List<Long> recoveries = new ArrayList<>();
        int startsBefore = victim.starts();
        // The feed outlasts the kills (each costs a JVM start and a rebalance, ~10 s), so every kill lands mid-stream.
        try (Feed feed = Feed.start(env.bootstrap(), env.topics(), items, rate(options.kills() * 14))) {
            for (int k = 0; k < options.kills(); k++) {
                Thread.sleep(1_500 + random.nextInt(2_500));
                restartIfDead(victim, notes);
                victim.kill9();
                victim.start();
                recoveries.add(recovery(feed.acked(), notes));
            }
            feed.await(600);
        }
        int unplanned = victim.starts() - startsBefore - options.kills();
        if (unplanned > 0) {
            notes.add(victim.name() + " died on its own " + unplanned + " time(s); see " + victim.log());
        }
        return finish(name, prefix, items, recoveries, notes, 0, 0);
    }

    // 3 ------------------------------------------------------------------------------------------------------------

    private Row brokerRestarts(String name) throws Exception {
        String prefix = "s3-";
        List<Generator.Item> items = Generator.releases(prefix, options.releases());
        List<String> notes = new ArrayList<>();
        List<Long> recoveries = new ArrayList<>();
        try (Feed feed =
                Feed.start(env.bootstrap(), env.topics(), items, rate(2 * (options.brokerDownSeconds() + 12)))) {
            Thread.sleep(3_000);
            env.broker().stop();
            Thread.sleep(options.brokerDownSeconds() * 1000L);
            env.startBroker();
            recoveries.add(recovery(feed.acked(), notes));
            Thread.sleep(1_000 + random.nextInt(2_000));
            env.broker().kill9();
            Thread.sleep(options.brokerDownSeconds() * 1000L);
            env.startBroker();
            recoveries.add(recovery(feed.acked(), notes));
            feed.await(600);
        }
        stagesSurvived(notes);
        return finish(name, prefix, items, recoveries, notes, 0, 0);
    }

    // 4 ------------------------------------------------------------------------------------------------------------

    private Row databaseOutage(String name) throws Exception {
        String prefix = "s4-";
        List<Generator.Item> items = Generator.releases(prefix, options.releases());
        List<String> notes = new ArrayList<>();
        List<Long> recoveries = new ArrayList<>();
        try (Feed feed = Feed.start(env.bootstrap(), env.topics(), items, rate(options.pgOutageSeconds() + 10))) {
            Thread.sleep(3_000);
            env.proxy().cut();
            Thread.sleep(options.pgOutageSeconds() * 1000L);
            env.proxy().restore();
            recoveries.add(recovery(feed.acked(), notes));
            feed.await(600);
        }
        stagesSurvived(notes);
        return finish(name, prefix, items, recoveries, notes, 0, 0);
    }

    // 5 ------------------------------------------------------------------------------------------------------------

    private Row poisonPills(String name) throws Exception {
        long enrichPid = env.enrich().pid();
        long publishPid = env.publish().pid();
        List<String> notes = new ArrayList<>();
        Topics topics = env.topics();
        Map<String, byte[]> pills = new LinkedHashMap<>();
        // A whole release with malformed UTF-8 sequences in it, declared UTF-8: the bytes are not text in that charset.
        byte[] invalidUtf8 = Generator.text("s5-bad-", 1).getBytes(StandardCharsets.UTF_8);
        invalidUtf8 = withInvalidSequences(invalidUtf8);
        pills.put("s5-pill-invalid-utf8", raw(topics, "text/plain", "UTF-8", invalidUtf8));
        pills.put("s5-pill-empty-body", raw(topics, "text/plain", "UTF-8", new byte[0]));
        pills.put(
                "s5-pill-html-no-release",
                raw(
                        topics,
                        "text/html",
                        "UTF-8",
                        ("<html><head><script>var a=1;</script>"
                                        + "<style>p{}</style></head><body><nav>Home | News | Contacts</nav></body></html>")
                                .getBytes(StandardCharsets.UTF_8)));
        pills.put(
                "s5-pill-html-hostile",
                raw(
                        topics,
                        "text/html",
                        "UTF-8",
                        ("<html><body>" + "<div><table><tr><td><b><i>".repeat(30_000) + "</body></html>")
                                .getBytes(StandardCharsets.UTF_8)));
        byte[] unknownId = new byte[64];
        unknownId[1] = 0x7F;
        unknownId[2] = (byte) 0xFF;
        unknownId[3] = (byte) 0xFF;
        unknownId[4] = 0x01;
        for (int i = 5; i < unknownId.length; i++) {
            unknownId[i] = (byte) i;
        }
        pills.put("s5-pill-unknown-schema-id", unknownId);
        pills.put("s5-pill-not-avro", "{\"title\":\"this is JSON, not Avro\"}".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        env.bootstrap(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        16 * 1024 * 1024),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (Map.Entry<String, byte[]> pill : pills.entrySet()) {
                producer.send(new ProducerRecord<>(topics.raw(), pill.getKey(), pill.getValue()))
                        .get();
            }
            // 10 MB straight to the raw topic: the topic's max.message.bytes (6 MiB) must refuse it at the door.
            byte[] big = tenMegabytes();
            try {
                producer.send(new ProducerRecord<>(
                                topics.raw(), "s5-pill-10mb-direct", raw(topics, "text/plain", "UTF-8", big)))
                        .get();
                notes.add("a 10 MB record was ACCEPTED by the raw topic");
                pills.put("s5-pill-10mb-direct", big);
            } catch (ExecutionException e) {
                notes.add("10 MB direct to raw refused by the broker ("
                        + e.getCause().getClass().getSimpleName() + ")");
            }
            // 10 MB through the real ingest path: ingest must dead-letter it with its reason.
            Path file = env.dir().resolve("s5-pill-10mb.txt");
            Files.write(file, big);
            FaultEnvironment.Result ingest = env.runToCompletion(
                    "ingest-10mb",
                    List.of(
                            "ingest",
                            "--bootstrap",
                            env.bootstrap(),
                            "--registry",
                            env.registryUrl(),
                            "--set",
                            "bulletin.ingest.data.dir=" + env.dir().resolve("ingest-cli"),
                            "files",
                            file.toString()),
                    Duration.ofSeconds(180));
            if (ingest.exitCode() != 0) {
                notes.add("bulletin ingest of the 10 MB file exited " + ingest.exitCode());
            }
            // Ingest keys it by a content hash; its dead letter names the file in a header.
            pills.put(file.getFileName().toString(), big);
        }
        // Good records after the bad ones: they must flow through the same, never restarted, processes.
        String prefix = "s5-ok-";
        List<Generator.Item> items = Generator.releases(prefix, Math.max(20, options.releases() / 10));
        try (Feed feed = Feed.start(env.bootstrap(), env.topics(), items, 200)) {
            feed.await(300);
        }
        long before = System.nanoTime();
        boolean complete = checker.awaitComplete(prefix, items, Duration.ofSeconds(180));
        long recovery = (System.nanoTime() - before) / 1_000_000;
        Map<String, String> dlq = checker.deadLetters(pills.keySet().toArray(String[]::new));
        long missing = 0;
        for (String pill : pills.keySet()) {
            String reason = dlq.entrySet().stream()
                    .filter(e -> e.getKey().contains(pill))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (reason == null || reason.isBlank()) {
                missing++;
                notes.add(pill + " NOT in the DLQ with a reason"
                        + (checker.storeRows(pill).isEmpty() ? "" : " (stored as a release instead)"));
            }
        }
        dlq.forEach((k, v) -> notes.add(
                "dlq " + k.substring(0, Math.min(k.length(), 32)) + ": " + v.substring(0, Math.min(90, v.length()))));
        if (env.enrich().pid() != enrichPid
                || env.publish().pid() != publishPid
                || !env.enrich().isAlive()
                || !env.publish().isAlive()) {
            notes.add("a stage had to be restarted after bad input");
            missing++;
        }
        Checker.Counts c = checker.count(prefix, items);
        return new Row(
                name,
                complete && missing == 0 && clean(c) ? "PASS" : "FAIL",
                c.expected(),
                c.stored(),
                c.lost(),
                c.duplicateRows(),
                c.duplicateNotifications(),
                dlq.size(),
                missing,
                recovery + " ms (good records)",
                String.join("; ", notes));
    }

    /**
     * 3 MB of markup without text, sent through the real ingest path ({@code bulletin ingest files}): within ingest's
     * 5 MiB limit and the raw topic's 6 MiB, so it reaches enrich, which must dead-letter it and go on with the good
     * records behind it on the same partitions.
     */
    private Row largePoisonPill(String name) throws Exception {
        long enrichPid = env.enrich().pid();
        List<String> notes = new ArrayList<>();
        byte[] big = ("<html><body>" + "<div class=\"x\"><span></span></div>".repeat(3 * 1024 * 1024 / 34)
                        + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        Path file = env.dir().resolve("s5b-pill-3mb.html");
        Files.write(file, big);
        FaultEnvironment.Result ingest = env.runToCompletion(
                "ingest-3mb",
                List.of(
                        "ingest",
                        "--bootstrap",
                        env.bootstrap(),
                        "--registry",
                        env.registryUrl(),
                        "--set",
                        "bulletin.ingest.data.dir=" + env.dir().resolve("ingest-cli-3mb"),
                        "files",
                        file.toString()),
                Duration.ofSeconds(180));
        if (ingest.exitCode() != 0) {
            notes.add("bulletin ingest of the 3 MB file exited " + ingest.exitCode());
        }
        String marker = "sha256:" + Generator.sha256(big);
        String prefix = "s5b-ok-";
        List<Generator.Item> items = Generator.releases(prefix, 30);
        try (Feed feed = Feed.start(env.bootstrap(), env.topics(), items, 100)) {
            feed.await(300);
        }
        long before = System.nanoTime();
        boolean complete = checker.awaitComplete(prefix, items, Duration.ofSeconds(60));
        long recovery = (System.nanoTime() - before) / 1_000_000;
        Map<String, String> dlq = checker.deadLetters(marker, file.getFileName().toString());
        long missing = dlq.values().stream().anyMatch(v -> !v.isBlank()) ? 0 : 1;
        if (missing > 0) {
            notes.add("the 3 MB pill is NOT in the DLQ");
        }
        long failures = countLines(env.enrich().log(), "RecordTooLargeException");
        if (failures > 0) {
            notes.add("enrich log: " + failures + " RecordTooLargeException lines (dead letter larger than the"
                    + " producer's max.request.size)");
        }
        if (env.enrich().pid() != enrichPid || !env.enrich().isAlive()) {
            notes.add("enrich had to be restarted after bad input");
            missing++;
        }
        Checker.Counts c = checker.count(prefix, items);
        if (!complete) {
            notes.add(c.missingRows() + " good records behind the pill not stored after 60 s");
        }
        return new Row(
                name,
                complete && missing == 0 && clean(c) ? "PASS" : "FAIL",
                c.expected(),
                c.stored(),
                c.lost(),
                c.duplicateRows(),
                c.duplicateNotifications(),
                dlq.size(),
                missing,
                complete ? recovery + " ms (good records)" : "not recovered",
                String.join("; ", notes));
    }

    private static long countLines(Path log, String text) {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private static byte[] withInvalidSequences(byte[] text) {
        byte[] bad = {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xFF, (byte) 0xFE, (byte) 0xE2, (byte) 0x82};
        byte[] out = new byte[text.length + bad.length * 3];
        int third = text.length / 3;
        int o = 0;
        for (int part = 0; part < 3; part++) {
            int from = part * third;
            int to = part == 2 ? text.length : from + third;
            System.arraycopy(text, from, out, o, to - from);
            o += to - from;
            System.arraycopy(bad, 0, out, o, bad.length);
            o += bad.length;
        }
        return java.util.Arrays.copyOf(out, o);
    }

    private static byte[] tenMegabytes() {
        StringBuilder sb = new StringBuilder(10 * 1024 * 1024 + 1024);
        String para = Generator.text("s5-big-", 1);
        while (sb.length() < 10 * 1024 * 1024) {
            sb.append(para).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] raw(Topics topics, String contentType, String charset, byte[] body) {
        RawRelease r = Generator.raw("fault-poison", null, contentType, charset, body);
        return topics.rawSerde().serializer().serialize(topics.raw(), r);
    }

    // 6 ------------------------------------------------------------------------------------------------------------

    private Row incompatibleSchema(String name) throws Exception {
        List<String> notes = new ArrayList<>();
        // RawRelease with a new required field and no default: old records cannot be read with it (not BACKWARD).
        Schema bad = SchemaBuilder.record("RawRelease")
                .namespace("org.bulletin.schemas")
                .fields()
                .requiredString("sourceId")
                .requiredString("contentType")
                .requiredBytes("body")
                .requiredString("contentHash")
                .requiredInt("priority")
                .endRecord();
        GenericRecord rec = new GenericData.Record(bad);
        rec.put("sourceId", "rogue");
        rec.put("contentType", "text/plain");
        rec.put("body", java.nio.ByteBuffer.wrap("rogue".getBytes(StandardCharsets.UTF_8)));
        rec.put("contentHash", "00");
        rec.put("priority", 1);
        long refused = 0;
        try (GenericAvroSerde serde = new GenericAvroSerde(env.topics().registry());
                KafkaProducer<String, byte[]> producer = Feed.producer(env.bootstrap())) {
            for (int i = 0; i < 3; i++) {
                try {
                    byte[] value = serde.serialize(env.topics().raw(), rec);
                    producer.send(new ProducerRecord<>(env.topics().raw(), "s6-rogue-" + i, value))
                            .get();
                    notes.add("record " + i + " with the incompatible schema was accepted");
                } catch (RuntimeException e) {
                    refused++;
                    if (i == 0) {
                        notes.add("registry refused: "
                                + String.valueOf(e.getMessage())
                                        .replace('\n', ' ')
                                        .substring(
                                                0,
                                                Math.min(
                                                        220,
                                                        String.valueOf(e.getMessage())
                                                                .length())));
                    }
                }
            }
        }
        long onTopic = checker.rawKeys("s6-rogue-").size();
        long stored = checker.storeRows("s6-").size();
        long dlq = checker.deadLetters("s6-").size();
        boolean pass = refused == 3 && onTopic == 0 && stored == 0 && dlq == 0;
        return new Row(
                name,
                pass ? "PASS" : "FAIL",
                0,
                stored,
                0,
                stored,
                0,
                dlq,
                0,
                "n/a",
                String.join("; ", notes) + "; refused " + refused + "/3, on raw topic " + onTopic);
    }

    // 7 ------------------------------------------------------------------------------------------------------------

    private Row threeSources(String name) throws Exception {
        String prefix = "s7-";
        int n = Math.max(5, options.releases() / 30);
        List<Generator.Item> items = new ArrayList<>();
        String[] sources = {"files", "push", "csto-feed"};
        for (int i = 0; i < n; i++) {
            byte[] body = Generator.text(prefix, i).getBytes(StandardCharsets.UTF_8);
            String group = prefix + i + "-" + sources[0];
            for (String source : sources) {
                String key = prefix + i + "-" + source;
                items.add(new Generator.Item(
                        key,
                        group,
                        Generator.raw(source, "https://" + source + ".example.org/" + i, "text/plain", "UTF-8", body)));
            }
        }
        try (Feed feed = Feed.start(env.bootstrap(), env.topics(), items, 50)) {
            feed.await(300);
        }
        long before = System.nanoTime();
        boolean complete = checker.awaitComplete(prefix, items, Duration.ofSeconds(180));
        long recovery = (System.nanoTime() - before) / 1_000_000;
        Checker.Counts c = checker.count(prefix, items);
        Map<String, String> rows = checker.storeRows(prefix);
        long duplicatesMarked = rows.values().stream().filter(v -> !v.isEmpty()).count();
        long notes = checker.notifications(prefix).size();
        boolean pass = complete && clean(c) && duplicatesMarked == 2L * n && notes == n;
        return new Row(
                name,
                pass ? "PASS" : "FAIL",
                c.expected(),
                c.stored(),
                c.lost(),
                c.duplicateRows(),
                c.duplicateNotifications(),
                checker.deadLetters(prefix).size(),
                0,
                recovery + " ms (to complete)",
                n + " releases x3: " + (rows.size() - duplicatesMarked) + " originals + " + duplicatesMarked
                        + " duplicates stored, " + notes + " notifications");
    }

    // 8 ------------------------------------------------------------------------------------------------------------

    private Row replayWhileLive(String name) throws Exception {
        FaultEnvironment.Result help =
                env.runToCompletion("replay-help", List.of("replay", "--help"), Duration.ofSeconds(60));
        if (help.exitCode() != 0 || !help.output().contains("--from")) {
            return new Row(name, "NOT RUN", 0, 0, 0, 0, 0, 0, 0, "-", "not run: replay command missing");
        }
        String prefix = "s8-";
        List<Generator.Item> history = Generator.releases(prefix + "h-", options.releases() / 2);
        Instant from = Instant.now().minusSeconds(1);
        try (Feed feed = Feed.start(env.bootstrap(), env.topics(), history, 200)) {
            feed.await(300);
        }
        checker.awaitComplete(prefix + "h-", history, Duration.ofSeconds(180));
        List<Generator.Item> live = Generator.releases(prefix + "l-", options.releases() / 2);
        List<String> notes = new ArrayList<>();
        FaultEnvironment.Result replay;
        try (Feed feed = Feed.start(env.bootstrap(), env.topics(), live, rate(20))) {
            Thread.sleep(2_000);
            replay = env.runToCompletion(
                    "replay",
                    List.of(
                            "replay",
                            "--bootstrap",
                            env.bootstrap(),
                            "--registry",
                            env.registryUrl(),
                            "--from",
                            from.toString(),
                            "--api",
                            "http://127.0.0.1:" + env.apiPort(),
                            "--wait"),
                    Duration.ofSeconds(300));
            feed.await(300);
        }
        if (replay.exitCode() != 0) {
            notes.add("bulletin replay exited " + replay.exitCode() + ": "
                    + replay.output()
                            .substring(Math.max(0, replay.output().length() - 300))
                            .replace('\n', ' '));
        }
        List<Generator.Item> all = new ArrayList<>(history);
        all.addAll(live);
        long before = System.nanoTime();
        boolean complete = checker.awaitComplete(prefix, all, Duration.ofSeconds(180));
        long recovery = (System.nanoTime() - before) / 1_000_000;
        Checker.Counts c = checker.count(prefix, all);
        return new Row(
                name,
                complete && clean(c) && replay.exitCode() == 0 ? "PASS" : "FAIL",
                c.expected(),
                c.stored(),
                c.lost(),
                c.duplicateRows(),
                c.duplicateNotifications(),
                checker.deadLetters(prefix).size(),
                0,
                recovery + " ms (to complete)",
                String.join("; ", notes));
    }

    // helpers ------------------------------------------------------------------------------------------------------

    /** Records per second so the feed lasts about {@code seconds}. */
    private double rate(int seconds) {
        return Math.max(5.0, options.releases() / (double) Math.max(1, seconds));
    }

    /**
     * Time to recover after a fault ended: until every record the broker had acked by then is in the store (the
     * pipeline has caught up with what was in flight when the fault hit).
     */
    private long recovery(List<String> ackedAtFaultEnd, List<String> notes) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (checker.storedAmong(ackedAtFaultEnd) >= ackedAtFaultEnd.size()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(250);
        }
        notes.add("did not catch up within 240 s after a fault");
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void restartIfDead(StageProcess stage, List<String> notes) throws Exception {
        if (!stage.isAlive()) {
            notes.add(stage.name() + " had exited on its own (restarted); see " + stage.log());
            stage.start();
        }
    }

    private void stagesSurvived(List<String> notes) throws Exception {
        restartIfDead(env.enrich(), notes);
        restartIfDead(env.publish(), notes);
    }

    static boolean clean(Checker.Counts c) {
        return c.lost() == 0 && c.duplicateRows() == 0 && c.duplicateNotifications() == 0;
    }

    private Row finish(
            String name,
            String prefix,
            List<Generator.Item> items,
            List<Long> recoveries,
            List<String> notes,
            long dlqExpected,
            long poisonMissing)
            throws Exception {
        boolean complete = checker.awaitComplete(prefix, items, Duration.ofSeconds(240));
        if (!complete) {
            notes.add("incomplete after 240 s");
        }
        Checker.Counts c = checker.count(prefix, items);
        long dlq = checker.deadLetters(prefix).size();
        if (c.missingRows() > 0 || c.missingNotifications() > 0) {
            notes.add(c.missingRows() + " rows missing, " + c.missingNotifications() + " groups without notification");
        }
        String recovery = recoveries.isEmpty()
                ? "-"
                : String.format(
                        Locale.ROOT,
                        "%.1f s (%s)",
                        recoveries.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0,
                        String.join(
                                ",",
                                recoveries.stream()
                                        .map(r -> String.format(Locale.ROOT, "%.1f", r / 1000.0))
                                        .toList()));
        boolean pass =
                complete && clean(c) && dlq == dlqExpected && notes.stream().noneMatch(n -> n.contains("on its own"));
        return new Row(
                name,
                pass ? "PASS" : "FAIL",
                c.expected(),
                c.stored(),
                c.lost(),
                c.duplicateRows(),
                c.duplicateNotifications(),
                dlq,
                poisonMissing,
                recovery,
                String.join("; ", notes));
    }
}
