package org.bulletin.enrich.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches many phrases against a token stream in one pass. A phrase is words separated by spaces or hyphens; each word
 * matches by its light stem unless marked: {@code word*} matches any word starting so, {@code =word} matches that exact
 * form only (for names the stemmer would confuse, "Грузия" vs "груз"), {@code !Word} matches case-sensitively ("US",
 * not "us"). Built once, then immutable and thread-safe.
 *
 * @param <T> the payload carried by each phrase
 */
public final class PhraseIndex<T> {

    /** One phrase occurrence: tokens [{@code from}, {@code to}). */
    public record Match<T>(int from, int to, T payload, String phrase) {}

    private enum Mode { STEM, EXACT, CASE, PREFIX, CASE_PREFIX }

    private record Word(Mode mode, String value) {}

    private record Entry<T>(Word[] words, T payload, String phrase) {}

    // One map per first-word mode, keyed by the token's own strings: no per-token key concatenation on the hot path.
    private final Map<String, List<Entry<T>>> byStem = new HashMap<>();
    private final Map<String, List<Entry<T>>> byExact = new HashMap<>();
    private final Map<String, List<Entry<T>>> byPrefix = new HashMap<>();
    private final List<Entry<T>> all = new ArrayList<>();

    /** Adds a phrase; returns false when it holds no word. */
    public boolean add(String phrase, T payload) {
        List<Word> words = new ArrayList<>();
        for (String chunk : phrase.strip().split("[\\s\\-–‑/]+")) {
            if (chunk.isEmpty()) {
                continue;
            }
            boolean exact = chunk.startsWith("=");
            boolean cs = chunk.startsWith("!");
            boolean prefix = chunk.endsWith("*");
            String core = chunk.replaceAll("^[=!]+", "").replaceAll("\\*+$", "");
            Tokens t = Tokens.of(core);
            for (int i = 0; i < t.size(); i++) {
                boolean last = i == t.size() - 1;
                if (prefix && last) {
                    words.add(new Word(cs ? Mode.CASE_PREFIX : Mode.PREFIX, cs ? t.surface(i) : t.lower(i)));
                } else if (cs) {
                    words.add(new Word(Mode.CASE, t.surface(i)));
                } else if (exact) {
                    words.add(new Word(Mode.EXACT, t.lower(i)));
                } else {
                    words.add(new Word(Mode.STEM, t.key(i)));
                }
            }
        }
        if (words.isEmpty()) {
            return false;
        }
        Entry<T> e = new Entry<>(words.toArray(new Word[0]), payload, phrase);
        Word first = e.words()[0];
        Map<String, List<Entry<T>>> map = switch (first.mode()) {
            case STEM -> byStem;
            case EXACT, CASE -> byExact;
            case PREFIX, CASE_PREFIX -> byPrefix;
        };
        map.computeIfAbsent(indexKey(first), k -> new ArrayList<>()).add(e);
        all.add(e);
        return true;
    }

    private static String indexKey(Word w) {
        return switch (w.mode()) {
            case STEM, EXACT -> w.value();
            case CASE -> Tokens.lowerOf(w.value());
            case PREFIX, CASE_PREFIX -> Tokens.prefixOf(Tokens.lowerOf(w.value()));
        };
    }

    /** Every occurrence of every phrase, overlapping ones included, in token order. */
    public List<Match<T>> findAll(Tokens t) {
        List<Match<T>> out = new ArrayList<>();
        boolean stems = !byStem.isEmpty();
        boolean exacts = !byExact.isEmpty();
        String[] prefixes = byPrefix.isEmpty() ? null : t.prefixes();
        for (int i = 0; i < t.size; i++) {
            if (stems) {
                probe(t, i, byStem.get(t.key[i]), out);
            }
            if (exacts) {
                probe(t, i, byExact.get(t.lower[i]), out);
            }
            if (prefixes != null) {
                probe(t, i, byPrefix.get(prefixes[i]), out);
            }
        }
        return out;
    }

    /** Occurrences with overlaps resolved: the longest phrase wins, then the earliest. */
    public List<Match<T>> findLongest(Tokens t) {
        List<Match<T>> found = findAll(t);
        found.sort(Comparator.<Match<T>>comparingInt(m -> m.to() - m.from()).reversed().thenComparingInt(Match::from));
        boolean[] taken = new boolean[t.size];
        List<Match<T>> out = new ArrayList<>();
        for (Match<T> m : found) {
            boolean free = true;
            for (int i = m.from(); i < m.to(); i++) {
                free &= !taken[i];
            }
            if (free) {
                for (int i = m.from(); i < m.to(); i++) {
                    taken[i] = true;
                }
                out.add(m);
            }
        }
        out.sort(Comparator.comparingInt(Match::from));
        return out;
    }

    private void probe(Tokens t, int i, List<Entry<T>> candidates, List<Match<T>> out) {
        if (candidates == null) {
            return;
        }
        for (Entry<T> e : candidates) {
            Word[] w = e.words();
            if (i + w.length > t.size) {
                continue;
            }
            boolean ok = true;
            for (int k = 0; k < w.length && ok; k++) {
                int j = i + k;
                ok = switch (w[k].mode()) {
                    case STEM -> t.key[j].equals(w[k].value());
                    case EXACT -> t.lower[j].equals(w[k].value());
                    case CASE -> t.surface[j].equals(w[k].value());
                    case PREFIX -> t.lower[j].startsWith(w[k].value());
                    case CASE_PREFIX -> t.surface[j].startsWith(w[k].value());
                };
                // A phrase must not jump over a sentence end ("... in Russia. Belarus ...").
                ok &= k == 0 || t.sentence[j] == t.sentence[i];
            }
            if (ok) {
                out.add(new Match<>(i, i + w.length, e.payload(), e.phrase()));
            }
        }
    }

    /** Number of phrases held. */
    public int size() {
        return all.size();
    }
}
