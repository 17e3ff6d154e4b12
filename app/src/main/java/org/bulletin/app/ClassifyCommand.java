package org.bulletin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bulletin.enrich.Enricher;
import org.bulletin.schemas.Evidence;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.Person;
import org.bulletin.schemas.Release;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs the enrich stage's parse + extract + classify code on raw files, without Kafka: how quality is measured. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Parse, extract and classify raw files without Kafka; one result per release found.",
            "A file (or '-' for standard input) may hold several releases; folders are read recursively."
        })
final class ClassifyCommand implements Callable<Integer> {

    enum Format {
        json,
        text
    }

    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = "Raw .txt/.html files (.gz too), folders, or '-' for stdin.")
    List<String> inputs;

    @Option(
            names = "--format",
            defaultValue = "json",
            description = "json (one object per line) or text (a table). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = "--evidence",
            description = "Include scores and evidence (matched phrases with offsets) in JSON output.")
    boolean evidence;

    @Option(
            names = "--rules",
            paramLabel = "DIR",
            description = "Rules folder laid out like the bundled one (rules/topics.yaml, rules/regions.yaml, "
                    + "rules/scope.yaml, model/..., gazetteer/...): each file it holds overrides the bundled one.")
    Path rules;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws IOException {
        Enricher enricher = rules == null ? Enricher.fromClasspath() : Enricher.fromDirectory(rules);
        PrintWriter out = spec.commandLine().getOut();
        int failures = 0;
        if (format == Format.text) {
            out.printf("%-28s %-10s %-4s %-34s %-44s %s%n", "SOURCE", "DATE", "LANG", "REGIONS", "TOPICS", "TITLE");
        }
        failures += InputFiles.forEachDocument(
                inputs, "classify", spec.commandLine().getErr(), doc -> {
                    String source = doc.key();
                    for (Release r : enricher.enrich(doc)) {
                        if (format == Format.json) {
                            out.println(JSON.writeValueAsString(toJson(source, r, evidence)));
                        } else {
                            out.printf(
                                    "%-28s %-10s %-4s %-34s %-44s %s%n",
                                    abbreviate(source, 28),
                                    r.getPublishedDate() == null ? "-" : r.getPublishedDate(),
                                    r.getLanguage(),
                                    abbreviate(String.join(",", ids(r.getRegions())), 34),
                                    abbreviate(
                                            r.getScope() != null
                                                            && !r.getScope().getInScope()
                                                    ? "(out of scope)"
                                                    : String.join(",", ids(r.getTopics())),
                                            44),
                                    abbreviate(r.getTitle(), 70));
                        }
                    }
                });
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    static ObjectNode toJson(String source, Release r, boolean withEvidence) {
        ObjectNode o = JSON.createObjectNode();
        o.put("source", source);
        o.put("releaseId", r.getReleaseId());
        o.put("title", r.getTitle());
        if (r.getPublishedDate() == null) {
            o.putNull("publishedDate");
        } else {
            o.put("publishedDate", r.getPublishedDate().toString());
        }
        o.put("language", r.getLanguage());
        o.set("regions", strings(ids(r.getRegions())));
        o.set("topics", strings(ids(r.getTopics())));
        o.set("countries", strings(r.getCountries()));
        ArrayNode people = o.putArray("people");
        ArrayNode roles = o.putArray("peopleRoles");
        for (Person p : r.getPeople()) {
            people.add(p.getName());
            ObjectNode pr = roles.addObject().put("name", p.getName());
            if (p.getRole() == null) {
                pr.putNull("role");
            } else {
                pr.put("role", p.getRole());
            }
        }
        ArrayNode orgs = o.putArray("organisations");
        r.getOrganisations().forEach(org -> orgs.add(org.getId()));
        ArrayNode dates = o.putArray("dates");
        r.getDates().forEach(d -> dates.add(d.toString()));
        if (r.getScope() == null) {
            o.putNull("inScope");
            o.putNull("scopeScore");
        } else {
            o.put("inScope", r.getScope().getInScope());
            o.put("scopeScore", r.getScope().getScore());
        }
        o.put("duplicateOf", r.getDuplicateOf());
        o.put("parserVersion", r.getParserVersion());
        o.put("classifierVersion", r.getClassifierVersion());
        if (withEvidence) {
            o.set("regionScores", labels(r.getRegions()));
            o.set("topicScores", labels(r.getTopics()));
            o.set(
                    "scopeEvidence",
                    evidence(r.getScope() == null ? List.of() : r.getScope().getEvidence()));
        }
        return o;
    }

    private static ArrayNode labels(List<Label> labels) {
        ArrayNode a = JSON.createArrayNode();
        for (Label l : labels) {
            ObjectNode n = a.addObject().put("id", l.getId()).put("score", l.getScore());
            n.set("evidence", evidence(l.getEvidence()));
        }
        return a;
    }

    private static ArrayNode evidence(List<Evidence> evidence) {
        ArrayNode ev = JSON.createArrayNode();
        for (Evidence e : evidence) {
            ev.addObject()
                    .put("phrase", e.getPhrase())
                    .put("start", e.getStart())
                    .put("end", e.getEnd())
                    .put("rule", e.getRule());
        }
        return ev;
    }

    private static List<String> ids(List<Label> labels) {
        return labels.stream().map(Label::getId).toList();
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
