package org.bulletin.enrich.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark, evaluate.py): both texts are
 * split into {@code \w+} words (Unicode, case kept), every run of 4 consecutive words is a shingle (a text of fewer
 * words is one shorter shingle), shingles are counted as multisets, and tp/fp/fn are normalised by their sum so every
 * page weighs the same. Precision and recall are means over pages, F1 the harmonic mean of the two means.
 */
final class ShingleScore {

    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    /** One page's normalised tp, fp, fn. */
    record Page(double tp, double fp, double fn) {
        double precision() {
            if (fp == 0 && fn == 0) {
                return 1;
            }
            return tp + fp == 0 ? 0 : tp / (tp + fp);
        }

        double recall() {
            if (fp == 0 && fn == 0) {
                return 1;
            }
            return tp + fn == 0 ? 0 : tp / (tp + fn);
        }
    }

    /** Precision, recall and F1 over a set of pages. */
    record Totals(double precision, double recall, double f1) {}

    private final List<Page> pages = new ArrayList<>();

    /** Scores one page and adds it to the totals. */
    Page add(String truth, String extracted) {
        Page p = page(truth, extracted);
        pages.add(p);
        return p;
    }

    Totals totals() {
        double p = 0;
        int np = 0;
        double r = 0;
        int nr = 0;
        for (Page page : pages) {
            if (page.tp + page.fp > 0) {
                p += page.precision();
                np++;
            }
            if (page.tp + page.fn > 0) {
                r += page.recall();
                nr++;
            }
        }
        double precision = np == 0 ? 0 : p / np;
        double recall = nr == 0 ? 0 : r / nr;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Totals(precision, recall, f1);
    }

    static Page page(String truth, String extracted) {
        Map<String, Integer> t = shingles(truth);
        Map<String, Integer> x = shingles(extracted);
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (Map.Entry<String, Integer> e : t.entrySet()) {
            int tc = e.getValue();
            int xc = x.getOrDefault(e.getKey(), 0);
            tp += Math.min(tc, xc);
            fn += Math.max(0, tc - xc);
        }
        for (Map.Entry<String, Integer> e : x.entrySet()) {
            fp += Math.max(0, e.getValue() - t.getOrDefault(e.getKey(), 0));
        }
        double s = tp + fp + fn;
        return s > 0 ? new Page(tp / s, fp / s, fn / s) : new Page(0, 0, 0);
    }

    static Map<String, Integer> shingles(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find()) {
            words.add(m.group());
        }
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < Math.max(1, words.size() - 3); i++) {
            List<String> sh = words.subList(i, Math.min(words.size(), i + 4));
            if (!sh.isEmpty()) {
                out.merge(String.join("\u0001", sh), 1, Integer::sum);
            }
        }
        return out;
    }
}
