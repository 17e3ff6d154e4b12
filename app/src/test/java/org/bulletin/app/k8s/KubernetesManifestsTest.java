package org.bulletin.app.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bulletin.app.TopicExpectations;
import org.bulletin.app.k8s.StageAcls.Acl;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.SchemaRegistries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards deploy/k8s against silent rot (#19), as ComposeFileTest guards docker-compose.yml: no cluster runs here, so
 * the manifests are checked against the app's own configuration keys, ports, paths, topics and Kafka permissions,
 * the base and the example overlay alike. Each check also runs on a deliberately broken copy, so a check that stopped
 * seeing anything would fail too. Where kubectl is installed, kustomize itself renders every kustomization and the
 * test's own rendering must agree with it.
 */
@Tag("issue-19")
class KubernetesManifestsTest {

    private static final String BASE = "base";
    private static final String OVERLAY = "overlays/example";
    private static final String STRIMZI = "strimzi";

    // kustomize's suffix on generated names: bulletin-config-4ccd65t4tb
    private static final Pattern HASH = Pattern.compile("\"(bulletin-[a-z-]+)-[a-z0-9]{10}\"");

    private final ManifestTree tree = ManifestTree.load();
    private final Topics topics = Topics.defaults(SchemaRegistries.connect("mem://k8s-guard"));
    private final StrimziManifests strimzi = new StrimziManifests(tree.render(STRIMZI));

    private StageManifests stages(String variant) {
        return new StageManifests(tree.render(variant));
    }

    /** A copy of the overlay's rendering with {@code change} applied to the object {@code kind}/{@code name}. */
    private StageManifests broken(String kind, String name, Consumer<ObjectNode> change) {
        List<JsonNode> objects = new ArrayList<>();
        tree.render(OVERLAY).forEach(o -> objects.add(o.deepCopy()));
        ObjectNode target = (ObjectNode) objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
        change.accept(target);
        return new StageManifests(objects);
    }

    private static ObjectNode container(ObjectNode workload) {
        return (ObjectNode) ManifestTree.podSpec(workload).path("containers").get(0);
    }

    private static ObjectNode env(ObjectNode workload, String name) {
        for (JsonNode e : container(workload).path("env")) {
            if (e.path("name").asText().equals(name)) {
                return (ObjectNode) e;
            }
        }
        throw new IllegalArgumentException(name + " not set");
    }

    /** The --partitions the bulletin-topics Job passes, or the command's default. */
    private int jobPartitions(StageManifests manifests) {
        List<String> args = new ArrayList<>();
        manifests.stage("topics").node().path("args").forEach(a -> args.add(a.asText()));
        int i = args.indexOf("--partitions");
        return i < 0 ? TopicExpectations.defaultPartitions() : Integer.parseInt(args.get(i + 1));
    }

    // ------------------------------------------------------------------------------------------------ kustomize

    @Test
    void shouldReferenceOnlyFilesThatExistAndApplyEveryFile() {
        assertThat(tree.kustomizationDirs()).containsExactly(BASE, OVERLAY, STRIMZI);
        assertThat(tree.referenceProblems()).isEmpty();
    }

    @Test
    void shouldCatchAMissingResourceAndAFileNothingApplies(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("k8s");
        try (Stream<Path> files = Files.walk(tree.root())) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(tree.root().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path kustomization = copy.resolve(BASE).resolve(ManifestTree.KUSTOMIZATION);
        Files.writeString(
                kustomization, Files.readString(kustomization).replace("  - enrich.yaml\n", "  - enrichment.yaml\n"));

        assertThat(ManifestTree.at(copy).referenceProblems())
                .containsExactlyInAnyOrder(
                        "deploy/k8s/base/kustomization.yaml: resource 'enrichment.yaml' does not exist",
                        "deploy/k8s/base/kustomization.yaml: enrich.yaml is not listed in its kustomization.yaml, so "
                                + "nothing applies it");
    }

    @Test
    void shouldRenderLikeKustomizeWhereKubectlIsInstalled() {
        assumeTrue(
                ManifestTree.kubectlAvailable(),
                "kubectl is not installed here: the kustomizations are checked through the test's own rendering only");
        for (String dir : tree.kustomizationDirs()) {
            Map<String, JsonNode> kustomize = byName(tree.kubectlRender(dir));
            Map<String, JsonNode> ours = byName(tree.render(dir));
            assertThat(ours.keySet()).as(dir).containsExactlyElementsOf(kustomize.keySet());
            for (String object : kustomize.keySet()) {
                assertThat(ours.get(object)).as(dir + ": " + object).isEqualTo(kustomize.get(object));
            }
        }
    }

    /** Objects by kind and name, with the hash suffixes kustomize gives generated names (and references) taken off. */
    private static Map<String, JsonNode> byName(List<JsonNode> objects) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode o : objects) {
            JsonNode plain = ManifestTree.parse(HASH.matcher(o.toString()).replaceAll("\"$1\""), "rendered object")
                    .get(0);
            out.put(
                    plain.path("kind").asText() + "/"
                            + plain.path("metadata").path("name").asText(),
                    plain);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ stages

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldRunEveryStageOnceThroughTheImagesEntrypoint(String variant) {
        assertThat(stages(variant).commandProblems()).isEmpty();
        assertThat(stages(variant).stage("ingest").node().path("image").asText())
                .isEqualTo(
                        variant.equals(BASE)
                                ? "bulletin:0.1.0-SNAPSHOT"
                                : "registry.example.com/bulletin:0.1.0-SNAPSHOT");
    }

    @Test
    void shouldCatchACommandThatBypassesTheEntrypoint() {
        StageManifests bad = broken("Deployment", "bulletin-enrich", d -> {
            container(d).putArray("command").add("bulletin");
            ((ArrayNode) container(d).path("args")).set(0, container(d).textNode("enrichh"));
        });

        assertThat(bad.commandProblems())
                .containsExactlyInAnyOrder(
                        "Deployment bulletin-enrich: 'command' replaces the image's entrypoint (java -jar "
                                + "/app/bulletin.jar); give the Bulletin command in 'args'",
                        "Deployment bulletin-enrich runs 'bulletin enrichh', not one of [topics, ingest, enrich, publish]",
                        "'bulletin enrich' runs in 0 containers, expected exactly one");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldSetOnlyVariablesTheAppReadsWithValuesItAccepts(String variant) {
        assertThat(stages(variant).unknownVariables()).isEmpty();
        assertThat(stages(variant).invalidValues()).isEmpty();
        assertThat(stages(variant).connectionProblems()).isEmpty();
    }

    @Test
    void shouldCatchAMistypedVariableAndABadValue() {
        StageManifests bad = broken("Deployment", "bulletin-enrich", d -> {
            env(d, "BULLETIN_ENRICH_STATE_DIR").put("name", "BULLETIN_ENRICH_STATEDIR");
            env(d, "KAFKA_SASL_JAAS_CONFIG").put("name", "KAFKA_SASL_JAAS");
        });
        assertThat(bad.unknownVariables())
                .containsExactlyInAnyOrder(
                        "Deployment bulletin-enrich: BULLETIN_ENRICH_STATEDIR (key bulletin.enrich.statedir, from value) "
                                + "is not a configuration key the app reads",
                        "Deployment bulletin-enrich: KAFKA_SASL_JAAS (from secret bulletin-enrich/sasl.jaas.config) passes "
                                + "'sasl.jaas' to the Kafka clients, which is not a client setting");

        StageManifests badValue = broken(
                "ConfigMap",
                "bulletin-publish-config",
                cm -> ((ObjectNode) cm.path("data")).put("BULLETIN_PUBLISH_STORE_URL", "postgres:5432"));
        assertThat(badValue.connectionProblems())
                .singleElement()
                .asString()
                .contains("Deployment bulletin-publish: BULLETIN_PUBLISH_STORE_URL is 'postgres:5432'");
        StageManifests badHost = broken(
                "Deployment",
                "bulletin-publish",
                d -> env(d, "BULLETIN_PUBLISH_API_HOST").put("value", ""));
        assertThat(badHost.invalidValues()).singleElement().asString().contains("bulletin.publish.api.host");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldReadEverySecretFromASecret(String variant) {
        assertThat(stages(variant).secretsInTheOpen()).isEmpty();
        assertThat(stages(variant).stage("publish").env())
                .containsKeys(
                        "BULLETIN_PUBLISH_STORE_PASSWORD", "BULLETIN_INGEST_PUSH_TOKEN", "KAFKA_SASL_JAAS_CONFIG");
    }

    @Test
    void shouldCatchAPasswordWrittenInTheManifest() {
        StageManifests bad = broken("Deployment", "bulletin-publish", d -> {
            ObjectNode password = env(d, "BULLETIN_PUBLISH_STORE_PASSWORD");
            password.remove("valueFrom");
            password.put("value", "hunter2");
        });

        assertThat(bad.secretsInTheOpen())
                .containsExactly("Deployment bulletin-publish: BULLETIN_PUBLISH_STORE_PASSWORD is a secret, but comes "
                        + "from value; read it from a Secret (valueFrom.secretKeyRef)");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldServeAndProbeWhereTheAppListens(String variant) {
        assertThat(stages(variant).portProblems()).isEmpty();
        assertThat(stages(variant).probeProblems()).isEmpty();
    }

    @Test
    void shouldCatchProbesOnPathsAndPortsTheAppDoesNotServe() {
        StageManifests moved = broken("Deployment", "bulletin-publish", d -> {
            env(d, "BULLETIN_PUBLISH_API_HOST").put("value", "127.0.0.1");
            ((ObjectNode) container(d).path("readinessProbe").path("httpGet")).put("path", "/healthz");
            ((ObjectNode) container(d).path("livenessProbe").path("httpGet")).put("path", "/health");
            ((ObjectNode) container(d).path("ports").get(0)).put("containerPort", 8081);
        });
        assertThat(moved.portProblems())
                .anyMatch(p -> p.contains("BULLETIN_PUBLISH_API_HOST is '127.0.0.1'"))
                .anyMatch(p -> p.contains("does not declare the API port 8080"))
                .anyMatch(p -> p.contains("readinessProbe asks GET /healthz, which the API does not serve"))
                .anyMatch(p -> p.contains("livenessProbe asks /health, which may answer [200, 503]"));
        assertThat(moved.probeProblems())
                .anyMatch(p -> p.contains("livenessProbe depends on the broker or on /health"));

        StageManifests enrichPort = broken(
                "Deployment",
                "bulletin-enrich",
                d -> container(d).putArray("ports").addObject().put("containerPort", 8080));
        assertThat(enrichPort.portProblems())
                .containsExactly("Deployment bulletin-enrich declares ports [{\"containerPort\":8080}], but 'bulletin "
                        + "enrich' serves none when run alone");

        StageManifests service = broken(
                "Service",
                "bulletin-publish",
                s -> ((ObjectNode) s.path("spec").path("ports").get(0)).put("targetPort", "api"));
        assertThat(service.portProblems())
                .containsExactly(
                        "Service bulletin-publish targets port api, which Deployment bulletin-publish does not "
                                + "declare");
    }

    @Test
    void shouldCatchAReadinessProbeLookingInTheWrongPlace() {
        StageManifests moved = broken(
                "Deployment",
                "bulletin-enrich",
                d -> env(d, "BULLETIN_ENRICH_STATE_DIR").put("value", "/var/lib/bulletin/state"));

        assertThat(moved.probeProblems())
                .singleElement()
                .asString()
                .startsWith("Deployment bulletin-enrich: the readinessProbe does not check "
                        + "/var/lib/bulletin/state/bulletin-enrich");
        assertThat(moved.filesystemProblems())
                .containsExactly(
                        "Deployment bulletin-enrich writes /var/lib/bulletin/state (BULLETIN_ENRICH_STATE_DIR), "
                                + "which is on no writable volume mount");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldWriteOnlyToMountedVolumes(String variant) {
        assertThat(stages(variant).filesystemProblems()).isEmpty();
    }

    @Test
    void shouldCatchALedgerInTheImagesReadOnlyWorkingDirectory() {
        StageManifests relative = broken("Deployment", "bulletin-ingest", d -> {
            ArrayNode env = (ArrayNode) container(d).path("env");
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i).path("name").asText().equals("BULLETIN_INGEST_DATA_DIR")) {
                    env.remove(i);
                }
            }
        });

        assertThat(relative.filesystemProblems())
                .containsExactly(
                        "Deployment bulletin-ingest: BULLETIN_INGEST_DATA_DIR is './data', not an absolute path "
                                + "on a mounted volume (the image's working directory is on the read-only root filesystem)");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldIsolateAndSizeEveryPod(String variant) {
        assertThat(stages(variant).podProblems()).isEmpty();
    }

    @Test
    void shouldCatchServiceLinksAndAMissingMemoryLimit() {
        StageManifests bad = broken("Deployment", "bulletin-ingest", d -> {
            ((ObjectNode) ManifestTree.podSpec(d)).remove("enableServiceLinks");
            ((ObjectNode) container(d).path("resources")).remove("limits");
        });

        assertThat(bad.podProblems())
                .hasSize(2)
                .anyMatch(p -> p.startsWith("Deployment bulletin-ingest does not set enableServiceLinks: false"))
                .contains("Deployment bulletin-ingest sets no resources.limits.memory");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldScaleEnrichUpToTheRawPartitionsAndKeepTheOthersSingle(String variant) {
        int partitions = strimzi.partitions(topics.raw());

        assertThat(partitions).isEqualTo(jobPartitions(stages(variant)));
        assertThat(stages(variant).scalingProblems(partitions)).isEmpty();
        assertThat(stages(variant)
                        .stage("enrich")
                        .workload()
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void shouldCatchIdleEnrichInstancesAndAnOverlappingPublish() {
        StageManifests bad =
                broken("Deployment", "bulletin-enrich", d -> ((ObjectNode) d.path("spec")).put("replicas", 5));
        assertThat(bad.scalingProblems(3))
                .containsExactly(
                        "Deployment bulletin-enrich has 5 replicas but bulletin.raw.v1 has 3 partitions: parsing and "
                                + "classifying (most of enrich's work) runs as one task per partition, so 2 replica(s) "
                                + "would add little or idle");

        StageManifests rolling = broken(
                "Deployment",
                "bulletin-publish",
                d -> ((ObjectNode) d.path("spec").path("strategy")).put("type", "RollingUpdate"));
        assertThat(rolling.scalingProblems(3))
                .containsExactly("Deployment bulletin-publish does not use strategy Recreate: two publish pods would "
                        + "overlap during a rollout");
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE, OVERLAY})
    void shouldLogInAsEachStagesOwnKafkaUser(String variant) {
        assertThat(strimzi.grants().keySet()).containsExactlyInAnyOrderElementsOf(StageAcls.USERS.values());
        assertThat(stages(variant).credentialProblems(StageAcls.USERS, strimzi.clusterName()))
                .isEmpty();
    }

    @Test
    void shouldCatchAStageLoggingInAsAnother() {
        StageManifests bad = broken(
                "Deployment",
                "bulletin-ingest",
                d -> ((ObjectNode) env(d, "KAFKA_SASL_JAAS_CONFIG")
                                .path("valueFrom")
                                .path("secretKeyRef"))
                        .put("name", "bulletin-enrich"));

        assertThat(bad.credentialProblems(StageAcls.USERS, strimzi.clusterName()))
                .containsExactly("Deployment bulletin-ingest: KAFKA_SASL_JAAS_CONFIG comes from secret "
                        + "bulletin-enrich/sasl.jaas.config, expected secret bulletin-ingest/sasl.jaas.config (the "
                        + "credentials of KafkaUser bulletin-ingest)");
    }

    @Test
    void shouldPointTheOverlayAtTheStrimziClustersSecuredListener() {
        Map<String, String> config = new TreeMap<>();
        stages(OVERLAY).stage("enrich").env().forEach((k, v) -> config.put(k, v.value()));
        JsonNode listener = strimzi.clientListener();

        assertThat(listener).isNotNull();
        assertThat(config)
                .containsEntry(
                        "BULLETIN_KAFKA_BOOTSTRAP",
                        strimzi.clusterName() + "-kafka-bootstrap:"
                                + listener.path("port").asInt())
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    }

    // ------------------------------------------------------------------------------------------------ strimzi

    @Test
    void shouldDeclareEveryTopicTheAppUsesWithItsConfiguration() {
        Map<String, Map<String, String>> expected = TopicExpectations.configs(topics);

        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(topics.allNames());
        assertThat(strimzi.topicProblems(
                        expected, jobPartitions(stages(OVERLAY)), TopicExpectations::minInsyncReplicas))
                .isEmpty();
    }

    @Test
    void shouldCatchAMissingTopicAStrayOneAndADriftedConfig() {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>(TopicExpectations.configs(topics));
        expected.put("bulletin.new.v1", Map.of("cleanup.policy", "delete"));
        expected.remove(topics.stories());
        Map<String, String> raw = new LinkedHashMap<>(expected.get(topics.raw()));
        raw.put("retention.ms", "604800000");
        expected.put(topics.raw(), raw);

        assertThat(strimzi.topicProblems(expected, 3, TopicExpectations::minInsyncReplicas))
                .hasSize(3)
                .contains(
                        "topic bulletin.new.v1 (used by the app) has no KafkaTopic",
                        "KafkaTopic bulletin.stories.v1 is not a topic the app uses " + expected.keySet())
                .anyMatch(p -> p.startsWith("KafkaTopic bulletin.raw.v1 has config ") && p.contains("retention.ms=-1"));
        assertThat(strimzi.topicProblems(TopicExpectations.configs(topics), 6, TopicExpectations::minInsyncReplicas))
                .hasSize(topics.allNames().size())
                .allMatch(p -> p.endsWith("has 3 partitions, the bulletin-topics Job expects 6"));
    }

    @Test
    void shouldGrantEachStageExactlyWhatItUses() {
        Map<String, Set<Acl>> expected =
                StageAcls.expected(topics, TopicExpectations.configs(topics).keySet());

        assertThat(strimzi.userProblems(expected)).isEmpty();
        // Derived from enrich's topology, not restated: its sinks include every routed topic.
        assertThat(expected.get("bulletin-enrich"))
                .contains(new Acl("topic", topics.byTopic("education"), "literal", "Write"))
                .contains(new Acl("topic", topics.signatures(), "literal", "Read"))
                .doesNotContain(new Acl("topic", topics.notifications(), "literal", "Write"));
    }

    @Test
    void shouldCatchAMissingAndAnExcessPermission() {
        Map<String, Set<Acl>> expected = new LinkedHashMap<>(
                StageAcls.expected(topics, TopicExpectations.configs(topics).keySet()));
        Set<Acl> ingest = new TreeSet<>(expected.get("bulletin-ingest"));
        ingest.add(new Acl("topic", topics.replay(), "literal", "Write"));
        ingest.remove(new Acl("topic", topics.dlq(), "literal", "Write"));
        expected.put("bulletin-ingest", ingest);

        assertThat(strimzi.userProblems(expected))
                .containsExactly(
                        "KafkaUser bulletin-ingest lacks [topic:bulletin.replay.v1 Write]",
                        "KafkaUser bulletin-ingest is granted more than its stage uses: [topic:bulletin.dlq.v1 Write]");
    }

    @Test
    void shouldRunAReplicatedSecuredKraftCluster() {
        assertThat(strimzi.clusterProblems()).isEmpty();
        assertThat(strimzi.clusterName()).isEqualTo("bulletin");
    }

    @Test
    void shouldCatchAnUnreplicatedTransactionLog() {
        List<JsonNode> objects = new ArrayList<>();
        tree.render(STRIMZI).forEach(o -> objects.add(o.deepCopy()));
        objects.stream()
                .filter(o -> o.path("kind").asText().equals("Kafka"))
                .forEach(k -> ((ObjectNode) k.path("spec").path("kafka").path("config"))
                        .put("transaction.state.log.replication.factor", 1));
        objects.removeIf(o -> o.path("metadata").path("name").asText().equals("broker"));

        assertThat(new StrimziManifests(objects).clusterProblems())
                .containsExactlyInAnyOrder(
                        "Kafka bulletin: transaction.state.log.replication.factor is '1', expected 3",
                        "the node pools give the roles [controller]: KRaft needs brokers and controllers",
                        "the node pools hold 0 broker(s): replication factor 3 needs at least 3");
    }
}
