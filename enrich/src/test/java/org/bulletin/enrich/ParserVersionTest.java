package org.bulletin.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.bulletin.enrich.parse.ParsedRelease;
import org.junit.jupiter.api.Test;

/**
 * The parser's version follows what it gives: the store replaces a release on replay only when its parser or
 * classifier version differs, so a change to the parse that keeps the version would leave the old segmentation and
 * titles in place. This test digests what {@link Enricher#extract} gives on every committed fixture page (the dev
 * set and the page fixtures, all of our own writing) and checks the digest recorded for {@link
 * Enricher#PARSER_VERSION}: when the parse gives anything else, bump the version and record the new digest.
 */
class ParserVersionTest {

    private static final Path FIXTURES = Path.of("src/test/resources");

    @Test
    void shouldBumpTheParserVersionWheneverTheParseOfTheFixturesChanges() throws Exception {
        String digest = digest();
        Properties recorded = new Properties();
        try (InputStream in = ParserVersionTest.class.getResourceAsStream("/parser-version.properties")) {
            recorded.load(in);
        }

        assertThat(recorded.getProperty(Enricher.PARSER_VERSION))
                .as(
                        "what the parse gives on the fixture pages changed (digest %s): bump Enricher.PARSER_VERSION and"
                                + " record '<new version>=%s' in enrich/src/test/resources/parser-version.properties,"
                                + " so that a replay replaces the releases stored by the old parse",
                        digest, digest)
                .isEqualTo(digest);
    }

    private static String digest() throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(FIXTURES.resolve("devset"))) {
            files = Stream.concat(walk.filter(f -> f.toString().endsWith(".txt")), pages())
                    .sorted()
                    .toList();
        }
        assertThat(files).as("fixture pages").hasSizeGreaterThan(50);
        for (Path f : files) {
            Enricher.Extracted e = Enricher.extract(new RawDocument(
                    f.getFileName().toString(),
                    "fixture",
                    null,
                    Instant.EPOCH,
                    "text/plain",
                    "UTF-8",
                    Files.readAllBytes(f),
                    -1,
                    -1L));
            StringBuilder sb = new StringBuilder(
                            FIXTURES.relativize(f).toString().replace('\\', '/'))
                    .append('\u0001')
                    .append(e.language());
            for (ParsedRelease r : e.releases()) {
                sb.append('\u0002').append(r.title()).append('\u0001').append(r.titleDerived());
                sb.append('\u0001').append(r.publishedDate()).append('\u0001').append(r.signature());
                r.paragraphs().forEach(p -> sb.append('\u0001').append(p));
            }
            sha.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static Stream<Path> pages() throws IOException {
        try (Stream<Path> list = Files.list(FIXTURES.resolve("pages"))) {
            return list.toList().stream();
        }
    }
}
