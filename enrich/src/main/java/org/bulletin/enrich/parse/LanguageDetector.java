package org.bulletin.enrich.parse;

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
 * Russian release). The model costs ~0.1 ms a release on that sample. Thread-safe.
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
                    throw new IllegalStateException("OpenNLP language model langdetect-183.bin is not on the classpath");
                }
                return new opennlp.tools.langdetect.LanguageDetectorModel(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the OpenNLP language model", e);
            }
        }
    }

    private static final ThreadLocal<opennlp.tools.langdetect.LanguageDetectorME> DETECTOR =
            ThreadLocal.withInitial(() -> new opennlp.tools.langdetect.LanguageDetectorME(Model.MODEL));

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

    /** The language of {@code text} (see the class comment); "und" when undetermined. */
    public static String detect(String text) {
        String byScript = byScript(text);
        if (byScript.equals("und")) {
            return byScript;
        }
        String sample = text.length() <= SAMPLE ? text : text.substring(0, SAMPLE);
        String found = DETECTOR.get().predictLanguage(sample).getLang();
        String code = ISO1.getOrDefault(found, found);
        return CYRILLIC.contains(code) == CYRILLIC.contains(byScript) ? code : byScript;
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

    /** The script and stop-word check: en/fr/de/es in Latin script, ru/uk/kk/be in Cyrillic, "und" when too short. */
    static String byScript(String text) {
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
