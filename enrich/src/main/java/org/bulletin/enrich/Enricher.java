package org.bulletin.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.bulletin.enrich.classify.Classification;
import org.bulletin.enrich.classify.ClassificationRules;
import org.bulletin.enrich.classify.Classifier;
import org.bulletin.enrich.classify.ClassifierModel;
import org.bulletin.enrich.classify.ScoredLabel;
import org.bulletin.enrich.dedup.DedupKeys;
import org.bulletin.enrich.extract.Extraction;
import org.bulletin.enrich.extract.Extractor;
import org.bulletin.enrich.extract.Gazetteer;
import org.bulletin.enrich.parse.DateParser;
import org.bulletin.enrich.parse.HtmlText;
import org.bulletin.enrich.parse.LanguageDetector;
import org.bulletin.enrich.parse.ParsedRelease;
import org.bulletin.enrich.parse.ReleaseSplitter;
import org.bulletin.enrich.parse.TextDecoder;
import org.bulletin.enrich.story.Names;
import org.bulletin.schemas.Evidence;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.Organisation;
import org.bulletin.schemas.Person;
import org.bulletin.schemas.Place;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.Scope;
import org.bulletin.schemas.SourceRef;

/**
 * The pure enrich pipeline: decode, parse and split, extract, classify and fingerprint a raw document into releases.
 * Rules and gazetteers are loaded and compiled once at construction; afterwards the instance is immutable and
 * thread-safe, and {@link #enrich} never throws on bad content.
 */
public final class Enricher {

    /**
     * Changes whenever what the parse gives changes, so that a replay replaces the releases the old parse stored
     * (the store replaces a release whose parser or classifier version differs). ParserVersionTest holds a digest of
     * the parse of every fixture page per version; a change it cannot see (a structure no fixture has) is bumped by
     * hand. 1.1: the real-page fixes of 2026-11-30 (stray empty paragraphs, credited captions, share widgets, long
     * official headlines, tag lists). 1.3: a news agency's photo caption, given twice over its credit, is chrome. 1.4:
     * headlines and titles past "St." (SentenceEnds), a quoting standfirst and a caption under the headline. 1.6:
     * people's names without the places and offices around them, and no publication date after the day of fetching
     * (what enrich gives beside the parse: bumped by hand so that a replay replaces the releases). 1.7: another
     * story's headline set apart between two paragraphs of a headless page no longer cuts it in two, nor do a widely
     * spaced article's gaps under a news list; a short flash under a news list is the release. 1.9: a page's last
     * line of ten words or more, under a paragraph of the text and without a full stop, is that text cut short, not a
     * headline or a scrap to drop; a notice of up to 90 words to the reader about the site (RFE/RL's legal warning
     * under every article) is chrome. 1.11: a photo's caption glued after its "©" credit and given again on the next
     * line as the image's alternative text ("... - Sputnik Таджикистан") is chrome.
     */
    static final String PARSER_VERSION = "parse-1.11";

    private static final String ROOT = "bulletin/enrich/";
    private static final List<String> RULE_FILES = List.of(
            "rules.properties",
            Gazetteer.COUNTRIES_FILE,
            Gazetteer.ORGANISATIONS_FILE,
            ClassificationRules.REGIONS_FILE,
            ClassificationRules.TOPICS_FILE,
            ClassificationRules.SCOPE_FILE,
            ClassifierModel.FILE);

    private final Extractor extractor;
    private final Classifier classifier;
    private final String classifierVersion;

    private Enricher(Function<String, byte[]> reader) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String f : RULE_FILES) {
            files.put(f, reader.apply(f));
        }
        Gazetteer gazetteer = Gazetteer.load(files::get);
        this.extractor = new Extractor(gazetteer);
        ClassificationRules rules = ClassificationRules.load(files::get);
        ClassifierModel model =
                ClassifierModel.load(files.get(ClassifierModel.FILE), rules.regionIds(), rules.topicIds());
        this.classifier = new Classifier(rules, gazetteer, model);
        this.classifierVersion = version(files);
    }

    /** Loads the versioned rule files shipped under {@code bulletin/enrich/} on the classpath. */
    public static Enricher fromClasspath() {
        return new Enricher(Enricher::classpathFile);
    }

    /** Loads rule files from {@code rulesDir} (same layout); files missing there come from the classpath. */
    public static Enricher fromDirectory(Path rulesDir) {
        // A folder that overrides nothing is a mistake (a wrong path, the files not under rules/): say so rather
        // than classify with the bundled rules under a name that suggests otherwise.
        if (RULE_FILES.stream().noneMatch(f -> Files.isRegularFile(rulesDir.resolve(f)))) {
            throw new IllegalArgumentException("no rule file under " + rulesDir + ": it must be laid out like the "
                    + "bundled rules, e.g. " + rulesDir.resolve(ClassificationRules.TOPICS_FILE) + "; expected any of "
                    + RULE_FILES);
        }
        return new Enricher(name -> {
            Path p = rulesDir.resolve(name);
            if (!Files.isRegularFile(p)) {
                return classpathFile(name);
            }
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule file " + p, e);
            }
        });
    }

    private static byte[] classpathFile(String name) {
        try (InputStream in = Enricher.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("rule file missing from the classpath: " + ROOT + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + name, e);
        }
    }

    private static String version(Map<String, byte[]> files) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(files.get("rules.properties"), StandardCharsets.UTF_8)));
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.getValue());
            }
            return p.getProperty("classifier.version", "0") + "+"
                    + HexFormat.of().formatHex(md.digest()).substring(0, 10);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute the classifier version", e);
        }
    }

    /** Version of the parsing code. */
    public String parserVersion() {
        return PARSER_VERSION;
    }

    /** Declared rules version plus a short hash of every rule, gazetteer and model file: changes whenever any of them does. */
    public String classifierVersion() {
        return classifierVersion;
    }

    /**
     * Enriches one raw document into its releases; an empty list when nothing parseable is in it.
     *
     * @throws IllegalArgumentException when {@code doc} is null
     */
    public List<Release> enrich(RawDocument doc) {
        if (doc == null) {
            throw new IllegalArgumentException("doc must not be null");
        }
        try {
            return enrichUnchecked(doc);
        } catch (RuntimeException | StackOverflowError e) {
            // Hostile content (pathological markup, regex blow-ups) must not stop the stream: nothing parseable here.
            return List.of();
        }
    }

    private List<Release> enrichUnchecked(RawDocument doc) {
        List<ParsedRelease> parsed = parse(doc);
        if (parsed.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        LocalDate fetchedDay = doc.fetchedAt() == null
                ? now.atOffset(ZoneOffset.UTC).toLocalDate()
                : doc.fetchedAt().atOffset(ZoneOffset.UTC).toLocalDate();
        String key = doc.key() == null ? "unknown" : doc.key();
        List<Release> out = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            String id = parsed.size() == 1 ? key : key + "#" + (i + 1);
            out.add(toRelease(doc, id, parsed.get(i), fetchedDay, now));
        }
        return out;
    }

    /** Decodes a raw document and cuts it into releases: HTML pages through the main-content extractor, text scrapes
     * through the splitter. The first step of {@link #enrich}, shared with {@code bulletin extract}. */
    private static List<ParsedRelease> parse(RawDocument doc) {
        String text = TextDecoder.decode(doc.body(), doc.charset(), doc.contentType());
        if (text.isBlank()) {
            return List.of();
        }
        if (HtmlText.looksLikeHtml(doc.contentType(), text)) {
            HtmlText.Page page = HtmlText.parse(text);
            return ReleaseSplitter.single(page.text(), page.title(), page.date());
        }
        return ReleaseSplitter.split(text);
    }

    /**
     * What the enrich stage reads out of a raw document before extraction and classification: its releases, with
     * the first one's title, date and language. Never throws on bad content (an empty result instead).
     *
     * @throws IllegalArgumentException when {@code doc} is null
     */
    public static Extracted extract(RawDocument doc) {
        if (doc == null) {
            throw new IllegalArgumentException("doc must not be null");
        }
        List<ParsedRelease> releases;
        try {
            releases = parse(doc);
        } catch (RuntimeException | StackOverflowError e) {
            releases = List.of(); // same policy as enrich: hostile content yields nothing rather than an exception
        }
        if (releases.isEmpty()) {
            return new Extracted(null, null, null, "", List.of());
        }
        ParsedRelease first = releases.get(0);
        StringBuilder body = new StringBuilder(first.bodyText());
        for (int i = 1; i < releases.size(); i++) {
            ParsedRelease r = releases.get(i);
            body.append("\n\n").append(r.title()).append("\n\n").append(r.bodyText());
        }
        return new Extracted(
                first.title(),
                first.publishedDate(),
                LanguageDetector.detect(first.title() + "\n" + body),
                body.toString(),
                releases);
    }

    /**
     * A document's main content as extracted: the first release's title and date, the language, the body (every
     * release's text, paragraphs separated by blank lines, the first headline not repeated) and the releases found.
     */
    public record Extracted(
            String title, LocalDate publishedDate, String language, String body, List<ParsedRelease> releases) {}

    /** Parse, extract and classify plain text without the Release wrapper: for tools and dev-set scoring. */
    public List<Analysis> analyse(String text) {
        List<Analysis> out = new ArrayList<>();
        for (ParsedRelease p : ReleaseSplitter.split(text == null ? "" : text)) {
            Extraction x = extractor.extract(p.title(), p.bodyText());
            out.add(new Analysis(p, x, classifier.classify(x, !p.titleDerived())));
        }
        return out;
    }

    /** The rules' candidates (before the model decides) for one parsed release: what the classifier model is fitted on. */
    public Classifier.Candidates candidates(ParsedRelease p) {
        return classifier.candidates(extractor.extract(p.title(), p.bodyText()), !p.titleDerived());
    }

    /** One release's parse, extraction and classification. */
    public record Analysis(ParsedRelease release, Extraction extraction, Classification classification) {}

    private Release toRelease(RawDocument doc, String id, ParsedRelease p, LocalDate fetchedDay, Instant now) {
        String body = p.bodyText();
        Extraction x = extractor.extract(p.title(), body);
        Classification c = classifier.classify(x, !p.titleDerived());
        LocalDate reference = p.publishedDate() != null ? p.publishedDate() : fetchedDay;
        Set<LocalDate> dates = new LinkedHashSet<>();
        for (DateParser.DateMatch m : DateParser.findAll(p.title() + "\n\n" + body, reference)) {
            dates.add(m.date());
        }
        LocalDate published = p.publishedDate();
        if (published == null) {
            // "On January 20, this year" needs the year of fetching when the release states none. A date after the
            // day of fetching (a day's grace for time zones) is an announced event's, not the release's own.
            for (DateParser.DateMatch m : DateParser.findAll(p.paragraphs().get(0), reference)) {
                if (m.start() < 200 && (fetchedDay == null || !m.date().isAfter(fetchedDay.plusDays(1)))) {
                    published = m.date();
                }
                break;
            }
        }
        List<Person> people = new ArrayList<>();
        x.people().forEach(pn -> people.add(new Person(pn.name(), pn.role(), Names.personId(pn.name()))));
        List<Organisation> orgs = new ArrayList<>();
        x.organisations().forEach(o -> orgs.add(new Organisation(o.id(), o.name(), o.mentions())));
        Map<String, Place> places = new LinkedHashMap<>();
        for (Extraction.Mention m : x.mentions()) {
            if (m.kind() == Gazetteer.Kind.COUNTRY || m.kind() == Gazetteer.Kind.PLACE) {
                places.putIfAbsent(
                        m.surface(),
                        new Place(
                                m.surface(),
                                m.code(),
                                Names.placeId(m.code(), m.canonical(), m.kind() == Gazetteer.Kind.COUNTRY)));
            }
        }
        String fingerprintText = body.length() >= 100 ? body : p.title() + "\n\n" + body;
        String lede = p.paragraphs().isEmpty()
                ? null
                : ReleaseSplitter.firstSentence(p.paragraphs().get(0));
        SourceRef ref = new SourceRef(
                doc.sourceId() == null ? "unknown" : doc.sourceId(),
                doc.sourceUrl(),
                doc.key() == null ? "unknown" : doc.key(),
                doc.partition(),
                doc.offset(),
                doc.fetchedAt());
        return new Release(
                id,
                List.of(ref),
                p.title(),
                published,
                LanguageDetector.detect(p.title() + "\n" + body),
                body,
                lede,
                people,
                orgs,
                new ArrayList<>(places.values()),
                c.countries(),
                new ArrayList<>(dates),
                labels(c.regions()),
                labels(c.topics()),
                null,
                DedupKeys.exactKey(DedupKeys.normalise(fingerprintText)),
                PARSER_VERSION,
                classifierVersion,
                now,
                false,
                new Scope(
                        c.scope().inScope(),
                        c.scope().score(),
                        evidence(c.scope().evidence())),
                null,
                null);
    }

    private static List<Label> labels(List<ScoredLabel> labels) {
        List<Label> out = new ArrayList<>(labels.size());
        for (ScoredLabel l : labels) {
            out.add(new Label(l.id(), l.score(), evidence(l.evidence())));
        }
        return out;
    }

    private static List<Evidence> evidence(List<ScoredLabel.Evidence> evidence) {
        List<Evidence> ev = new ArrayList<>(evidence.size());
        evidence.forEach(e -> ev.add(new Evidence(e.phrase(), e.start(), e.end(), e.rule())));
        return ev;
    }
}
