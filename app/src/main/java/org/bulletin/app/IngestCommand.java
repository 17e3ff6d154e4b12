package org.bulletin.app;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.bulletin.app.access.StagePermissions;
import org.bulletin.app.config.Settings;
import org.bulletin.ingest.IngestCounts;
import org.bulletin.ingest.Ingestor;
import org.bulletin.ingest.SourcesFile;
import org.bulletin.schemas.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Runs ingest alone: pushes raw releases from files, stdin, web pages, feeds or a sources file into the raw topic. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Push raw releases into the raw topic, untouched (the log of record).",
            "'bulletin ingest -' reads one release (or JSON lines) from standard input.",
            "A file already ingested unchanged is not pushed again after a restart unless --force."
        },
        subcommands = {
            IngestCommand.Files.class,
            IngestCommand.Page.class,
            IngestCommand.Feed.class,
            IngestCommand.Sources.class
        })
final class IngestCommand implements Callable<Integer> {

    @Mixin
    ConnectOptions connect;

    @Parameters(arity = "0..1", paramLabel = "-", description = "'-' to read standard input.")
    String stdin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!"-".equals(stdin)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "say what to ingest: files PATH..., page URL --links REGEX, feed URL, sources FILE, or - (stdin)");
        }
        return ingest(spec, connect, ingestor -> ingestor.ingestStream(System.in, "stdin"));
    }

    interface Job {
        IngestCounts run(Ingestor ingestor) throws Exception;
    }

    static int ingest(CommandSpec spec, ConnectOptions connect, Job job) throws Exception {
        Settings settings = connect.settings();
        String bootstrap = ConnectOptions.require(settings, ConnectOptions.BOOTSTRAP, "--bootstrap");
        Topics topics = CommandSupport.topics(settings);
        StageFactory.checkAccess("ingest", settings, bootstrap, StagePermissions.ingest(topics));
        try (Ingestor ingestor = StageFactory.ingestor(settings, topics, bootstrap)) {
            Thread main = Thread.currentThread();
            Thread hook = new Thread(
                    () -> {
                        ingestor.stop();
                        try {
                            main.join(20_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "bulletin-ingest-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            IngestCounts counts = job.run(ingestor);
            PrintWriter out = spec.commandLine().getOut();
            out.println(counts);
            out.flush();
            return counts.errors() == 0 ? 0 : 1;
        }
    }

    @Command(
            name = "files",
            mixinStandardHelpOptions = true,
            description = ".txt, .html, .json and .jsonl files, or folders of them (recursive).")
    static final class Files implements Callable<Integer> {
        @ParentCommand
        IngestCommand parent;

        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<Path> paths;

        @Option(names = "--force", description = "Push again files already ingested unchanged.")
        boolean force;

        @Option(names = "--watch", description = "Keep watching the folders for new and changed files.")
        boolean watch;

        @Option(names = "--source", defaultValue = "files", description = "Source id. Default: ${DEFAULT-VALUE}.")
        String source;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return ingest(
                    spec,
                    parent.connect,
                    i -> watch ? i.watchPaths(paths, force, source) : i.ingestPaths(paths, force, source));
        }
    }

    @Command(
            name = "page",
            mixinStandardHelpOptions = true,
            description = "A news-list page: follow article links matching --links (and next-page links to --depth).")
    static final class Page implements Callable<Integer> {
        @ParentCommand
        IngestCommand parent;

        @Parameters(paramLabel = "URL")
        URI url;

        @Option(names = "--links", required = true, paramLabel = "REGEX", description = "Article link pattern.")
        Pattern links;

        @Option(names = "--depth", defaultValue = "1", description = "List pages to follow. Default: ${DEFAULT-VALUE}.")
        int depth;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return ingest(spec, parent.connect, i -> i.crawl(url, links, depth));
        }
    }

    @Command(
            name = "feed",
            mixinStandardHelpOptions = true,
            description = "An RSS 2.0 or Atom feed, once or --every interval.")
    static final class Feed implements Callable<Integer> {
        @ParentCommand
        IngestCommand parent;

        @Parameters(paramLabel = "URL")
        URI url;

        @Option(
                names = "--every",
                paramLabel = "DURATION",
                description = "Poll interval, e.g. 10m, 30s, 1h; once if absent.")
        String every;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Duration interval = every == null ? null : SourcesFile.duration(every, "--every");
            return ingest(spec, parent.connect, i -> i.pollFeed(url, interval));
        }
    }

    @Command(
            name = "sources",
            mixinStandardHelpOptions = true,
            description = "Run every source of a YAML sources file at once (see ingest/README.md).")
    static final class Sources implements Callable<Integer> {
        @ParentCommand
        IngestCommand parent;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return ingest(spec, parent.connect, i -> i.runAll(SourcesFile.load(file)));
        }
    }
}
