package org.bulletin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.story.StoryFeatures;
import org.bulletin.enrich.story.StoryLinker;
import org.bulletin.schemas.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs the enrich stage's parsing and story linking over files, in the order given, without Kafka. */
@Command(
        name = "stories",
        mixinStandardHelpOptions = true,
        description = {
            "Parse raw files and link their releases into stories, in the order given, without Kafka.",
            "One result per release: the story it joined or opened, and the link's score."
        })
final class StoriesCommand implements Callable<Integer> {

    enum Format {
        json,
        text
    }

    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = "Raw .txt/.html files (.gz too), folders, or '-' for stdin; linked in this order.")
    List<String> inputs;

    @Option(
            names = "--format",
            defaultValue = "json",
            description = "json (one object per line) or text (a table). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = "--evidence",
            description = "Include what each release shares with its story (entity ids and terms) in JSON output.")
    boolean evidence;

    @Option(
            names = "--window-days",
            defaultValue = "7",
            paramLabel = "DAYS",
            description = "How many days a story stays open to new releases. Default: ${DEFAULT-VALUE}.")
    int windowDays;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        if (windowDays < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--window-days must be at least 1, got " + windowDays);
        }
        Enricher enricher = Enricher.fromClasspath();
        StoryLinker linker = new StoryLinker(windowDays);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.text) {
            out.printf("%-24s %-6s %-4s %-28s %s%n", "STORY", "SCORE", "LANG", "SOURCE", "TITLE");
        }
        int failures =
                InputFiles.forEachDocument(inputs, "stories", spec.commandLine().getErr(), doc -> {
                    for (Release r : enricher.enrich(doc)) {
                        StoryLinker.Link link = linker.link(StoryFeatures.of(r), r.getDuplicateOf());
                        if (format == Format.json) {
                            ObjectNode o = JSON.createObjectNode();
                            o.put("source", doc.key());
                            o.put("title", r.getTitle());
                            o.put("language", r.getLanguage());
                            o.put("storyId", link.storyId());
                            o.put("linkScore", Math.round(link.score() * 1000) / 1000.0);
                            o.put("opened", link.opened());
                            if (evidence) {
                                o.set("evidence", JSON.valueToTree(link.evidence()));
                            }
                            out.println(JSON.writeValueAsString(o));
                        } else {
                            out.printf(
                                    "%-24s %-6s %-4s %-28s %s%n",
                                    link.storyId(),
                                    link.opened() ? "new" : String.format("%.3f", link.score()),
                                    r.getLanguage(),
                                    ClassifyCommand.abbreviate(doc.key(), 28),
                                    ClassifyCommand.abbreviate(r.getTitle(), 70));
                        }
                    }
                });
        out.flush();
        return failures == 0 ? 0 : 1;
    }
}
