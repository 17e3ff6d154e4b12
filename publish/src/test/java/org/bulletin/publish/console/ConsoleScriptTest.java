package org.bulletin.publish.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the console's files must never do, checked on their text: build markup from strings, call another origin, or
 * carry inline script or style (which the Content-Security-Policy would block anyway). The browser test (app,
 * ConsoleBrowserIT) checks the behaviour.
 */
class ConsoleScriptTest {

    private static String asset(String name) throws IOException {
        try (InputStream in = ConsoleScriptTest.class.getResourceAsStream(name)) {
            assertThat(in).as("console asset %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldNeverTurnStringsIntoMarkupOrCode() throws IOException {
        String js = asset("console.js");
        for (String sink :
                List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")) {
            assertThat(js).as("console.js uses %s", sink).doesNotContain(sink);
        }
    }

    @Test
    void shouldCallOnlyPathsOfItsOwnServerThroughOneFunction() throws IOException {
        String js = asset("console.js");
        assertThat(Pattern.compile("\\bfetch\\(").matcher(js).results().count())
                .as("fetch( occurs once, inside api()")
                .isEqualTo(1);
        assertThat(js)
                .doesNotContain("XMLHttpRequest")
                .doesNotContain("EventSource")
                .doesNotContain("WebSocket");
        List<String> calls = new ArrayList<>();
        Matcher m = Pattern.compile("(?<!function )\\bapi\\(([^,)]*)").matcher(js);
        while (m.find()) {
            calls.add(m.group(1).strip());
        }
        assertThat(calls).isNotEmpty().allSatisfy(arg -> assertThat(arg).matches("^('/|releasePath\\().*"));
        // The one absolute URL is the SVG namespace, which names and loads nothing.
        assertThat(js.replace("'http://www.w3.org/2000/svg'", ""))
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void shouldLoadOnlyItsOwnFilesAndCarryNoInlineScriptOrStyle() throws IOException {
        String html = asset("index.html");
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=\"/console/)")
                        .matcher(html)
                        .find())
                .as("a <script> without src=/console/...")
                .isFalse();
        assertThat(html).doesNotContain("style=").doesNotContain("http://").doesNotContain("https://");
        assertThat(asset("console.css")).doesNotContain("@import").doesNotContain("url(");
        assertThat(asset("console.js")).doesNotContain("style=");
    }
}
