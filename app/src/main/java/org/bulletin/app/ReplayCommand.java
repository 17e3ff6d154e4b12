package org.bulletin.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.DryRun;
import org.bulletin.app.ops.RawRange;
import org.bulletin.app.ops.Replayer;
import org.bulletin.app.ops.StoreView;
import org.bulletin.app.ops.Times;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.Enricher;
import org.bulletin.ingest.Progress;
import org.bulletin.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reprocesses a time range of the raw log through the current parser and classifier, or previews what would change. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        header = "Reprocess a time range of the raw log with today's parser and classifier.",
        description = {
            "Reprocess a time range of the raw log with the parser and classifier enrich runs now, while",
            "the live pipeline keeps running. The range's raw records are copied unchanged to the replay topic",
            "(bulletin.replay.v1); enrich reads it next to the raw topic and marks those releases replay=true; the",
            "store replaces a row whose parser or classifier version differs (keeping the old labels in its history) and",
            "notifies it with replay=true (or not at all with bulletin.publish.replay.notifications=suppress).",
            "",
            "--dry-run runs the current rules in this process instead and reports, per region and per topic, the",
            "labels that would be added and removed, with a sample of changed releases and their evidence. It writes",
            "nothing. It reads stored labels over --store (PostgreSQL, or an H2 file no process holds open) or, when",
            "no store is given, over the HTTP API of the running publish stage (--api; 'bulletin run' holds its",
            "embedded H2 store open, so the API is how to read it)."
        })
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "TIME",
            description = "Start of the range (raw record time): 2025-03-14T10:00:00Z, 2025-03-14, or an age: 12h, 7d.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "End of the range (exclusive). Default: the end of the raw log now.")
    String to;

    @Option(names = "--source", paramLabel = "ID", description = "Only raw records of this source id.")
    String source;

    @Option(names = "--dry-run", description = "Reclassify locally and report what would change; write nothing.")
    boolean dryRun;

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "Dry-run report format: text or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(
            names = "--sample",
            defaultValue = "10",
            description = "Changed releases shown in the dry-run report. Default: ${DEFAULT-VALUE}.")
    int sample;

    @Option(
            names = "--api",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:8080",
            description =
                    "Publish HTTP API the dry run reads stored labels from when no --store is given. Default: ${DEFAULT-VALUE}.")
    String api;

    @Option(names = "--wait", description = "After copying, wait until enrich has processed every copied record.")
    boolean await;

    @Option(
            names = "--wait-timeout",
            defaultValue = "PT10M",
            description = "How long --wait waits. Default: ${DEFAULT-VALUE}.")
    Duration waitTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or json");
        }
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        Topics topics = CommandSupport.topics(settings);
        Instant now = Instant.now();
        Instant start = Times.parse(from, now);
        Instant end = to == null ? null : Times.parse(to, now);
        if (end != null && !end.isAfter(start)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--to must be after --from");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Replayer replayer = new Replayer(bootstrap, settings.kafka(), topics.replay());
        RawRange range = RawRange.of(replayer.consumerProperties(), topics.raw(), start, end);
        err.printf(
                "Raw range %s .. %s: %d offsets on %d partitions%n",
                start, end == null ? "now" : end, range.size(), range.bounds().size());
        err.flush();
        EnrichConfig enrichConfig = new EnrichConfig(settings.bulletin());
        if (dryRun) {
            Enricher enricher = enrichConfig.rulesDir().isBlank()
                    ? Enricher.fromClasspath()
                    : Enricher.fromDirectory(Path.of(enrichConfig.rulesDir()));
            try (StoreView store = CommandSupport.storeView(settings, api);
                    Progress progress = Progress.create("dry run", range.size(), Duration.ofSeconds(5))) {
                DryRun.Report report = new DryRun(enricher, topics.rawSerde().deserializer(), store, source, sample)
                        .run(range, replayer.consumerProperties(), progress);
                if (format.equals("json")) {
                    DryRun.printJson(report, out);
                } else {
                    DryRun.printText(report, out);
                }
            }
            return 0;
        }
        int partitions = range.bounds().size();
        TopicSetup.ensure(bootstrap, settings.kafka(), topics, partitions);
        Replayer.Result result;
        try (Progress progress = Progress.create("replay", range.size(), Duration.ofSeconds(5))) {
            result = replayer.copy(range, source, topics.rawSerde().deserializer(), progress);
        }
        out.printf(
                "Copied %d of %d raw records to %s%s.%n",
                result.copied(),
                result.scanned(),
                topics.replay(),
                source == null
                        ? ""
                        : " (source " + source + "; " + result.skippedBySource() + " of other sources, "
                                + result.undecodable() + " undecodable)");
        if (await) {
            boolean done = replayer.awaitEnriched(bootstrap, enrichConfig.applicationId(), waitTimeout);
            out.println(
                    done
                            ? "Enrich has processed the replayed records; the store follows within seconds."
                            : "Enrich has not caught up within " + waitTimeout + "; see 'bulletin status'.");
            out.flush();
            return done ? 0 : 1;
        }
        out.println("Enrich processes them next to live records; follow with 'bulletin status'.");
        out.flush();
        return 0;
    }
}
