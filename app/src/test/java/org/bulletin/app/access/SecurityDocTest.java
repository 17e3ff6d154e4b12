package org.bulletin.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bulletin.enrich.EnrichConfig;
import org.bulletin.publish.PublishConfig;
import org.bulletin.schemas.Topics;
import org.bulletin.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md lists exactly the ACLs the stages' start-up checks ask for (and SecurePipelineIT grants): the table
 * and the kafka-acls.sh commands are compared with {@link StagePermissions} line by line, so neither drifts.
 */
@Tag("issue-19")
class SecurityDocTest {

    private static final Topics TOPICS = Topics.defaults(new InMemorySchemaRegistry());

    @Test
    void shouldListEachStagesAclsAsATable() throws IOException {
        assertThat(doc()).contains(table());
    }

    @Test
    void shouldListEachStagesAclsAsKafkaAclsCommands() throws IOException {
        assertThat(doc()).contains(commands());
    }

    static String table() {
        List<String> rows = new ArrayList<>();
        rows.add("| stage | operation | resource | why |");
        rows.add("|---|---|---|---|");
        ingest().forEach(p -> rows.add(row("ingest", p)));
        enrich().forEach(p -> rows.add(row("enrich", p)));
        publish(false).forEach(p -> rows.add(row("publish", p)));
        pushOnly().forEach(p -> rows.add(row("publish, with the push endpoint", p)));
        return String.join("\n", rows) + "\n";
    }

    static String commands() {
        List<String> lines = new ArrayList<>();
        lines.add("```sh");
        lines.add("# ingest");
        lines.addAll(AccessCheck.kafkaAclsCommands("\"$BOOTSTRAP\"", "User:ingest", ingest()));
        lines.add("# enrich");
        lines.addAll(AccessCheck.kafkaAclsCommands("\"$BOOTSTRAP\"", "User:enrich", enrich()));
        lines.add("# publish");
        lines.addAll(AccessCheck.kafkaAclsCommands("\"$BOOTSTRAP\"", "User:publish", publish(false)));
        lines.add("# publish, only with the push endpoint (bulletin.ingest.push.token set)");
        lines.addAll(AccessCheck.kafkaAclsCommands("\"$BOOTSTRAP\"", "User:publish", pushOnly()));
        lines.add("```");
        return String.join("\n", lines) + "\n";
    }

    private static String row(String stage, KafkaPermission p) {
        String resource = p.pattern() == org.apache.kafka.common.resource.PatternType.PREFIXED
                ? p.resourceWords().replace("'" + p.name() + "'", "`" + p.name() + "`")
                : p.resourceWords().replace(p.name(), "`" + p.name() + "`");
        return "| " + stage + " | " + p.operation() + " | " + resource + " | " + p.purpose() + " |";
    }

    private static List<KafkaPermission> ingest() {
        return StagePermissions.ingest(TOPICS);
    }

    private static List<KafkaPermission> enrich() {
        return StagePermissions.enrich(new EnrichConfig(Map.of()), TOPICS);
    }

    private static List<KafkaPermission> publish(boolean push) {
        return StagePermissions.publish(new PublishConfig(Map.of()), TOPICS, push);
    }

    private static List<KafkaPermission> pushOnly() {
        List<KafkaPermission> without = publish(false);
        return publish(true).stream()
                .filter(p -> without.stream()
                        .noneMatch(q -> q.resource() == p.resource()
                                && q.name().equals(p.name())
                                && q.operation() == p.operation()))
                .toList();
    }

    private static String doc() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/security.md");
            if (Files.isRegularFile(doc) && Files.isDirectory(dir.resolve("schemas"))) {
                return Files.readString(doc).replace("\r\n", "\n");
            }
        }
        throw new IllegalStateException(
                "docs/security.md not found above " + Path.of("").toAbsolutePath());
    }

    /** Prints the two blocks, to paste into docs/security.md after a change to {@link StagePermissions}. */
    public static void main(String[] args) {
        System.out.println(table());
        System.out.println(commands());
    }
}
