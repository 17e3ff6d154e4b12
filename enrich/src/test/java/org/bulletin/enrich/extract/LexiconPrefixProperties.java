package org.bulletin.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The lexicon's packed lookups of short words and prefixes (#13) give the ids of the words cut out as strings. */
class LexiconPrefixProperties {

    private static final PhraseIndex.Lexicon LEXICON = new PhraseIndex.Lexicon();
    private static final java.util.Map<String, Integer> IDS = new java.util.HashMap<>();

    static {
        for (String w : new String[] {
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "сил",
            "сила",
            "силы",
            "кон",
            "conf",
            "con",
            "ё",
            "\u0000ab",
            "ab\u0000",
            "\uD835\uDC00x",
            "zz"
        }) {
            IDS.put(w, LEXICON.idOf(w));
        }
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings()
                .withChars("abcdzсилаыкон\u0000ё")
                .withChars('\uD835', '\uDC00')
                .ofMinLength(1)
                .ofMaxLength(7);
    }

    @Property(tries = 3000)
    void packedLookupsAgreeWithTheWordsCutOut(@ForAll("words") String word) {
        for (int n = 1; n <= Math.min(4, word.length()); n++) {
            assertThat(LEXICON.findPrefix(word, n)).as(word + "/" + n).isEqualTo(idByMap(word.substring(0, n)));
        }
        assertThat(LEXICON.find(word)).as(word).isEqualTo(idByMap(word));
    }

    private static int idByMap(String word) {
        return IDS.getOrDefault(word, -1);
    }
}
