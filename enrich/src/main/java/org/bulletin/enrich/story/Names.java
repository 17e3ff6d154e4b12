package org.bulletin.enrich.story;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical ids of names, one across languages, spellings and inflected forms: "Тасмагамбетова" (genitive),
 * "Тасмагамбетов" and "Tasmagambetov" are all {@code person:tasmagambetov}.
 *
 * <p>Cyrillic goes to Latin with ICU4J's BGN/PCGN transliteration (the standard English-language press romanisation,
 * close to how agencies spell officials), then to ASCII. Spelling variants that romanisations disagree on are folded
 * ("Mirziyoyev" and BGN "Mirziyeyev", "Shoigu" and "Shoygu", "Zakharova" and "Zakharov"), so the id is a key, not a
 * display name. Russian surnames are reduced to their base form by the declension rules of surnames (-ов/-ев/-ин and
 * -ский decline like adjectives, consonant-final foreign names like nouns, names in a vowel do not decline): written
 * here because the Lucene stemmers treat "Лавров" as the genitive plural of "лавр" and no well-kept Java library
 * lemmatises surnames.
 */
public final class Names {

    private static final ThreadLocal<Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Russian-Latin/BGN; Latin-ASCII; Lower"));
    // Transliterations already made: ICU's rule-based transliterator was 3-4% of enrich's CPU, and the same officials,
    // cities and organisations recur release after release. Bounded by emptying it when full (a stream of new names
    // must not grow it without end); its values are pure functions of the keys, so a lost entry only costs time, and
    // a cache library's eviction policy (Caffeine is only a test dependency here) would buy nothing for its weight.
    private static final int LATIN_CACHE_SIZE = 8192;
    private static final Map<String, String> LATIN_CACHE = new ConcurrentHashMap<>();

    /** -ов/-ев/-ёв/-ин/-ын surnames with a case or gender ending: the masculine base form. */
    private static final Pattern POSSESSIVE = Pattern.compile("(.+(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ом|е|ой|ою|ых|ыми|ы)?");
    /** -ский/-цкий surnames in any case and gender. */
    private static final Pattern ADJECTIVAL = Pattern.compile("(.+(?:ск|цк))(?:ий|ая|ого|ому|им|ом|ой|ую|ие|их|ими)");
    /**
     * A consonant-final name declined as a noun (Пашиняна, Рахмоном). Not the dative -у: "Шойгу" and "Кожугету" do not
     * decline, and the genitive and instrumental are the cases news texts use.
     */
    private static final Pattern NOUN = Pattern.compile("(.+[бвгджзклмнпрстфхцчшщ])(?:а|ом|ем|е)");
    /** Latin feminine forms of the same surnames (Zakharova, Matviyenko stays). */
    private static final Pattern LATIN_FEMININE = Pattern.compile("(.+(?:ov|ev|yev|in|yn))a");

    private Names() {}

    /**
     * The person id of a name as written ("Sergei Lavrov", "С. Лавров", "Лаврова"): {@code person:} and the folded
     * base form of the surname, the last word of the name. Null when the name has no letters.
     */
    public static String personId(String name) {
        String surname = surname(name);
        if (surname == null) {
            return null;
        }
        String key = fold(latin(baseForm(surname)));
        return key.isEmpty() ? null : "person:" + key;
    }

    /** A place's id: its country code, and the folded English name after a colon unless the place is the country. */
    public static String placeId(String countryCode, String canonicalName, boolean country) {
        if (countryCode == null) {
            return null;
        }
        if (country || canonicalName == null) {
            return countryCode;
        }
        return countryCode + ":" + fold(latin(canonicalName.toLowerCase(Locale.ROOT)));
    }

    /**
     * The cross-language key of a proper noun written in either alphabet ("Взаимодействие" and "Vzaimodeystviye"):
     * its base form, transliterated and folded.
     */
    public static String nameKey(String word) {
        return fold(latin(baseForm(word)));
    }

    static String surname(String name) {
        if (name == null) {
            return null;
        }
        String[] words = name.trim().split("[\\s\\u00A0]+");
        for (int i = words.length - 1; i >= 0; i--) {
            String w = words[i].replaceAll("[^\\p{L}\\-'’]", "");
            if (w.length() >= 2 && !w.endsWith(".")) {
                return w;
            }
        }
        return null;
    }

    /** The nominative masculine form of a Russian surname; Latin names lose a feminine -a after -ov/-ev/-in. */
    static String baseForm(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace('ё', 'е');
        if (w.isEmpty()) {
            return w;
        }
        char first = w.charAt(0);
        if (first >= '\u0400' && first <= '\u04FF') {
            Matcher m = ADJECTIVAL.matcher(w);
            if (m.matches()) {
                return m.group(1) + "ий";
            }
            m = POSSESSIVE.matcher(w);
            if (m.matches()) {
                return m.group(1);
            }
            m = NOUN.matcher(w);
            if (m.matches() && m.group(1).length() >= 4) {
                return m.group(1);
            }
            return w;
        }
        Matcher m = LATIN_FEMININE.matcher(w);
        if (m.matches()) {
            return m.group(1);
        }
        if (w.endsWith("skaya")) {
            return w.substring(0, w.length() - 5) + "skiy";
        }
        return w;
    }

    static String latin(String word) {
        boolean ascii = true;
        for (int i = 0; i < word.length() && ascii; i++) {
            ascii = word.charAt(i) < 128;
        }
        if (ascii) {
            return word.toLowerCase(Locale.ROOT);
        }
        String cached = LATIN_CACHE.get(word);
        if (cached == null) {
            cached = TO_LATIN.get().transliterate(word);
            if (LATIN_CACHE.size() >= LATIN_CACHE_SIZE) {
                LATIN_CACHE.clear();
            }
            LATIN_CACHE.put(word, cached);
        }
        return cached;
    }

    /**
     * Folds the spellings romanisations disagree on: dzh/zh/j, kh/h, ts/c, w/v, the y of glides and endings
     * ("Mirziyoyev" and BGN "mirziyeyev", "Shoigu" and "shoygu"), runs of vowels kept as their first vowel, a final
     * i ("-skiy", "-sky"), apostrophes of the soft sign, doubled letters.
     */
    static String fold(String latin) {
        StringBuilder b = new StringBuilder(latin.length());
        for (int i = 0; i < latin.length(); i++) {
            char c = latin.charAt(i);
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            } else if (c == '-' || c == ' ') {
                b.append('-');
            }
        }
        String s = b.toString()
                .replace("dzh", "j")
                .replace("zh", "j")
                .replace("kh", "h")
                .replace("ts", "c")
                .replace("tz", "c")
                .replace('w', 'v')
                .replace("y", "");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (i > 0 && (c == s.charAt(i - 1) || (vowel(c) && vowel(s.charAt(i - 1))))) {
                continue;
            }
            out.append(c);
        }
        int from = 0;
        int to = out.length();
        while (from < to && out.charAt(from) == '-') {
            from++;
        }
        while (to > from && out.charAt(to - 1) == '-') {
            to--;
        }
        if (to - from > 3 && out.charAt(to - 1) == 'i' && !vowel(out.charAt(to - 2))) {
            to--;
        }
        return out.substring(from, to);
    }

    private static boolean vowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }
}
