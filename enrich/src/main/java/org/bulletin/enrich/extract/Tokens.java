package org.bulletin.enrich.extract;

import java.util.Arrays;
import java.util.Locale;
import org.apache.lucene.analysis.en.EnglishMinimalStemmer;
import org.apache.lucene.analysis.ru.RussianLightStemmer;
import org.bulletin.enrich.parse.SentenceEnds;

/**
 * Word tokens of a text with their offsets, lower-cased forms, match keys and sentence numbers. The match key is the
 * Lucene light stem (RussianLightStemmer for Cyrillic, EnglishMinimalStemmer for Latin), so "Казахстана",
 * "Казахстане" and "Казахстан" share one key without listing every form. Short all-capital acronyms are not stemmed
 * ("RATS" must not become "RAT"). Immutable once built.
 */
public final class Tokens {

    private static final RussianLightStemmer RU = new RussianLightStemmer();
    private static final EnglishMinimalStemmer EN = new EnglishMinimalStemmer();

    final String text;
    final int size;
    final int[] start;
    final int[] end;
    final String[] surface;
    final String[] lower;
    final String[] key;
    final int[] sentence;
    private volatile Ids ids;

    private Tokens(
            String text,
            int size,
            int[] start,
            int[] end,
            String[] surface,
            String[] lower,
            String[] key,
            int[] sentence) {
        this.text = text;
        this.size = size;
        this.start = start;
        this.end = end;
        this.surface = surface;
        this.lower = lower;
        this.key = key;
        this.sentence = sentence;
    }

    /** Tokenises {@code text}: letters and digits form tokens, anything else separates them. */
    public static Tokens of(String text) {
        int cap = Math.max(16, text.length() / 5);
        int[] st = new int[cap];
        int[] en = new int[cap];
        int[] se = new int[cap];
        String[] su = new String[cap];
        String[] lo = new String[cap];
        String[] ke = new String[cap];
        int n = 0;
        int sentenceNo = 0;
        int i = 0;
        int len = text.length();
        while (i < len) {
            char c = text.charAt(i);
            if (!letterOrDigit(c)) {
                if (n > 0 && endsSentence(text, i, su[n - 1])) {
                    sentenceNo++;
                }
                i++;
                continue;
            }
            int s = i;
            while (i < len && letterOrDigit(text.charAt(i))) {
                i++;
            }
            if (n == st.length) {
                int m = n * 2;
                st = Arrays.copyOf(st, m);
                en = Arrays.copyOf(en, m);
                se = Arrays.copyOf(se, m);
                su = Arrays.copyOf(su, m);
                lo = Arrays.copyOf(lo, m);
                ke = Arrays.copyOf(ke, m);
            }
            String surf = text.substring(s, i);
            st[n] = s;
            en[n] = i;
            su[n] = surf;
            lo[n] = lowerOf(surf);
            ke[n] = keyOf(surf, lo[n]);
            se[n] = sentenceNo;
            n++;
        }
        return new Tokens(text, n, st, en, su, lo, ke, se);
    }

    /** Character.isLetterOrDigit, answered without a table lookup for ASCII and basic Cyrillic (most of every text). */
    private static boolean letterOrDigit(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return (c >= '\u0410' && c <= '\u044F') || Character.isLetterOrDigit(c);
    }

    /** The match key of one word: lower-cased, 'ё' folded, light-stemmed unless a short acronym. */
    public static String keyOf(String surface) {
        return keyOf(surface, lowerOf(surface));
    }

    static String lowerOf(String surface) {
        // Most words are already lower case without 'ё': return them as they are, with no copy.
        for (int i = 0; i < surface.length(); i++) {
            char c = surface.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'а' && c <= 'я' || c >= '0' && c <= '9') {
                continue; // lower-case ASCII and basic Cyrillic, digits: no table lookup
            }
            if (Character.isUpperCase(c) || Character.isTitleCase(c) || c == 'ё' || c > '\u04FF') {
                return surface.toLowerCase(Locale.ROOT).replace('ё', 'е');
            }
        }
        return surface;
    }

    private static String keyOf(String surface, String lower) {
        int len = lower.length();
        if (len < 4 || (len <= 5 && isAllUpper(surface))) {
            return lower;
        }
        char[] buf = lower.toCharArray();
        char first = buf[0];
        int n;
        if (first >= '\u0400' && first <= '\u04FF') {
            n = RU.stem(buf, len);
        } else if (first >= 'a' && first <= 'z') {
            n = EN.stem(buf, len);
        } else {
            return lower;
        }
        return n == len ? lower : new String(buf, 0, n);
    }

    private static boolean isAllUpper(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c) && !Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsSentence(String text, int i, String previousToken) {
        char c = text.charAt(i);
        if (c == '\n') {
            return true;
        }
        if (c != '.' && c != '!' && c != '?' && c != ';') {
            return false;
        }
        // Initials ("S. Zas", "K.-J. Tokayev") and "г." after years do not end sentences.
        if (c == '.' && previousToken.length() == 1) {
            return false;
        }
        // Nor do "St. Petersburg", "Gen. Ivanov", "тыс. человек" (see SentenceEnds).
        if (c == '.' && (SentenceEnds.abbreviation(text, i) || SentenceEnds.beforeLowerCase(text, i))) {
            return false;
        }
        int j = i + 1;
        while (j < text.length()
                && (text.charAt(j) == '"' || text.charAt(j) == '»' || text.charAt(j) == '”' || text.charAt(j) == ')')) {
            j++;
        }
        return j >= text.length() || Character.isWhitespace(text.charAt(j));
    }

    /** The first three letters of {@code lower}: the bucket of prefix phrases ({@code word*}) it may start. */
    static String prefixOf(String lower) {
        return lower.length() <= 3 ? lower : lower.substring(0, 3);
    }

    /** The first four letters of {@code lower}, or null when it is shorter: the finer bucket of longer prefix phrases. */
    static String prefix4Of(String lower) {
        return lower.length() < 4 ? null : lower.substring(0, 4);
    }

    /** Lexicon ids of every token's key, lower form and prefix buckets (-1: no phrase uses that word). */
    static final class Ids {
        final int lexiconSize;
        final int[] key;
        final int[] lower;
        final int[] prefix;
        final int[] prefix4;

        Ids(int lexiconSize, int[] key, int[] lower, int[] prefix, int[] prefix4) {
            this.lexiconSize = lexiconSize;
            this.key = key;
            this.lower = lower;
            this.prefix = prefix;
            this.prefix4 = prefix4;
        }
    }

    /**
     * Ids of every token in {@code lexicon}, looked up once per text and shared by every phrase index run over it;
     * looked up again only if the lexicon has grown since (an index built after this text was first matched).
     */
    Ids ids(PhraseIndex.Lexicon lexicon) {
        Ids cached = ids;
        int lexiconSize = lexicon.size();
        if (cached != null && cached.lexiconSize == lexiconSize) {
            return cached;
        }
        int[] k = new int[size];
        int[] l = new int[size];
        int[] p = new int[size];
        int[] p4 = new int[size];
        for (int i = 0; i < size; i++) {
            String lo = lower[i];
            int n = lo.length();
            l[i] = lexicon.find(lo);
            k[i] = key[i] == lo ? l[i] : lexicon.find(key[i]);
            // The ids of prefixOf(lo) and prefix4Of(lo), without cutting them out of the word.
            p[i] = n <= 3 ? l[i] : lexicon.findPrefix(lo, 3);
            p4[i] = n < 4 ? -1 : n == 4 ? l[i] : lexicon.findPrefix(lo, 4);
        }
        Ids fresh = new Ids(lexiconSize, k, l, p, p4);
        ids = fresh;
        return fresh;
    }

    /** Number of tokens. */
    public int size() {
        return size;
    }

    /** Start offset of token {@code i}. */
    public int start(int i) {
        return start[i];
    }

    /** End offset (exclusive) of token {@code i}. */
    public int end(int i) {
        return end[i];
    }

    /** Sentence number of token {@code i} (counted from 0 over the whole text). */
    public int sentence(int i) {
        return sentence[i];
    }

    /** Match key of token {@code i}. */
    public String key(int i) {
        return key[i];
    }

    /** Lower-cased surface of token {@code i}. */
    public String lower(int i) {
        return lower[i];
    }

    /** Surface form of token {@code i}. */
    public String surface(int i) {
        return surface[i];
    }

    /** The text tokenised. */
    public String text() {
        return text;
    }
}
