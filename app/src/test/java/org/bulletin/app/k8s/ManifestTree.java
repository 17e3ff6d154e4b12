package org.bulletin.app.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Kubernetes files under deploy/k8s as the guard test reads them: their YAML documents, the kustomizations'
 * references, and each kustomization rendered into the objects it would apply. Rendering is done here for the few
 * kustomize features the files use (resources, ConfigMap generators, labels, images, replicas, namespace), so the test runs
 * where no kustomize binary is; {@link #kubectlRender} renders with the real one where {@code kubectl} is installed,
 * and the test compares the two.
 */
final class ManifestTree {

    static final String ROOT = "deploy/k8s";
    static final String KUSTOMIZATION = "kustomization.yaml";

    private static final YAMLMapper YAML = new YAMLMapper();
    // Kustomize features the raw renderer does not implement: a kustomization using one must be rendered by kustomize.
    private static final List<String> UNSUPPORTED = List.of(
            "patches",
            "patchesStrategicMerge",
            "patchesJson6902",
            "components",
            "secretGenerator",
            "replacements",
            "vars",
            "helmCharts",
            "namePrefix",
            "nameSuffix");

    private final Path root;

    private ManifestTree(Path root) {
        this.root = root;
    }

    /** The repository's deploy/k8s, found from the working directory upwards (Maven runs tests in app/). */
    static ManifestTree load() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(ROOT)) && Files.exists(dir.resolve("pom.xml"))) {
                return new ManifestTree(dir.resolve(ROOT));
            }
        }
        throw new IllegalStateException(ROOT + " not found above " + Path.of("").toAbsolutePath());
    }

    static ManifestTree at(Path root) {
        return new ManifestTree(root);
    }

    Path root() {
        return root;
    }

    /** Every YAML document of {@code file}, empty ones (only comments) left out. */
    static List<JsonNode> documents(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<JsonNode> parse(String text, String where) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(where + " is not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    /** The kustomization of {@code dir}. */
    JsonNode kustomization(Path dir) {
        List<JsonNode> docs = documents(dir.resolve(KUSTOMIZATION));
        if (docs.size() != 1) {
            throw new IllegalStateException(dir.resolve(KUSTOMIZATION) + " holds " + docs.size() + " documents, not 1");
        }
        return docs.get(0);
    }

    /** Every folder under the root holding a kustomization.yaml, relative to the root, sorted. */
    List<String> kustomizationDirs() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(KUSTOMIZATION))
                    .map(p -> root.relativize(p.getParent()).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ references

    /**
     * What kustomize would refuse or silently leave out: a reference to a file or folder that does not exist (or a
     * folder without a kustomization), and a YAML file next to a kustomization that nothing references.
     */
    List<String> referenceProblems() {
        List<String> problems = new ArrayList<>();
        for (String rel : kustomizationDirs()) {
            Path dir = root.resolve(rel);
            JsonNode k = kustomization(dir);
            Set<String> used = new LinkedHashSet<>();
            for (JsonNode r : k.path("resources")) {
                Path target = dir.resolve(r.asText()).normalize();
                if (Files.isDirectory(target)) {
                    if (!Files.exists(target.resolve(KUSTOMIZATION))) {
                        problems.add(
                                where(dir) + ": resource '" + r.asText() + "' is a folder without a " + KUSTOMIZATION);
                    }
                } else if (!Files.isRegularFile(target)) {
                    problems.add(where(dir) + ": resource '" + r.asText() + "' does not exist");
                }
                used.add(target.toString());
            }
            for (String generator : List.of("configMapGenerator", "secretGenerator")) {
                for (JsonNode g : k.path(generator)) {
                    for (String field : List.of("files", "envs")) {
                        for (JsonNode f : g.path(field)) {
                            // files: entries may be key=path
                            String path = f.asText().contains("=")
                                    ? f.asText().substring(f.asText().indexOf('=') + 1)
                                    : f.asText();
                            Path target = dir.resolve(path).normalize();
                            if (!Files.isRegularFile(target)) {
                                problems.add(where(dir) + ": " + generator + " '"
                                        + g.path("name").asText() + "' reads '" + path + "', which does not exist");
                            }
                            used.add(target.toString());
                        }
                    }
                }
            }
            try (Stream<Path> siblings = Files.list(dir)) {
                siblings.filter(p ->
                                p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .filter(p -> !p.getFileName().toString().equals(KUSTOMIZATION))
                        .filter(p -> !used.contains(p.normalize().toString()))
                        .forEach(p -> problems.add(where(dir) + ": " + p.getFileName() + " is not listed in its "
                                + KUSTOMIZATION + ", so nothing applies it"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return problems;
    }

    private String where(Path dir) {
        return ROOT + "/" + root.relativize(dir) + "/" + KUSTOMIZATION;
    }

    // ------------------------------------------------------------------------------------------------ rendering

    /**
     * The objects {@code kubectl kustomize <dir>} would print, rendered here: resources (files and kustomization
     * folders, depth first), ConfigMap generators (create and merge; names without kustomize's hash suffix), labels,
     * images, replicas and namespace.
     *
     * @throws IllegalStateException naming the feature when the kustomization uses one this renderer lacks
     */
    List<JsonNode> render(String dir) {
        return render(root.resolve(dir).normalize());
    }

    private List<JsonNode> render(Path dir) {
        JsonNode k = kustomization(dir);
        for (String feature : UNSUPPORTED) {
            if (k.has(feature)) {
                throw new IllegalStateException(where(dir) + " uses '" + feature + "', which this test's renderer does "
                        + "not implement: render it with kubectl kustomize, or extend ManifestTree");
            }
        }
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path target = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(target)) {
                objects.addAll(render(target));
            } else {
                documents(target).forEach(d -> objects.add(d.deepCopy()));
            }
        }
        for (JsonNode g : k.path("configMapGenerator")) {
            generate(dir, g, objects);
        }
        for (JsonNode labels : k.path("labels")) {
            objects.forEach(o -> label(o, labels));
        }
        for (JsonNode image : k.path("images")) {
            objects.forEach(o -> containers(o).forEach(c -> retag(c, image)));
        }
        for (JsonNode r : k.path("replicas")) {
            objects.stream()
                    .filter(o -> o.path("metadata")
                            .path("name")
                            .asText()
                            .equals(r.path("name").asText()))
                    .filter(o -> o.path("spec").has("replicas"))
                    .forEach(o -> ((ObjectNode) o.path("spec"))
                            .put("replicas", r.path("count").asInt()));
        }
        if (k.hasNonNull("namespace")) {
            objects.forEach(o -> ((ObjectNode) o.path("metadata"))
                    .put("namespace", k.path("namespace").asText()));
        }
        return objects;
    }

    private void generate(Path dir, JsonNode generator, List<JsonNode> objects) {
        String name = generator.path("name").asText();
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode literal : generator.path("literals")) {
            String s = literal.asText();
            int eq = s.indexOf('=');
            data.put(s.substring(0, eq), s.substring(eq + 1));
        }
        for (JsonNode file : generator.path("files")) {
            String s = file.asText();
            int eq = s.indexOf('=');
            Path path = dir.resolve(eq < 0 ? s : s.substring(eq + 1));
            try {
                data.put(eq < 0 ? path.getFileName().toString() : s.substring(0, eq), Files.readString(path));
            } catch (IOException e) {
                throw new UncheckedIOException(where(dir) + ": cannot read " + path, e);
            }
        }
        Optional<JsonNode> existing = objects.stream()
                .filter(o -> o.path("kind").asText().equals("ConfigMap"))
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst();
        String behavior = generator.path("behavior").asText("create");
        if (behavior.equals("create") && existing.isPresent()) {
            throw new IllegalStateException(
                    where(dir) + ": ConfigMap " + name + " is generated twice (behavior: create)");
        }
        if (!behavior.equals("create") && existing.isEmpty()) {
            throw new IllegalStateException(
                    where(dir) + ": ConfigMap " + name + " has behavior " + behavior + " but no base generates it");
        }
        ObjectNode configMap = existing.map(o -> (ObjectNode) o).orElseGet(() -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("apiVersion", "v1").put("kind", "ConfigMap");
            o.putObject("metadata").put("name", name);
            objects.add(0, o);
            return o;
        });
        ObjectNode target = behavior.equals("replace") || !configMap.has("data")
                ? configMap.putObject("data")
                : (ObjectNode) configMap.get("data");
        data.forEach(target::put);
    }

    /** kustomize's {@code labels} entry: the pairs on every object, and on pod templates / selectors if asked. */
    private static void label(JsonNode object, JsonNode labels) {
        List<JsonNode> targets = new ArrayList<>(List.of(object.path("metadata")));
        JsonNode template = object.path("kind").asText().equals("CronJob")
                ? object.path("spec").path("jobTemplate").path("spec").path("template")
                : object.path("spec").path("template");
        if (labels.path("includeTemplates").asBoolean(false) && template.isObject()) {
            targets.add(template.path("metadata"));
        }
        if (labels.path("includeSelectors").asBoolean(false)) {
            throw new IllegalStateException("labels with includeSelectors is not implemented by this test's renderer");
        }
        for (JsonNode metadata : targets) {
            if (metadata.isObject()) {
                ObjectNode m = (ObjectNode) metadata;
                ObjectNode l = m.has("labels") ? (ObjectNode) m.get("labels") : m.putObject("labels");
                labels.path("pairs").fields().forEachRemaining(e -> l.set(e.getKey(), e.getValue()));
            }
        }
    }

    private static void retag(JsonNode container, JsonNode image) {
        String current = container.path("image").asText();
        int colon = current.lastIndexOf(':');
        String name = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
        String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : null;
        if (!name.equals(image.path("name").asText())) {
            return;
        }
        String newName = image.path("newName").asText(name);
        String newTag = image.path("newTag").asText(tag);
        ((ObjectNode) container).put("image", newTag == null ? newName : newName + ":" + newTag);
    }

    /** The containers and init containers of a workload's pod template (Deployment, StatefulSet, Job...). */
    static List<JsonNode> containers(JsonNode object) {
        JsonNode pod = podSpec(object);
        List<JsonNode> out = new ArrayList<>();
        pod.path("initContainers").forEach(out::add);
        pod.path("containers").forEach(out::add);
        return out;
    }

    /** The pod spec of a workload (a CronJob's through its job template), or a missing node. */
    static JsonNode podSpec(JsonNode object) {
        if (object.path("kind").asText().equals("CronJob")) {
            return object.path("spec")
                    .path("jobTemplate")
                    .path("spec")
                    .path("template")
                    .path("spec");
        }
        return object.path("spec").path("template").path("spec");
    }

    // ------------------------------------------------------------------------------------------------ kubectl

    /** Whether {@code kubectl} runs here (it embeds kustomize). */
    static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kubectl kustomize <dir>}'s objects. */
    List<JsonNode> kubectlRender(String dir) {
        Path path = root.resolve(dir);
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process p = new ProcessBuilder("kubectl", "kustomize", path.toString())
                        .redirectError(err.toFile())
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + path + " failed: "
                            + Files.readString(err).strip());
                }
                return parse(out, "kubectl kustomize " + path);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kubectl kustomize " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running kubectl kustomize " + path, e);
        }
    }
}
