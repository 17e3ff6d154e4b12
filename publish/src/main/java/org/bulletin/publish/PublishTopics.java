package org.bulletin.publish;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Topics;

/**
 * The topics and serdes the publish stage uses, handed in by the caller (the app builds them from the schemas
 * module's topic catalogue and registry-backed serdes, tests from an in-memory registry).
 *
 * @param enriched              input topic of enriched releases (bulletin.enriched.v1)
 * @param releaseDeserializer   reads its values; a throw sends the record to the DLQ
 * @param notifications         output topic of notifications (bulletin.notifications.v1)
 * @param notificationSerializer writes its values
 * @param dlq                   dead-letter topic (bulletin.dlq.v1)
 */
public record PublishTopics(
        String enriched,
        Deserializer<Release> releaseDeserializer,
        String notifications,
        Serializer<Notification> notificationSerializer,
        String dlq) {

    public static final String ENRICHED = "bulletin.enriched.v1";
    public static final String NOTIFICATIONS = "bulletin.notifications.v1";
    public static final String DLQ = "bulletin.dlq.v1";

    public PublishTopics {
        Objects.requireNonNull(enriched, "enriched");
        Objects.requireNonNull(releaseDeserializer, "releaseDeserializer");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(notificationSerializer, "notificationSerializer");
        Objects.requireNonNull(dlq, "dlq");
    }

    /** Names and registry-backed serdes from the schemas module's topic catalogue. */
    public static PublishTopics from(Topics topics) {
        return new PublishTopics(
                topics.enriched(),
                topics.releaseSerde().deserializer(),
                topics.notifications(),
                topics.notificationSerde().serializer(),
                topics.dlq());
    }

    /** The default topic names with the given serdes. */
    public static PublishTopics defaults(
            Deserializer<Release> releaseDeserializer, Serializer<Notification> notificationSerializer) {
        return new PublishTopics(ENRICHED, releaseDeserializer, NOTIFICATIONS, notificationSerializer, DLQ);
    }
}
