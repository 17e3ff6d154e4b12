package org.bulletin.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JMH benchmark bodies measured in releases per CPU-second of the calling thread rather than per wall-second: on
 * a shared machine (our CI boxes: 2 cores, several builds) wall-clock scores swing with the neighbours' load, CPU time
 * far less. Run: {@code java -cp benchmarks/target/benchmarks.jar org.bulletin.bench.CpuTime [cpu-seconds-per-step
 * [warm-up-cpu-seconds]]} (default 5 and 20).
 *
 * <p>Every step of every language is first run round-robin for the warm-up (default 20 CPU-seconds, as {@code bulletin
 * bench} warms enrich up), so that what is measured is the JIT-compiled path a long-running service runs. A warm-up of
 * each step alone just before it is measured was not enough on two vCPUs: the C2 compiler, on its own threads, was
 * still compiling the pipeline when the first language was measured, and "mixed" came out slower than both of its
 * languages (whole enrich 901 against 1,452 and 1,940 per CPU-second, 3-second steps, 2026-12-03). The JIT's
 * compilation time during the measurement is printed, so a run that was still compiling shows it. Each step's
 * CPU-seconds are then spent in five slices, the steps taking turns, and the median slice is reported with the range.
 */
public final class CpuTime {

    private static final String[] LANGUAGES = {"mixed", "en", "ru"};
    private static final int ROUNDS = 5;

    private CpuTime() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 20.0;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        List<Map<String, Supplier<Object>>> languages = new ArrayList<>();
        for (String language : LANGUAGES) {
            languages.add(steps(language));
        }
        long steps = languages.stream().mapToLong(Map::size).sum();
        System.out.printf("warm-up: every step round-robin for %.0f CPU-seconds%n", warmup);
        double slice = Math.min(0.25, warmup / steps);
        for (double done = 0; done < warmup; done += slice * steps) {
            for (Map<String, Supplier<Object>> language : languages) {
                for (Supplier<Object> step : language.values()) {
                    run(mx, step, slice);
                }
            }
        }
        // The steps take turns, ROUNDS times, so that a pause or a recompilation lands in one slice of one step, not in
        // a step's whole measurement; the median slice is reported.
        long compiling = jit.getTotalCompilationTime();
        double[][][] rates = new double[LANGUAGES.length][][];
        for (int l = 0; l < LANGUAGES.length; l++) {
            rates[l] = new double[languages.get(l).size()][ROUNDS];
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int l = 0; l < LANGUAGES.length; l++) {
                int s = 0;
                for (Supplier<Object> step : languages.get(l).values()) {
                    rates[l][s++][round] = run(mx, step, seconds / ROUNDS);
                }
            }
        }
        System.out.printf("%-16s %-6s %14s %20s%n", "step", "lang", "releases/cpu-s", "range of " + ROUNDS);
        for (int l = 0; l < LANGUAGES.length; l++) {
            int s = 0;
            for (String step : languages.get(l).keySet()) {
                double[] r = rates[l][s++].clone();
                Arrays.sort(r);
                System.out.printf(
                        "%-16s %-6s %,14.0f %,9.0f-%,-10.0f%n", step, LANGUAGES[l], r[ROUNDS / 2], r[0], r[ROUNDS - 1]);
            }
        }
        System.out.printf(
                "JIT compilation while measuring: %,d ms of compiler threads' time%n",
                jit.getTotalCompilationTime() - compiling);
    }

    private static Map<String, Supplier<Object>> steps(String language) {
        EnrichBenchmarks b = new EnrichBenchmarks();
        b.language = language;
        b.setUp();
        Map<String, Supplier<Object>> steps = new LinkedHashMap<>();
        steps.put("parseAndClean", b::parseAndClean);
        steps.put("extract", b::extract);
        steps.put("classify", b::classify);
        steps.put("dedupSignature", b::dedupSignature);
        steps.put("storyLink", b::storyLink);
        steps.put("enrich", b::enrich);
        return steps;
    }

    /** Calls of {@code body} per CPU-second of the calling thread, over {@code seconds} of its CPU time. */
    static double run(ThreadMXBean mx, Supplier<Object> body, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = mx.getCurrentThreadCpuTime();
        long ops = 0;
        int sink = 0;
        long used;
        do {
            for (int i = 0; i < 16; i++) {
                sink += System.identityHashCode(body.get()) & 1;
            }
            ops += 16;
            used = mx.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        if (sink == 42) {
            System.out.print(""); // keeps the results alive so the JIT cannot drop the calls
        }
        return ops / (used / 1e9);
    }
}
