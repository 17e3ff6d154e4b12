package org.bulletin.app.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.bulletin.app.config.ConfigKeys;
import org.bulletin.app.config.Settings;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.ingest.IngestConfig;
import org.bulletin.publish.PublishConfig;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.SchemaRegistries;

/**
 * docker-compose.yml as the guard test reads it, and the checks that keep it in step with the app: each check returns
 * the problems it found, as sentences naming the service and the offending name, so a failure says what to fix.
 */
final class ComposeFile {

    static final String FILE = "docker-compose.yml";
    static final String ENV_EXAMPLE = "docker/compose.env.example";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");
    private static final Pattern TOPIC = Pattern.compile("bulletin\\.[a-z0-9-]+(?:\\.[a-z0-9{}-]+)*\\.v\\d+");
    // host:port not preceded by a name character, so "PLAINTEXT://kafka:9092" and "1@kafka:9093" give kafka.
    private static final Pattern HOST_PORT = Pattern.compile("(?<![\\w.-])([A-Za-z][\\w.-]*):(\\d{1,5})(?![\\w])");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0");

    private final String text;
    private final JsonNode root;

    private ComposeFile(String text, JsonNode root) {
        this.text = text;
        this.root = root;
    }

    /** The repository's compose file, found from the working directory upwards (Maven runs tests in app/). */
    static ComposeFile load() {
        try {
            return parse(Files.readString(locate(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeFile parse(String text) {
        try {
            return new ComposeFile(text, YAML.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("docker-compose.yml is not valid YAML: " + e.getMessage(), e);
        }
    }

    static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative)) && Files.exists(dir.resolve("pom.xml"))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }

    /** A mutable copy of the parsed tree, for tests that break one thing. */
    ObjectNode tree() {
        return root.deepCopy();
    }

    static ComposeFile of(JsonNode tree) {
        try {
            return new ComposeFile(YAML.writeValueAsString(tree), tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return text;
    }

    // ------------------------------------------------------------------------------------------------ the model

    Map<String, JsonNode> services() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path("services").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The service's environment, both compose syntaxes, values as written (interpolation not resolved). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(e -> env.put(
                            e.getKey(),
                            e.getValue().isNull() ? "" : e.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String s = item.asText();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            });
        }
        return env;
    }

    /** {@code ${VAR:-default}} -> default, {@code ${VAR}} -> "": what the file means with an empty .env. */
    static String resolve(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The Bulletin command a service runs (first word of its command), or null for other images. */
    static String bulletinCommand(JsonNode service) {
        if (!service.has("build") && !service.path("image").asText().startsWith("bulletin")) {
            return null;
        }
        JsonNode command = service.path("command");
        if (command.isArray() && !command.isEmpty()) {
            return command.get(0).asText();
        }
        return command.isTextual() ? command.asText().trim().split("\\s+")[0] : "";
    }

    static List<String> command(JsonNode service) {
        List<String> words = new ArrayList<>();
        JsonNode command = service.path("command");
        if (command.isArray()) {
            command.forEach(w -> words.add(w.asText()));
        } else if (command.isTextual()) {
            words.addAll(List.of(command.asText().trim().split("\\s+")));
        }
        return words;
    }

    /** Container ports a service publishes ({@code ports:}, short or long syntax) or exposes ({@code expose:}). */
    static Set<Integer> containerPorts(JsonNode service) {
        Set<Integer> ports = new LinkedHashSet<>(publishedTargets(service).values());
        service.path("expose")
                .forEach(p -> ports.add(Integer.parseInt(resolve(p.asText()).split("/")[0])));
        return ports;
    }

    /** Published ports: host port (as written, resolved) -> container port. */
    static Map<String, Integer> publishedTargets(JsonNode service) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (JsonNode p : service.path("ports")) {
            if (p.isObject()) {
                out.put(resolve(p.path("published").asText()), p.path("target").asInt());
            } else {
                String[] parts = resolve(p.asText()).split("/")[0].split(":");
                String host = parts.length > 1 ? parts[parts.length - 2] : "";
                out.put(host, Integer.parseInt(parts[parts.length - 1]));
            }
        }
        return out;
    }

    /** Services another one waits for with {@code service_completed_successfully}: the one-shots. */
    Set<String> oneShots() {
        Set<String> out = new LinkedHashSet<>();
        services()
                .values()
                .forEach(s -> s.path("depends_on").fields().forEachRemaining(d -> {
                    if ("service_completed_successfully"
                            .equals(d.getValue().path("condition").asText())) {
                        out.add(d.getKey());
                    }
                }));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ the checks

    /** Every BULLETIN_* variable must map (Settings.envToKey) to a key the app reads; a typo would be ignored. */
    List<String> unknownBulletinVariables() {
        List<String> problems = new ArrayList<>();
        services()
                .forEach((name, service) -> environment(service).keySet().forEach(var -> {
                    if (var.startsWith("BULLETIN_") && !ConfigKeys.isKnown(Settings.envToKey(var))) {
                        problems.add("service '" + name + "': " + var + " (key " + Settings.envToKey(var)
                                + ") is not a configuration key the app reads");
                    }
                }));
        return problems;
    }

    /** Every BULLETIN_* value must pass the validators of the config defining it, as it would at start. */
    List<String> invalidBulletinValues() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            Map<String, String> keys = new LinkedHashMap<>();
            environment(service).forEach((var, value) -> {
                if (var.startsWith("BULLETIN_")) {
                    keys.put(Settings.envToKey(var), resolve(value));
                }
            });
            List<ConfigDef> defs =
                    List.of(EnrichConfig.DEF, IngestConfig.DEF, PublishConfig.configDef(), Topics.configDef());
            for (ConfigDef def : defs) {
                Map<String, String> mine = new LinkedHashMap<>();
                keys.forEach((k, v) -> {
                    if (def.names().contains(k)) {
                        mine.put(k, v);
                    }
                });
                try {
                    def.parse(mine);
                } catch (ConfigException e) {
                    problems.add("service '" + name + "': " + e.getMessage());
                }
            }
        });
        return problems;
    }

    /** Every topic name written anywhere in the file (comments included) must be one the app uses by default. */
    List<String> unknownTopics() {
        Set<String> known = Set.copyOf(
                Topics.defaults(SchemaRegistries.connect("mem://compose-guard")).allNames());
        List<String> problems = new ArrayList<>();
        Matcher m = TOPIC.matcher(text);
        while (m.find()) {
            if (!known.contains(m.group())) {
                problems.add("topic '" + m.group() + "' is not one of the app's default topics " + known);
            }
        }
        return problems;
    }

    /** The publish service must publish the API's default port, listen on all interfaces and check that port. */
    List<String> apiPortProblems() {
        int port = (Integer) PublishConfig.configDef().defaultValues().get(PublishConfig.API_PORT);
        List<String> problems = new ArrayList<>();
        List<String> publishers = new ArrayList<>();
        services().forEach((name, service) -> {
            if (!"publish".equals(bulletinCommand(service))) {
                return;
            }
            publishers.add(name);
            Map<String, String> env = environment(service);
            String configured = env.get("BULLETIN_PUBLISH_API_PORT");
            if (configured != null && !resolve(configured).equals(Integer.toString(port))) {
                problems.add("service '" + name + "' moves the API off its default port " + port + ": "
                        + "BULLETIN_PUBLISH_API_PORT=" + configured);
            }
            Map<String, Integer> published = publishedTargets(service);
            if (!published.containsValue(port)) {
                problems.add("service '" + name + "' does not publish the API port " + port + ": ports " + published);
            }
            published.forEach((host, target) -> {
                if (target == port && !host.equals(Integer.toString(port))) {
                    problems.add("service '" + name + "' publishes the API on host port '" + host + "' by default, not "
                            + port + " as the README says");
                }
            });
            if (!"0.0.0.0".equals(resolve(env.getOrDefault("BULLETIN_PUBLISH_API_HOST", "")))) {
                problems.add("service '" + name + "' must set BULLETIN_PUBLISH_API_HOST=0.0.0.0, or the API only "
                        + "listens inside the container");
            }
            if (!service.path("healthcheck").path("test").toString().contains(":" + port + "/")) {
                problems.add("service '" + name + "' healthcheck does not check the API port " + port);
            }
        });
        if (publishers.isEmpty()) {
            problems.add("no service runs 'publish'");
        }
        return problems;
    }

    /**
     * Every host:port in an environment value must be this machine or a service of this file that declares that
     * port; every Bulletin service must say where Kafka and the registry are; publish must use the postgres service.
     */
    List<String> hostProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> services = services();
        services.forEach((name, service) -> {
            Map<String, String> env = environment(service);
            env.forEach((var, value) -> {
                Matcher m = HOST_PORT.matcher(resolve(value));
                while (m.find()) {
                    String host = m.group(1);
                    int port = Integer.parseInt(m.group(2));
                    if (LOCAL_HOSTS.contains(host)) {
                        continue;
                    }
                    JsonNode target = services.get(host);
                    if (target == null) {
                        problems.add("service '" + name + "': " + var + " names host '" + host
                                + "', which is not a service of " + FILE + " " + services.keySet());
                    } else if (!containerPorts(target).contains(port)) {
                        problems.add(
                                "service '" + name + "': " + var + " names " + host + ":" + port + ", but service '"
                                        + host + "' declares ports " + containerPorts(target) + " (expose/ports)");
                    }
                }
            });
            String command = bulletinCommand(service);
            if (command == null || command.equals("classify")) {
                return;
            }
            for (String required : List.of("BULLETIN_KAFKA_BOOTSTRAP", "BULLETIN_REGISTRY_URL")) {
                if (!env.containsKey(required)) {
                    problems.add("service '" + name + "' runs 'bulletin " + command + "' without " + required);
                }
            }
            if (command.equals("publish")) {
                problems.addAll(storeProblems(name, env, services));
            }
        });
        return problems;
    }

    private static List<String> storeProblems(String name, Map<String, String> env, Map<String, JsonNode> services) {
        List<String> problems = new ArrayList<>();
        String url = resolve(env.getOrDefault("BULLETIN_PUBLISH_STORE_URL", ""));
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::\\d+)?/([^?]+).*")
                .matcher(url);
        if (!m.matches()) {
            problems.add("service '" + name + "': BULLETIN_PUBLISH_STORE_URL '" + url
                    + "' is not a jdbc:postgresql URL (empty = an H2 file inside the container)");
            return problems;
        }
        JsonNode postgres = services.get(m.group(1));
        if (postgres == null) {
            return problems; // reported by the host check
        }
        Map<String, String> pg = environment(postgres);
        String user = resolve(pg.getOrDefault("POSTGRES_USER", "postgres"));
        String db = resolve(pg.getOrDefault("POSTGRES_DB", user));
        if (!m.group(2).equals(db)) {
            problems.add("service '" + name + "' stores in database '" + m.group(2) + "', service '" + m.group(1)
                    + "' creates '" + db + "'");
        }
        if (!user.equals(resolve(env.getOrDefault("BULLETIN_PUBLISH_STORE_USER", "")))) {
            problems.add("service '" + name + "': BULLETIN_PUBLISH_STORE_USER is not '" + user + "' (POSTGRES_USER)");
        }
        if (!pg.getOrDefault("POSTGRES_PASSWORD", "").equals(env.getOrDefault("BULLETIN_PUBLISH_STORE_PASSWORD", ""))) {
            problems.add("service '" + name + "': BULLETIN_PUBLISH_STORE_PASSWORD differs from POSTGRES_PASSWORD");
        }
        return problems;
    }

    /** Every service restarts by policy and is health-checked, except one-shots; waits use the right condition. */
    List<String> lifecycleProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> services = services();
        Set<String> oneShots = oneShots();
        services.forEach((name, service) -> {
            if (!service.hasNonNull("restart")) {
                problems.add("service '" + name + "' has no restart policy");
            }
            boolean checked = service.path("healthcheck").path("test").isArray()
                    || service.path("healthcheck").path("test").isTextual();
            if (!checked && !oneShots.contains(name)) {
                problems.add("service '" + name + "' has no healthcheck and is not a one-shot");
            }
            if (oneShots.contains(name) && service.has("ports")) {
                problems.add("one-shot service '" + name + "' publishes ports");
            }
            JsonNode deps = service.path("depends_on");
            if (deps.isArray()) {
                problems.add("service '" + name + "': depends_on without conditions starts it before its "
                        + "dependencies are ready");
                return;
            }
            deps.fields().forEachRemaining(d -> {
                String condition = d.getValue().path("condition").asText();
                JsonNode target = services.get(d.getKey());
                String expected = oneShots.contains(d.getKey())
                        ? "service_completed_successfully"
                        : target != null && target.has("healthcheck") ? "service_healthy" : "service_started";
                if (target == null) {
                    problems.add("service '" + name + "' depends on unknown service '" + d.getKey() + "'");
                } else if (!condition.equals(expected)) {
                    problems.add("service '" + name + "' waits for '" + d.getKey() + "' with condition '" + condition
                            + "', expected " + expected);
                }
            });
        });
        if (oneShots.size() != 1) {
            problems.add("expected exactly one one-shot (setup) service, found " + oneShots);
        }
        return problems;
    }

    /** Every image is pinned: a tag that is not 'latest', or a digest. */
    List<String> unpinnedImages() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            String image = resolve(service.path("image").asText(""));
            String lastPart = image.substring(image.lastIndexOf('/') + 1);
            if (image.isEmpty()) {
                problems.add("service '" + name + "' names no image (a built image needs a pinned name:tag too)");
            } else if (image.contains("@sha256:")) {
                return;
            } else if (!lastPart.contains(":")) {
                problems.add("service '" + name + "': image '" + image + "' has no tag");
            } else if (lastPart.endsWith(":latest")) {
                problems.add("service '" + name + "': image '" + image + "' is not pinned (latest)");
            }
        });
        return problems;
    }

    /** Services running enrich must be scalable: no fixed container name, no published port. */
    List<String> unscalableEnrich() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            if ("enrich".equals(bulletinCommand(service))) {
                if (service.has("container_name")) {
                    problems.add("service '" + name + "' has a container_name: --scale " + name + "=3 would fail");
                }
                if (service.has("ports")) {
                    problems.add("service '" + name + "' publishes ports: --scale " + name + "=3 would clash");
                }
            }
        });
        return problems;
    }

    /** Every ${VAR} the file reads from .env is documented in the example file ops copy. */
    List<String> undocumentedInterpolations(String envExample) {
        Set<String> documented = new LinkedHashSet<>();
        for (String line : envExample.split("\\R")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                documented.add(line.substring(0, eq).trim());
            }
        }
        List<String> problems = new ArrayList<>();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            if (!documented.contains(m.group(1))) {
                problems.add("${" + m.group(1) + "} is not documented in " + ENV_EXAMPLE);
            }
        }
        return problems;
    }
}
