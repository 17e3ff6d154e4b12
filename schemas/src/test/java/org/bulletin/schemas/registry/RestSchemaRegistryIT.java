package org.bulletin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Samples;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.serde.AvroSerde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our REST client, serde and catalogue against a real Confluent-compatible registry (Apicurio) process. */
class RestSchemaRegistryIT {

    private static RegistryProcess process;

    @BeforeAll
    static void startRegistry() {
        process = RegistryFixture.start(RestSchemaRegistryIT.class);
    }

    @AfterAll
    static void stopRegistry() {
        long pid = process.pid();
        process.close();
        assertThat(process.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    private static RestSchemaRegistry client() {
        return new RestSchemaRegistry(process.url());
    }

    @Test
    void shouldServeConfluentApiOnLoopbackUrl() throws Exception {
        assertThat(process.url()).isEqualTo("http://127.0.0.1:" + process.port() + "/apis/ccompat/v7");
        HttpResponse<String> subjects = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(process.url() + "/subjects"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.Tag("issue-19")
    void shouldGiveEveryConcurrentFirstRegistrationOfASubjectTheSameId() throws Exception {
        // Several enrich instances start together and register a new subject at once (#19).
        int clients = 6;
        for (int round = 0; round < 5; round++) {
            String subject = "it-race-" + round + "-value";
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(clients);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
            try {
                List<java.util.concurrent.Future<Integer>> ids = new java.util.ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    RestSchemaRegistry registry = client();
                    ids.add(pool.submit(() -> {
                        start.await();
                        return registry.register(subject, InMemorySchemaRegistryTest.V1);
                    }));
                }
                java.util.Set<Integer> distinct = new java.util.HashSet<>();
                for (java.util.concurrent.Future<Integer> id : ids) {
                    distinct.add(id.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                assertThat(distinct).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void shouldRegisterLookUpAndFetchById() {
        RestSchemaRegistry registry = client();

        int id = registry.register("it-basic-value", InMemorySchemaRegistryTest.V1);
        int again = registry.register("it-basic-value", InMemorySchemaRegistryTest.V1);
        int elsewhere = client().register("it-basic-copy-value", InMemorySchemaRegistryTest.V1);

        assertThat(again).isEqualTo(id);
        assertThat(elsewhere).isEqualTo(id);
        assertThat(client().lookup("it-basic-value", InMemorySchemaRegistryTest.V1))
                .hasValue(id);
        assertThat(client().lookup("it-basic-value", InMemorySchemaRegistryTest.V2_WITH_DEFAULT))
                .isEmpty();
        assertThat(client().lookup("it-no-such-subject", InMemorySchemaRegistryTest.V1))
                .isEmpty();
        assertThat(client().byId(id)).isEqualTo(InMemorySchemaRegistryTest.V1);
        RegisteredSchema latest = client().latest("it-basic-value").orElseThrow();
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.schema()).isEqualTo(InMemorySchemaRegistryTest.V1);
        assertThat(client().latest("it-no-such-subject")).isEmpty();
    }

    @Test
    void shouldReportUnknownIdAsNotFoundAndDeserializerAsBadRecord() {
        assertThatThrownBy(() -> client().byId(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessageContaining(process.url());
        byte[] frame = ByteBuffer.allocate(6)
                .put((byte) 0)
                .putInt(987_654)
                .put((byte) 2)
                .array();
        assertThatThrownBy(() -> new AvroSerde<>(client(), Release.class).deserialize("bulletin.enriched.v1", frame))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("987654");
    }

    @Test
    void shouldSetCompatibilityAndRefuseChangesIncompatibleWithAnyEarlierVersion() {
        RestSchemaRegistry registry = client();
        String subject = "it-evolution-value";

        registry.setCompatibility(subject, SchemaRegistry.BACKWARD_TRANSITIVE);
        registry.register(subject, InMemorySchemaRegistryTest.V1);
        registry.register(subject, InMemorySchemaRegistryTest.V2_WITH_DEFAULT);

        assertThat(registry.compatibility(subject)).isEqualTo(SchemaRegistry.BACKWARD_TRANSITIVE);
        assertThat(registry.isCompatible(subject, InMemorySchemaRegistryTest.V3_SIZE_REQUIRED))
                .isFalse();
        assertThat(registry.isCompatible(subject, InMemorySchemaRegistryTest.NAME_AS_INT))
                .isFalse();
        assertThatThrownBy(() -> registry.register(subject, InMemorySchemaRegistryTest.V3_SIZE_REQUIRED))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(409))
                .hasMessageContaining(subject)
                .hasMessageContaining(process.url());

        registry.setCompatibility(subject, "BACKWARD");

        assertThat(registry.compatibility(subject)).isEqualTo("BACKWARD");
        assertThat(registry.isCompatible(subject, InMemorySchemaRegistryTest.V3_SIZE_REQUIRED))
                .isTrue();
    }

    @Test
    void shouldHoldASubjectWithoutItsOwnLevelToTheDefaultLevel() {
        RestSchemaRegistry registry = client();
        String subject = "it-default-level-value";

        registry.setDefaultCompatibility(SchemaRegistry.BACKWARD_TRANSITIVE);
        registry.register(subject, InMemorySchemaRegistryTest.V1);

        // (Apicurio reports such a subject's own level as NONE, but enforces the default.)
        assertThatThrownBy(() -> registry.register(subject, InMemorySchemaRegistryTest.V3_SIZE_REQUIRED))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void shouldRegisterTheCatalogueUnderTheRegistryDefaultLevel() {
        RestSchemaRegistry registry = client();
        Topics topics = Topics.fromConfig(
                java.util.Map.of(
                        Topics.RAW_CONFIG, "it-default.raw",
                        Topics.ENRICHED_CONFIG, "it-default.enriched",
                        Topics.BY_REGION_PATTERN_CONFIG, "it-default.by-region.{id}",
                        Topics.BY_TOPIC_PATTERN_CONFIG, "it-default.by-topic.{id}",
                        Topics.NOTIFICATIONS_CONFIG, "it-default.notifications",
                        Topics.DLQ_CONFIG, "it-default.dlq",
                        Topics.REPLAY_CONFIG, "it-default.replay",
                        Topics.SIGNATURES_CONFIG, "it-default.signatures",
                        Topics.STORIES_CONFIG, "it-default.stories"),
                registry);

        topics.registerAll(false);

        assertThat(topics.valueSubjects())
                .hasSize(20)
                .allSatisfy(subject -> assertThat(registry.latest(subject)).isPresent());
        assertThat(registry.isCompatible(topics.enriched() + "-value", InMemorySchemaRegistryTest.V1))
                .isFalse();

        topics.setSubjectLevels();

        assertThat(topics.valueSubjects())
                .allSatisfy(subject ->
                        assertThat(registry.compatibility(subject)).isEqualTo(SchemaRegistry.BACKWARD_TRANSITIVE));
    }

    @Test
    void shouldAnswerCompatibilityForSubjectsWithoutTheirOwnLevel() {
        assertThat(client().compatibility("it-never-configured-value")).isIn(Compatibility.LEVELS);
        assertThat(client().isCompatible("it-never-registered-value", InMemorySchemaRegistryTest.V1))
                .isTrue();
    }

    @Test
    void shouldRegisterTheWholeCatalogueAndRoundTripThroughIt() {
        Topics topics = Topics.defaults(client());

        topics.registerAll();

        RestSchemaRegistry fresh = client();
        assertThat(topics.valueSubjects()).hasSize(20).allSatisfy(subject -> {
            assertThat(fresh.compatibility(subject)).isEqualTo(SchemaRegistry.BACKWARD_TRANSITIVE);
            assertThat(fresh.latest(subject)).isPresent();
        });
        // Adding a field with a default is the one kind of change the contract allows.
        Schema evolved = withOptionalField(Release.getClassSchema());
        assertThat(fresh.isCompatible(topics.enriched() + "-value", evolved)).isTrue();

        byte[] bytes = topics.releaseSerde().serializer().serialize(topics.byTopic("education"), Samples.release());
        Release read =
                Topics.defaults(client()).releaseSerde().deserializer().deserialize(topics.byTopic("education"), bytes);
        assertThat(read).isEqualTo(Samples.release());
    }

    private static Schema withOptionalField(Schema schema) {
        List<Schema.Field> fields = new java.util.ArrayList<>(schema.getFields().stream()
                .map(f -> new Schema.Field(f, f.schema()))
                .toList());
        fields.add(new Schema.Field(
                "summary",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "A later addition.",
                Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
