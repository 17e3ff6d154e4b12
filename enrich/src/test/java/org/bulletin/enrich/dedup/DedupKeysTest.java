package org.bulletin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DedupKeysTest {

    private static final String TEXT = "On January 20, this year, the CSTO Secretary General Stanislav Zas had a meeting via "
            + "videoconferencing with the UN Assistant Secretary General for Political Affairs Miroslav Jenča. The parties "
            + "have discussed developments in the CSTO area of responsibility and spoke in favor of continuing active "
            + "cooperation between the CSTO and specialized UN agencies in maintaining international peace.";

    @Test
    void shouldGiveTheSameExactKeyToTextsDifferingOnlyInCaseSpacingAndPunctuation() {
        String copy = TEXT.toUpperCase().replace(" ", "   ").replace(",", " ;");
        assertThat(DedupKeys.exactKey(DedupKeys.normalise(copy))).isEqualTo(DedupKeys.exactKey(DedupKeys.normalise(TEXT)));
    }

    @Test
    void shouldFindALightlyEditedCopyNearAndAnotherReleaseFar() {
        long[] a = DedupKeys.minHash(TEXT);
        long[] edited = DedupKeys.minHash(TEXT.replace("specialized", "specialised") + " Go back");
        long[] other = DedupKeys.minHash("The SCO Youth Council held its annual forum in Tashkent with young leaders from "
                + "the member states, who discussed youth entrepreneurship and educational exchanges.");

        assertThat(DedupKeys.similarity(a, edited)).isGreaterThanOrEqualTo(DedupKeys.NEAR_DUPLICATE_THRESHOLD);
        assertThat(DedupKeys.similarity(a, other)).isLessThan(0.2);
        assertThat(DedupKeys.lshBands(a)).hasSize(DedupKeys.BANDS).containsAnyElementsOf(DedupKeys.lshBands(edited));
        assertThat(DedupKeys.lshBands(a)).doesNotContainAnyElementsOf(DedupKeys.lshBands(other));
    }

    @Test
    void shouldBeDeterministic() {
        assertThat(DedupKeys.minHash(TEXT)).containsExactly(DedupKeys.minHash(TEXT));
    }

    @Test
    void shouldFoldCyrillicAndLatinAccentsTheSameWayOnTheFastAndTheFullPath() {
        // Plain Cyrillic skips NFKD; й/ё must still fold as NFKD plus mark removal would fold them.
        assertThat(DedupKeys.normalise("Ёлка, йод и ЙОШКАР-Ола")).isEqualTo("елка иод и иошкар ола");
        assertThat(DedupKeys.normalise("Miroslav Jenča — Ёлка")).isEqualTo("miroslav jenca елка");
    }
}
