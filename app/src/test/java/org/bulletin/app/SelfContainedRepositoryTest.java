package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A clone of this repository alone builds, tests and follows its README (#15): no source, build file, script or
 * document may need the sibling {@code ../shared} folder. The one exception is data that may not be committed (the
 * article-extraction benchmark): the tests that read it report themselves skipped when it is absent.
 */
@Tag("issue-15")
class SelfContainedRepositoryTest {

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", "data", "text");
    // This test names the folder it forbids.
    private static final Set<String> SKIPPED_FILES =
            Set.of("app/src/test/java/org/bulletin/app/SelfContainedRepositoryTest.java");
    private static final String ALLOWED_OUTSIDE_DATA = "article-extraction-benchmark";

    @Test
    void shouldNeedNothingOutsideTheRepository() throws IOException {
        assertThat(outsideReferences(root())).isEmpty();
    }

    @Test
    void shouldCatchAReferenceToTheSharedFolder() throws IOException {
        Path copy = Files.createTempDirectory("self-contained");
        Files.writeString(copy.resolve("pom.xml"), "<dir>${maven.multiModuleProjectDirectory}/../shared</dir>\n");
        Files.writeString(copy.resolve("README.md"), "run it on ../shared/data/article-extraction-benchmark\n");

        assertThat(outsideReferences(copy)).singleElement().asString().startsWith("pom.xml:1:");
    }

    @Test
    void shouldHaveTheClassificationContractAndTheSampleItCites() {
        Path root = root();
        assertThat(root.resolve("docs/classification.md")).isRegularFile();
        assertThat(root.resolve("app/src/test/resources/sample-raw-scrape.txt")).isRegularFile();
    }

    private static List<String> outsideReferences(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> Files.isRegularFile(f) && checked(root, f))
                    .sorted()
                    .forEach(f -> {
                        String relative = root.relativize(f).toString().replace('\\', '/');
                        List<String> lines = lines(f);
                        for (int i = 0; i < lines.size(); i++) {
                            String line = lines.get(i);
                            if ((line.contains("../shared") || line.contains("bulletin.shared.dir"))
                                    && !line.contains(ALLOWED_OUTSIDE_DATA)) {
                                found.add(relative + ":" + (i + 1) + ": " + line.strip());
                            }
                        }
                    });
        }
        return found;
    }

    private static boolean checked(Path root, Path file) {
        Path relative = root.relativize(file);
        for (Path part : relative) {
            if (SKIPPED_DIRS.contains(part.toString())) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        return !SKIPPED_FILES.contains(relative.toString().replace('\\', '/'))
                && (name.endsWith(".java")
                        || name.endsWith(".xml")
                        || name.endsWith(".md")
                        || name.endsWith(".sh")
                        || name.endsWith(".yml")
                        || name.endsWith(".yaml")
                        || name.endsWith(".properties")
                        || name.equals("Dockerfile")
                        || name.equals("run"));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: Maven runs the tests in app/, so walk up to the folder holding the parent pom. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("schemas"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "repository root not found above " + Path.of("").toAbsolutePath());
    }
}
