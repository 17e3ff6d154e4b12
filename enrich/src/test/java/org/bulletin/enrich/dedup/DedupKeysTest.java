package org.bulletin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DedupKeysTest {

    private static final String TEXT =
            "On January 20, this year, the CSTO Secretary General Stanislav Zas had a meeting via "
                    + "videoconferencing with the UN Assistant Secretary General for Political Affairs Miroslav Jenča. The parties "
                    + "have discussed developments in the CSTO area of responsibility and spoke in favor of continuing active "
                    + "cooperation between the CSTO and specialized UN agencies in maintaining international peace.";

    @Test
    void shouldGiveTheSameExactKeyToTextsDifferingOnlyInCaseSpacingAndPunctuation() {
        String copy = TEXT.toUpperCase().replace(" ", "   ").replace(",", " ;");
        assertThat(DedupKeys.exactKey(DedupKeys.normalise(copy)))
                .isEqualTo(DedupKeys.exactKey(DedupKeys.normalise(TEXT)));
    }

    @Test
    void shouldFindALightlyEditedCopyNearAndAnotherReleaseFar() {
        long[] a = DedupKeys.minHash(TEXT);
        // Navigation leftovers appended: 53 of 55 shingles shared (Jaccard 0.96). With a spelling change as well it
        // would be exactly 0.8, the threshold itself, which an estimate may fall either side of.
        long[] edited = DedupKeys.minHash(TEXT + " Go back. Share");
        long[] other =
                DedupKeys.minHash("The SCO Youth Council held its annual forum in Tashkent with young leaders from "
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

    @Test
    void shouldNormaliseExactlyAsLowerCasingFoldingAndStrippingMarksWould() {
        // The one-pass normaliser against its definition, on random text over ASCII, Latin-1, Latin Extended-A,
        // Cyrillic (with Ё and Й), combining marks, digits, punctuation, a no-break space, compatibility forms that
        // decompose into several characters (ﬁ, ½), Greek capital sigma (context-dependent lower case) and an emoji.
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "AZaz09 ,.;:-\n\tÀÉÎõüßĀčŠžЁёЙйАЯаяЖжІіЇїҚқ\u0301\u0308«»—\u00A0…ﬁ½ΣσΑ№\uD83D\uDE00";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0, len = random.nextInt(40); i < len; i++) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                sb.append(Character.isSurrogate(c) ? "\uD83D\uDE00" : String.valueOf(c));
            }
            String text = sb.toString();
            String reference = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD)
                    .replaceAll("\\p{M}+", "")
                    .toLowerCase(java.util.Locale.ROOT)
                    .replace('ё', 'е')
                    .replace('й', 'и')
                    .replaceAll("[^\\p{L}\\p{Nd}]+", " ")
                    .strip();
            assertThat(DedupKeys.normalise(text)).as(text).isEqualTo(reference);
        }
    }

    @Test
    void shouldEstimateTheJaccardSimilarityOfShingleSets() {
        // 40 pairs of generated texts (30-600 words, 0-60 % of words replaced): the signature's estimate must track the
        // true Jaccard similarity of the 5-word shingle sets, as a MinHash with independent permutations would
        // (standard error sqrt(J(1-J)/128) <= 0.045), for long texts and for short ones alike.
        SplittableRandom random = new SplittableRandom(42);
        double totalError = 0;
        int pairs = 40;
        for (int p = 0; p < pairs; p++) {
            int n = 30 + random.nextInt(570);
            double editRate = random.nextDouble() * 0.6;
            String[] a = new String[n];
            for (int i = 0; i < n; i++) {
                a[i] = word(random);
            }
            String[] b = a.clone();
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < editRate) {
                    b[i] = word(random);
                }
            }
            double exact = jaccard(shingles(a), shingles(b));
            double estimate = DedupKeys.similarity(
                    DedupKeys.minHash(String.join(" ", a)), DedupKeys.minHash(String.join(" ", b)));
            assertThat(Math.abs(estimate - exact))
                    .as("pair %d: %d words, exact %.3f, estimate %.3f", p, n, exact, estimate)
                    .isLessThan(0.15);
            totalError += Math.abs(estimate - exact);
        }
        assertThat(totalError / pairs).isLessThan(0.04);
    }

    private static String word(SplittableRandom random) {
        StringBuilder w = new StringBuilder();
        for (int i = 0, len = 3 + random.nextInt(7); i < len; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    private static Set<String> shingles(String[] words) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + DedupKeys.SHINGLE_WORDS <= words.length; i++) {
            out.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + DedupKeys.SHINGLE_WORDS)));
        }
        return out;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / union.size();
    }
}
