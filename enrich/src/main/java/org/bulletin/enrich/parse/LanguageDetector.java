package org.bulletin.enrich.parse;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Detects the language of a release: ISO 639-1 where one exists, else the ISO 639-3 code the model found; "und" when
 * there is too little text.
 *
 * <p>The language is decided by Apache OpenNLP's language detector with its published 103-language model
 * (langdetect-183, from the maintained opennlp-models artifacts). A one-pass script and stop-word check comes first:
 * it answers "und" for fragments too short for any model, and it overrules the model when the two disagree on the
 * script (the model sees only the first {@value #SAMPLE} characters, which a Latin-script heading can dominate in a
 * Russian release).
 *
 * <p>The same pass settles the two languages of almost every release without the model: Russian when the Cyrillic
 * letters are all of the Russian alphabet and include ы or э (which rules out Ukrainian, Belarusian, Kazakh, Kyrgyz,
 * Tajik, Mongolian, Serbian, Macedonian and Bulgarian), English when English stop words outnumber the French, German
 * and Spanish ones four to one and make up a tenth of the words. The model (~0.5-1 ms a release: char n-grams
 * looked up in a 103-language maxent model, and 28 % of the enrich thread when it ran on every release) decides the
 * rest. Thread-safe.
 */
public final class LanguageDetector {

    /** Characters of the text the model reads: two or three sentences, what the model needs to be reliable. */
    static final int SAMPLE = 400;

    private static final Set<String> CYRILLIC = Set.of("ru", "uk", "kk", "be", "ky", "bg", "sr", "mk", "tg", "mn");

    /** ISO 639-3 -> 639-1, from the JDK's table, plus the macrolanguage codes the model uses. */
    private static final java.util.Map<String, String> ISO1 = iso1Table();

    /** The model is shared (immutable); the detector that evaluates it is not documented thread-safe: one per thread. */
    private static final class Model {
        static final opennlp.tools.langdetect.LanguageDetectorModel MODEL = load();

        private static opennlp.tools.langdetect.LanguageDetectorModel load() {
            try (java.io.InputStream in = LanguageDetector.class.getResourceAsStream("/langdetect-183.bin")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "OpenNLP language model langdetect-183.bin is not on the classpath");
                }
                return new opennlp.tools.langdetect.LanguageDetectorModel(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the OpenNLP language model", e);
            }
        }
    }

    private static final ThreadLocal<opennlp.tools.langdetect.LanguageDetectorME> DETECTOR =
            ThreadLocal.withInitial(() -> new opennlp.tools.langdetect.LanguageDetectorME(Model.MODEL));

    private static final long[] EN = packed(
            "the", "and", "of", "to", "in", "is", "was", "with", "for", "on", "that", "by", "were", "has", "have",
            "are", "from", "at", "as", "its", "this", "which");
    private static final long[] FR =
            packed("le", "la", "les", "des", "et", "du", "une", "est", "dans", "pour", "avec", "sur");
    private static final long[] DE =
            packed("der", "die", "das", "und", "den", "mit", "ist", "von", "zu", "im", "auf", "des");
    private static final long[] ES = packed("el", "los", "las", "del", "y", "con", "por", "una", "para", "es", "se");

    /** Every stop word of EN, FR, DE and ES, sorted, and for each the languages listing it (bits 0-3 in that order). */
    private static final long[] STOP_WORDS = java.util.stream.Stream.of(EN, FR, DE, ES)
            .flatMapToLong(java.util.stream.LongStream::of)
            .distinct()
            .sorted()
            .toArray();

    private static final int[] STOP_LANGUAGES = languageBits(STOP_WORDS, EN, FR, DE, ES);

    private static int[] languageBits(long[] words, long[]... lists) {
        int[] out = new int[words.length];
        for (int w = 0; w < words.length; w++) {
            for (int l = 0; l < lists.length; l++) {
                out[w] |= Arrays.binarySearch(lists[l], words[w]) >= 0 ? 1 << l : 0;
            }
        }
        return out;
    }

    /** Sorted stop words, each packed as its ASCII letters, 8 bits apiece (at most five letters). */
    private static long[] packed(String... words) {
        long[] out = new long[words.length];
        for (int w = 0; w < words.length; w++) {
            long p = 0;
            for (char c : words[w].toCharArray()) {
                p = p << 8 | c;
            }
            out[w] = p;
        }
        Arrays.sort(out);
        return out;
    }

    /** Character.isLetter, answered without a table lookup for ASCII and basic Cyrillic (most of every text). */
    private static boolean letter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return (c >= '\u0410' && c <= '\u044F') || Character.isLetter(c);
    }

    private LanguageDetector() {}

    /** The language of {@code text} (see the class comment); "und" when undetermined. */
    public static String detect(String text) {
        Scan scan = scan(text);
        String byScript = scan.language();
        if (scan.certain()) {
            return byScript;
        }
        String code = byModel(text);
        return CYRILLIC.contains(code) == CYRILLIC.contains(byScript) ? code : byScript;
    }

    /** The model's answer alone, on the first {@value #SAMPLE} characters; for tests comparing it with the fast path. */
    static String byModel(String text) {
        String sample = text.length() <= SAMPLE ? text : text.substring(0, SAMPLE);
        String found = DETECTOR.get().predictLanguage(sample).getLang();
        return ISO1.getOrDefault(found, found);
    }

    /** True when the script and stop-word pass alone names the language of {@code text} (not "und"). */
    static boolean decidedWithoutModel(String text) {
        Scan scan = scan(text);
        return scan.certain() && scan != Scan.UNDETERMINED;
    }

    private static java.util.Map<String, String> iso1Table() {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                m.put(new Locale(iso1).getISO3Language(), iso1);
            } catch (java.util.MissingResourceException e) {
                // no three-letter code for this language in the JDK: the model's own code is reported as found
            }
        }
        m.put("cmn", "zh");
        m.put("pes", "fa");
        m.put("zlm", "ms");
        m.put("nob", "no");
        m.put("ekk", "et");
        m.put("lvs", "lv");
        m.put("azj", "az");
        m.put("uzn", "uz");
        m.put("khk", "mn");
        return m;
    }

    /**
     * What the script and stop-word pass found: en/fr/de/es in Latin script, ru/uk/kk/be in Cyrillic, "und" when too
     * short; {@code certain} when the model need not be asked ("und" always is).
     */
    private record Scan(String language, boolean certain) {
        static final Scan UNDETERMINED = new Scan("und", true);
    }

    /** How many characters the Latin-script stop-word pass reads. */
    private static final int LATIN_WORDS_SAMPLE = 2_000;

    private static Scan scan(String text) {
        if (text == null || text.isEmpty()) {
            return Scan.UNDETERMINED;
        }
        int cyr = 0;
        int lat = 0;
        int uk = 0;
        int kk = 0;
        int be = 0;
        int notRussian = 0; // Cyrillic letters outside the Russian alphabet
        int yeryE = 0; // ы and э: in Russian and Belarusian, not in Ukrainian or Bulgarian
        // The first 6,000 characters settle the script and the language; longer texts only cost more.
        int n = Math.min(text.length(), 6_000);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '\u0400' && c <= '\u04FF') {
                cyr++;
                if ((c < '\u0410' || c > '\u044F') && c != 'ё' && c != 'Ё') {
                    notRussian++;
                    // The other languages' letters, in either case, are all outside the Russian alphabet's block.
                    switch (Character.toLowerCase(c)) {
                        case 'і', 'ї', 'є', 'ґ' -> uk++;
                        case 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'һ' -> kk++;
                        case 'ў' -> be++;
                        default -> {}
                    }
                } else if (c == 'ы' || c == 'э' || c == 'Ы' || c == 'Э') {
                    yeryE++;
                }
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '\u00C0' && c <= '\u024F')) {
                lat++;
            }
        }
        if (cyr + lat < 12) {
            return Scan.UNDETERMINED;
        }
        if (cyr >= lat) {
            // Kazakh and Belarusian share 'і' with Ukrainian, so test their own letters first.
            if (kk * 200 > cyr) {
                return new Scan("kk", false);
            }
            if (be * 300 > cyr) {
                return new Scan("be", false);
            }
            if (uk * 100 > cyr) {
                return new Scan("uk", false);
            }
            return new Scan("ru", notRussian == 0 && yeryE > 0 && cyr >= 40);
        }
        // Stop words settle a Latin-script language well before the script's count does: about 330 words of English
        // hold some 80 of them. The word pass was 4 % of a whole enrich over 6,000 characters.
        return latinLanguage(text, Math.min(n, LATIN_WORDS_SAMPLE));
    }

    private static Scan latinLanguage(String text, int n) {
        int words = 0;
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
            // Up to five ASCII letters, lower-cased and packed into a long: the stop words are looked up by that
            // number, with no substring or lower-cased copy per word (this pass runs over every release).
            long packed = 0;
            while (i < n && letter(text.charAt(i))) {
                char c = text.charAt(i);
                packed = i - s < 5 && c < 0x80 ? packed << 8 | (c | 0x20) : -1;
                i++;
            }
            if (i > s) {
                words++;
                if (packed > 0) {
                    // One search in the union of the four lists; the word's languages are bits of its entry.
                    int at = Arrays.binarySearch(STOP_WORDS, packed);
                    if (at >= 0) {
                        int langs = STOP_LANGUAGES[at];
                        en += langs & 1;
                        fr += langs >> 1 & 1;
                        de += langs >> 2 & 1;
                        es += langs >> 3 & 1;
                    }
                }
            }
        }
        int best = Math.max(Math.max(fr, de), es);
        if (en >= best) {
            return new Scan("en", en >= 8 && en >= 4 * best && en * 10 >= words);
        }
        return new Scan(best == fr ? "fr" : best == de ? "de" : "es", false);
    }
}
