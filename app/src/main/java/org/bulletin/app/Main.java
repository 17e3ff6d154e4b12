package org.bulletin.app;

import org.bulletin.app.ops.Failures;
import org.bulletin.schemas.registry.SchemaRegistries;
import picocli.CommandLine;

/** Entry point of {@code bulletin.jar}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BulletinCommand());
        // Descriptions are written for ~110 columns; wider terminals get their full width.
        cli.setUsageHelpWidth(110);
        cli.setUsageHelpAutoWidth(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Bad configuration or an unreachable dependency: one clear line, not a stack trace; --verbose shows it.
            cmd.getErr().println(cmd.getColorScheme().errorText("bulletin: " + message(e, parsed)));
            if (Boolean.getBoolean("bulletin.verbose") || System.getenv("BULLETIN_VERBOSE") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof IllegalArgumentException || e instanceof org.apache.kafka.common.config.ConfigException
                    ? 2
                    : 1;
        });
        return cli;
    }

    /**
     * One line that says what failed, where and what to do: the messages of the cause chain, a plain word for the
     * exceptions that carry none (a timed-out future, a refused connection), and a hint naming the address flag when
     * a service did not answer.
     */
    static String message(Throwable e, CommandLine.ParseResult parsed) {
        StringBuilder sb = new StringBuilder();
        boolean timeout = false;
        boolean refused = false;
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            timeout |= c instanceof java.util.concurrent.TimeoutException
                    || c instanceof org.apache.kafka.common.errors.TimeoutException;
            refused |= c instanceof java.net.ConnectException;
            String m = Failures.describe(c);
            if (m != null && !sb.toString().contains(m)) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        // Older messages were built as "...: " + getMessage() of an exception that had none.
        String text =
                sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString().replace(": null", "");
        if (timeout || refused) {
            String where = parsed == null ? null : first(parsed, "--bootstrap", "--registry", "--api", "--store");
            text += timeout ? " (no answer in time" : " (connection refused";
            text += where == null
                    ? ": is the service running, and is its address right?)"
                    : ": is the service at " + where + " running, and is that the right address?)";
        }
        return text;
    }

    private static String first(CommandLine.ParseResult parsed, String... flags) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (String flag : flags) {
                if (p.hasMatchedOption(flag)) {
                    // A registry URL may carry a password: never print it.
                    Object value = p.matchedOptionValue(flag, "");
                    return flag + " " + SchemaRegistries.redact(String.valueOf(value));
                }
            }
        }
        return null;
    }
}
