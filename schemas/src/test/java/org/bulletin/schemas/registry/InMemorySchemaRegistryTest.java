package org.bulletin.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    static final Schema V1 = SchemaBuilder.record("Item")
            .namespace("test")
            .fields()
            .requiredString("name")
            .endRecord();
    static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Item")
            .namespace("test")
            .fields()
            .requiredString("name")
            .name("size")
            .type()
            .intType()
            .intDefault(0)
            .endRecord();
    /** Readable against V2 (which always has size) but not against V1 (which never has): a transitive-only failure. */
    static final Schema V3_SIZE_REQUIRED = SchemaBuilder.record("Item")
            .namespace("test")
            .fields()
            .requiredString("name")
            .requiredInt("size")
            .endRecord();

    static final Schema NAME_AS_INT = SchemaBuilder.record("Item")
            .namespace("test")
            .fields()
            .requiredInt("name")
            .endRecord();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("mem://unit");

    @Test
    void shouldGiveSameSchemaSameIdAcrossSubjectsAndBeIdempotent() {
        int first = registry.register("a-value", V1);
        int again = registry.register("a-value", V1);
        int elsewhere = registry.register("b-value", V1);
        int other = registry.register("a-value", V2_WITH_DEFAULT);

        assertThat(again).isEqualTo(first);
        assertThat(elsewhere).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(registry.byId(first)).isEqualTo(V1);
        assertThat(registry.latest("a-value")).hasValue(new RegisteredSchema("a-value", other, 2, V2_WITH_DEFAULT));
    }

    @Test
    void shouldLookUpOnlySchemasRegisteredUnderTheSubject() {
        int id = registry.register("a-value", V1);

        assertThat(registry.lookup("a-value", V1)).hasValue(id);
        assertThat(registry.lookup("b-value", V1)).isEmpty();
        assertThat(registry.lookup("a-value", V2_WITH_DEFAULT)).isEmpty();
        assertThat(registry.latest("b-value")).isEmpty();
    }

    @Test
    void shouldReportUnknownIdAsSchemaNotFound() {
        assertThatThrownBy(() -> registry.byId(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessageContaining("mem://unit");
    }

    @Test
    void shouldRejectIncompatibleChangeNamingSubjectAndRegistry() {
        registry.register("a-value", V1);

        assertThat(registry.isCompatible("a-value", NAME_AS_INT)).isFalse();
        assertThatThrownBy(() -> registry.register("a-value", NAME_AS_INT))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("a-value")
                .hasMessageContaining("mem://unit");
        assertThat(registry.latest("a-value").orElseThrow().schema()).isEqualTo(V1);
    }

    @Test
    void shouldCheckEveryEarlierVersionOnlyWhenTransitive() {
        registry.register("a-value", V1);
        registry.register("a-value", V2_WITH_DEFAULT);

        assertThat(registry.compatibility("a-value")).isEqualTo("BACKWARD");
        assertThat(registry.isCompatible("a-value", V3_SIZE_REQUIRED)).isTrue();

        registry.setCompatibility("a-value", "backward_transitive");

        assertThat(registry.compatibility("a-value")).isEqualTo(SchemaRegistry.BACKWARD_TRANSITIVE);
        assertThat(registry.isCompatible("a-value", V3_SIZE_REQUIRED)).isFalse();
        assertThatThrownBy(() -> registry.register("a-value", V3_SIZE_REQUIRED))
                .isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldAcceptAnythingForUnknownSubjectOrLevelNone() {
        assertThat(registry.isCompatible("new-value", NAME_AS_INT)).isTrue();

        registry.register("a-value", V1);
        registry.setCompatibility("a-value", "NONE");

        assertThat(registry.register("a-value", NAME_AS_INT)).isPositive();
    }

    @Test
    void shouldCheckForwardAndFullLevels() {
        registry.register("a-value", V2_WITH_DEFAULT);
        registry.setCompatibility("a-value", "FORWARD");
        // Dropping a field the old reader has a default for is forward compatible; adding a required one is too.
        assertThat(registry.isCompatible("a-value", V1)).isTrue();
        registry.setCompatibility("a-value", "FULL");
        assertThat(registry.isCompatible("a-value", V3_SIZE_REQUIRED)).isTrue();
        assertThat(registry.isCompatible("a-value", NAME_AS_INT)).isFalse();
    }

    @Test
    void shouldRejectUnknownLevel() {
        assertThatThrownBy(() -> registry.setCompatibility("a-value", "SIDEWAYS"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL));
    }

    @Test
    void shouldShareNamedInMemoryRegistriesAndBuildRestClientsForHttp() {
        SchemaRegistry first = SchemaRegistries.connect("mem://shared-test");
        SchemaRegistry second = SchemaRegistries.connect("mem://shared-test");
        SchemaRegistries.dropInMemory("shared-test");
        SchemaRegistry afterDrop = SchemaRegistries.connect("mem://shared-test");

        assertThat(second).isSameAs(first);
        assertThat(afterDrop).isNotSameAs(first);
        assertThat(first.url()).isEqualTo("mem://shared-test");
        assertThat(SchemaRegistries.connect("http://127.0.0.1:8081/apis/ccompat/v7/"))
                .isInstanceOf(RestSchemaRegistry.class)
                .extracting(SchemaRegistry::url)
                .isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7");
        assertThatThrownBy(() -> SchemaRegistries.connect("ftp://x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> SchemaRegistries.connect("mem://")).isInstanceOf(IllegalArgumentException.class);
    }
}
