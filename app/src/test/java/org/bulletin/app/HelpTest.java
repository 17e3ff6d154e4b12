package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bulletin --help} lists every command with a summary that ends where a sentence ends. */
class HelpTest {

    @Test
    void shouldSummariseEveryCommandInWholeSentences() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();

        String help = out.toString();
        List<String> commandLines = Arrays.stream(
                        help.substring(help.indexOf("Commands:")).split("\\R"))
                .skip(1)
                .filter(l -> !l.isBlank())
                .toList();
        assertThat(commandLines)
                .hasSizeGreaterThanOrEqualTo(cli.getSubcommands().size() - 1);
        for (String name : cli.getSubcommands().keySet()) {
            String line = commandLines.stream()
                    .filter(l -> l.strip().startsWith(name + " "))
                    .findFirst()
                    .orElseThrow();
            assertThat(line.strip()).as("summary of %s", name).endsWith(".");
        }
    }
}
