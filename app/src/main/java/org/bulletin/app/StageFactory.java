package org.bulletin.app;

import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.bulletin.app.access.AccessCheck;
import org.bulletin.app.access.KafkaPermission;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.KafkaPipelineView;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.Ingestor;
import org.bulletin.ingest.PushHandler;
import org.bulletin.ingest.RawPublisher;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.publish.api.ApiServer;
import org.bulletin.publish.console.StageStates;
import org.bulletin.schemas.Topics;

/**
 * Builds the stages the same way for {@code run} and the stage commands, so the Kafka client overrides
 * ({@code KAFKA_*} / {@code kafka.*}) reach every client of every stage.
 */
final class StageFactory {

    private StageFactory() {}

    /**
     * The start-up check of a stage's Kafka permissions, with the stage's own client settings: throws a
     * {@link org.bulletin.app.access.KafkaAccessDeniedException} naming what is missing before the stage starts.
     */
    static void checkAccess(String stage, Settings settings, String bootstrap, List<KafkaPermission> needs) {
        AccessCheck.verify(stage, bootstrap, settings.kafka(), needs);
    }

    static Ingestor ingestor(Settings settings, Topics topics, String bootstrap) {
        IngestConfig config = new IngestConfig(settings.bulletin());
        RawPublisher publisher = new RawPublisher(
                KafkaClients.config(bootstrap, settings.kafka()),
                topics.rawSerde().serializer(),
                topics.raw(),
                topics.dlq(),
                config.maxBodyBytes());
        return new Ingestor(config, publisher);
    }

    /** Starts the publish stage; its clients get the Kafka overrides, then {@code bulletin.publish.kafka.*}. */
    static Publisher publisher(Settings settings, Topics topics, String bootstrap) {
        return Publisher.start(new PublishConfig(settings.bulletin()), topics, bootstrap, settings.kafka());
    }

    /**
     * Starts the console's view of the pipeline (#18) for the API this process serves: it samples every stage's flow
     * from Kafka and reads publish's health and meters here.
     *
     * @param ingestState what this process knows of ingest, or null when ingest runs in another process
     */
    static KafkaPipelineView pipelineView(
            Settings settings,
            Topics topics,
            String bootstrap,
            Publisher publisher,
            Supplier<StageStates.Verdict> ingestState) {
        return KafkaPipelineView.start(
                new KafkaPipelineView.Config(
                        bootstrap,
                        settings.kafka(),
                        topics.raw(),
                        topics.replay(),
                        topics.enriched(),
                        topics.dlq(),
                        new EnrichConfig(settings.bulletin()).applicationId(),
                        Duration.ofSeconds(5)),
                publisher.health(),
                publisher.meterRegistry(),
                ingestState);
    }

    /** Serves the console with {@code view}; re-driving a dead letter takes the push endpoint's token (off without). */
    static ApiServer.Builder withConsole(ApiServer.Builder api, KafkaPipelineView view, Settings settings) {
        return api.pipeline(
                view, new IngestConfig(settings.bulletin()).pushToken().orElse(null));
    }

    /** Mounts {@code POST /v1/releases} (HTTP push); the handler answers 404 itself when no token is configured. */
    static ApiServer.Builder withPush(ApiServer.Builder api, PushHandler push) {
        return api.route(HandlerType.POST, "/v1/releases", ctx -> {
            PushHandler.Result result = push.handle(ctx.header("Authorization"), ctx.contentType(), ctx.bodyAsBytes());
            ctx.status(result.status()).contentType("application/json").result(result.toJson());
        });
    }
}
