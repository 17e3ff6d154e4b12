package org.bulletin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.TopicConfig;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.Tables;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Creates Bulletin's topics and registers their schemas, and verifies existing topics against their expected config. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = {
            "Create or verify every topic and register the schemas (one-shot cluster setup).",
            "Creates every Bulletin topic that is missing (raw: unlimited retention) with the replication factor and",
            "min.insync.replicas asked (defaults from the brokers the cluster has: 1 and 1 on one broker, 2 and 1 on",
            "two, 3 and 2 from three up) and registers the value schemas of every topic with BACKWARD_TRANSITIVE",
            "compatibility; then compare every topic with its expected configuration (partitions, retention, cleanup",
            "policy) and report any topic replicated less than asked: Bulletin's topics, enrich's internal topics",
            "(changelogs, repartition) and Kafka's offsets and transaction topics. --check only compares (creates",
            "and registers nothing) and exits 1 when anything differs. A replication factor above the number of",
            "brokers fails (exit 2) before anything is created."
        })
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of new topics (and the expected count). Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            description = "Copies of each partition of new topics, and the least expected of existing ones."
                    + " Default: 3 from three brokers up, else the broker count.")
    Integer replicationFactor;

    @Option(
            names = "--min-insync-replicas",
            paramLabel = "N",
            description = "Copies that must hold a record before an acks=all write is acknowledged (new topics),"
                    + " and the least expected of existing ones. Default: 2 from replication factor 3 up, else 1.")
    Integer minInsyncReplicas;

    @Option(names = "--check", description = "Verify only: create nothing, exit 1 when a topic is missing or differs.")
    boolean check;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Spec
    CommandSpec spec;

    /** What the command did and found, as {@code --format json} prints it. */
    record Report(
            int brokers,
            int replicationFactor,
            int minInsyncReplicas,
            int expectedTopics,
            List<String> created,
            String registry,
            List<TopicSetup.Difference> differences) {}

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json, got '" + format + "'");
        }
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        Topics topics = CommandSupport.topics(settings);
        String enrichApplicationId = new EnrichConfig(settings.bulletin()).applicationId();
        int brokers = TopicSetup.brokers(bootstrap, settings.kafka());
        TopicSetup.Replication replication =
                TopicSetup.Replication.of(replicationFactor, minInsyncReplicas, brokers, bootstrap);
        List<String> created = List.of();
        String registry = null;
        if (!check) {
            created = TopicSetup.ensure(bootstrap, settings.kafka(), topics, partitions, replication);
            topics.registerAll();
            registry = topics.registry().url();
        }
        List<TopicSetup.Difference> differences =
                TopicSetup.verify(bootstrap, settings.kafka(), topics, partitions, replication, enrichApplicationId);
        int expected = TopicSetup.expected(topics).size();
        Report report = new Report(
                brokers,
                replication.factor(),
                replication.minInsyncReplicas(),
                expected,
                created,
                registry,
                differences);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report));
        } else {
            printText(out, report, check);
        }
        out.flush();
        return check && !differences.isEmpty() ? 1 : 0;
    }

    private static void printText(PrintWriter out, Report report, boolean check) {
        out.printf(
                "%d brokers; replication factor %d, min.insync.replicas %d%n",
                report.brokers(), report.replicationFactor(), report.minInsyncReplicas());
        if (!check) {
            out.printf(
                    "%d topics expected, %d created%n",
                    report.expectedTopics(), report.created().size());
            report.created().forEach(name -> out.println("  created " + name));
            out.println("schemas registered at " + report.registry());
        }
        List<TopicSetup.Difference> differences = report.differences();
        if (differences.isEmpty()) {
            out.printf("All %d topics match their expected configuration.%n", report.expectedTopics());
            return;
        }
        out.printf("%d difference(s) from the expected configuration:%n", differences.size());
        List<List<String>> rows = new ArrayList<>();
        differences.forEach(d ->
                rows.add(List.of(d.topic(), d.setting(), d.expected(), d.actual() == null ? "(missing)" : d.actual())));
        Tables.print(out, List.of("topic", "setting", "expected", "actual"), rows);
        Map<String, String> advice = new LinkedHashMap<>();
        for (TopicSetup.Difference d : differences) {
            if (d.setting().equals(TopicSetup.REPLICATION_FACTOR)) {
                advice.putIfAbsent(
                        d.setting(),
                        "A topic with fewer replicas than asked loses acknowledged records, or stops, when a broker"
                                + " holding them is lost: raise its factor with kafka-reassign-partitions (or recreate"
                                + " it). Kafka Streams creates enrich's internal topics with the brokers'"
                                + " default.replication.factor unless KAFKA_REPLICATION_FACTOR says otherwise.");
            } else if (d.setting().equals(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)) {
                advice.putIfAbsent(
                        d.setting(),
                        "Set min.insync.replicas with kafka-configs --alter --entity-type topics --entity-name <topic>"
                                + " --add-config min.insync.replicas=" + report.minInsyncReplicas()
                                + " (at most the topic's replication factor).");
            }
        }
        advice.values().forEach(out::println);
    }
}
