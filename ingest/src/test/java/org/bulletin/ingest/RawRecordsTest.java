package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.bulletin.schemas.RawRelease;
import org.junit.jupiter.api.Test;

class RawRecordsTest {

    private static final String RUSSIAN = "Генеральный секретарь ОДКБ провёл встречу с представителями организаций "
            + "и обсудил вопросы коллективной безопасности в регионе";

    @Test
    void shouldCanonicaliseUrlByStrippingTrackingSortingQueryAndLowerCasingHost() {
        assertThat(
                        RawRecords.canonicalUrl(
                                "HTTPS://En.ODKB-CSTO.org:443/news/item/?utm_source=x&b=2&fbclid=abc&a=1&gclid=z&ref=tw#comments"))
                .isEqualTo("https://en.odkb-csto.org/news/item/?a=1&b=2");
        assertThat(RawRecords.canonicalUrl("http://example.org")).isEqualTo("http://example.org/");
        assertThat(RawRecords.canonicalUrl("http://example.org:8080/a?yclid=1")).isEqualTo("http://example.org:8080/a");
        assertThat(RawRecords.canonicalUrl("http://user:pw@example.org/a")).isEqualTo("http://example.org/a");
        assertThat(RawRecords.canonicalUrl("http://пример.рф/новости")).startsWith("http://xn--e1afmkfd.xn--p1ai/");
    }

    @Test
    void shouldNotCanonicaliseFileUrisOrGarbage() {
        assertThat(RawRecords.canonicalUrl("file:///tmp/a.txt")).isNull();
        assertThat(RawRecords.canonicalUrl("not a url at all")).isNull();
        assertThat(RawRecords.canonicalUrl(null)).isNull();
        assertThat(RawRecords.canonicalUrl("http://")).isNull();
    }

    @Test
    void shouldKeyByCanonicalUrlElseByContentHash() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        String hash = RawRecords.sha256Hex(body);
        assertThat(hash).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(RawRecords.key("https://a.org/x?utm_medium=y", hash)).isEqualTo("https://a.org/x");
        assertThat(RawRecords.key(null, hash)).isEqualTo("sha256:" + hash);
        assertThat(RawRecords.key("file:///tmp/a.txt", hash)).isEqualTo("sha256:" + hash);
    }

    @Test
    void shouldBuildRawReleaseWithBodyUntouched() {
        byte[] body = RUSSIAN.getBytes(Charset.forName("windows-1251"));
        Document doc = new Document(
                "csto", "https://odkb.org/n/1?utm_source=rss", "text/html", body, Map.of("http.etag", "\"e1\""));
        RawRecord rec = RawRecords.build(doc, Instant.parse("2024-07-25T10:00:00Z"));
        RawRelease v = rec.value();
        assertThat(rec.key()).isEqualTo("https://odkb.org/n/1");
        assertThat(v.getSourceUrl()).isEqualTo("https://odkb.org/n/1");
        assertThat(v.getSourceId()).isEqualTo("csto");
        assertThat(v.getContentType()).isEqualTo("text/html");
        assertThat(v.getCharset()).isEqualTo("windows-1251");
        assertThat(v.getBody().array()).isEqualTo(body);
        assertThat(v.getContentHash()).isEqualTo(RawRecords.sha256Hex(body));
        assertThat(v.getFetchedAt()).isEqualTo(Instant.parse("2024-07-25T10:00:00Z"));
        assertThat(v.getMetadata())
                .containsEntry("http.etag", "\"e1\"")
                .containsEntry("url.original", "https://odkb.org/n/1?utm_source=rss")
                .containsEntry("charset.detectedBy", "cyrillic_heuristic");
    }

    @Test
    void shouldTrustDeclaredCharsetThatDecodes() {
        byte[] body = "<p>café</p>".getBytes(StandardCharsets.ISO_8859_1);
        RawRecords.Inspection i = RawRecords.inspect(body, "text/html; charset=ISO-8859-1");
        assertThat(i.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(i.source()).isEqualTo(RawRecords.CharsetSource.DECLARED);
    }

    @Test
    void shouldIgnoreDeclaredCharsetThatLiesAndDetectWindows1251() {
        byte[] body = ("<html><body>" + RUSSIAN + "</body></html>").getBytes(Charset.forName("windows-1251"));
        RawRecords.Inspection i = RawRecords.inspect(body, "text/html; charset=utf-8");
        assertThat(i.charset().name()).isEqualTo("windows-1251");
        assertThat(i.source()).isEqualTo(RawRecords.CharsetSource.CYRILLIC_HEURISTIC);
        assertThat(i.ok()).isTrue();
    }

    @Test
    void shouldTellKoi8rFromWindows1251() {
        assertThat(RawRecords.inspect(RUSSIAN.getBytes(Charset.forName("KOI8-R")), null)
                        .charset()
                        .name())
                .isEqualTo("KOI8-R");
        assertThat(RawRecords.inspect(RUSSIAN.getBytes(Charset.forName("windows-1251")), null)
                        .charset()
                        .name())
                .isEqualTo("windows-1251");
    }

    @Test
    void shouldPreferBomThenMetaThenUtf8() {
        byte[] bom = "\uFEFFhello".getBytes(StandardCharsets.UTF_16LE);
        assertThat(RawRecords.inspect(bom, "text/plain; charset=windows-1251").charset())
                .isEqualTo(StandardCharsets.UTF_16LE);
        byte[] meta = ("<html><head><meta charset=\"koi8-r\"></head><body>" + RUSSIAN + "</body></html>")
                .getBytes(Charset.forName("KOI8-R"));
        RawRecords.Inspection m = RawRecords.inspect(meta, null);
        assertThat(m.charset().name()).isEqualTo("KOI8-R");
        assertThat(m.source()).isEqualTo(RawRecords.CharsetSource.META);
        RawRecords.Inspection u = RawRecords.inspect(RUSSIAN.getBytes(StandardCharsets.UTF_8), null);
        assertThat(u.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(u.source()).isEqualTo(RawRecords.CharsetSource.UTF8_VALID);
    }

    @Test
    void shouldDetectHtmlTextAndJson() {
        assertThat(RawRecords.inspect("<!DOCTYPE html><html><p>x</p>".getBytes(StandardCharsets.UTF_8), null)
                        .contentType())
                .isEqualTo(RawRecords.HTML);
        assertThat(RawRecords.inspect("  {\"title\":\"x\"}".getBytes(StandardCharsets.UTF_8), null)
                        .contentType())
                .isEqualTo(RawRecords.JSON);
        assertThat(RawRecords.inspect("Plain release text. 3 < 4.".getBytes(StandardCharsets.UTF_8), null)
                        .contentType())
                .isEqualTo(RawRecords.TEXT);
        assertThat(RawRecords.inspect("<p>x</p>".getBytes(StandardCharsets.UTF_8), "text/plain")
                        .contentType())
                .isEqualTo(RawRecords.TEXT);
        assertThat(RawRecords.inspect("<p>x</p>".getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                        .contentType())
                .isEqualTo(RawRecords.HTML);
    }

    @Test
    void shouldRejectEmptyAndBinaryBodies() {
        assertThat(RawRecords.inspect(new byte[0], null).problem()).isEqualTo("empty body");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        assertThat(RawRecords.inspect(png, null).problem()).startsWith("undecodable");
    }

    @Test
    void shouldNeverThrowOnArbitraryBytes() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(b);
            RawRecords.Inspection insp = RawRecords.inspect(b, i % 2 == 0 ? null : "text/html; charset=bogus-x");
            assertThat(insp.contentType()).isNotNull();
        }
    }
}
