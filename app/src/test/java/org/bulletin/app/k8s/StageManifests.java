package org.bulletin.app.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.bulletin.app.config.ConfigKeys;
import org.bulletin.app.config.Settings;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.ingest.IngestLedger;
import org.bulletin.publish.PublishConfig;
import org.bulletin.publish.api.ApiServer;
import org.bulletin.schemas.Topics;

/**
 * The Bulletin workloads of one rendering of deploy/k8s (the base or an overlay), and the checks that keep them in
 * step with the app: configuration keys, where secrets come from, the ports and paths the app serves, the folders it
 * writes, and how each stage may scale. Each check returns the problems it found as sentences naming the workload
 * and what to fix.
 */
final class StageManifests {

    /** The commands a Bulletin workload may run, each exactly once. */
    static final List<String> STAGES = List.of("topics", "ingest", "enrich", "publish");

    /** One environment variable as the container sees it: a literal value, or null when it comes from a Secret. */
    record EnvVar(String name, String value, String source) {
        boolean fromSecret() {
            return source.startsWith("secret ");
        }
    }

    /** A container running the Bulletin image, with its effective environment (envFrom, then env on top). */
    record Container(JsonNode workload, JsonNode node, String stage, Map<String, EnvVar> env) {
        String name() {
            return workload.path("kind").asText() + " "
                    + workload.path("metadata").path("name").asText();
        }

        JsonNode pod() {
            return ManifestTree.podSpec(workload);
        }

        /** The bulletin.* keys set by literal values (secrets left out), as the stage configs would read them. */
        Map<String, String> bulletinKeys() {
            Map<String, String> keys = new LinkedHashMap<>();
            env.values().stream()
                    .filter(v -> v.name().startsWith("BULLETIN_") && v.value() != null)
                    .forEach(v -> keys.put(Settings.envToKey(v.name()), v.value()));
            return keys;
        }

        String literal(String name) {
            EnvVar v = env.get(name);
            return v == null ? null : v.value();
        }
    }

    private static final List<ConfigDef> BULLETIN_DEFS =
            List.of(EnrichConfig.DEF, IngestConfig.DEF, PublishConfig.configDef(), Topics.configDef());
    private static final List<ConfigDef> KAFKA_DEFS = List.of(
            ProducerConfig.configDef(),
            ConsumerConfig.configDef(),
            AdminClientConfig.configDef(),
            StreamsConfig.configDef());

    private final List<JsonNode> objects;

    StageManifests(List<JsonNode> objects) {
        this.objects = objects;
    }

    List<JsonNode> objects() {
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    JsonNode named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** The image is the one the root Dockerfile builds: named bulletin, in whatever registry. */
    static boolean isBulletinImage(String image) {
        String name = image.contains(":") && image.lastIndexOf(':') > image.lastIndexOf('/')
                ? image.substring(0, image.lastIndexOf(':'))
                : image;
        return name.equals("bulletin") || name.endsWith("/bulletin");
    }

    List<Container> containers() {
        List<Container> out = new ArrayList<>();
        for (JsonNode o : objects) {
            for (JsonNode c : ManifestTree.containers(o)) {
                if (isBulletinImage(c.path("image").asText())) {
                    JsonNode args = c.path("args");
                    String stage =
                            args.isArray() && !args.isEmpty() ? args.get(0).asText() : "";
                    out.add(new Container(o, c, stage, environment(c)));
                }
            }
        }
        return out;
    }

    Container stage(String stage) {
        return containers().stream()
                .filter(c -> c.stage().equals(stage))
                .findFirst()
                .orElse(null);
    }

    private Map<String, EnvVar> environment(JsonNode container) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String prefix = from.path("prefix").asText("");
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                JsonNode configMap = named("ConfigMap", name);
                if (configMap != null) {
                    configMap
                            .path("data")
                            .fields()
                            .forEachRemaining(e -> env.put(
                                    prefix + e.getKey(),
                                    new EnvVar(prefix + e.getKey(), e.getValue().asText(), "configMap " + name)));
                }
            }
        }
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            JsonNode from = e.path("valueFrom");
            if (from.has("secretKeyRef")) {
                JsonNode ref = from.path("secretKeyRef");
                env.put(
                        name,
                        new EnvVar(
                                name,
                                null,
                                "secret " + ref.path("name").asText() + "/"
                                        + ref.path("key").asText()));
            } else if (from.has("configMapKeyRef")) {
                JsonNode ref = from.path("configMapKeyRef");
                JsonNode configMap = named("ConfigMap", ref.path("name").asText());
                String value = configMap == null
                        ? null
                        : configMap.path("data").path(ref.path("key").asText()).asText(null);
                env.put(
                        name,
                        new EnvVar(name, value, "configMap " + ref.path("name").asText()));
            } else if (!from.isMissingNode()) {
                env.put(name, new EnvVar(name, null, "field"));
            } else {
                env.put(name, new EnvVar(name, e.path("value").asText(""), "value"));
            }
        }
        return env;
    }

    // ------------------------------------------------------------------------------------------------ commands

    /** Every stage runs once, through the image's entrypoint ({@code java -jar bulletin.jar}) with its command. */
    List<String> commandProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Container c : containers()) {
            if (c.node().has("command")) {
                problems.add(c.name() + ": 'command' replaces the image's entrypoint (java -jar /app/bulletin.jar); "
                        + "give the Bulletin command in 'args'");
            }
            if (!STAGES.contains(c.stage())) {
                problems.add(c.name() + " runs 'bulletin " + c.stage() + "', not one of " + STAGES);
            }
            seen.merge(c.stage(), 1, Integer::sum);
        }
        for (String stage : STAGES) {
            int n = seen.getOrDefault(stage, 0);
            if (n != 1) {
                problems.add("'bulletin " + stage + "' runs in " + n + " containers, expected exactly one");
            }
        }
        Container topics = stage("topics");
        if (topics != null && !topics.workload().path("kind").asText().equals("Job")) {
            problems.add(topics.name() + " runs the one-shot 'bulletin topics': it must be a Job");
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------------------ configuration

    /** Every BULLETIN_* name maps to a key the app reads, every KAFKA_* name to a Kafka client setting. */
    List<String> unknownVariables() {
        Set<String> kafkaKeys = new HashSet<>();
        KAFKA_DEFS.forEach(def -> kafkaKeys.addAll(def.names()));
        List<String> problems = new ArrayList<>();
        for (Container c : containers()) {
            for (EnvVar v : c.env().values()) {
                if (v.name().startsWith("BULLETIN_") && !ConfigKeys.isKnown(Settings.envToKey(v.name()))) {
                    problems.add(c.name() + ": " + v.name() + " (key " + Settings.envToKey(v.name()) + ", from "
                            + v.source() + ") is not a configuration key the app reads");
                } else if (v.name().startsWith("KAFKA_") && !kafkaKeys.contains(kafkaKey(v.name()))) {
                    problems.add(c.name() + ": " + v.name() + " (from " + v.source() + ") passes '" + kafkaKey(v.name())
                            + "' to the Kafka clients, which is not a client setting");
                }
            }
        }
        return problems;
    }

    /** KAFKA_SASL_JAAS_CONFIG -> sasl.jaas.config, as Settings maps it. */
    static String kafkaKey(String envName) {
        return envName.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Every literal BULLETIN_* value passes the validators of the config defining its key, as it would at start. */
    List<String> invalidValues() {
        List<String> problems = new ArrayList<>();
        for (Container c : containers()) {
            Map<String, String> keys = c.bulletinKeys();
            for (ConfigDef def : BULLETIN_DEFS) {
                Map<String, String> mine = new LinkedHashMap<>();
                keys.forEach((k, v) -> {
                    if (def.names().contains(k)) {
                        mine.put(k, v);
                    }
                });
                try {
                    def.parse(mine);
                } catch (ConfigException e) {
                    problems.add(c.name() + ": " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /** A key the app or Kafka declares as a password (Type.PASSWORD) is read from a Secret, never written here. */
    List<String> secretsInTheOpen() {
        List<String> problems = new ArrayList<>();
        for (Container c : containers()) {
            for (EnvVar v : c.env().values()) {
                if (isPassword(v.name()) && !v.fromSecret()) {
                    problems.add(c.name() + ": " + v.name() + " is a secret, but comes from " + v.source()
                            + "; read it from a Secret (valueFrom.secretKeyRef)");
                }
            }
        }
        return problems;
    }

    private static boolean isPassword(String envName) {
        List<ConfigDef> defs;
        String key;
        if (envName.startsWith("BULLETIN_")) {
            defs = BULLETIN_DEFS;
            key = Settings.envToKey(envName);
        } else if (envName.startsWith("KAFKA_")) {
            defs = KAFKA_DEFS;
            key = kafkaKey(envName);
        } else {
            return false;
        }
        return defs.stream()
                .map(def -> def.configKeys().get(key))
                .filter(Objects::nonNull)
                .anyMatch(k -> k.type == ConfigDef.Type.PASSWORD);
    }

    /** Every stage says where Kafka and the registry are; publish stores in PostgreSQL with a password. */
    List<String> connectionProblems() {
        List<String> problems = new ArrayList<>();
        for (Container c : containers()) {
            for (String required : List.of("BULLETIN_KAFKA_BOOTSTRAP", "BULLETIN_REGISTRY_URL")) {
                String value = c.literal(required);
                if (value == null || value.isBlank()) {
                    problems.add(c.name() + " runs 'bulletin " + c.stage() + "' without a value for " + required);
                }
            }
        }
        Container publish = stage("publish");
        if (publish != null) {
            String url = publish.literal("BULLETIN_PUBLISH_STORE_URL");
            if (url == null || !url.startsWith("jdbc:postgresql://")) {
                problems.add(publish.name() + ": BULLETIN_PUBLISH_STORE_URL is '" + url
                        + "', not a jdbc:postgresql URL " + "(empty means an H2 file inside the pod, lost with it)");
            }
            if (!publish.env().containsKey("BULLETIN_PUBLISH_STORE_PASSWORD")) {
                problems.add(publish.name() + " sets no BULLETIN_PUBLISH_STORE_PASSWORD");
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------------------ ports, probes

    /**
     * Publish serves its API where the Service and the probes look: the container port is the configured (or default)
     * API port, the API listens on every interface, every HTTP probe asks a GET path of the API's OpenAPI document,
     * readiness asks /health, liveness and startup a path that never answers anything but 200 (a dependency outage
     * must not restart the pod). The other stages serve nothing when run alone, so they declare no port and no HTTP or
     * TCP probe; every Service targets a declared container port of the pods it selects.
     */
    List<String> portProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Set<String>>> api = openApi();
        for (Container c : containers()) {
            if (!c.stage().equals("publish")) {
                if (c.node().has("ports")) {
                    problems.add(c.name() + " declares ports " + c.node().path("ports") + ", but 'bulletin " + c.stage()
                            + "' serves none when run alone");
                }
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    JsonNode p = c.node().path(probe);
                    if (p.has("httpGet") || p.has("tcpSocket") || p.has("grpc")) {
                        problems.add(c.name() + ": " + probe + " asks a port, but 'bulletin " + c.stage()
                                + "' serves none when run alone");
                    }
                }
                continue;
            }
            PublishConfig config = new PublishConfig(c.bulletinKeys());
            int apiPort = config.apiPort();
            if (!"0.0.0.0".equals(config.apiHost())) {
                problems.add(
                        c.name() + ": BULLETIN_PUBLISH_API_HOST is '" + config.apiHost() + "': set 0.0.0.0, or the "
                                + "API listens only inside the pod and neither the Service nor the kubelet reach it");
            }
            Map<String, Integer> ports = containerPorts(c.node());
            if (!ports.containsValue(apiPort)) {
                problems.add(c.name() + " does not declare the API port " + apiPort + " (ports " + ports + ")");
            }
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode http = c.node().path(probe).path("httpGet");
                if (http.isMissingNode()) {
                    problems.add(c.name() + " has no HTTP " + probe + " on the API");
                    continue;
                }
                Integer port = resolvePort(http.path("port"), ports);
                String path = http.path("path").asText();
                if (port == null || port != apiPort) {
                    problems.add(c.name() + ": " + probe + " asks port "
                            + http.path("port").asText() + ", the API is on " + apiPort);
                }
                Set<String> responses = api.getOrDefault(path, Map.of()).get("get");
                if (responses == null) {
                    problems.add(c.name() + ": " + probe + " asks GET " + path + ", which the API does not serve "
                            + "(openapi.json paths " + api.keySet() + ")");
                } else if (probe.equals("readinessProbe") && !path.equals("/health")) {
                    problems.add(c.name() + ": readinessProbe asks " + path + ", not /health (which says 503 until the "
                            + "store, the sink and the relay are up)");
                } else if (!probe.equals("readinessProbe") && !responses.equals(Set.of("200"))) {
                    problems.add(c.name() + ": " + probe + " asks " + path + ", which may answer " + responses
                            + ": a database or broker outage would restart the pod; ask a path that only answers 200");
                }
            }
        }
        for (JsonNode service : ofKind("Service")) {
            problems.addAll(serviceProblems(service));
        }
        return problems;
    }

    private List<String> serviceProblems(JsonNode service) {
        String name = "Service " + service.path("metadata").path("name").asText();
        JsonNode selector = service.path("spec").path("selector");
        List<Container> selected = containers().stream()
                .filter(c -> selects(
                        selector,
                        c.workload()
                                .path("spec")
                                .path("template")
                                .path("metadata")
                                .path("labels")))
                .toList();
        if (selected.isEmpty()) {
            return List.of(name + " selects no Bulletin pod (selector " + selector + ")");
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode port : service.path("spec").path("ports")) {
            JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
            for (Container c : selected) {
                if (resolvePort(target, containerPorts(c.node())) == null) {
                    problems.add(
                            name + " targets port " + target.asText() + ", which " + c.name() + " does not declare");
                }
            }
        }
        return problems;
    }

    /** Whether {@code selector} (a map of labels) matches {@code labels}. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        List<Boolean> all = new ArrayList<>();
        selector.fields()
                .forEachRemaining(e -> all.add(
                        e.getValue().asText().equals(labels.path(e.getKey()).asText(null))));
        return !all.contains(false);
    }

    private static Map<String, Integer> containerPorts(JsonNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (JsonNode p : container.path("ports")) {
            ports.put(
                    p.path("name")
                            .asText(Integer.toString(p.path("containerPort").asInt())),
                    p.path("containerPort").asInt());
        }
        return ports;
    }

    private static Integer resolvePort(JsonNode port, Map<String, Integer> ports) {
        if (port.isInt()) {
            return ports.containsValue(port.asInt()) ? port.asInt() : null;
        }
        return ports.get(port.asText());
    }

    /** The API's OpenAPI document: path -> method -> response codes. */
    static Map<String, Map<String, Set<String>>> openApi() {
        try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
            JsonNode doc = new ObjectMapper().readTree(Objects.requireNonNull(in, "openapi.json not on the classpath"));
            Map<String, Map<String, Set<String>>> out = new LinkedHashMap<>();
            doc.path("paths").fields().forEachRemaining(p -> {
                Map<String, Set<String>> methods = new LinkedHashMap<>();
                p.getValue().fields().forEachRemaining(m -> {
                    Set<String> codes = new LinkedHashSet<>();
                    m.getValue().path("responses").fieldNames().forEachRemaining(codes::add);
                    methods.put(m.getKey(), codes);
                });
                out.put(p.getKey(), methods);
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stages without a port are ready when they started and the broker answers, as docker-compose checks them:
     * ingest when its ledger file exists, enrich when Kafka Streams created its application's state folder. Those
     * paths must be the ones the app writes with this configuration. No liveness probe asks the broker or /health.
     */
    List<String> probeProblems() {
        List<String> problems = new ArrayList<>();
        for (Container c : containers()) {
            boolean longRunning = !c.workload().path("kind").asText().equals("Job");
            JsonNode readiness = c.node().path("readinessProbe");
            if (longRunning && readiness.isMissingNode()) {
                problems.add(c.name() + " has no readinessProbe");
            }
            String liveness = c.node().path("livenessProbe").toString();
            if (liveness.contains("BULLETIN_KAFKA_BOOTSTRAP")
                    || liveness.contains("/dev/tcp")
                    || liveness.contains("/health")) {
                problems.add(c.name() + ": the livenessProbe depends on the broker or on /health: an outage of Kafka "
                        + "or the database would restart every pod, which brings neither back");
            }
            String exec = String.join(" ", texts(readiness.path("exec").path("command")));
            String expected = switch (c.stage()) {
                case "ingest" ->
                    absolute(new IngestConfig(c.bulletinKeys()).dataDir().resolve("ingest"))
                            .resolve(IngestLedger.FILE_NAME)
                            .toString();
                case "enrich" -> {
                    EnrichConfig config = new EnrichConfig(c.bulletinKeys());
                    yield config.stateDir().isBlank()
                            ? null
                            : Path.of(config.stateDir())
                                    .resolve(config.applicationId())
                                    .toString();
                }
                default -> null;
            };
            if (expected != null && longRunning && !exec.contains(expected)) {
                problems.add(c.name() + ": the readinessProbe does not check " + expected + " (what 'bulletin "
                        + c.stage() + "' writes once started with this configuration): " + exec);
            }
            if (!exec.isEmpty() && !exec.contains("BULLETIN_KAFKA_BOOTSTRAP")) {
                problems.add(c.name() + ": the readinessProbe does not check that the broker answers");
            }
        }
        return problems;
    }

    private static Path absolute(Path p) {
        // The image's working directory (/var/lib/bulletin) is read-only here; a relative data dir is reported by
        // filesystemProblems, so resolve it where the JVM would.
        return p.isAbsolute() ? p : Path.of("/var/lib/bulletin").resolve(p).normalize();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ files

    /**
     * The root filesystem is read-only; every folder the app writes with this configuration (ingest's ledger, publish's
     * push ledger, enrich's state, the JVM's /tmp where RocksDB unpacks its library) is an absolute path on a writable
     * volume mount, and every mount names a volume of the pod. Enrich's state is on an emptyDir, restored from the
     * changelogs, so its pods stay interchangeable.
     */
    List<String> filesystemProblems() {
        List<String> problems = new ArrayList<>();
        for (Container c : containers()) {
            if (!c.node().path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
                problems.add(c.name() + " does not set securityContext.readOnlyRootFilesystem: true");
            }
            Map<String, JsonNode> volumes = new LinkedHashMap<>();
            c.pod().path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            for (JsonNode m : c.node().path("volumeMounts")) {
                if (!volumes.containsKey(m.path("name").asText())) {
                    problems.add(c.name() + " mounts volume '" + m.path("name").asText()
                            + "', which the pod does not declare");
                }
            }
            Map<String, String> writes = new LinkedHashMap<>();
            writes.put("/tmp", "java.io.tmpdir");
            Map<String, String> keys = c.bulletinKeys();
            switch (c.stage()) {
                case "ingest" ->
                    writes.put(keys.getOrDefault(IngestConfig.DATA_DIR, "./data"), "BULLETIN_INGEST_DATA_DIR");
                case "publish" -> {
                    writes.put(keys.getOrDefault(IngestConfig.DATA_DIR, "./data"), "BULLETIN_INGEST_DATA_DIR");
                    if (keys.getOrDefault(PublishConfig.STORE_URL, "").isBlank()) {
                        writes.put(keys.getOrDefault(PublishConfig.DATA_DIR, "./data"), "BULLETIN_PUBLISH_DATA_DIR");
                    }
                }
                case "enrich" -> writes.put(keys.getOrDefault(EnrichConfig.STATE_DIR, ""), "BULLETIN_ENRICH_STATE_DIR");
                default -> {}
            }
            writes.forEach((path, what) -> {
                if (!path.startsWith("/")) {
                    problems.add(
                            c.name() + ": " + what + " is '" + path + "', not an absolute path on a mounted volume "
                                    + "(the image's working directory is on the read-only root filesystem)");
                    return;
                }
                JsonNode mount = mountOf(c.node(), path);
                if (mount == null || mount.path("readOnly").asBoolean(false)) {
                    problems.add(
                            c.name() + " writes " + path + " (" + what + "), which is on no writable volume mount");
                } else if (c.stage().equals("enrich")
                        && !path.equals("/tmp")
                        && !volumes.getOrDefault(mount.path("name").asText(), mount)
                                .has("emptyDir")) {
                    problems.add(c.name() + ": the state dir " + path + " is not on an emptyDir: enrich pods must stay "
                            + "interchangeable (state restores from the changelog topics)");
                }
            });
        }
        return problems;
    }

    /** The volume mount holding {@code path}: the one with the longest mount path above it. */
    private static JsonNode mountOf(JsonNode container, String path) {
        JsonNode best = null;
        for (JsonNode m : container.path("volumeMounts")) {
            String mp = m.path("mountPath").asText();
            if ((path.equals(mp) || path.startsWith(mp.endsWith("/") ? mp : mp + "/"))
                    && (best == null
                            || mp.length() > best.path("mountPath").asText().length())) {
                best = m;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------------------------------------ pods

    /**
     * Service links off (they would add BULLETIN_* and KAFKA_* variables such as BULLETIN_PUBLISH_PORT, which the
     * app reads as configuration), memory requested and limited, CPU requested, and a heap sized from the limit.
     */
    List<String> podProblems() {
        List<String> problems = new ArrayList<>();
        for (Container c : containers()) {
            if (c.pod().path("enableServiceLinks").asBoolean(true)) {
                problems.add(
                        c.name() + " does not set enableServiceLinks: false: a Service named like bulletin-publish "
                                + "would put BULLETIN_PUBLISH_PORT and the like into its environment, which the app reads as "
                                + "configuration");
            }
            JsonNode resources = c.node().path("resources");
            for (String field : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                String[] parts = field.split("/");
                if (resources.path(parts[0]).path(parts[1]).isMissingNode()) {
                    problems.add(c.name() + " sets no resources." + parts[0] + "." + parts[1]);
                }
            }
            String jvm = c.literal("JAVA_TOOL_OPTIONS");
            if (jvm == null || !jvm.contains("-XX:MaxRAMPercentage=")) {
                problems.add(c.name() + ": JAVA_TOOL_OPTIONS does not size the heap from the memory limit "
                        + "(-XX:MaxRAMPercentage=...): the JVM default of 25 % wastes most of it");
            }
        }
        return problems;
    }

    /**
     * Enrich scales: a Deployment of 2 or more replicas, no more than {@code rawPartitions} (the parse sub-topology,
     * most of the work, has one task per raw partition; more replicas get only the lighter tasks, or none), under a
     * PodDisruptionBudget. Ingest and publish are single instances that never overlap (Recreate): one writer per
     * ledger, one relay per store.
     */
    List<String> scalingProblems(int rawPartitions) {
        List<String> problems = new ArrayList<>();
        Container enrich = stage("enrich");
        if (enrich != null) {
            JsonNode deployment = enrich.workload();
            int replicas = deployment.path("spec").path("replicas").asInt(1);
            if (!deployment.path("kind").asText().equals("Deployment")) {
                problems.add(enrich.name() + " runs enrich: it must be a Deployment, scaled by its replicas");
            } else if (replicas < 2) {
                problems.add(enrich.name() + " has " + replicas
                        + " replica(s): enrich needs at least 2 to ride out the " + "loss of one");
            } else if (replicas > rawPartitions) {
                problems.add(enrich.name() + " has " + replicas + " replicas but bulletin.raw.v1 has " + rawPartitions
                        + " partitions: parsing and classifying (most of enrich's work) runs as one task per partition, "
                        + "so " + (replicas - rawPartitions) + " replica(s) would add little or idle");
            }
            JsonNode labels =
                    deployment.path("spec").path("template").path("metadata").path("labels");
            boolean budgeted = ofKind("PodDisruptionBudget").stream()
                    .anyMatch(pdb -> selects(pdb.path("spec").path("selector").path("matchLabels"), labels)
                            && (pdb.path("spec").path("maxUnavailable").asInt(0) >= 1
                                    || pdb.path("spec").path("minAvailable").asInt(replicas) < replicas));
            if (!budgeted) {
                problems.add(enrich.name() + " has no PodDisruptionBudget letting one pod go at a time");
            }
        }
        for (String single : List.of("ingest", "publish")) {
            Container c = stage(single);
            if (c == null) {
                continue;
            }
            JsonNode spec = c.workload().path("spec");
            if (spec.path("replicas").asInt(1) != 1) {
                problems.add(c.name() + " has " + spec.path("replicas").asInt() + " replicas: " + single
                        + " runs as one instance");
            }
            if (!spec.path("strategy").path("type").asText().equals("Recreate")) {
                problems.add(c.name() + " does not use strategy Recreate: two " + single
                        + " pods would overlap during a " + "rollout");
            }
        }
        return problems;
    }

    /**
     * Each stage logs in to Kafka as its own principal: KAFKA_SASL_JAAS_CONFIG comes from the Secret named after the
     * stage's user ({@code users}: stage -> KafkaUser name), and the pods trust the CA of cluster {@code kafkaName}.
     */
    List<String> credentialProblems(Map<String, String> users, String kafkaName) {
        List<String> problems = new ArrayList<>();
        String caSecret = kafkaName + "-cluster-ca-cert";
        for (Container c : containers()) {
            EnvVar jaas = c.env().get("KAFKA_SASL_JAAS_CONFIG");
            String expected = "secret " + users.get(c.stage()) + "/sasl.jaas.config";
            if (jaas == null || !jaas.source().equals(expected)) {
                problems.add(c.name() + ": KAFKA_SASL_JAAS_CONFIG comes from "
                        + (jaas == null ? "nowhere" : jaas.source()) + ", expected " + expected
                        + " (the credentials of "
                        + "KafkaUser " + users.get(c.stage()) + ")");
            }
            JsonNode caVolume = null;
            for (JsonNode v : c.pod().path("volumes")) {
                if (v.path("secret").path("secretName").asText().equals(caSecret)) {
                    caVolume = v;
                }
            }
            JsonNode caMount = null;
            for (JsonNode m : c.node().path("volumeMounts")) {
                if (caVolume != null
                        && m.path("name").asText().equals(caVolume.path("name").asText())) {
                    caMount = m;
                }
            }
            if (caMount == null) {
                problems.add(c.name() + " does not mount the cluster CA (Secret " + caSecret + ")");
            }
            String truststore = c.literal("KAFKA_SSL_TRUSTSTORE_LOCATION");
            if (truststore != null
                    && (caMount == null
                            || !truststore.equals(caMount.path("mountPath").asText() + "/ca.crt"))) {
                problems.add(c.name() + ": KAFKA_SSL_TRUSTSTORE_LOCATION is " + truststore
                        + ", not ca.crt of the mounted " + "Secret " + caSecret);
            }
        }
        return problems;
    }
}
