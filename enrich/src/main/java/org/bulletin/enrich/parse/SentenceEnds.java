package org.bulletin.enrich.parse;

import java.util.Set;

/**
 * Where a full stop does not end a sentence: after a title, a street or saint, a month or a number sign written short
 * ("St. Petersburg", "Gen. Ivanov", "Nov. 17", "ул. Ленина"), and before a word in lower case ("тыс. человек",
 * "ген. секретарь"). The title of a release ({@link ReleaseSplitter#firstSentence}) and the sentence numbers the
 * classifier weighs ({@code extract.Tokens}) both ask here, so a headline is not cut at "St." and "St. Petersburg"
 * is one place, not the end of one sentence and the start of the next.
 *
 * <p>Written by hand: the JDK's {@code BreakIterator} ends a sentence after every such abbreviation, and ICU4J's
 * abbreviation-aware iterator would add a 13 MB dependency for a list of some forty words and one rule.
 */
public final class SentenceEnds {

    /**
     * Abbreviations that come before a name, a place or a number, in the case they are written in. Not those that
     * often end a sentence themselves ("Inc.", "Ltd.", "etc.", "обл.").
     */
    private static final Set<String> BEFORE_A_NAME = Set.of(
            // English: titles and ranks, saints and mounts, months, numbers.
            "St",
            "Mr",
            "Mrs",
            "Ms",
            "Dr",
            "Prof",
            "Gen",
            "Lt",
            "Col",
            "Maj",
            "Capt",
            "Cpt",
            "Sgt",
            "Adm",
            "Brig",
            "Cmdr",
            "Gov",
            "Sen",
            "Rep",
            "Amb",
            "Pres",
            "Hon",
            "Rev",
            "Mt",
            "Ft",
            "No",
            "Nos",
            "Jan",
            "Feb",
            "Apr",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Sept",
            "Oct",
            "Nov",
            "Dec",
            "vs",
            // Russian: a street, an avenue, a saint, "named after", an article of a law, years, a settlement.
            "ул",
            "пр",
            "просп",
            "пл",
            "св",
            "им",
            "ст",
            "гг",
            "пос",
            "Св",
            "Ул",
            "Им");

    private SentenceEnds() {}

    /**
     * Whether the full stop at {@code dot} in {@code text} closes an abbreviation of {@link #BEFORE_A_NAME} (the word
     * that ends right before it), so that it ends no sentence whatever follows.
     */
    public static boolean abbreviation(CharSequence text, int dot) {
        int s = dot;
        while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
            s--;
        }
        if (s == dot
                || dot - s > 5
                || (s > 0 && (Character.isLetterOrDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '.'))) {
            return false;
        }
        return BEFORE_A_NAME.contains(text.subSequence(s, dot).toString());
    }

    /**
     * Whether the full stop at {@code dot} is followed, after spaces, by a lower-case letter: then it shortens a word
     * ("тыс. человек", "ген. секретарь") rather than ending a sentence.
     */
    public static boolean beforeLowerCase(CharSequence text, int dot) {
        int j = dot + 1;
        while (j < text.length() && text.charAt(j) == ' ') {
            j++;
        }
        return j > dot + 1 && j < text.length() && Character.isLowerCase(text.charAt(j));
    }
}
