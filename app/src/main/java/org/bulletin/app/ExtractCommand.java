package org.bulletin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.bulletin.enrich.Enricher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs the enrich stage's first step (decode, main-content extraction or chrome removal, release splitting) on files,
 * without Kafka: what a page yields before extraction and classification.
 */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Print the main content of HTML pages or text scrapes as the enrich stage reads it, without Kafka.",
            "Per file: title, publishedDate, language, body (paragraphs separated by blank lines) and the number of "
                    + "releases found. Folders are read recursively; .gz files are decompressed."
        })
final class ExtractCommand implements Callable<Integer> {

    enum Format {
        json,
        text
    }

    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = "HTML or text files (.gz too), folders, or '-' for stdin.")
    List<String> inputs;

    @Option(
            names = "--format",
            defaultValue = "json",
            description = "json (one object per line) or text (readable). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failures = InputFiles.forEachDocument(inputs, "extract", err, doc -> {
            Enricher.Extracted x = Enricher.extract(doc);
            if (format == Format.json) {
                out.println(JSON.writeValueAsString(toJson(doc.key(), x)));
            } else {
                out.println("== " + doc.key());
                out.println("title:     " + (x.title() == null ? "-" : x.title()));
                out.println("published: " + (x.publishedDate() == null ? "-" : x.publishedDate()));
                out.println("language:  " + (x.language() == null ? "-" : x.language()));
                out.println("releases:  " + x.releases().size());
                out.println();
                out.println(x.body());
                out.println();
            }
        });
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    static ObjectNode toJson(String source, Enricher.Extracted x) {
        ObjectNode o = JSON.createObjectNode();
        o.put("source", source);
        o.put("title", x.title());
        o.put(
                "publishedDate",
                x.publishedDate() == null ? null : x.publishedDate().toString());
        o.put("language", x.language());
        o.put("body", x.body());
        o.put("releases", x.releases().size());
        return o;
    }
}
