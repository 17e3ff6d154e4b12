package org.bulletin.publish.it;

import java.util.Map;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishTopics;
import org.bulletin.publish.Publisher;
import org.bulletin.schemas.Notification;
import org.bulletin.schemas.Release;

/** A publisher process for PublisherCrashIT to kill -9: args bootstrap, jdbc url, user. Runs until killed. */
public final class CrashablePublisherMain {

    private CrashablePublisherMain() {}

    public static void main(String[] args) throws InterruptedException {
        PublishConfig config = new PublishConfig(Map.of(
                PublishConfig.STORE_URL,
                args[1],
                PublishConfig.STORE_USER,
                args[2],
                PublishConfig.BATCH_SIZE,
                "50",
                PublishConfig.RELAY_BATCH_SIZE,
                "40",
                PublishConfig.TRANSACTIONAL_ID,
                "crash-relay",
                PublishConfig.GROUP_ID,
                "crash-sink",
                // A killed member holds its partitions until its session times out: keep that wait short.
                PublishConfig.KAFKA_PREFIX + "session.timeout.ms",
                "6000",
                PublishConfig.KAFKA_PREFIX + "heartbeat.interval.ms",
                "1000"));
        PublishTopics topics =
                PublishTopics.defaults(PlainAvro.deserializer(Release.class), PlainAvro.serializer(Notification.class));
        Publisher.start(config, topics, args[0], Map.of());
        Thread.sleep(Long.MAX_VALUE);
    }
}
