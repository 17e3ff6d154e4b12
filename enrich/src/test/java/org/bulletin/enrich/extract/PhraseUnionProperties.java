package org.bulletin.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One pass of a {@link PhraseIndex#union} gives every part the matches its own search would: the same phrases and
 * payloads in the same order, overlaps included for {@code findAll} and resolved alike for {@code findLongest}. The
 * parts share first words, phrases and every kind of word (stem, exact, case-sensitive, prefix), so their entries
 * fall into the same buckets of the union.
 */
class PhraseUnionProperties {

    private static final PhraseIndex<String> CUES = index("held", "took place", "meeting*", "=учения", "прошл*");
    private static final PhraseIndex<String> TOPICS =
            index("meeting*", "joint exercise*", "exercise*", "!CSTO", "учени*", "anti-terror*", "held talks");
    private static final PhraseIndex<Integer> REGIONS = numbered("Central Asia", "Central Asian region", "Asia");
    private static final PhraseIndex<String> SCOPE = index("exercise", "match*", "!Channel", "took place");
    private static final PhraseIndex.Union UNION = PhraseIndex.union(List.of(CUES, TOPICS, REGIONS, SCOPE));

    private static PhraseIndex<String> index(String... phrases) {
        PhraseIndex<String> index = new PhraseIndex<>();
        for (String p : phrases) {
            index.add(p, p);
        }
        return index;
    }

    private static PhraseIndex<Integer> numbered(String... phrases) {
        PhraseIndex<Integer> index = new PhraseIndex<>();
        for (int i = 0; i < phrases.length; i++) {
            index.add(phrases[i], i);
        }
        return index;
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(
                        "held",
                        "took",
                        "place",
                        "meeting",
                        "meetings",
                        "joint",
                        "exercise",
                        "exercises",
                        "CSTO",
                        "csto",
                        "учения",
                        "учений",
                        "прошли",
                        "anti-terrorist",
                        "talks",
                        "Central",
                        "Asia",
                        "Asian",
                        "region",
                        "match",
                        "Channel",
                        "channel",
                        "the",
                        "in",
                        ".",
                        ",")
                .list()
                .ofMaxSize(40)
                .map(words -> String.join(" ", words));
    }

    @Property(tries = 2000)
    void eachPartGetsWhatItsOwnSearchGives(@ForAll("texts") String text) {
        Tokens t = Tokens.of(text);
        PhraseIndex.Found found = UNION.find(t);
        assertThat(found.of(CUES)).isEqualTo(CUES.findAll(t));
        assertThat(found.of(TOPICS)).isEqualTo(TOPICS.findAll(t));
        assertThat(found.of(REGIONS)).isEqualTo(REGIONS.findAll(t));
        assertThat(found.longestOf(REGIONS)).isEqualTo(REGIONS.findLongest(t));
        assertThat(found.longestOf(SCOPE)).isEqualTo(SCOPE.findLongest(t));
        assertThat(found.longestOf(TOPICS)).isEqualTo(TOPICS.findLongest(t));
    }
}
