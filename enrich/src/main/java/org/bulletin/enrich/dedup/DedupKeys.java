package org.bulletin.enrich.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Keys for de-duplication. Exact duplicates share {@link #exactKey} of the {@link #normalise normalised} text. Near
 * duplicates (the same release lightly edited) are found with MinHash over 5-word shingles: 128 hashes with fixed seeds,
 * cut into 16 bands of 8 rows for LSH candidate lookup. Two releases are near duplicates when
 * {@link #similarity} >= {@link #NEAR_DUPLICATE_THRESHOLD} (estimated Jaccard similarity of their shingle sets);
 * with 16x8 bands a pair at 0.8 similarity shares a band with probability ~0.95, at 0.9 ~0.9999, at 0.5 ~0.06.
 * Stateless and thread-safe.
 */
public final class DedupKeys {

    /** Estimated Jaccard similarity at or above which two releases are near duplicates. */
    public static final double NEAR_DUPLICATE_THRESHOLD = 0.8;
    public static final int SHINGLE_WORDS = 5;
    public static final int HASHES = 128;
    public static final int BANDS = 16;
    private static final int ROWS = HASHES / BANDS;
    private static final long[] SEEDS = new long[HASHES];

    static {
        SplittableRandom random = new SplittableRandom(0x5EED_B0B_1L);
        for (int i = 0; i < HASHES; i++) {
            SEEDS[i] = random.nextLong();
        }
    }

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

    private static boolean needsDecomposition(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' || c == '\r'
                    || (c >= 0x0410 && c <= 0x044f) || c == 'ё' || c == 'Ё' || c == '«' || c == '»' || c == '“'
                    || c == '”' || c == '’' || c == '‘' || c == '–' || c == '—';
            if (!plain) {
                return true;
            }
        }
        return false;
    }

    private DedupKeys() {
    }

    /** Lower-cased, accents and punctuation removed, 'ё' folded, whitespace collapsed. Null-safe. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        // Plain ASCII and basic Cyrillic need no NFKD: their only decomposable letters, й and ё, are folded below
        // to и and е, exactly what NFKD plus mark removal would give.
        boolean plain = !needsDecomposition(text);
        String s = plain ? text : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            // For plain ASCII/Cyrillic, per-character lower-casing is exactly String.toLowerCase(Locale.ROOT).
            char c = plain ? Character.toLowerCase(s.charAt(i)) : s.charAt(i);
            c = c == 'ё' ? 'е' : c == 'й' ? 'и' : c;
            if (letterOrDigit(c)) {
                sb.append(c);
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == ' ' ? sb.substring(0, n - 1) : sb.toString();
    }

    /** Character.isLetterOrDigit, answered without a table lookup for ASCII and basic Cyrillic (most of every text). */
    private static boolean letterOrDigit(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return (c >= '\u0410' && c <= '\u044F') || Character.isLetterOrDigit(c);
    }

    /** Lower-case hex SHA-256 of the normalised text: the exact-duplicate key. */
    public static String exactKey(String normalisedText) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest((normalisedText == null ? "" : normalisedText).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** MinHash signature ({@value #HASHES} values) of the text's 5-word shingles; the text is normalised first. */
    public static long[] minHash(String text) {
        String[] words = normalise(text).split(" ");
        long[] sig = new long[HASHES];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        if (words.length == 1 && words[0].isEmpty()) {
            return sig;
        }
        int shingles = Math.max(1, words.length - SHINGLE_WORDS + 1);
        for (int s = 0; s < shingles; s++) {
            long h = 0x9E3779B97F4A7C15L;
            for (int w = s; w < Math.min(words.length, s + SHINGLE_WORDS); w++) {
                h = mix(h ^ fnv(words[w]));
            }
            for (int i = 0; i < HASHES; i++) {
                long v = mix(h ^ SEEDS[i]);
                if (v < sig[i]) {
                    sig[i] = v;
                }
            }
        }
        return sig;
    }

    /** Fraction of equal positions: an estimate of the Jaccard similarity of the two shingle sets. */
    public static double similarity(long[] a, long[] b) {
        if (a == null || b == null || a.length != b.length || a.length == 0) {
            return 0.0;
        }
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }

    /** LSH band keys ("b03:1f2e...") of a signature: releases sharing any key are near-duplicate candidates. */
    public static List<String> lshBands(long[] sig) {
        List<String> out = new ArrayList<>(BANDS);
        if (sig == null || sig.length != HASHES) {
            return out;
        }
        for (int b = 0; b < BANDS; b++) {
            long h = b;
            for (int r = 0; r < ROWS; r++) {
                h = mix(h ^ sig[b * ROWS + r]);
            }
            out.add(String.format("b%02d:%016x", b, h));
        }
        return out;
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    // SplitMix64 finaliser: a fast, well-distributed 64-bit mix.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
