package org.bulletin.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.Tables;
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
            "Creates every Bulletin topic that is missing (raw: unlimited retention) and registers the",
            "value schemas of every topic with BACKWARD_TRANSITIVE compatibility; then compare every topic with its",
            "expected configuration (partitions, retention, cleanup policy, min.insync.replicas) and print what",
            "differs. --check only compares (creates and registers nothing) and exits 1 when anything differs."
        })
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of new topics (and the expected count). Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--check", description = "Verify only: create nothing, exit 1 when a topic is missing or differs.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        Topics topics = CommandSupport.topics(settings);
        PrintWriter out = spec.commandLine().getOut();
        if (!check) {
            List<String> created = TopicSetup.ensure(bootstrap, settings.kafka(), topics, partitions);
            topics.registerAll();
            out.printf(
                    "%d topics expected, %d created%n",
                    TopicSetup.expected(topics).size(), created.size());
            created.forEach(name -> out.println("  created " + name));
            out.println("schemas registered at " + topics.registry().url());
        }
        List<TopicSetup.Difference> differences = TopicSetup.verify(bootstrap, settings.kafka(), topics, partitions);
        if (differences.isEmpty()) {
            out.printf(
                    "All %d topics match their expected configuration.%n",
                    TopicSetup.expected(topics).size());
            out.flush();
            return 0;
        }
        out.printf("%d difference(s) from the expected configuration:%n", differences.size());
        List<List<String>> rows = new ArrayList<>();
        differences.forEach(d ->
                rows.add(List.of(d.topic(), d.setting(), d.expected(), d.actual() == null ? "(missing)" : d.actual())));
        Tables.print(out, List.of("topic", "setting", "expected", "actual"), rows);
        out.flush();
        return check ? 1 : 0;
    }
}
