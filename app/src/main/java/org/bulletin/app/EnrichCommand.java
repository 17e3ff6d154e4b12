package org.bulletin.app;

import java.util.concurrent.Callable;
import org.bulletin.app.access.StagePermissions;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.Failures;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichService;
import org.bulletin.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs the enrich stage alone against external Kafka and registry (how docker-compose and production run it). */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        description = {
            "Run the enrich stage (Kafka Streams) alone: raw -> enriched, routed and DLQ topics.",
            "Scale out by starting more instances with the same bulletin.enrich.application.id."
        })
final class EnrichCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        Topics topics = CommandSupport.topics(settings);
        EnrichConfig config = new EnrichConfig(settings.bulletin());
        StageFactory.checkAccess("enrich", settings, bootstrap, StagePermissions.enrich(config, topics));
        EnrichService service = EnrichService.start(config, topics, bootstrap, settings.kafka());
        if (!CommandSupport.awaitShutdown(service, service.failure())) {
            Throwable failure = service.failure().join();
            spec.commandLine()
                    .getErr()
                    .println("bulletin: enrich stopped: " + Failures.describe(failure)
                            + (EnrichService.accessFailure(failure) == null
                                    ? ""
                                    : "; give its principal the ACLs docs/security.md lists for enrich"));
            return 1;
        }
        return 0;
    }
}
