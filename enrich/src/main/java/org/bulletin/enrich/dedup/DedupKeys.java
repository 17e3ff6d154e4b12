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
    private static final long[] MULTIPLIERS = new long[HASHES];
    private static final String[] BAND_PREFIX = new String[BANDS];
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    static {
        SplittableRandom random = new SplittableRandom(0x5EED_B0B_1L);
        for (int i = 0; i < HASHES; i++) {
            SEEDS[i] = random.nextLong();
            MULTIPLIERS[i] = random.nextLong() | 1L;
        }
        for (int b = 0; b < BANDS; b++) {
            BAND_PREFIX[b] = String.format("m%02d:", b);
        }
    }

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

    private DedupKeys() {}

    /** Lower-cased, accents and punctuation removed, 'ё' folded, whitespace collapsed. Null-safe. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        char[] out = new char[text.length() + 16];
        int n = normaliseInto(text, out);
        if (n < 0) {
            String s = wholeTextNfkd(text);
            out = new char[s.length()];
            n = collapse(s, out, 0, true);
        }
        return new String(out, 0, n > 0 && out[n - 1] == ' ' ? n - 1 : n);
    }

    private static String wholeTextNfkd(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Writes the normalised text (a trailing space possibly left) into {@code out} and returns its length, or -1 when
     * the whole-text path is needed: {@code out} is too short (compatibility forms such as ligatures and fractions
     * decompose into several letters), or the text holds a capital sigma.
     *
     * <p>Hand-written rather than {@code Normalizer.normalize(NFKD)} + a {@code \p{M}} regex + {@code toLowerCase}
     * over the whole text, because it runs over every release body twice (exact key and MinHash), and those passes
     * were ~10 % of enrich whenever a body held a single character outside ASCII and basic Cyrillic (a no-break
     * space, an ellipsis). It is the same function: NFKD decomposes character by character (its reordering only
     * moves combining marks, all of which are dropped), so each character is decomposed on its own, and only when it
     * is not plain. The one context-dependent lower-casing, Greek final sigma, takes the whole-text path.
     */
    private static int normaliseInto(String text, char[] out) {
        if (text.indexOf('Σ') >= 0) {
            return -1;
        }
        int n = 0;
        boolean space = true;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            char f = plainFold(c);
            if (f != 0) {
                if (f != ' ') {
                    out[n++] = f;
                    space = false;
                } else if (!space) {
                    out[n++] = ' ';
                    space = true;
                }
                continue;
            }
            // Anything else: its own NFKD, marks dropped, lower-cased (a surrogate pair is decomposed as one).
            int end = Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))
                    ? i + 2
                    : i + 1;
            String d = Normalizer.normalize(text.substring(i, end), Normalizer.Form.NFKD);
            if (n + d.length() + (len - end) > out.length) {
                return -1;
            }
            n = collapse(d, out, n, space);
            space = n == 0 || out[n - 1] == ' ';
            i = end - 1;
        }
        return n;
    }

    /**
     * Appends {@code s} to {@code out} at {@code n}: combining marks dropped, letters and digits lower-cased and
     * folded, every other run collapsed into one space; returns the new length.
     */
    private static int collapse(String s, char[] out, int n, boolean space) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK
                    || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            c = fold(Character.toLowerCase(c));
            if (letterOrDigit(c)) {
                out[n++] = c;
                space = false;
            } else if (!space) {
                out[n++] = ' ';
                space = true;
            }
        }
        return n;
    }

    /**
     * The normalised form of a plain character (ASCII, basic Cyrillic, common quotes and dashes): itself lower-cased
     * and folded when a letter or digit, ' ' when a separator; 0 when {@code c} needs decomposition.
     */
    private static char plainFold(char c) {
        if (c < 0x80) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                return c;
            }
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : ' ';
        }
        if (c >= '\u0430' && c <= '\u044F') {
            return c == 'й' ? 'и' : c;
        }
        if (c >= '\u0410' && c <= '\u042F') {
            return c == 'Й' ? 'и' : (char) (c + 32);
        }
        if (c == 'ё' || c == 'Ё') {
            return 'е';
        }
        return c == '«' || c == '»' || c == '“' || c == '”' || c == '’' || c == '‘' || c == '–' || c == '—' ? ' ' : 0;
    }

    private static char fold(char c) {
        return c == 'ё' ? 'е' : c == 'й' ? 'и' : c;
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
            return HexFormat.of()
                    .formatHex(
                            md.digest((normalisedText == null ? "" : normalisedText).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * MinHash signature ({@value #HASHES} values) of the text's 5-word shingles, over the words of {@link #normalise}
     * (a text of fewer than five words is one shingle).
     *
     * <p>Written as one pass over the normalised text, with no word array, because it runs on every release: each
     * word is hashed as it is read (FNV-1a over its characters), each shingle is
     * hashed once from its five word hashes (SplitMix64), and the {@value #HASHES} min-wise hashes of a shingle are
     * {@code (h ^ seed[i]) * multiplier[i]}: one xor and one multiply each, compared as signed longs. With the
     * shingle hash already well mixed, this multiply-xor family behaves as random permutations for MinHash; the
     * earlier per-hash SplitMix64 finaliser cost three times as much and was 10 % of the enrich thread.
     */
    public static long[] minHash(String text) {
        long[] sig = new long[HASHES];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        String norm = normalise(text);
        int len = norm.length();
        long[] ring = new long[SHINGLE_WORDS];
        int words = 0;
        long word = FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0; i <= len; i++) {
            char c = i == len ? ' ' : norm.charAt(i);
            if (c != ' ') {
                word = (word ^ c) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                ring[words % SHINGLE_WORDS] = word;
                words++;
                if (words >= SHINGLE_WORDS) {
                    addShingle(sig, shingleHash(ring, words - SHINGLE_WORDS, SHINGLE_WORDS));
                }
                word = FNV_OFFSET;
                inWord = false;
            }
        }
        if (words > 0 && words < SHINGLE_WORDS) {
            addShingle(sig, shingleHash(ring, 0, words));
        }
        return sig;
    }

    private static long shingleHash(long[] ring, int first, int count) {
        long h = 0x9E3779B97F4A7C15L;
        for (int w = first; w < first + count; w++) {
            h = mix(h ^ ring[w % SHINGLE_WORDS]);
        }
        return h;
    }

    private static void addShingle(long[] sig, long h) {
        for (int i = 0; i < HASHES; i++) {
            sig[i] = Math.min(sig[i], (h ^ SEEDS[i]) * MULTIPLIERS[i]);
        }
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

    /**
     * LSH band keys ("m03:1f2e...") of a signature: releases sharing any key are near-duplicate candidates. The prefix
     * names the hash family: signatures of the earlier family used "b", so index entries written before it changed
     * never match, and are never compared with, new ones.
     */
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
            out.add(BAND_PREFIX[b] + HexFormat.of().toHexDigits(h));
        }
        return out;
    }

    // SplitMix64 finaliser: a fast, well-distributed 64-bit mix.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
