package org.bulletin.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.bulletin.schemas.Release;
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
 * Throughput of the whole {@link Enricher} on a real raw scrape: enrich's dev-set sample, one plain-text file in which
 * several releases follow one another, as the file source delivers a scrape (the build copies it from enrich's test
 * resources). One thread; each op is the whole scrape, so releases/s is ops/s times {@link #releasesPerScrape()}. For
 * releases per CPU-second of the calling thread run {@code java -cp benchmarks/target/benchmarks.jar
 * org.bulletin.bench.ScrapeBenchmarks [cpu-seconds]}.
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
public class ScrapeBenchmarks {

    static final String SAMPLE = "bench/sample-raw-scrape.txt";

    private Enricher enricher;
    private RawDocument scrape;

    @Setup(Level.Trial)
    public void setUp() {
        enricher = Enricher.fromClasspath();
        scrape = new RawDocument(
                "k",
                "files",
                "file:///sample.txt",
                Instant.parse("2024-07-26T10:00:00Z"),
                "text/plain",
                null,
                sample(),
                3,
                42L);
    }

    /** Parse, split, extract, classify and key every release of the scrape. */
    @Benchmark
    public List<Release> enrichScrape() {
        return enricher.enrich(scrape);
    }

    int releasesPerScrape() {
        return enricher.enrich(scrape).size();
    }

    static byte[] sample() {
        try (InputStream in = ScrapeBenchmarks.class.getClassLoader().getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(
                        SAMPLE + " missing from the classpath (copied from enrich's test resources)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Releases per CPU-second of this thread, after a warm-up of the same length. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        ScrapeBenchmarks b = new ScrapeBenchmarks();
        b.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CpuTime.run(mx, b::enrichScrape, seconds); // warm-up
        double scrapes = CpuTime.run(mx, b::enrichScrape, seconds);
        int releases = b.releasesPerScrape();
        System.out.printf(
                "Enricher.enrich on the dev-set scrape (%d releases): %,.0f releases/cpu-s%n",
                releases, scrapes * releases);
    }
}
