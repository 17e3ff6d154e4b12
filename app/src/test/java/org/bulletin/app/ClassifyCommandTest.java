package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldPrintOneJsonObjectPerReleaseOfTheSampleScrapeWithTheMeasuredFields() throws Exception {
        Path sample = Path.of(getClass().getResource("/sample-raw-scrape.txt").toURI());
        CommandResult r = CommandResult.run("classify", "--format", "json", sample.toString());

        assertThat(r.exit()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\\R")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).hasSize(5);
        for (JsonNode o : lines) {
            assertThat(o.path("source").asText()).isEqualTo(sample.toString());
            for (String field : List.of(
                    "title",
                    "publishedDate",
                    "language",
                    "regions",
                    "topics",
                    "countries",
                    "people",
                    "organisations",
                    "classifierVersion")) {
                assertThat(o.has(field)).as("field %s in %s", field, o).isTrue();
            }
        }
        JsonNode videoconference = lines.stream()
                .filter(o -> o.path("title").asText().toLowerCase().contains("videoconferenc"))
                .findFirst()
                .orElseThrow();
        assertThat(videoconference.path("publishedDate").asText()).isEqualTo("2022-01-20");
        assertThat(videoconference.path("language").asText()).isEqualTo("en");
        assertThat(texts(videoconference.path("regions")))
                .contains("global", "central-asia", "caucasus", "eastern-europe");
        assertThat(texts(videoconference.path("topics"))).contains("diplomacy");
        assertThat(texts(videoconference.path("countries"))).contains("KZ", "AF", "AM");
        assertThat(texts(videoconference.path("organisations"))).contains("CSTO", "UN");
    }

    @Test
    void shouldPrintATableInTextFormat() throws Exception {
        Path file = dir.resolve("one.txt");
        Files.writeString(
                file,
                "CSTO peacekeepers train in Armenia\n02.10.2019\nThe collective peacekeeping forces of the CSTO "
                        + "held the exercise Indestructible Brotherhood at training grounds in Armenia.\n");
        CommandResult r = CommandResult.run("classify", "--format", "text", file.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("SOURCE", "REGIONS", "TOPICS", "caucasus", "peacekeeping");
    }

    @Test
    void shouldFailClearlyOnAMissingFile() {
        CommandResult r = CommandResult.run("classify", dir.resolve("nope.txt").toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("no such file or folder");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
