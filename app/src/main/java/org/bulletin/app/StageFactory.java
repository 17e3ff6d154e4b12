package org.bulletin.app;

import io.javalin.http.HandlerType;
import org.bulletin.app.config.KafkaClients;
import org.bulletin.app.config.Settings;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.Ingestor;
import org.bulletin.ingest.PushHandler;
import org.bulletin.ingest.RawPublisher;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.Publisher;
import org.bulletin.publish.api.ApiServer;
import org.bulletin.schemas.Topics;

/**
 * Builds the stages the same way for {@code run} and the stage commands, so the Kafka client overrides
 * ({@code KAFKA_*} / {@code kafka.*}) reach every client of every stage.
 */
final class StageFactory {

    private StageFactory() {}

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

    /** Mounts {@code POST /v1/releases} (HTTP push); the handler answers 404 itself when no token is configured. */
    static ApiServer.Builder withPush(ApiServer.Builder api, PushHandler push) {
        return api.route(HandlerType.POST, "/v1/releases", ctx -> {
            PushHandler.Result result = push.handle(ctx.header("Authorization"), ctx.contentType(), ctx.bodyAsBytes());
            ctx.status(result.status()).contentType("application/json").result(result.toJson());
        });
    }
}
