package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndSourcesTest {

    @TempDir
    Path dir;

    @Test
    void shouldHaveSafeDefaultsAndHideTheToken() {
        IngestConfig d = IngestConfig.defaults();
        assertThat(d.maxBodyBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(d.userAgent()).isEqualTo("Bulletin/0.1 (+https://github.com/bulletin)");
        assertThat(d.pushToken()).isEmpty();
        IngestConfig withToken = new IngestConfig(Map.of(IngestConfig.PUSH_TOKEN, "t0k"));
        assertThat(withToken.pushToken()).contains("t0k");
        assertThat(withToken.values().toString()).doesNotContain("t0k");
    }

    @Test
    void shouldFailFastNamingTheBadKey() {
        assertThatThrownBy(() -> new IngestConfig(Map.of(IngestConfig.RATE_PER_HOST, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bulletin.ingest.rate.per.host");
    }

    @Test
    void shouldMapEnvironmentVariablesToKeys() {
        assertThat(IngestConfig.fromEnvironment(Map.of("BULLETIN_INGEST_PUSH_TOKEN", "x", "HOME", "/root")))
                .containsExactly(Map.entry("bulletin.ingest.push.token", "x"));
    }

    @Test
    void shouldLoadASourcesFile() throws Exception {
        Path yaml = dir.resolve("sources.yaml");
        Files.writeString(yaml, """
                sources:
                  - id: inbox
                    type: files
                    paths: [inbox, /srv/releases]
                    watch: true
                  - id: csto-news
                    type: page
                    url: https://en.odkb-csto.org/news/
                    links: "/news/news_odkb/[^/]+/$"
                    depth: 3
                    every: 1h
                  - id: csto-feed
                    type: feed
                    url: https://en.odkb-csto.org/rss/
                    every: 10m
                  - type: stdin
                """);
        List<SourceSpec> specs = SourcesFile.load(yaml);
        assertThat(specs).extracting(SourceSpec::id).containsExactly("inbox", "csto-news", "csto-feed", "stdin-3");
        assertThat(specs.get(0).paths()).containsExactly(dir.resolve("inbox"), Path.of("/srv/releases"));
        assertThat(specs.get(0).watch()).isTrue();
        assertThat(specs.get(1)
                        .links()
                        .matcher("https://en.odkb-csto.org/news/news_odkb/x/")
                        .find())
                .isTrue();
        assertThat(specs.get(1).depth()).isEqualTo(3);
        assertThat(specs.get(2).every()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldNameTheEntryAndFieldOfAMistake() throws Exception {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "sources:\n  - type: files\n    paths: [a]\n  - type: page\n    url: https://x.org/\n");
        assertThatThrownBy(() -> SourcesFile.load(yaml))
                .hasMessageEndingWith("sources[1].links: required for type page");
        Files.writeString(yaml, "sources:\n  - type: feed\n    url: https://x.org/\n    every: soon\n");
        assertThatThrownBy(() -> SourcesFile.load(yaml)).hasMessageContaining("sources[0].every");
        Files.writeString(yaml, "sources:\n  - type: feed\n    urll: https://x.org/\n");
        assertThatThrownBy(() -> SourcesFile.load(yaml)).hasMessageContaining("sources[0].urll: unknown field");
    }

    @Test
    void shouldDrawABarOnATerminalAndLogLinesOtherwise() {
        long[] now = {0};
        java.io.ByteArrayOutputStream tty = new java.io.ByteArrayOutputStream();
        Progress bar = new Progress(
                "files", 100, new java.io.PrintStream(tty, true), s -> {}, Duration.ofSeconds(10), () -> now[0]);
        now[0] = 1_000_000_000L;
        bar.step(25);
        bar.finish();
        String out = tty.toString();
        assertThat(out).startsWith("\rfiles [######..................] 25/100 25.0/s ETA 0:03");
        assertThat(out).endsWith("\n");

        List<String> lines = new ArrayList<>();
        now[0] = 0;
        Progress log = new Progress("feed", -1, null, lines::add, Duration.ofSeconds(10), () -> now[0]);
        for (int i = 0; i < 30; i++) {
            now[0] += 1_000_000_000L;
            log.step();
        }
        log.finish();
        assertThat(lines)
                .containsExactly(
                        "feed 10 1.0/s elapsed 0:10",
                        "feed 20 1.0/s elapsed 0:20",
                        "feed 30 1.0/s elapsed 0:30",
                        "feed 30 1.0/s elapsed 0:30");
    }
}
