package org.bulletin.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.bulletin.schemas.registry.SchemaRegistry;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldNameDefaultTopicsAfterTheContract() {
        Topics topics = Topics.defaults(registry);

        assertThat(topics.raw()).isEqualTo("bulletin.raw.v1");
        assertThat(topics.enriched()).isEqualTo("bulletin.enriched.v1");
        assertThat(topics.byRegion("central-asia")).isEqualTo("bulletin.by-region.central-asia.v1");
        assertThat(topics.byTopic("drug-trafficking")).isEqualTo("bulletin.by-topic.drug-trafficking.v1");
        assertThat(topics.notifications()).isEqualTo("bulletin.notifications.v1");
        assertThat(topics.dlq()).isEqualTo("bulletin.dlq.v1");
        assertThat(topics.replay()).isEqualTo("bulletin.replay.v1");
        assertThat(topics.signatures()).isEqualTo("bulletin.dedup-signatures.v1");
        assertThat(topics.stories()).isEqualTo("bulletin.stories.v1");
        assertThat(topics.allNames())
                .hasSize(2 + 4 + 12 + 5)
                .doesNotHaveDuplicates()
                .startsWith("bulletin.raw.v1", "bulletin.enriched.v1", "bulletin.by-region.eastern-europe.v1")
                .endsWith(
                        "bulletin.by-topic.border-security.v1",
                        "bulletin.notifications.v1",
                        "bulletin.dlq.v1",
                        "bulletin.replay.v1",
                        "bulletin.dedup-signatures.v1",
                        "bulletin.stories.v1");
        assertThat(topics.registry()).isSameAs(registry);
    }

    @Test
    void shouldListRegionAndTopicIdsOfClassificationInOrder() {
        assertThat(Topics.REGIONS).containsExactly("eastern-europe", "caucasus", "central-asia", "global");
        assertThat(Topics.TOPICS)
                .containsExactly(
                        "counter-terrorism",
                        "drug-trafficking",
                        "illegal-migration",
                        "transnational-crime",
                        "peacekeeping",
                        "military-cooperation",
                        "cyber-security",
                        "diplomacy",
                        "humanitarian",
                        "crisis-response",
                        "education",
                        "border-security");
    }

    @Test
    void shouldTakeNamesFromConfigAndIgnoreOtherKeys() {
        Topics topics = Topics.fromConfig(
                Map.of(
                        "bulletin.topics.raw", "staging.raw.v2",
                        "bulletin.topics.by-region.pattern", "staging.region-{id}",
                        "bulletin.topics.by-topic.pattern", "staging.topic-{id}",
                        "bulletin.topics.dlq", "staging.dlq",
                        "bulletin.topics.replay", "staging.replay",
                        "bulletin.enrich.min.score", 0.5),
                registry);

        assertThat(topics.raw()).isEqualTo("staging.raw.v2");
        assertThat(topics.enriched()).isEqualTo("bulletin.enriched.v1");
        assertThat(topics.byRegion("global")).isEqualTo("staging.region-global");
        assertThat(topics.byTopic("education")).isEqualTo("staging.topic-education");
        assertThat(topics.dlq()).isEqualTo("staging.dlq");
        assertThat(topics.replay()).isEqualTo("staging.replay");
    }

    @Test
    void shouldFailFastNamingTheKeyOfABadName() {
        assertThatThrownBy(() -> Topics.fromConfig(Map.of("bulletin.topics.by-topic.pattern", "by-topic.v1"), registry))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bulletin.topics.by-topic.pattern")
                .hasMessageContaining("{id}");
        assertThatThrownBy(() -> Topics.fromConfig(Map.of("bulletin.topics.raw", "raw topic!"), registry))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bulletin.topics.raw");
        assertThatThrownBy(() -> Topics.fromConfig(Map.of("bulletin.topics.dlq", "bulletin.raw.v1"), registry))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("distinct");
    }

    @Test
    void shouldRefuseIdsOutsideTheClassification() {
        Topics topics = Topics.defaults(registry);

        assertThatThrownBy(() -> topics.byRegion("europe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eastern-europe");
        assertThatThrownBy(() -> topics.byTopic("sports")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRegisterEveryValueSubjectAsBackwardTransitive() {
        Topics topics = Topics.defaults(registry);

        topics.registerAll();
        Topics.defaults(registry).registerAll(); // again, as another process would: the registry keeps version 1

        assertThat(registry.subjects())
                .containsExactlyInAnyOrderElementsOf(topics.valueSubjects())
                .hasSize(20);
        assertThat(topics.valueSubjects()).allSatisfy(subject -> {
            assertThat(registry.compatibility(subject)).isEqualTo(SchemaRegistry.BACKWARD_TRANSITIVE);
            assertThat(registry.latest(subject).orElseThrow().version()).isEqualTo(1);
        });
        assertThat(registry.lookup("bulletin.by-topic.education.v1-value", Release.getClassSchema()))
                .isEqualTo(registry.lookup("bulletin.enriched.v1-value", Release.getClassSchema()));
    }

    @Test
    void shouldRoundTripThroughCatalogueSerdes() {
        Topics topics = Topics.defaults(registry);

        byte[] bytes = topics.releaseSerde().serializer().serialize(topics.byRegion("global"), Samples.release());

        assertThat(topics.releaseSerde().deserializer().deserialize(topics.byRegion("global"), bytes))
                .isEqualTo(Samples.release());
        assertThat(topics.keySerde()
                        .deserializer()
                        .deserialize("t", topics.keySerde().serializer().serialize("t", "k")))
                .isEqualTo("k");
    }
}
