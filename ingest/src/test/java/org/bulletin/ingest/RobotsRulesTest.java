package org.bulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RobotsRulesTest {

    @Test
    void shouldUseOwnGroupOverStarAndLongestMatch() {
        String txt = """
                User-agent: *
                Disallow: /

                User-agent: Bulletin
                Disallow: /private/
                Allow: /private/press/
                Disallow: /*.pdf$
                Crawl-delay: 2
                """;
        RobotsRules r = RobotsRules.parse(txt, RobotsRules.productToken(IngestConfig.DEFAULT_USER_AGENT));
        assertThat(r.allows("/news/1")).isTrue();
        assertThat(r.allows("/private/x")).isFalse();
        assertThat(r.allows("/private/press/1")).isTrue();
        assertThat(r.allows("/files/a.pdf")).isFalse();
        assertThat(r.allows("/files/a.pdf?x=1")).isTrue();
        assertThat(r.crawlDelaySeconds()).isEqualTo(2.0);
    }

    @Test
    void shouldFallBackToStarGroup() {
        RobotsRules r =
                RobotsRules.parse("User-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /admin\n", "bulletin");
        assertThat(r.allows("/admin/x")).isFalse();
        assertThat(r.allows("/news")).isTrue();
        assertThat(RobotsRules.parse("User-agent: *\nDisallow:\n", "bulletin").allows("/x"))
                .isTrue();
    }
}
