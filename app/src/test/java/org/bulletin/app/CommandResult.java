package org.bulletin.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What one {@code bulletin} command line gave in this JVM: its exit code and what it wrote to out and err. */
record CommandResult(int exit, String out, String err) {

    static CommandResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new CommandResult(exit, out.toString(), err.toString());
    }
}
