package org.bulletin.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.bulletin.app.config.ConfigKeys;
import org.junit.jupiter.api.Test;

/**
 * Guards docker-compose.yml against silent rot (#7): no Docker engine runs here, so the file is checked against the
 * app's own configuration keys, topic names, ports and services. Each check also runs on a deliberately broken copy,
 * so a check that stopped seeing anything would fail too.
 */
class ComposeFileTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void shouldSetOnlyBulletinVariablesTheAppReads() {
        assertThat(compose.unknownBulletinVariables()).isEmpty();
        assertThat(ComposeFile.environment(compose.services().get("publish"))).containsKey("BULLETIN_PUBLISH_API_HOST");
    }

    @Test
    void shouldCatchAMistypedBulletinVariable() {
        ComposeFile typo =
                ComposeFile.parse(compose.text().replace("BULLETIN_ENRICH_STATE_DIR:", "BULLETIN_ENRICH_STATEDIR:"));

        assertThat(typo.unknownBulletinVariables())
                .singleElement()
                .asString()
                .contains("'enrich'", "BULLETIN_ENRICH_STATEDIR", "bulletin.enrich.statedir");
    }

    @Test
    void shouldGiveEveryBulletinVariableAValueItsConfigAccepts() {
        assertThat(compose.invalidBulletinValues()).isEmpty();

        ComposeFile bad = ComposeFile.parse(
                compose.text().replace("BULLETIN_PUBLISH_API_HOST: \"0.0.0.0\"", "BULLETIN_PUBLISH_API_HOST: \"\""));
        assertThat(bad.invalidBulletinValues()).singleElement().asString().contains("bulletin.publish.api.host");
    }

    @Test
    void shouldKnowEveryKeyOfTheStageConfigsAndTheApp() {
        assertThat(ConfigKeys.all())
                .contains(
                        "bulletin.kafka.bootstrap",
                        "bulletin.registry.url",
                        "bulletin.publish.store.url",
                        "bulletin.publish.api.host",
                        "bulletin.ingest.push.token",
                        "bulletin.enrich.state.dir",
                        "bulletin.topics.raw");
        assertThat(ConfigKeys.isKnown("bulletin.publish.kafka.security.protocol"))
                .isTrue();
        assertThat(ConfigKeys.isKnown("bulletin.enrich.state.directory")).isFalse();
    }

    @Test
    void shouldNameOnlyTheAppsDefaultTopics() {
        assertThat(compose.text()).contains("bulletin.raw.v1");
        assertThat(compose.unknownTopics()).isEmpty();

        ComposeFile renamed = ComposeFile.parse(compose.text().replace("bulletin.raw.v1", "bulletin.raws.v1"));
        assertThat(renamed.unknownTopics()).isNotEmpty().allMatch(p -> p.contains("bulletin.raws.v1"));
    }

    @Test
    void shouldPublishTheApiOnItsDefaultPort() {
        assertThat(compose.apiPortProblems()).isEmpty();

        ComposeFile moved = ComposeFile.parse(compose.text().replace(":8080\"", ":8081\""));
        assertThat(moved.apiPortProblems()).anyMatch(p -> p.contains("does not publish the API port 8080"));
    }

    @Test
    void shouldPointOnlyAtServicesOfTheFile() {
        assertThat(compose.hostProblems()).isEmpty();

        ComposeFile renamed =
                ComposeFile.parse(compose.text().replace("http://schema-registry:8081\"", "http://registry:8081\""));
        assertThat(renamed.hostProblems())
                .isNotEmpty()
                .allMatch(p -> p.contains("BULLETIN_REGISTRY_URL names host 'registry'"));

        ComposeFile wrongPort = ComposeFile.parse(compose.text().replace("postgres:5432/", "postgres:5433/"));
        assertThat(wrongPort.hostProblems()).singleElement().asString().contains("postgres:5433");
    }

    @Test
    void shouldHealthCheckEveryServiceButTheOneShotSetup() {
        assertThat(compose.oneShots()).containsExactly("setup");
        assertThat(compose.lifecycleProblems()).isEmpty();

        ObjectNode tree = compose.tree();
        ((ObjectNode) tree.path("services").path("enrich")).remove("healthcheck");
        ((ObjectNode) tree.path("services").path("kafka")).remove("restart");
        assertThat(ComposeFile.of(tree).lifecycleProblems())
                .containsExactlyInAnyOrder(
                        "service 'enrich' has no healthcheck and is not a one-shot",
                        "service 'kafka' has no restart policy");
    }

    @Test
    void shouldPinEveryImageTag() {
        assertThat(compose.unpinnedImages()).isEmpty();

        ComposeFile floating = ComposeFile.parse(compose.text()
                .replace("image: postgres:17.6", "image: postgres")
                .replace("image: apache/kafka:4.3.1", "image: apache/kafka:latest"));
        assertThat(floating.unpinnedImages())
                .containsExactlyInAnyOrder(
                        "service 'kafka': image 'apache/kafka:latest' is not pinned (latest)",
                        "service 'postgres': image 'postgres' has no tag");
    }

    @Test
    void shouldLetEnrichScale() {
        assertThat(compose.unscalableEnrich()).isEmpty();
        assertThat(ComposeFile.command(compose.services().get("ingest")))
                .containsExactly("ingest", "sources", "/etc/bulletin/sources.yaml");
    }

    @Test
    void shouldDocumentEveryDotEnvVariable() throws IOException {
        String example = Files.readString(ComposeFile.locate(ComposeFile.ENV_EXAMPLE));

        assertThat(compose.undocumentedInterpolations(example)).isEmpty();
        assertThat(compose.undocumentedInterpolations(""))
                .contains("${PUSH_TOKEN} is not documented in " + ComposeFile.ENV_EXAMPLE);
    }

    @Test
    void shouldBuildAnImageThatRunsTheJarAsANonRootUser() throws IOException {
        List<String> lines = Files.readAllLines(ComposeFile.locate("Dockerfile"));

        assertThat(lines)
                .contains(
                        "COPY --from=build /src/app/target/bulletin.jar /app/bulletin.jar",
                        "ENTRYPOINT [\"java\", \"-jar\", \"/app/bulletin.jar\"]");
        assertThat(lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b))
                .hasValueSatisfying(user -> assertThat(user).isNotIn("USER root", "USER 0"));
        assertThat(lines.stream().filter(l -> l.startsWith("COPY --from"))).hasSize(1);
    }
}
