package org.bulletin.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads releases given as JSON: one object, an array of objects, or JSON lines (one object a line). Documented
 * fields: {@code url}, {@code title}, {@code html} (raw HTML) or {@code body} / {@code text} (plain text or HTML),
 * {@code publishedAt}, {@code source} (publisher name), {@code language}. The HTML or text becomes the raw body, the
 * other fields go to metadata; an object without a body is an error for that object only.
 */
final class JsonReleases {

    static final String META_TITLE = "title";
    static final String META_PUBLISHED_AT = "publishedAt";
    static final String META_PUBLISHER = "source";
    static final String META_LANGUAGE = "language";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    /** A parsed object: a document, or why the object cannot be one (with its JSON for the dead letters). */
    record Item(Document document, String problem, byte[] json) {}

    /** The whole input is not JSON (or not JSON lines); {@code getMessage()} says where. */
    static final class MalformedJsonException extends Exception {
        MalformedJsonException(String message) {
            super(message);
        }
    }

    private JsonReleases() {}

    static List<Item> parse(byte[] bytes, String sourceId, String origin) throws MalformedJsonException {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1).strip();
        }
        List<Item> items = new ArrayList<>();
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null) {
                throw new MalformedJsonException("empty JSON");
            }
            if (root.isArray()) {
                int i = 0;
                for (JsonNode n : root) {
                    items.add(item(n, sourceId, origin + "#" + i++));
                }
            } else {
                items.add(item(root, sourceId, origin));
            }
            return items;
        } catch (JsonProcessingException whole) {
            if (!text.contains("\n")) {
                throw new MalformedJsonException("malformed JSON: " + brief(whole));
            }
        } catch (IOException e) {
            throw new MalformedJsonException("malformed JSON: " + e.getMessage());
        }
        // Not one JSON value: try JSON lines, where each line must be a JSON object.
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                items.add(item(MAPPER.readTree(lines[i]), sourceId, origin + "#L" + (i + 1)));
            } catch (IOException e) {
                throw new MalformedJsonException("malformed JSON at line " + (i + 1) + ": "
                        + (e instanceof JsonProcessingException j ? brief(j) : e.getMessage()));
            }
        }
        return items;
    }

    static List<Item> parseLines(byte[] bytes, String sourceId, String origin) throws MalformedJsonException {
        List<Item> items = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                items.add(item(MAPPER.readTree(lines[i]), sourceId, origin + "#L" + (i + 1)));
            } catch (JsonProcessingException e) {
                // one bad line in a JSONL file is that line's problem, not the file's
                items.add(new Item(
                        null,
                        "malformed JSON at line " + (i + 1) + ": " + brief(e),
                        lines[i].getBytes(StandardCharsets.UTF_8)));
            }
        }
        return items;
    }

    private static Item item(JsonNode n, String sourceId, String origin) throws JsonProcessingException {
        byte[] json = MAPPER.writeValueAsBytes(n);
        if (n == null || !n.isObject()) {
            return new Item(null, "not a JSON object", json);
        }
        String html = text(n, "html");
        String body = html != null ? null : firstText(n, "body", "text");
        if (html == null && body == null) {
            return new Item(null, "JSON object has no \"html\", \"body\" or \"text\" field", json);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        put(meta, META_TITLE, text(n, "title"));
        put(meta, META_PUBLISHED_AT, text(n, "publishedAt"));
        put(meta, META_PUBLISHER, text(n, "source"));
        put(meta, META_LANGUAGE, text(n, "language"));
        meta.put("origin", origin);
        String contentType = html != null ? "text/html; charset=UTF-8" : "; charset=UTF-8";
        byte[] bytes = (html != null ? html : body).getBytes(StandardCharsets.UTF_8);
        return new Item(new Document(sourceId, text(n, "url"), contentType, bytes, meta), null, json);
    }

    private static String firstText(JsonNode n, String... names) {
        for (String name : names) {
            String v = text(n, name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static String brief(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        return e.getLocation() == null
                ? msg
                : msg + " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }
}
