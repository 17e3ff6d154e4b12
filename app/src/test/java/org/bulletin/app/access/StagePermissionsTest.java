package org.bulletin.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.TopologyDescription;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.enrich.EnrichTopology;
import org.bulletin.publish.PublishConfig;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What each stage is said to need matches what it does: enrich's topics are its topology's sources and sinks. */
@Tag("issue-19")
class StagePermissionsTest {

    private final Topics topics = Topics.defaults(new InMemorySchemaRegistry());

    @Test
    void shouldReadEveryTopicEnrichsTopologyReadsAndWriteEveryTopicItWrites() {
        TopologyDescription description =
                EnrichTopology.build(new EnrichConfig(Map.of()), topics).describe();
        Set<String> catalogue = Set.copyOf(topics.allNames());
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        description.globalStores().forEach(g -> sources.addAll(g.source().topicSet()));
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    sources.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    sinks.add(sink.topic());
                }
            }
        }
        // Names outside the catalogue are Streams' internal topics, covered by the application-id prefix.
        sources.retainAll(catalogue);
        sinks.retainAll(catalogue);

        var enrich = StagePermissions.enrich(new EnrichConfig(Map.of()), topics);
        assertThat(topicsWith(enrich, AclOperation.READ)).isEqualTo(sources);
        assertThat(topicsWith(enrich, AclOperation.WRITE)).isEqualTo(sinks);
    }

    @Test
    void shouldGiveEnrichEverythingNamedAfterItsApplicationId() {
        var enrich =
                StagePermissions.enrich(new EnrichConfig(Map.of(EnrichConfig.APPLICATION_ID, "news-enrich")), topics);

        assertThat(enrich)
                .extracting(KafkaPermission::describe)
                .contains(
                        "READ group news-enrich",
                        "ALL topics prefixed 'news-enrich-'",
                        "WRITE transactional ids prefixed 'news-enrich-'");
    }

    @Test
    void shouldNeedNoTransactionalIdsForEnrichAtLeastOnce() {
        var enrich = StagePermissions.enrich(
                new EnrichConfig(Map.of("bulletin.enrich.processing.guarantee", "at_least_once")), topics);

        assertThat(enrich).noneMatch(p -> p.resource() == ResourceType.TRANSACTIONAL_ID);
    }

    @Test
    void shouldGivePublishItsGroupsTransactionalIdAndReadOnNotificationsForTheRelayPosition() {
        var publish = StagePermissions.publish(new PublishConfig(Map.of()), topics, false);

        assertThat(publish)
                .extracting(KafkaPermission::describe)
                .containsExactly(
                        "READ topic bulletin.enriched.v1",
                        "READ group bulletin-publish",
                        "WRITE topic bulletin.dlq.v1",
                        "WRITE topic bulletin.notifications.v1",
                        "READ topic bulletin.notifications.v1",
                        "WRITE transactional id bulletin-publish-relay",
                        "READ group bulletin-publish-relay.position");
    }

    @Test
    void shouldAddIngestsWritesToPublishOnlyWithThePushEndpointAndOnceEach() {
        var publish = StagePermissions.publish(new PublishConfig(Map.of()), topics, true);

        assertThat(publish)
                .extracting(KafkaPermission::describe)
                .contains("WRITE topic bulletin.raw.v1")
                .doesNotHaveDuplicates();
        assertThat(StagePermissions.ingest(topics))
                .extracting(KafkaPermission::describe)
                .containsExactly("WRITE topic bulletin.raw.v1", "WRITE topic bulletin.dlq.v1");
    }

    private static Set<String> topicsWith(java.util.List<KafkaPermission> permissions, AclOperation op) {
        return permissions.stream()
                .filter(p ->
                        p.resource() == ResourceType.TOPIC && p.pattern() == PatternType.LITERAL && p.operation() == op)
                .map(KafkaPermission::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
