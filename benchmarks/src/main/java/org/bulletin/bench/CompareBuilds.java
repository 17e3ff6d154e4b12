package org.bulletin.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Compares one step of two builds of enrich in one JVM: each build's {@code benchmarks.jar} in a class loader of its
 * own, the two taking turns in short slices of the calling thread's CPU time, and the median of the per-round ratios
 * reported. On a shared two-vCPU machine the rate of one build moves by 10-30 % from one minute to the next (other
 * tenants, the JIT, the caches); two builds measured in turn within a second see the same machine, so their ratio
 * holds where two {@link CpuTime} runs minutes apart do not.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bulletin.bench.CompareBuilds BEFORE.jar AFTER.jar \
 *     [language=mixed] [step=enrich] [rounds=30] [slice-seconds=0.5]
 * </pre>
 *
 * The steps are {@link EnrichBenchmarks}' methods (parseAndClean, extract, classify, dedupSignature, storyLink,
 * enrich). Each build first runs 10 CPU-seconds so that both are compiled; the builds alternate which goes first.
 */
public final class CompareBuilds {

    private CompareBuilds() {}

    public static void main(String[] args) throws ReflectiveOperationException, MalformedURLException {
        if (args.length < 2) {
            System.err.println("usage: CompareBuilds BEFORE.jar AFTER.jar [language=mixed] [step=enrich] [rounds=30]"
                    + " [slice-seconds=0.5]");
            System.exit(2);
        }
        String language = args.length > 2 ? args[2] : "mixed";
        if (!List.of("mixed", "en", "ru").contains(language)) {
            System.err.println("unknown language " + language + ": mixed, en or ru (arguments are positional)");
            System.exit(2);
        }
        String step = args.length > 3 ? args[3] : "enrich";
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        double slice = args.length > 5 ? Double.parseDouble(args[5]) : 0.5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Supplier<Object> before;
        Supplier<Object> after;
        try {
            before = load(args[0], language, step);
            after = load(args[1], language, step);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        for (int w = 0; w < 5; w++) {
            CpuTime.run(mx, before, 1.0);
            CpuTime.run(mx, after, 1.0);
        }
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                a[r] = CpuTime.run(mx, before, slice);
                b[r] = CpuTime.run(mx, after, slice);
            } else {
                b[r] = CpuTime.run(mx, after, slice);
                a[r] = CpuTime.run(mx, before, slice);
            }
            ratio[r] = b[r] / a[r];
        }
        Arrays.sort(a);
        Arrays.sort(b);
        Arrays.sort(ratio);
        System.out.printf(
                "%s %s, %d rounds of %.2f CPU-s: before %,.0f, after %,.0f per CPU-second (medians); "
                        + "after / before %.3f (quartiles %.3f-%.3f)%n",
                language,
                step,
                rounds,
                slice,
                a[rounds / 2],
                b[rounds / 2],
                ratio[rounds / 2],
                ratio[rounds / 4],
                ratio[3 * rounds / 4]);
    }

    /** One build's benchmark step, its classes loaded from {@code jar} alone (the JDK's are shared). */
    private static Supplier<Object> load(String jar, String language, String step)
            throws ReflectiveOperationException, MalformedURLException {
        File file = new File(jar);
        if (!file.isFile()) {
            throw new IllegalArgumentException("no such jar: " + jar);
        }
        URLClassLoader loader =
                new URLClassLoader(new URL[] {file.toURI().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> type = loader.loadClass(EnrichBenchmarks.class.getName());
        Object bench = type.getConstructor().newInstance();
        type.getField("language").set(bench, language);
        type.getMethod("setUp").invoke(bench);
        Method body;
        try {
            body = type.getMethod(step);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no step " + step + " in " + jar
                    + ": parseAndClean, extract, classify, dedupSignature, storyLink or enrich");
        }
        return () -> {
            try {
                return body.invoke(bench);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(step + " failed in " + jar, e);
            }
        };
    }
}
