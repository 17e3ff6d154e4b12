package org.bulletin.app.access;

import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.publish.PublishConfig;
import org.bulletin.schemas.Topics;

/**
 * The Kafka permissions each stage needs, and nothing more: what the start-up check verifies and what
 * docs/security.md lists as ACLs (a test keeps the two equal, another that enrich's list matches its topology).
 */
public final class StagePermissions {

    private StagePermissions() {}

    /** Ingest writes raw releases and the bodies it rejects. */
    public static List<KafkaPermission> ingest(Topics topics) {
        return List.of(
                KafkaPermission.topic(topics.raw(), WRITE, "raw releases"),
                KafkaPermission.topic(topics.dlq(), WRITE, "bodies ingest rejects"));
    }

    /**
     * Enrich (Kafka Streams) reads raw, replay and its signature index, writes its outputs, and owns everything named
     * after its application id: the consumer group, internal topics and (exactly-once) transactional ids.
     */
    public static List<KafkaPermission> enrich(EnrichConfig config, Topics topics) {
        String appId = config.applicationId();
        List<KafkaPermission> out = new ArrayList<>();
        out.add(KafkaPermission.topic(topics.raw(), READ, "input"));
        out.add(KafkaPermission.topic(topics.replay(), READ, "input: replayed raw releases"));
        out.add(KafkaPermission.topic(topics.signatures(), READ, "near-duplicate index, read into a global store"));
        out.add(KafkaPermission.topic(topics.enriched(), WRITE, "every enriched release"));
        Topics.REGIONS.forEach(r -> out.add(KafkaPermission.topic(topics.byRegion(r), WRITE, "routed by region")));
        Topics.TOPICS.forEach(t -> out.add(KafkaPermission.topic(topics.byTopic(t), WRITE, "routed by topic")));
        out.add(KafkaPermission.topic(topics.signatures(), WRITE, "near-duplicate index"));
        out.add(KafkaPermission.topic(topics.stories(), WRITE, "stories"));
        out.add(KafkaPermission.topic(topics.dlq(), WRITE, "dead letters"));
        out.add(KafkaPermission.group(appId, READ, "Kafka Streams consumer group (application id)"));
        out.add(KafkaPermission.topicsPrefixed(
                appId + "-", ALL, "Kafka Streams internal topics: create, read, write, purge repartition topics"));
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(config.processingGuarantee())) {
            out.add(KafkaPermission.transactionalIdsPrefixed(
                    appId + "-", WRITE, "exactly-once: one transactional producer per stream thread"));
        }
        return List.copyOf(out);
    }

    /**
     * Publish reads enriched into the store and relays notifications with a transactional producer that commits its
     * position as an offset of its own group on the notifications topic (which needs READ there). With the push
     * endpoint on ({@code bulletin.ingest.push.token} set) it also writes what ingest writes.
     */
    public static List<KafkaPermission> publish(PublishConfig config, Topics topics, boolean pushEndpoint) {
        List<KafkaPermission> out = new ArrayList<>();
        out.add(KafkaPermission.topic(topics.enriched(), READ, "the sink's input"));
        out.add(KafkaPermission.group(
                config.groupId(), READ, "the sink's consumer group (its offsets live in the store)"));
        out.add(KafkaPermission.topic(topics.dlq(), WRITE, "records the sink rejects"));
        out.add(KafkaPermission.topic(topics.notifications(), WRITE, "the relay's notifications"));
        out.add(KafkaPermission.topic(
                topics.notifications(),
                READ,
                "the relay's position: a group offset on partition 0, committed in" + " its transaction"));
        out.add(KafkaPermission.transactionalId(config.transactionalId(), WRITE, "the relay's transactions"));
        out.add(KafkaPermission.group(config.transactionalId() + ".position", READ, "the relay's position group"));
        if (pushEndpoint) {
            for (KafkaPermission p : ingest(topics)) {
                out.add(new KafkaPermission(
                        p.resource(), p.name(), p.pattern(), p.operation(), "push endpoint: " + p.purpose()));
            }
        }
        return distinct(out);
    }

    /** The first of each (resource, name, pattern, operation): a stage that writes the DLQ twice needs it once. */
    private static List<KafkaPermission> distinct(List<KafkaPermission> permissions) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<KafkaPermission> out = new ArrayList<>();
        for (KafkaPermission p : permissions) {
            if (seen.add(p.resource() + "/" + p.pattern() + "/" + p.name() + "/" + p.operation())) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}
