package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("issue-13")
class ExtractCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheMainTextOfAGzippedHtmlPageWithoutItsChromeOrHeadline() throws Exception {
        String html = "<html><head><title>Border commanders meet in Bishkek | Agency</title>"
                + "<meta property=\"article:published_time\" content=\"2024-05-02T10:00:00Z\"></head><body>"
                + "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
                + "<article><h1>Border commanders meet in Bishkek</h1>"
                + "<p>The council of commanders of the border troops of the CIS member states met in Bishkek on Thursday "
                + "to discuss the protection of the external borders of the Commonwealth.</p>"
                + "<p>The commanders approved a plan of joint border operations for the next two years.</p></article>"
                + "<footer>All rights reserved. Subscribe to our newsletter</footer></body></html>";
        Path file = dir.resolve("page.html.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(html.getBytes(StandardCharsets.UTF_8));
        }

        CommandResult r = CommandResult.run("extract", "--format", "json", file.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode o = JSON.readTree(r.out().strip());
        assertThat(o.path("source").asText()).isEqualTo(file.toString());
        assertThat(o.path("title").asText()).isEqualTo("Border commanders meet in Bishkek");
        assertThat(o.path("publishedDate").asText()).isEqualTo("2024-05-02");
        assertThat(o.path("language").asText()).isEqualTo("en");
        assertThat(o.path("releases").asInt()).isEqualTo(1);
        assertThat(o.path("body").asText())
                .startsWith("The council of commanders")
                .contains("\n\nThe commanders approved")
                .doesNotContain("Home", "newsletter", "Border commanders meet");
    }

    @Test
    void shouldCountTheReleasesOfAScrapeAndGiveANullDateWhenThereIsNone() throws Exception {
        Path sample = dir.resolve("sample-raw-scrape.txt");
        try (var in = ExtractCommandTest.class.getClassLoader().getResourceAsStream("sample-raw-scrape.txt")) {
            Files.copy(in, sample);
        }
        Path undated = dir.resolve("undated.txt");
        Files.writeString(
                undated,
                "Consultations of the CSTO member states on information security took place in Minsk. The "
                        + "experts discussed joint measures against cybercrime.\n\nBack to the all news\n");

        CommandResult r = CommandResult.run("extract", sample.toString(), undated.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = lines(r.out());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("releases").asInt()).isEqualTo(5);
        assertThat(lines.get(1).path("releases").asInt()).isEqualTo(1);
        assertThat(lines.get(1).path("publishedDate").isNull()).isTrue();
        assertThat(lines.get(1).path("body").asText()).doesNotContain("Back to");
    }

    @Test
    void shouldPrintTheBodyReadablyInTextFormat() throws Exception {
        Path file = dir.resolve("one.txt");
        Files.writeString(
                file,
                "CSTO peacekeepers train in Armenia\n02.10.2019\nThe collective peacekeeping forces of the CSTO "
                        + "held the exercise Indestructible Brotherhood at training grounds in Armenia.\n");

        CommandResult r = CommandResult.run("extract", "--format", "text", file.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "title:     CSTO peacekeepers train in Armenia",
                        "published: 2019-10-02",
                        "releases:  1",
                        "The collective peacekeeping forces");
    }

    @Test
    void shouldFailClearlyOnAMissingFileAndStillExtractTheOthers() throws Exception {
        Path file = dir.resolve("one.txt");
        Files.writeString(
                file, "The CSTO Secretary General met the Ambassador of Armenia to discuss the agenda of the session.");

        CommandResult r = CommandResult.run("extract", dir.resolve("nope.txt").toString(), file.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("bulletin extract: no such file or folder: " + dir.resolve("nope.txt"));
        assertThat(lines(r.out())).hasSize(1);
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
