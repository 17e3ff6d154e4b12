package org.bulletin.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseIndexTest {

    private static <T> List<String> phrases(List<PhraseIndex.Match<T>> matches) {
        return matches.stream().map(m -> m.phrase() + "@" + m.from()).toList();
    }

    @Test
    void matchesStemExactCaseAndPrefixWordsOverOneSharedTokenisation() {
        PhraseIndex<String> index = new PhraseIndex<>();
        index.add("Kyrgyz Republic", "KG");
        index.add("=Грузия", "GE");
        index.add("!US", "US");
        index.add("terror*", "T");
        Tokens t = Tokens.of("The Kyrgyz Republic and us, the US and Грузия. Terrorists and terrorism.");

        assertThat(phrases(index.findAll(t)))
                .containsExactly("Kyrgyz Republic@1", "!US@6", "=Грузия@8", "terror*@9", "terror*@11");
    }

    @Test
    void indexBuiltAfterATextWasMatchedStillFindsItsNewWords() {
        PhraseIndex<String> first = new PhraseIndex<>();
        first.add("border", "B");
        Tokens t = Tokens.of("Border talks on zanzibarian quokkafruit exports");
        assertThat(phrases(first.findAll(t))).containsExactly("border@0");

        // The words below enter the shared lexicon only now, after t looked its tokens up once.
        PhraseIndex<String> later = new PhraseIndex<>();
        later.add("zanzibarian quokkafruit", "Z");

        assertThat(phrases(later.findAll(t))).containsExactly("zanzibarian quokkafruit@3");
        assertThat(phrases(first.findAll(t))).containsExactly("border@0");
    }

    @Test
    void phraseDoesNotJumpOverASentenceEnd() {
        PhraseIndex<String> index = new PhraseIndex<>();
        index.add("Russia Belarus", "X");

        assertThat(index.findAll(Tokens.of("Talks in Russia. Belarus agreed."))).isEmpty();
        assertThat(phrases(index.findAll(Tokens.of("Russia Belarus union")))).containsExactly("Russia Belarus@0");
    }

    @Test
    void anAbbreviationBeforeANameEndsNoSentence() {
        PhraseIndex<String> index = new PhraseIndex<>();
        index.add("St. Petersburg", "RU");
        index.add("Ленина", "L");
        Tokens t = Tokens.of("Ministers met in St. Petersburg. Over 5 тыс. человек прошли по ул. Ленина.");

        assertThat(phrases(index.findAll(t))).containsExactly("St. Petersburg@3", "Ленина@12");
        assertThat(t.sentence(3)).isEqualTo(t.sentence(4));
        assertThat(t.sentence(7)).as("5 тыс. человек: one sentence").isEqualTo(t.sentence(8));
        assertThat(t.sentence(4))
                .as("a full stop before a capital still ends one")
                .isLessThan(t.sentence(5));
    }

    @Test
    void everyInflectedOrCapitalisedOccurrenceOfAWordMatches() {
        PhraseIndex<String> index = new PhraseIndex<>();
        index.add("exercise", "E");
        Tokens t = Tokens.of("Exercise, exercises, EXERCISE and exercise again; exercises.");

        assertThat(t.key(0)).isEqualTo(Tokens.keyOf("Exercise"));
        assertThat(t.key(1)).isEqualTo(Tokens.keyOf("exercises"));
        assertThat(index.findAll(t)).extracting(PhraseIndex.Match::from).containsExactly(0, 1, 2, 4, 6);
    }
}
