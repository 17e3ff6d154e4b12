package org.bulletin.enrich.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Per-label true/false positives and negatives of a multi-label classification, with precision, recall and F1. */
final class LabelTally {

    final Map<String, int[]> perLabel = new TreeMap<>(); // tp, fp, fn

    void add(Set<String> want, Set<String> got) {
        for (String g : got) {
            perLabel.computeIfAbsent(g, k -> new int[3])[want.contains(g) ? 0 : 1]++;
        }
        for (String w : want) {
            if (!got.contains(w)) {
                perLabel.computeIfAbsent(w, k -> new int[3])[2]++;
            }
        }
    }

    /** Adds another tally's counts to this one's. */
    void addAll(LabelTally other) {
        other.perLabel.forEach((label, c) -> {
            int[] mine = perLabel.computeIfAbsent(label, k -> new int[3]);
            for (int i = 0; i < 3; i++) {
                mine[i] += c[i];
            }
        });
    }

    int[] totals() {
        int[] t = new int[3];
        for (int[] c : perLabel.values()) {
            t[0] += c[0];
            t[1] += c[1];
            t[2] += c[2];
        }
        return t;
    }

    double microF1() {
        int[] t = totals();
        return f1(t[0], t[1], t[2]);
    }

    double microPrecision() {
        int[] t = totals();
        return t[0] + t[1] == 0 ? 0 : (double) t[0] / (t[0] + t[1]);
    }

    double microRecall() {
        int[] t = totals();
        return t[0] + t[2] == 0 ? 0 : (double) t[0] / (t[0] + t[2]);
    }

    void print(String what) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, int[]> e : perLabel.entrySet()) {
            int[] c = e.getValue();
            lines.add(String.format(
                    Locale.ROOT,
                    "    %-22s P=%.2f R=%.2f F1=%.2f (tp=%d fp=%d fn=%d)",
                    e.getKey(),
                    c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]),
                    c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]),
                    f1(c[0], c[1], c[2]),
                    c[0],
                    c[1],
                    c[2]));
        }
        System.out.printf(
                Locale.ROOT, "  %s micro-F1=%.3f (P=%.3f R=%.3f)%n", what, microF1(), microPrecision(), microRecall());
        lines.forEach(System.out::println);
    }

    static double f1(int tp, int fp, int fn) {
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
