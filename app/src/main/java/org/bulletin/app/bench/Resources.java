package org.bulletin.app.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Peak memory of this JVM and a description of the machine, for benchmark reports. */
public final class Resources {

    private Resources() {}

    /** Peak resident set size (VmHWM of /proc/self/status) in MiB; NaN (not measured) where /proc is absent. */
    public static double peakRssMb() {
        return procStatusMb("VmHWM:");
    }

    /** Current resident set size in MiB; NaN (not measured) where /proc is absent. */
    public static double rssMb() {
        return procStatusMb("VmRSS:");
    }

    /** Sum of the peak usage of every heap pool since start, in MiB (an upper bound of the peak heap in use). */
    public static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024.0 * 1024.0);
    }

    /**
     * Cores, Java version and VM, OS, CPU model and the 1-minute load average at call time (null where the platform
     * does not tell).
     */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new TreeMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        m.put("cpu_model", cpuModel());
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        m.put("load_avg_1m", load < 0 ? null : load);
        return m;
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
        return "unknown";
    }

    private static double procStatusMb(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field)) {
                    return Long.parseLong(l.substring(field.length())
                                    .replace("kB", "")
                                    .strip())
                            / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
