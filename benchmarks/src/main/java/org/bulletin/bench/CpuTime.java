package org.bulletin.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JMH benchmark bodies measured in releases per CPU-second of the calling thread rather than per wall-second: on
 * a shared machine (our CI boxes: 2 cores, several builds) wall-clock scores swing with the neighbours' load, CPU time
 * far less. Run: {@code java -cp benchmarks/target/benchmarks.jar org.bulletin.bench.CpuTime [cpu-seconds-per-step]}.
 */
public final class CpuTime {

    private CpuTime() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-16s %-6s %14s%n", "step", "lang", "releases/cpu-s");
        for (String language : new String[] {"mixed", "en", "ru"}) {
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
            for (Map.Entry<String, Supplier<Object>> step : steps.entrySet()) {
                run(mx, step.getValue(), seconds); // warm-up: let the JIT compile the path first
                double rate = run(mx, step.getValue(), seconds);
                System.out.printf("%-16s %-6s %,14.0f%n", step.getKey(), language, rate);
            }
        }
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
