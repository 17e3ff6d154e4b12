package org.bulletin.app.k8s;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichTopology;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.PublishTopics;
import org.bulletin.schemas.Topics;

/**
 * The Kafka permissions each stage's principal needs, derived from the app with its default configuration: enrich's
 * from its topology's sources and sinks, the others from the clients their code creates (named at each rule). The
 * KafkaUser resources of deploy/k8s/strimzi must grant exactly these.
 */
final class StageAcls {

    /** One permission: an operation on a resource (topic, group, transactionalId) named literally or by prefix. */
    record Acl(String type, String name, String patternType, String operation) implements Comparable<Acl> {
        @Override
        public int compareTo(Acl o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return type + ":" + name + ("prefix".equals(patternType) ? "*" : "") + " " + operation;
        }
    }

    /** The KafkaUser of each stage (its Secret carries the stage's SASL login). */
    static final Map<String, String> USERS = Map.of(
            "topics",
            "bulletin-setup",
            "ingest",
            "bulletin-ingest",
            "enrich",
            "bulletin-enrich",
            "publish",
            "bulletin-publish");

    private StageAcls() {}

    /** KafkaUser name -> the permissions it needs; {@code managedTopics}: the topics {@code bulletin topics} creates. */
    static Map<String, Set<Acl>> expected(Topics topics, Set<String> managedTopics) {
        EnrichConfig enrich = new EnrichConfig(Map.of());
        PublishConfig publish = new PublishConfig(Map.of());
        Map<String, Set<Acl>> out = new LinkedHashMap<>();

        // bulletin topics: TopicSetup lists, creates, describes topics and their configs.
        Set<Acl> setup = new TreeSet<>();
        managedTopics.forEach(t -> add(setup, "topic", t, "literal", "Create", "Describe", "DescribeConfigs"));
        out.put(USERS.get("topics"), setup);

        // bulletin ingest: StageFactory.ingestor -> RawPublisher(raw, dlq), idempotent, no transactions.
        Set<Acl> ingest = new TreeSet<>();
        add(ingest, "topic", topics.raw(), "literal", "Write", "Describe");
        add(ingest, "topic", topics.dlq(), "literal", "Write", "Describe");
        out.put(USERS.get("ingest"), ingest);

        // bulletin enrich: what the topology reads and writes, internal topics by prefix, its group and transactions.
        Set<Acl> streams = new TreeSet<>();
        Set<String> catalogue = Set.copyOf(topics.allNames());
        TopologyDescription topology = EnrichTopology.build(enrich, topics).describe();
        for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().stream()
                            .filter(catalogue::contains)
                            .forEach(t -> add(streams, "topic", t, "literal", "Read", "Describe"));
                } else if (node instanceof TopologyDescription.Sink sink && catalogue.contains(sink.topic())) {
                    add(streams, "topic", sink.topic(), "literal", "Write", "Describe");
                }
            }
        }
        for (TopologyDescription.GlobalStore store : topology.globalStores()) {
            store.source().topicSet().forEach(t -> add(streams, "topic", t, "literal", "Read", "Describe"));
        }
        // EnrichService sets errors.dead.letter.queue.topic.name to the DLQ topic.
        add(streams, "topic", topics.dlq(), "literal", "Write", "Describe");
        String appId = enrich.applicationId();
        add(streams, "topic", appId + "-", "prefix", "All");
        add(streams, "group", appId, "literal", "Read");
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(enrich.processingGuarantee())) {
            add(streams, "transactionalId", appId + "-", "prefix", "Write", "Describe");
        }
        out.put(USERS.get("enrich"), streams);

        // bulletin publish (PublishCommand): the sink, the relay, the push endpoint and the console.
        Set<Acl> pub = new TreeSet<>();
        PublishTopics own = PublishTopics.from(topics);
        // PublishSink: consumer of enriched in group bulletin-publish; dead letters to the DLQ.
        add(pub, "topic", own.enriched(), "literal", "Read", "Describe");
        add(pub, "group", publish.groupId(), "literal", "Read");
        add(pub, "topic", own.dlq(), "literal", "Write", "Describe");
        // NotificationRelay: transactional producer; its position is a TxnOffsetCommit of group
        // <transactional.id>.position on notifications-0, which needs Read on that topic and group.
        add(pub, "topic", own.notifications(), "literal", "Read", "Write", "Describe");
        add(pub, "transactionalId", publish.transactionalId(), "literal", "Write", "Describe");
        add(pub, "group", publish.transactionalId() + ".position", "literal", "Read", "Describe");
        // StageFactory.withPush: POST /v1/releases writes raw releases and dead letters.
        add(pub, "topic", topics.raw(), "literal", "Write", "Describe");
        // KafkaPipelineView (the console): end offsets of raw and replay, enrich's group, the DLQ's records; a re-drive
        // writes a dead letter back to its origin: raw or replay (enrich's sources), enriched (publish's).
        add(pub, "topic", topics.replay(), "literal", "Write", "Describe");
        add(pub, "topic", topics.dlq(), "literal", "Read");
        add(pub, "topic", own.enriched(), "literal", "Write");
        add(pub, "group", appId, "literal", "Describe");
        out.put(USERS.get("publish"), pub);
        return out;
    }

    private static void add(Set<Acl> acls, String type, String name, String pattern, String... operations) {
        for (String op : operations) {
            acls.add(new Acl(type, name, pattern, op));
        }
    }
}
