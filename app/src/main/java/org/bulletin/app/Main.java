package org.bulletin.app;

import picocli.CommandLine;

/** Entry point of {@code bulletin.jar}. */
public final class Main {

    private Main() {
    }

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
            cmd.getErr().println(cmd.getColorScheme().errorText("bulletin: " + message(e)));
            if (Boolean.getBoolean("bulletin.verbose") || System.getenv("BULLETIN_VERBOSE") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof IllegalArgumentException || e instanceof org.apache.kafka.common.config.ConfigException ? 2 : 1;
        });
        return cli;
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }
}
