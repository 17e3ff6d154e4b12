package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written scans that replaced regexes and lower-cased copies on every line (#13) answer exactly as the
 * definitions they replaced, on text mixing the characters where they could differ: case pairs that lower-case to
 * ASCII or to two chars ('İ', the Kelvin sign, 'Σ'), surrogate pairs, digits outside ASCII and the hint words.
 */
class HandScansMatchRegexProperties {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\d]+");

    @Provide
    Arbitrary<String> tricky() {
        Arbitrary<String> pieces = Arbitraries.of(
                "back",
                "BACK",
                "Bac\u212A",
                "назад",
                "НАЗАД",
                "Вернуться",
                "вернуться",
                ".jpg",
                ".JPG",
                ".Png",
                ".gİf",
                ".GIF",
                ".webp",
                ".bmp",
                ".svg",
                ".TIF",
                ".tİf",
                "İ",
                "Σ",
                "ς",
                "\u212A",
                "\uD835\uDC00",
                "\uD801\uDC00",
                "\uD83D\uDE00",
                "\uD800",
                "٣",
                "7",
                "2024",
                "-",
                " ",
                "\u00a0",
                ".",
                ",",
                "a",
                "Zas",
                "ё",
                "Ё",
                "ǅ",
                "ß",
                "\u0301",
                "’");
        return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void gluedHintsAreTheLowerCaseContainsChecks(@ForAll("tricky") String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        boolean image = lower.contains(".jp")
                || lower.contains(".png")
                || lower.contains(".gif")
                || lower.contains(".webp")
                || lower.contains(".bmp")
                || lower.contains(".svg")
                || lower.contains(".tif");
        boolean nav = lower.contains("back") || lower.contains("назад") || lower.contains("вернуться");
        int hints = Chrome.gluedHints(line);
        assertThat((hints & Chrome.IMAGE_HINT) != 0).as(line).isEqualTo(image);
        assertThat((hints & Chrome.NAV_HINT) != 0).as(line).isEqualTo(nav);
    }

    @Property(tries = 3000)
    void wordScanFindsTheRegexWords(@ForAll("tricky") String text) {
        List<String> byRegex = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            byRegex.add(m.group());
        }
        List<String> byScan = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int s = ReleaseSplitter.skipNonWord(text, i);
            i = ReleaseSplitter.wordEnd(text, s);
            if (i > s) {
                byScan.add(text.substring(s, i));
            }
        }
        assertThat(byScan).as(text).isEqualTo(byRegex);
    }

    @Property(tries = 3000)
    void wordCountSkipsTheWhitespaceLookupOnlyForPrintableAscii(@ForAll("tricky") String text) {
        String withControls = text.replace('a', '\u001c').replace('7', '\t');
        assertThat(ReleaseSplitter.wordCount(text)).as(text).isEqualTo(wordCountByTable(text));
        assertThat(ReleaseSplitter.wordCount(withControls)).isEqualTo(wordCountByTable(withControls));
    }

    /** The word count as it was written before the ASCII shortcut: Character.isWhitespace on every char. */
    private static int wordCountByTable(String text) {
        int n = 0;
        boolean inWord = false;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            boolean ws = Character.isWhitespace(text.charAt(i));
            if (!ws && !inWord) {
                n++;
            }
            inWord = !ws;
        }
        if (len > 0 && Character.isWhitespace(text.charAt(0))) {
            n++;
        }
        return n == 0 && len == 0 ? 1 : Math.max(n, 1);
    }
}
