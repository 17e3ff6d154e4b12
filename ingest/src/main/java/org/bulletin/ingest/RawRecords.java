package org.bulletin.ingest;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bulletin.schemas.RawRelease;

/**
 * Pure functions that turn fetched bytes into a keyed {@link RawRelease}: canonical-URL keys, content hashes, charset
 * and content-type detection, and the checks that send a body to dead letters. Stateless and thread-safe.
 */
public final class RawRecords {

    /** Query parameters that only track the click and never change the document. */
    public static final Set<String> TRACKING_PARAMS = Set.of(
            "fbclid",
            "gclid",
            "yclid",
            "dclid",
            "gbraid",
            "wbraid",
            "msclkid",
            "mc_cid",
            "mc_eid",
            "igshid",
            "_ga",
            "_gl",
            "_hsenc",
            "_hsmi",
            "mkt_tok",
            "ref",
            "ref_src",
            "ref_url",
            "spm",
            "cmpid",
            "_openstat");

    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";
    public static final String JSON = "application/json";
    public static final String XML = "application/xml";

    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.\\-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_ENCODING =
            Pattern.compile("^\\s*<\\?xml[^>]+encoding\\s*=\\s*[\"']([A-Za-z0-9_:.\\-]+)[\"']");
    private static final Pattern HTML_SNIFF = Pattern.compile(
            "<(!doctype\\s+html|html|head|body|p|div|br|a\\s|table|h[1-6]|article|span|section|meta|title)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final Charset KOI8_R = Charset.forName("KOI8-R");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    // The most frequent lower-case Russian letters: in the right 8-bit decoding they dominate; in the wrong one
    // (cp1251 read as KOI8-R or the reverse) the same bytes come out mostly as capitals.
    private static final String COMMON_RUSSIAN = "оеаинтсрвлкмдпуяы";
    private static final int SNIFF_BYTES = 4096;

    private RawRecords() {}

    /** How the charset was found, for the {@code charset.detectedBy} metadata entry. */
    public enum CharsetSource {
        DECLARED,
        BOM,
        META,
        UTF8_VALID,
        CYRILLIC_HEURISTIC,
        FALLBACK
    }

    /**
     * What inspection of a body found.
     *
     * @param charset     the charset the body decodes with, or null when it decodes with none
     * @param source      how the charset was found, or null
     * @param contentType {@link #HTML}, {@link #TEXT}, {@link #JSON} or {@link #XML}
     * @param problem     why the body cannot be a raw release (empty, undecodable, binary), or null when it can
     */
    public record Inspection(Charset charset, CharsetSource source, String contentType, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Builds the keyed raw release; the body is kept byte-for-byte. Call {@link #inspect} first to reject bad bodies. */
    public static RawRecord build(Document doc, Instant fetchedAt) {
        return build(doc, fetchedAt, inspect(doc.body(), doc.contentTypeHeader()));
    }

    static RawRecord build(Document doc, Instant fetchedAt, Inspection inspection) {
        String hash = sha256Hex(doc.body());
        String canonical = canonicalUrl(doc.url());
        String key = key(doc.url(), hash);
        Map<String, String> metadata = new LinkedHashMap<>(doc.metadata());
        if (canonical != null && !canonical.equals(doc.url())) {
            metadata.put("url.original", doc.url());
        }
        if (inspection.source() != null) {
            metadata.put("charset.detectedBy", inspection.source().name().toLowerCase(Locale.ROOT));
        }
        RawRelease value = RawRelease.newBuilder()
                .setSourceId(doc.sourceId())
                .setSourceUrl(canonical != null ? canonical : doc.url())
                .setFetchedAt(fetchedAt)
                .setContentType(inspection.contentType())
                .setCharset(
                        inspection.charset() == null
                                ? null
                                : inspection.charset().name())
                .setBody(ByteBuffer.wrap(doc.body()))
                .setContentHash(hash)
                .setMetadata(metadata)
                .build();
        return new RawRecord(key, value);
    }

    /** The record key: the canonical URL when the document has an http(s) URL, else {@code sha256:<contentHash>}. */
    public static String key(String url, String contentHash) {
        String canonical = canonicalUrl(url);
        return canonical != null ? canonical : "sha256:" + contentHash;
    }

    /** Lower-case hex SHA-256. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Canonical form of an http(s) URL: lower-case scheme and host, default port and fragment dropped, user info
     * dropped, empty path as "/", tracking parameters removed and the remaining query parameters sorted. Returns null
     * for anything that is not a parseable http(s) URL (file URIs included: files are keyed by content).
     */
    public static String canonicalUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim().replace(" ", "%20"));
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return null;
        }
        String host = uri.getHost();
        if (host == null) {
            host = hostFromAuthority(uri.getRawAuthority());
            if (host == null) {
                return null;
            }
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        String query = canonicalQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    private static String hostFromAuthority(String authority) {
        // java.net.URI leaves host null for registry-based authorities such as "my_host"; take it by hand.
        if (authority == null || authority.isEmpty()) {
            return null;
        }
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = a.lastIndexOf(':');
        return colon > 0 && !a.endsWith("]") ? a.substring(0, colon) : a;
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("utm_") || TRACKING_PARAMS.contains(lower)) {
                continue;
            }
            kept.add(new String[] {name, pair});
        }
        kept.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : kept) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[1]);
        }
        return sb.toString();
    }

    /**
     * Finds the body's charset and content type and whether it can be a raw release at all. Charset order: a BOM (it
     * beats everything, as in the WHATWG encoding standard), the declared charset, an HTML meta / XML declaration,
     * UTF-8 validity, then windows-1251 vs KOI8-R by Russian letter frequency, then windows-1252. A declared or meta
     * charset that does not decode the bytes is ignored (servers often lie) and detection carries on.
     */
    public static Inspection inspect(byte[] body, String contentTypeHeader) {
        if (body.length == 0) {
            return new Inspection(null, null, declaredMime(contentTypeHeader).orElse(TEXT), "empty body");
        }
        Charset charset = null;
        CharsetSource source = null;
        Charset bom = bomCharset(body);
        if (bom != null) {
            charset = bom;
            source = CharsetSource.BOM;
        }
        if (charset == null) {
            Charset declared = charsetNamed(headerParam(contentTypeHeader, "charset"));
            if (declared != null && decodes(body, declared)) {
                charset = declared;
                source = CharsetSource.DECLARED;
            }
        }
        if (charset == null) {
            String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
            Matcher m = META_CHARSET.matcher(head);
            Matcher x = XML_ENCODING.matcher(head);
            Charset meta = charsetNamed(m.find() ? m.group(1) : x.find() ? x.group(1) : null);
            if (meta != null && decodes(body, meta)) {
                charset = meta;
                source = CharsetSource.META;
            }
        }
        if (charset == null && decodes(body, StandardCharsets.UTF_8)) {
            charset = StandardCharsets.UTF_8;
            source = CharsetSource.UTF8_VALID;
        }
        if (charset == null) {
            Charset cyrillic = guessCyrillic(body);
            if (cyrillic != null) {
                charset = cyrillic;
                source = CharsetSource.CYRILLIC_HEURISTIC;
            } else if (decodes(body, WINDOWS_1252)) {
                charset = WINDOWS_1252;
                source = CharsetSource.FALLBACK;
            }
        }
        if (charset == null) {
            return new Inspection(
                    null,
                    null,
                    declaredMime(contentTypeHeader).orElse(TEXT),
                    "undecodable: bytes are valid in no supported charset");
        }
        String text = decode(body, charset, SNIFF_BYTES * 4);
        String binary = binaryProblem(text);
        String type = declaredMime(contentTypeHeader).orElseGet(() -> sniffType(text));
        return new Inspection(charset, source, type, binary);
    }

    /** Content type from the body alone (used when nothing was declared). */
    static String sniffType(String text) {
        String t = text.strip();
        if (!t.isEmpty() && t.charAt(0) == '\uFEFF') {
            t = t.substring(1).strip();
        }
        if (t.startsWith("{") || t.startsWith("[")) {
            return JSON;
        }
        if (t.startsWith("<?xml") && !HTML_SNIFF.matcher(t).find()) {
            return XML;
        }
        return HTML_SNIFF.matcher(t).find() ? HTML : TEXT;
    }

    private static Optional<String> declaredMime(String contentTypeHeader) {
        if (contentTypeHeader == null || contentTypeHeader.isBlank()) {
            return Optional.empty();
        }
        String mime = contentTypeHeader.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mime.equals("text/html") || mime.equals("application/xhtml+xml")) {
            return Optional.of(HTML);
        }
        if (mime.equals("text/plain")) {
            return Optional.of(TEXT);
        }
        if (mime.equals("application/json") || mime.endsWith("+json") || mime.equals("application/x-ndjson")) {
            return Optional.of(JSON);
        }
        if (mime.equals("text/xml") || mime.equals("application/xml") || mime.endsWith("+xml")) {
            return Optional.of(XML);
        }
        // octet-stream, text/*, unknown: sniff the bytes instead of trusting a generic label
        return Optional.empty();
    }

    /** A parameter of a header value such as {@code text/html; charset=UTF-8}, or null. */
    static String headerParam(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                return part.substring(eq + 1).strip().replace("\"", "").replace("'", "");
            }
        }
        return null;
    }

    private static Charset charsetNamed(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException e) { // illegal or unsupported name: treat as not declared
            return null;
        }
    }

    private static Charset bomCharset(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    static boolean decodes(byte[] body, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Decodes (lenient) at most {@code maxBytes} of the body, skipping a BOM. */
    public static String decode(byte[] body, Charset charset, int maxBytes) {
        int n = Math.min(body.length, maxBytes);
        CharBuffer chars = charset.decode(ByteBuffer.wrap(body, 0, n));
        String s = chars.toString();
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    private static Charset guessCyrillic(byte[] body) {
        String cp1251 = new String(body, WINDOWS_1251);
        String koi8 = new String(body, KOI8_R);
        long high = 0;
        for (byte b : body) {
            if ((b & 0x80) != 0) {
                high++;
            }
        }
        if (high == 0) {
            return null;
        }
        long cyr1251 = cp1251.chars()
                .filter(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC)
                .count();
        long cyrKoi = koi8.chars()
                .filter(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC)
                .count();
        // Russian text in either 8-bit charset turns nearly every high byte into a Cyrillic letter.
        if (Math.max(cyr1251, cyrKoi) < high * 0.6) {
            return null;
        }
        long score1251 =
                cp1251.chars().filter(c -> COMMON_RUSSIAN.indexOf(c) >= 0).count();
        long scoreKoi = koi8.chars().filter(c -> COMMON_RUSSIAN.indexOf(c) >= 0).count();
        return scoreKoi > score1251 ? KOI8_R : WINDOWS_1251;
    }

    private static String binaryProblem(String text) {
        int control = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "undecodable: binary content (NUL bytes)";
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                control++;
            }
        }
        if (text.length() > 0 && control > Math.max(3, text.length() / 50)) {
            return "undecodable: binary content (" + control + " control characters)";
        }
        return null;
    }
}
