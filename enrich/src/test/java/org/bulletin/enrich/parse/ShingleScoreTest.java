package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ShingleScoreTest {

    @Test
    void shouldScoreIdenticalTextsOneAndDisjointTextsZero() {
        ShingleScore.Page same = ShingleScore.page("one two three four five", "one, two; three four\n\nfive");
        assertThat(same.precision()).isEqualTo(1.0);
        assertThat(same.recall()).isEqualTo(1.0);
        ShingleScore.Page disjoint = ShingleScore.page("a b c d e", "v w x y z");
        assertThat(disjoint.precision()).isZero();
        assertThat(disjoint.recall()).isZero();
    }

    @Test
    void shouldCountShinglesAsMultisetsAndNormalisePerPage() {
        // truth has 2 shingles (a b c d, b c d e); the extraction adds 1 (c d e f): tp 2, fp 1, fn 0 -> 2/3, 0, 1/3 ...
        // of 3
        ShingleScore.Page p = ShingleScore.page("a b c d e", "a b c d e f");
        assertThat(p.tp()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(p.fp()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(p.precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(p.recall()).isEqualTo(1.0);
    }

    @Test
    void shouldKeepCaseAndSplitUnicodeWords() {
        assertThat(ShingleScore.page("Привет мир как дела", "привет мир как дела")
                        .tp())
                .isZero();
        assertThat(ShingleScore.page("Привет мир как дела", "Привет — мир, как дела!")
                        .tp())
                .isEqualTo(1.0);
    }

    @Test
    void shouldAverageOverPagesAndSkipPagesWithNothingToCount() {
        ShingleScore s = new ShingleScore();
        s.add("a b c d e", "a b c d e");
        s.add("a b c d e", "");
        ShingleScore.Totals t = s.totals();
        assertThat(t.precision()).isEqualTo(1.0); // the empty extraction has no tp or fp: not averaged into precision
        assertThat(t.recall()).isEqualTo(0.5);
        assertThat(t.f1()).isCloseTo(2 * 0.5 / 1.5, within(1e-9));
    }
}
