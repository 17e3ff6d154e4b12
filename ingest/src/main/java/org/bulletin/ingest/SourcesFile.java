package org.bulletin.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a YAML sources file (format in ingest/README.md) into {@link SourceSpec}s, failing with a message that names
 * the entry and field at fault. Relative paths are resolved against the file's folder.
 */
public final class SourcesFile {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Set<String> FIELDS =
            Set.of("id", "type", "paths", "path", "watch", "url", "links", "depth", "every", "force");

    private SourcesFile() {}

    /** Thrown for a sources file that cannot be used; the message names the entry and field. */
    public static final class InvalidSourcesException extends IllegalArgumentException {
        InvalidSourcesException(String message) {
            super(message);
        }
    }

    public static List<SourceSpec> load(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Path base = file.toAbsolutePath().getParent();
        return parse(root, base, file.toString());
    }

    static List<SourceSpec> parse(JsonNode root, Path base, String name) {
        JsonNode list = root == null ? null : root.get("sources");
        if (list == null || !list.isArray()) {
            throw new InvalidSourcesException(name + ": expected a top-level 'sources:' list");
        }
        List<SourceSpec> specs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = name + ": sources[" + i + "]";
            JsonNode n = list.get(i);
            if (!n.isObject()) {
                throw new InvalidSourcesException(where + ": expected a mapping");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    throw new InvalidSourcesException(where + "." + f + ": unknown field (known: " + FIELDS + ")");
                }
            }
            String typeName = required(n, "type", where).toUpperCase(Locale.ROOT);
            SourceSpec.Type type;
            try {
                type = SourceSpec.Type.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                throw new InvalidSourcesException(where + ".type: '" + typeName.toLowerCase(Locale.ROOT)
                        + "' is not one of files, page, feed, stdin");
            }
            String id = n.hasNonNull("id") ? n.get("id").asText() : type.name().toLowerCase(Locale.ROOT) + "-" + i;
            if (!ids.add(id)) {
                throw new InvalidSourcesException(where + ".id: duplicate id '" + id + "'");
            }
            List<Path> paths = new ArrayList<>();
            JsonNode p = n.has("paths") ? n.get("paths") : n.get("path");
            if (p != null) {
                for (JsonNode e : p.isArray() ? p : List.of(p)) {
                    paths.add(base.resolve(e.asText()).normalize());
                }
            }
            URI url = null;
            if (n.hasNonNull("url")) {
                try {
                    url = URI.create(n.get("url").asText());
                    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                        throw new InvalidSourcesException(where + ".url: must be an http(s) URL");
                    }
                } catch (IllegalArgumentException e) {
                    if (e instanceof InvalidSourcesException ise) {
                        throw ise;
                    }
                    throw new InvalidSourcesException(where + ".url: " + e.getMessage());
                }
            }
            Pattern links = null;
            if (n.hasNonNull("links")) {
                try {
                    links = Pattern.compile(n.get("links").asText());
                } catch (PatternSyntaxException e) {
                    throw new InvalidSourcesException(where + ".links: bad regular expression: " + e.getDescription());
                }
            }
            int depth = n.has("depth") ? n.get("depth").asInt(-1) : 1;
            if (depth < 1) {
                throw new InvalidSourcesException(where + ".depth: must be a whole number >= 1");
            }
            Duration every = n.hasNonNull("every") ? duration(n.get("every").asText(), where + ".every") : null;
            boolean watch = n.path("watch").asBoolean(false);
            boolean force = n.path("force").asBoolean(false);
            switch (type) {
                case FILES -> {
                    if (paths.isEmpty()) {
                        throw new InvalidSourcesException(where + ".paths: required for type files");
                    }
                }
                case PAGE -> {
                    if (url == null) {
                        throw new InvalidSourcesException(where + ".url: required for type page");
                    }
                    if (links == null) {
                        throw new InvalidSourcesException(where + ".links: required for type page");
                    }
                }
                case FEED -> {
                    if (url == null) {
                        throw new InvalidSourcesException(where + ".url: required for type feed");
                    }
                }
                case STDIN -> {}
            }
            specs.add(new SourceSpec(id, type, paths, watch, url, links, depth, every, force));
        }
        return specs;
    }

    private static String required(JsonNode n, String field, String where) {
        if (!n.hasNonNull(field) || n.get(field).asText().isBlank()) {
            throw new InvalidSourcesException(where + "." + field + ": required");
        }
        return n.get(field).asText().strip();
    }

    /** "500ms", "30s", "10m", "1h", "1d" or ISO-8601 ("PT10M"). */
    public static Duration duration(String text, String where) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(t);
        Duration d;
        if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                case "h" -> Duration.ofHours(v);
                default -> Duration.ofDays(v);
            };
        } else {
            try {
                d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new InvalidSourcesException(where + ": '" + text + "' is not a duration (e.g. 30s, 10m, 1h)");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSourcesException(where + ": must be positive");
        }
        return d;
    }
}
