package org.bulletin.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.bulletin.enrich.parse.HtmlText;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link HtmlText#parse} (jsoup parsing plus main-content extraction) on real news pages: the 91 pages
 * of the article-extraction benchmark in {@code shared/data} when it is there (or where {@code
 * -Darticle.benchmark.dir} says), a few synthetic pages otherwise. One thread, so ops/s is pages per second on one
 * core. For pages per CPU-second of the calling thread (steadier on a shared machine) run {@code java -cp
 * benchmarks/target/benchmarks.jar org.bulletin.bench.ExtractionBenchmarks [cpu-seconds]}.
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
public class ExtractionBenchmarks {

    private String[] pages;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        pages = load().toArray(new String[0]);
    }

    /** Parse one page and extract its headline, date and main text. */
    @Benchmark
    public HtmlText.Page parseArticle() {
        String html = pages[next];
        next = (next + 1) % pages.length;
        return HtmlText.parse(html);
    }

    int pageCount() {
        return pages.length;
    }

    static List<String> load() {
        Path dir = dataDir();
        List<String> out = new ArrayList<>();
        if (dir != null) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve("html"), "*.html.gz")) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path f : sorted) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (out.isEmpty()) {
            for (int i = 0; i < 8; i++) {
                out.add(synthetic(i));
            }
        }
        return out;
    }

    private static Path dataDir() {
        List<String> tries = new ArrayList<>();
        String override = System.getProperty("article.benchmark.dir");
        if (override != null && !override.isBlank()) {
            tries.add(override);
        }
        for (String up : new String[] {"", "../", "../../"}) {
            tries.add(up + "shared/data/article-extraction-benchmark");
        }
        for (String t : tries) {
            Path p = Path.of(t);
            if (Files.isDirectory(p.resolve("html"))) {
                return p;
            }
        }
        return null;
    }

    /** A news page of typical shape and size (~60 KB): menus, a share bar, an article, related links, comments. */
    static String synthetic(int seed) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><title>Story ")
                .append(seed)
                .append(" | Courier</title><meta property=\"article:published_time\" content=\"2024-03-14T09:00:00Z\">")
                .append("<script>var cfg = {a: 1, b: [1, 2, 3]};</script></head><body><header><nav><ul>");
        for (int i = 0; i < 60; i++) {
            sb.append("<li class=\"menu-item\"><a href=\"/section/")
                    .append(i)
                    .append("\">Section ")
                    .append(i)
                    .append("</a></li>");
        }
        sb.append("</ul></nav></header><main><article><h1>Story ")
                .append(seed)
                .append("</h1>")
                .append("<div class=\"share\"><a>Facebook</a><a>Twitter</a></div><div class=\"article-body\">");
        for (int p = 0; p < 25; p++) {
            sb.append("<p>Paragraph ")
                    .append(p)
                    .append(" of story ")
                    .append(seed)
                    .append(
                            ": the council met on Tuesday, and after a long debate about schools, roads and the budget, ")
                    .append("it approved the plan that the mayor had put forward <a href=\"/x\">last month</a>.</p>");
            if (p % 6 == 5) {
                sb.append("<div class=\"ad-slot\"><span>Advertisement</span></div>");
            }
        }
        sb.append("</div></article><aside class=\"related\"><ul>");
        for (int i = 0; i < 20; i++) {
            sb.append("<li><a href=\"/story/")
                    .append(i)
                    .append("\">A related story headline number ")
                    .append(i)
                    .append("</a></li>");
        }
        sb.append("</ul></aside><section id=\"comments\">");
        for (int i = 0; i < 30; i++) {
            sb.append("<div class=\"comment\"><p>Comment ")
                    .append(i)
                    .append(": I do not agree with this at all.</p></div>");
        }
        return sb.append("</section><footer>© Courier</footer></body></html>").toString();
    }

    /** Pages per CPU-second of this thread, after a warm-up of the same length. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
        ExtractionBenchmarks b = new ExtractionBenchmarks();
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CpuTime.run(mx, b::parseArticle, seconds); // warm-up
        double rate = CpuTime.run(mx, b::parseArticle, seconds);
        System.out.printf("HtmlText.parse on %d pages: %,.1f pages/cpu-s%n", b.pageCount(), rate);
    }
}
