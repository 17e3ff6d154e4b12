package org.bulletin.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bulletin.benchdata.ReleaseTexts;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.bulletin.enrich.classify.Classification;
import org.bulletin.enrich.classify.ClassificationRules;
import org.bulletin.enrich.classify.Classifier;
import org.bulletin.enrich.classify.ClassifierModel;
import org.bulletin.enrich.dedup.DedupKeys;
import org.bulletin.enrich.extract.Extraction;
import org.bulletin.enrich.extract.Extractor;
import org.bulletin.enrich.extract.Gazetteer;
import org.bulletin.enrich.parse.HtmlText;
import org.bulletin.enrich.parse.ParsedRelease;
import org.bulletin.enrich.parse.ReleaseSplitter;
import org.bulletin.enrich.parse.TextDecoder;
import org.bulletin.enrich.story.StoryFeatures;
import org.bulletin.enrich.story.StoryLinker;
import org.bulletin.schemas.Release;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of enrich's pure logic per release of typical size (2-8 KB, English and Russian, plain text and HTML),
 * one thread, so ops/s is releases per second on one core. Each call takes the next of 256 pre-generated releases;
 * inputs of a later step (parsed text, extraction) are prepared in setup so each benchmark measures one step only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Threads(1)
public class EnrichBenchmarks {

    private static final int DOCS = 256;

    /** Which releases: English only, Russian only, or the 60/40 mix the pipeline benchmark uses. */
    @Param({"mixed", "en", "ru"})
    public String language;

    private Enricher enricher;
    private Extractor extractor;
    private Classifier classifier;
    private RawDocument[] raw;
    private ParsedRelease[] parsed;
    private Extraction[] extracted;
    private String[] bodies;
    private Release[] enriched;
    private StoryLinker linker;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        enricher = Enricher.fromClasspath();
        Gazetteer gazetteer = Gazetteer.load(EnrichBenchmarks::rule);
        extractor = new Extractor(gazetteer);
        ClassificationRules rules = ClassificationRules.load(EnrichBenchmarks::rule);
        classifier = new Classifier(
                rules,
                gazetteer,
                ClassifierModel.load(rule(ClassifierModel.FILE), rules.regionIds(), rules.topicIds()));
        ReleaseTexts texts = new ReleaseTexts(7, "jmh-", 0, 0);
        List<RawDocument> docs = new ArrayList<>();
        while (docs.size() < DOCS) {
            ReleaseTexts.Doc d = texts.original();
            if (language.equals("mixed") || language.equals(d.language())) {
                docs.add(new RawDocument(
                        d.key(),
                        "jmh",
                        d.url(),
                        Instant.parse("2024-07-19T10:00:00Z"),
                        d.contentType(),
                        "UTF-8",
                        d.body(),
                        0,
                        docs.size()));
            }
        }
        raw = docs.toArray(new RawDocument[0]);
        parsed = new ParsedRelease[DOCS];
        extracted = new Extraction[DOCS];
        bodies = new String[DOCS];
        for (int i = 0; i < DOCS; i++) {
            List<ParsedRelease> p = parse(raw[i]);
            if (p.isEmpty()) {
                throw new IllegalStateException("generated release " + raw[i].key() + " did not parse");
            }
            parsed[i] = p.get(0);
            bodies[i] = parsed[i].bodyText();
            extracted[i] = extractor.extract(parsed[i].title(), bodies[i]);
        }
        enriched = new Release[DOCS];
        for (int i = 0; i < DOCS; i++) {
            enriched[i] = enricher.enrich(raw[i]).get(0);
        }
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (DOCS - 1);
        return i;
    }

    /** Decode bytes, strip HTML or navigation chrome, split into releases with title, date and paragraphs. */
    @Benchmark
    public List<ParsedRelease> parseAndClean() {
        return parse(raw[nextIndex()]);
    }

    /** People, organisations, places and countries of one parsed release. */
    @Benchmark
    public Extraction extract() {
        ParsedRelease p = parsed[nextIndex()];
        return extractor.extract(p.title(), p.bodyText());
    }

    /** Regions and topics with evidence, from an extraction. */
    @Benchmark
    public Classification classify() {
        int i = nextIndex();
        return classifier.classify(extracted[i], !parsed[i].titleDerived());
    }

    /** Exact key (SHA-256 of the normalised text) plus MinHash signature and its LSH bands. */
    @Benchmark
    public List<String> dedupSignature() {
        String body = bodies[nextIndex()];
        List<String> bands = new ArrayList<>(DedupKeys.lshBands(DedupKeys.minHash(body)));
        bands.add(DedupKeys.exactKey(DedupKeys.normalise(body)));
        return bands;
    }

    /** The whole pure pipeline the enrich Streams app runs per raw record. */
    @Benchmark
    public List<Release> enrich() {
        return enricher.enrich(raw[nextIndex()]);
    }

    /**
     * Story linking of one enriched release: its features, then the link against the open stories. The linker starts
     * afresh every {@value #DOCS} releases, so each release is compared with up to 255 open stories (a busy week of
     * this domain) and none is a replay of one already linked.
     */
    @Benchmark
    public StoryLinker.Link storyLink() {
        int i = nextIndex();
        if (i == 0 || linker == null) {
            linker = new StoryLinker(7);
        }
        Release r = enriched[i];
        return linker.link(StoryFeatures.of(r), r.getDuplicateOf());
    }

    static List<ParsedRelease> parse(RawDocument doc) {
        String text = TextDecoder.decode(doc.body(), doc.charset(), doc.contentType());
        if (HtmlText.looksLikeHtml(doc.contentType(), text)) {
            HtmlText.Page page = HtmlText.parse(text);
            return ReleaseSplitter.single(page.text(), page.title(), page.date());
        }
        return ReleaseSplitter.split(text);
    }

    private static byte[] rule(String name) {
        try (InputStream in = EnrichBenchmarks.class.getClassLoader().getResourceAsStream("bulletin/enrich/" + name)) {
            if (in == null) {
                throw new IllegalStateException("rule file missing from the classpath: bulletin/enrich/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
