package org.bulletin.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.bulletin.app.config.Settings;
import org.bulletin.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Creates Bulletin's topics and registers their schemas: the one-shot setup of a new cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create every Bulletin topic that is missing (raw: unlimited retention) and register the",
            "value schemas of every topic with BACKWARD_TRANSITIVE compatibility."})
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of new topics. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        Topics topics = Stages.topics(settings);
        List<String> created = TopicSetup.ensure(bootstrap, topics, partitions);
        topics.registerAll();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d topics expected, %d created%n", TopicSetup.expected(topics).size(), created.size());
        created.forEach(name -> out.println("  created " + name));
        out.println("schemas registered at " + topics.registry().url());
        out.flush();
        return 0;
    }
}
