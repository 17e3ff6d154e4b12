package org.bulletin.enrich.parse;

import java.util.Locale;
import java.util.Set;

/**
 * Detects the language of a release (ISO 639-1, "und" when too little text).
 *
 * <p>Why not a library: the only detector the Maven mirror serves is com.optimaize language-detector 0.6, unmaintained
 * since 2016, which drags in Guava 19 and loads ~70 n-gram profiles (tens of MB, slow start). The languages these
 * sources publish in are separable by script and a few distinctive letters (ru/uk/kk/be/ky in Cyrillic) and by
 * stop words in Latin script (en/fr/de/es), which is exact enough here and costs one pass over the characters.
 * Thread-safe.
 */
public final class LanguageDetector {

    private static final Set<String> EN = Set.of("the", "and", "of", "to", "in", "is", "was", "with", "for", "on",
            "that", "by", "were", "has", "have", "are", "from", "at", "as", "its", "this", "which");
    private static final Set<String> FR = Set.of("le", "la", "les", "des", "et", "du", "une", "est", "dans", "pour", "avec", "sur");
    private static final Set<String> DE = Set.of("der", "die", "das", "und", "den", "mit", "ist", "von", "zu", "im", "auf", "des");
    private static final Set<String> ES = Set.of("el", "los", "las", "del", "y", "con", "por", "una", "para", "es", "se");

    /** Character.isLetter, answered without a table lookup for ASCII and basic Cyrillic (most of every text). */
    private static boolean letter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return (c >= '\u0410' && c <= '\u044F') || Character.isLetter(c);
    }

    private LanguageDetector() {
    }

    /** ISO 639-1 code of the dominant language of {@code text}; "und" when undetermined. */
    public static String detect(String text) {
        if (text == null || text.isEmpty()) {
            return "und";
        }
        int cyr = 0;
        int lat = 0;
        int uk = 0;
        int kk = 0;
        int be = 0;
        // The first 6,000 characters settle the script and the language; longer texts only cost more.
        int n = Math.min(text.length(), 6_000);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '\u0400' && c <= '\u04FF') {
                cyr++;
                switch (Character.toLowerCase(c)) {
                    case 'і', 'ї', 'є', 'ґ' -> uk++;
                    case 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'һ' -> kk++;
                    case 'ў' -> be++;
                    default -> { }
                }
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '\u00C0' && c <= '\u024F')) {
                lat++;
            }
        }
        if (cyr + lat < 12) {
            return "und";
        }
        if (cyr >= lat) {
            // Kazakh and Belarusian share 'і' with Ukrainian, so test their own letters first.
            if (kk * 200 > cyr) {
                return "kk";
            }
            if (be * 300 > cyr) {
                return "be";
            }
            if (uk * 100 > cyr) {
                return "uk";
            }
            return "ru";
        }
        return latinLanguage(text, n);
    }

    private static String latinLanguage(String text, int n) {
        int en = 0;
        int fr = 0;
        int de = 0;
        int es = 0;
        int i = 0;
        while (i < n) {
            while (i < n && !letter(text.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < n && letter(text.charAt(i))) {
                i++;
            }
            if (i > s && i - s <= 5) {
                String w = text.substring(s, i).toLowerCase(Locale.ROOT);
                en += EN.contains(w) ? 1 : 0;
                fr += FR.contains(w) ? 1 : 0;
                de += DE.contains(w) ? 1 : 0;
                es += ES.contains(w) ? 1 : 0;
            }
        }
        int best = Math.max(Math.max(fr, de), es);
        if (en >= best) {
            return "en";
        }
        return best == fr ? "fr" : best == de ? "de" : "es";
    }
}
