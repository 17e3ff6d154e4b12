package org.bulletin.enrich.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real-page corpus of issues #13 and #14: labels committed under {@code corpus/} at the repository root, page texts
 * in the git-ignored {@code corpus/text/} (third-party material, collected again as corpus/README.md says). Tests that
 * use it report themselves skipped when the texts are absent.
 */
public final class RealCorpus {

    /**
     * One labelled page. {@code split} is "tune" or "test" (the test part is never looked at while tuning), or, for the
     * fresh set labelled from the contract alone, "fresh-dev" (may be looked at) or "fresh" (held out); only "tune"
     * trains.
     */
    public record Page(
            String id,
            String url,
            String source,
            String lang,
            String kind,
            int releases,
            String title,
            String lead,
            boolean inScope,
            List<String> regions,
            List<String> topics,
            String split,
            String text) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
    private static final boolean LEAD_ONLY = Boolean.getBoolean("bulletin.corpus.leadOnly");

    private RealCorpus() {}

    /**
     * The folder of the page texts inside the corpus folder: {@code text} (the pages as the store gives them), or what
     * {@code -Dbulletin.corpus.texts} names, such as {@code rewrites} (the helpers' own versions of the pages, a proxy
     * for when the texts cannot be collected; corpus/README.md).
     */
    public static String textFolder() {
        return System.getProperty("bulletin.corpus.texts", "text");
    }

    /** The corpus folder ({@code -Dbulletin.corpus.dir} or {@code corpus/} beside the module), or null when absent. */
    public static Path dir() {
        String prop = System.getProperty("bulletin.corpus.dir");
        for (Path p : prop == null ? List.of(Path.of("../corpus"), Path.of("corpus")) : List.of(Path.of(prop))) {
            if (Files.isDirectory(p.resolve(textFolder()))) {
                return p;
            }
        }
        return null;
    }

    /** How many of a split's labelled pages have their texts: a collection of the texts may come back partial. */
    public record Coverage(int read, int labelled) {
        /** True when at least 95 % of the split's pages are read: a few pages the store no longer gives still count. */
        public boolean whole() {
            return read >= labelled * 0.95;
        }
    }

    /** The coverage of {@code split} ("tune" or "test") by {@code pages}, as {@link #pages()} gives them. */
    public static Coverage coverage(List<Page> pages, String split) {
        return coverage(pages, split::equals);
    }

    /** The coverage of the whole corpus, every split, by {@code pages}. */
    public static Coverage coverage(List<Page> pages) {
        return coverage(pages, split -> true);
    }

    private static Coverage coverage(List<Page> pages, java.util.function.Predicate<String> splits) {
        Path dir = dir();
        int labelled = 0;
        if (dir != null) {
            for (JsonNode n : labels(dir)) {
                labelled += splits.test(split(n)) ? 1 : 0;
            }
        }
        return new Coverage(
                (int) pages.stream().filter(p -> splits.test(p.split())).count(), labelled);
    }

    /**
     * With {@code -Dbulletin.corpus.leadOnly=true}: the page from its lead on, without the headline and the chrome
     * above it, as a raw scrape of an official site's news list gives a release (the contract's worked example: no
     * headline, the lead first). The lead starts at the first line of eight words or more that holds at least half of
     * the label's first twelve lead words among its first thirty (a helper's version rewords the lead); a page whose
     * lead is not found stays whole. Without the property, the text as it is.
     */
    static String leadOnly(String text, String lead) {
        return LEAD_ONLY ? fromLead(text, lead) : text;
    }

    /** {@code text} from the line where {@code lead} starts (see {@link #leadOnly}), or all of it. */
    public static String fromLead(String text, String lead) {
        Set<String> want = new HashSet<>(words(lead, 12));
        if (want.size() < 4) {
            return text;
        }
        int at = 0;
        for (String line : text.split("\n", -1)) {
            List<String> words = words(line, 30);
            if (words.size() >= 8) {
                Set<String> head = new HashSet<>(words);
                head.retainAll(want);
                if (head.size() * 2 >= want.size()) {
                    return text.substring(at);
                }
            }
            at += line.length() + 1;
        }
        return text;
    }

    /** The first {@code max} words of three letters or more, lower-cased. */
    private static List<String> words(String s, int max) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find() && out.size() < max) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Every labelled page whose text is present, in id order. */
    public static List<Page> pages() {
        Path dir = dir();
        if (dir == null) {
            return List.of();
        }
        List<Page> out = new ArrayList<>();
        for (JsonNode n : labels(dir)) {
            Path text = dir.resolve(textFolder()).resolve(n.path("id").asText() + ".txt");
            if (!Files.isRegularFile(text)) {
                continue;
            }
            try {
                out.add(new Page(
                        n.path("id").asText(),
                        n.path("url").asText(),
                        n.path("source").asText(),
                        n.path("lang").asText(),
                        n.path("kind").asText("article"),
                        n.path("releases").asInt(1),
                        n.path("title").isNull() ? null : n.path("title").asText(null),
                        n.path("lead").asText(""),
                        n.path("inScope").asBoolean(),
                        strings(n.path("regions")),
                        strings(n.path("topics")),
                        split(n),
                        leadOnly(
                                Files.readString(text, StandardCharsets.UTF_8),
                                n.path("lead").asText(""))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + text, e);
            }
        }
        return out;
    }

    /** Every line of the label files, file by file in name order. */
    private static List<JsonNode> labels(Path dir) {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path labels : files.filter(f -> f.getFileName().toString().matches("labels-.*\\.jsonl"))
                    .sorted()
                    .toList()) {
                for (String line : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        out.add(JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus labels at " + dir, e);
        }
        return out;
    }

    /** The committed split, else a fixed one by id: every third page (by a hash of its id) is held out for testing. */
    private static String split(JsonNode n) {
        if (n.hasNonNull("split")) {
            return n.get("split").asText();
        }
        return Math.floorMod(n.path("id").asText().hashCode() * 0x9E3779B1, 3) == 0 ? "test" : "tune";
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }
}
