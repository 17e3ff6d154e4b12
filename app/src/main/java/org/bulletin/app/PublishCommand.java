package org.bulletin.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.bulletin.app.access.StagePermissions;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.KafkaPipelineView;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.Ingestor;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.publish.api.ApiServer;
import org.bulletin.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs publish alone: the exactly-once store sink, the notification relay and the HTTP API (with the push endpoint). */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Run publish alone: store releases exactly once, notify, serve the HTTP API.",
            "Stores enriched releases exactly once, relays one notification per stored release, and serves",
            "the HTTP API (GET /v1/releases, /v1/releases/{id}, /v1/stats, /health, /metrics, /openapi.json;",
            "POST /v1/releases when bulletin.ingest.push.token is set) and the web console at /."
        })
final class PublishCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        Topics topics = CommandSupport.topics(settings);
        boolean pushEndpoint = new IngestConfig(settings.bulletin()).pushToken().isPresent();
        StageFactory.checkAccess(
                "publish",
                settings,
                bootstrap,
                StagePermissions.publish(new PublishConfig(settings.bulletin()), topics, pushEndpoint));
        Publisher publisher = StageFactory.publisher(settings, topics, bootstrap);
        Ingestor push = StageFactory.ingestor(settings, topics, bootstrap);
        // Ingest runs in its own process (the push endpoint's ingestor here is not it): the console sees its writes.
        KafkaPipelineView pipeline = StageFactory.pipelineView(settings, topics, bootstrap, publisher, null);
        ApiServer api = StageFactory.withConsole(
                        StageFactory.withPush(
                                publisher.api().host(publisher.config().apiHost()), push.pushHandler()),
                        pipeline,
                        settings)
                .build()
                .start(publisher.config().apiPort());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "publish: %s -> store -> %s; HTTP API on port %d%n",
                topics.enriched(), topics.notifications(), api.port());
        out.flush();
        boolean clean = CommandSupport.awaitShutdown(
                () -> {
                    api.close();
                    pipeline.close();
                    push.close();
                    publisher.close();
                },
                publisher.failure());
        if (!clean) {
            spec.commandLine()
                    .getErr()
                    .println("publish stopped: " + publisher.failure().join());
            return 1;
        }
        return 0;
    }
}
