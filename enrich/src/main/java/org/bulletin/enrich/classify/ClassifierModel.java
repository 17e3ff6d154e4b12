package org.bulletin.enrich.classify;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The fitted weights that turn the rules' evidence into decisions: three logistic regressions (is a release in scope;
 * is a candidate region right; is a candidate topic right, whose likeliest is the primary one) over the features
 * {@link Features} names, each with a
 * bias, a bias per label and a decision threshold. Loaded from {@code model/classifier-weights.properties}, which
 * {@code ClassifierTraining} writes with its training report; a feature the file does not name weighs 0. Immutable
 * and thread-safe.
 */
public final class ClassifierModel {

    public static final String FILE = "model/classifier-weights.properties";

    /**
     * One fitted regression: shared weights aligned with a feature list, and per label a bias and deviations from the
     * shared weights (a headline mention says more for some labels than for others), and the threshold.
     */
    record Regression(
            double bias,
            double[] weights,
            List<String> labels,
            double[] labelBias,
            double[][] labelWeights,
            double threshold) {

        double probability(String label, double[] x) {
            double z = bias;
            int l = label == null ? -1 : labels.indexOf(label);
            double[] own = l >= 0 ? labelWeights[l] : null;
            for (int i = 0; i < x.length; i++) {
                z += (weights[i] + (own == null ? 0 : own[i])) * x[i];
            }
            if (l >= 0) {
                z += labelBias[l];
            }
            return 1 / (1 + Math.exp(-z));
        }
    }

    final Regression scope;
    final Regression region;
    final Regression topic;

    private ClassifierModel(Properties p, List<String> regionIds, List<String> topicIds) {
        scope = regression(p, "scope", Features.SCOPE, List.of());
        region = regression(p, "region", Features.REGION, regionIds);
        topic = regression(p, "topic", Features.TOPIC, topicIds);
    }

    /** Reads the weights file; label ids come from the rules so a label the file does not know gets no bias. */
    public static ClassifierModel load(byte[] file, List<String> regionIds, List<String> topicIds) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
        return new ClassifierModel(p, regionIds, topicIds);
    }

    private static Regression regression(Properties p, String family, List<String> features, List<String> labels) {
        double[] w = new double[features.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = number(p, family + ".f." + features.get(i), 0);
        }
        double[] lb = new double[labels.size()];
        double[][] lw = new double[labels.size()][features.size()];
        for (int i = 0; i < lb.length; i++) {
            lb[i] = number(p, family + ".label." + labels.get(i), 0);
            for (int j = 0; j < features.size(); j++) {
                lw[i][j] = number(p, family + ".lf." + labels.get(i) + "." + features.get(j), 0);
            }
        }
        return new Regression(
                number(p, family + ".bias", 0), w, List.copyOf(labels), lb, lw, number(p, family + ".threshold", 0.5));
    }

    private static double number(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FILE + ": " + key + " is not a number: " + v, e);
        }
    }
}
