package org.bulletin.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.Exporter;
import org.bulletin.app.ops.StoreView;
import org.bulletin.app.ops.Times;
import org.bulletin.ingest.Progress;
import org.bulletin.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Backfills a new downstream subscriber's topic from the store. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        header = "Backfill a downstream topic with one notification per stored release.",
        description = {
            "Backfill a downstream topic from the store: one Notification record (the value schema of",
            "bulletin.notifications.v1, registered under <topic>-value) per stored original release, keyed by",
            "release id, replay=true. Notifications, not full Release records: the store keeps rows, and the",
            "notification is the contract subscribers already read; fetch details from GET /v1/releases/{id}.",
            "Reads the store over --store (PostgreSQL, or an H2 file no process holds open) or, without it, over",
            "the publish HTTP API (--api), which is how to read 'bulletin run''s embedded store while it runs."
        })
final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Option(names = "--to-topic", required = true, paramLabel = "TOPIC", description = "Topic to write (must exist).")
    String toTopic;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description =
                    "Only releases dated (published, else stored) on or after this day: 2025-03-14, or an age: 30d.")
    String from;

    @Option(names = "--region", split = ",", paramLabel = "ID", description = "Only these regions (repeatable).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--topic", split = ",", paramLabel = "ID", description = "Only these topics (repeatable).")
    List<String> topicIds = new ArrayList<>();

    @Option(
            names = "--api",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8080",
            description = "Publish HTTP API to read when no --store is given. Default: ${DEFAULT-VALUE}.")
    String api;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        Topics topics = CommandSupport.topics(settings);
        regions.forEach(r -> topics.byRegion(r)); // fails fast on an unknown id, naming the known ones
        topicIds.forEach(t -> topics.byTopic(t));
        LocalDate since = from == null
                ? null
                : Times.parse(from, Instant.now()).atOffset(ZoneOffset.UTC).toLocalDate();
        long sent;
        try (StoreView store = CommandSupport.storeView(settings, api);
                Progress progress = Progress.create("export", -1, Duration.ofSeconds(5))) {
            sent = new Exporter(
                            store,
                            bootstrap,
                            settings.kafka(),
                            topics.notificationSerde().serializer())
                    .export(toTopic, since, regions, topicIds, progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Exported %d notification(s) to %s.%n", sent, toTopic);
        out.flush();
        return 0;
    }
}
