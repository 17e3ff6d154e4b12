package org.bulletin.enrich.parse;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Reads string fields out of a page's schema.org JSON-LD blocks without a JSON library: the blocks are often not
 * valid JSON (trailing commas, raw newlines in strings), and only a few string fields are wanted. Never throws.
 */
final class JsonLd {

    // Parsed once: jsoup parses a query string on every select call. Evaluators are immutable and thread-safe.
    private static final Evaluator LD_SCRIPTS = QueryParser.parse("script[type=application/ld+json]");

    private JsonLd() {}

    /** The longest {@code "articleBody"} string of the page's JSON-LD, or null. */
    static String articleBody(Document doc) {
        return longest(doc, "\"articleBody\"");
    }

    /** The first {@code "datePublished"} string of the page's JSON-LD, or null. */
    static String datePublished(Document doc) {
        for (Element script : doc.select(LD_SCRIPTS)) {
            String v = field(script.data(), "\"datePublished\"", 0);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String longest(Document doc, String key) {
        String best = null;
        for (Element script : doc.select(LD_SCRIPTS)) {
            String json = script.data();
            int from = 0;
            while (true) {
                int k = json.indexOf(key, from);
                if (k < 0) {
                    break;
                }
                String v = field(json, key, k);
                if (v != null && (best == null || v.length() > best.length())) {
                    best = v;
                }
                from = k + key.length();
            }
        }
        return best;
    }

    /** The string value of the first {@code key} at or after {@code from}, unescaped, or null. */
    static String field(String json, String key, int from) {
        try {
            int k = json.indexOf(key, from);
            if (k < 0) {
                return null;
            }
            int i = k + key.length();
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            if (i >= json.length() || json.charAt(i) != ':') {
                return null;
            }
            i++;
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
                i++;
            }
            if (i >= json.length() || json.charAt(i) != '"') {
                return null;
            }
            i++;
            StringBuilder sb = new StringBuilder();
            while (i < json.length()) {
                char c = json.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\' || i >= json.length()) {
                    sb.append(c);
                    continue;
                }
                char e = json.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b', 'f' -> sb.append(' ');
                    case 'u' -> {
                        if (i + 4 <= json.length()) {
                            sb.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
                            i += 4;
                        }
                    }
                    default -> sb.append(e);
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
