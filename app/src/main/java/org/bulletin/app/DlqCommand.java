package org.bulletin.app;

import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.header.Header;
import org.bulletin.app.config.Settings;
import org.bulletin.app.ops.DeadLetterTopic;
import org.bulletin.app.ops.Tables;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.SchemaRegistries;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Browses the dead-letter topic and re-drives chosen records to where they came from. */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        header = "Browse dead letters and re-drive chosen ones to their origin topic.",
        description = {
            "Browse dead letters (reason, stage and origin) and re-drive chosen ones, after a fix, to",
            "their origin topic with their original key and bytes. The DLQ is a log: re-driven records stay in it."
        },
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.ShowCommand.class, DlqCommand.RetryCommand.class})
final class DlqCommand {

    static DeadLetterTopic open(ConnectOptions connect) {
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        // Dead letters are raw bytes: the registry is never asked, so any name for it will do.
        Topics topics = Topics.fromConfig(settings.bulletin(), SchemaRegistries.connect("mem://bulletin-dlq"));
        return new DeadLetterTopic(bootstrap, settings.kafka(), topics.dlq());
    }

    static long[] position(String text) {
        String[] parts = text.split("[:/]");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected PARTITION:OFFSET, got '" + text + "'");
        }
        return new long[] {Integer.parseInt(parts[0].strip()), Long.parseLong(parts[1].strip())};
    }

    /** {@code bulletin dlq list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest dead letters, newest first.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        ConnectOptions connect;

        @Option(names = "--limit", defaultValue = "20", description = "How many. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DeadLetterTopic dlq = open(connect);
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetterTopic.Entry> entries = dlq.latest(limit);
            out.printf("%d dead letter(s) in the topic; the newest %d:%n", dlq.count(), entries.size());
            List<List<String>> rows = new ArrayList<>();
            for (DeadLetterTopic.Entry e : entries) {
                rows.add(List.of(
                        e.partition() + ":" + e.offset(),
                        e.timestamp().toString(),
                        String.valueOf(e.stage()),
                        String.valueOf(e.origin()),
                        Tables.truncate(e.keyText(), 40),
                        Tables.truncate(e.reason(), 80)));
            }
            Tables.print(out, List.of("position", "time", "stage", "origin", "key", "reason"), rows);
            return 0;
        }
    }

    /** {@code bulletin dlq show P:O}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter: headers, key and value.")
    static final class ShowCommand implements Callable<Integer> {
        @Mixin
        ConnectOptions connect;

        @Parameters(paramLabel = "PARTITION:OFFSET", description = "Position in the DLQ, as 'dlq list' prints it.")
        String position;

        @Option(
                names = "--bytes",
                defaultValue = "2000",
                description = "Value bytes to print. Default: ${DEFAULT-VALUE}.")
        int bytes;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            long[] p = position(position);
            PrintWriter out = spec.commandLine().getOut();
            var found = open(connect).at((int) p[0], p[1]);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("no dead letter at " + position);
                return 1;
            }
            DeadLetterTopic.Entry e = found.get();
            out.printf("position %d:%d  time %s%n", e.partition(), e.offset(), e.timestamp());
            out.printf(
                    "stage    %s%norigin   %s%nreason   %s%nkey      %s%n",
                    e.stage(), e.origin(), e.reason(), e.keyText());
            out.println("headers:");
            for (Header h : e.headers()) {
                out.printf("  %s = %s%n", h.key(), h.value() == null ? null : text(h.value(), 300));
            }
            byte[] v = e.value();
            out.printf("value (%d bytes):%n%s%n", v == null ? 0 : v.length, v == null ? "(null)" : text(v, bytes));
            out.flush();
            return 0;
        }

        private static String text(byte[] b, int max) {
            byte[] head = b.length > max ? java.util.Arrays.copyOf(b, max) : b;
            try {
                String s = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(head))
                        .toString();
                return s + (b.length > max ? "…" : "");
            } catch (CharacterCodingException e) {
                // Avro or other binary: hex is the honest view.
                return HexFormat.ofDelimiter(" ").formatHex(head) + (b.length > max ? " …" : "");
            }
        }
    }

    /** {@code bulletin dlq retry}. */
    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = {
                "Re-drive dead letters to their origin topic (original key and bytes, own headers kept,",
                "plus bulletin.dlq.retried.from). Downstream is idempotent per release id, so a repeat is harmless."
            })
    static final class RetryCommand implements Callable<Integer> {
        @Mixin
        ConnectOptions connect;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        static final class Choice {
            @Option(names = "--all", required = true, description = "Every record now in the DLQ.")
            boolean all;

            @Option(
                    names = "--offset",
                    required = true,
                    paramLabel = "PARTITION:OFFSET",
                    split = ",",
                    description = "Chosen records (repeatable, or comma-separated).")
            List<String> positions;
        }

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DeadLetterTopic dlq = open(connect);
            List<DeadLetterTopic.Entry> chosen = new ArrayList<>();
            PrintWriter err = spec.commandLine().getErr();
            if (choice.all) {
                dlq.forEach(chosen::add);
            } else {
                for (String pos : choice.positions) {
                    long[] p = position(pos);
                    var e = dlq.at((int) p[0], p[1]);
                    if (e.isEmpty()) {
                        err.println("no dead letter at " + pos);
                        return 1;
                    }
                    chosen.add(e.get());
                }
            }
            DeadLetterTopic.RetryResult result = dlq.retry(chosen);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Re-drove %d dead letter(s) to their origin topics.%n", result.sent());
            result.skipped().forEach(s -> out.println("  skipped " + s));
            out.flush();
            return result.skipped().isEmpty() ? 0 : 1;
        }
    }
}
