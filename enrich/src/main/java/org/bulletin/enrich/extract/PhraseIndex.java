package org.bulletin.enrich.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private enum Mode {
        STEM,
        EXACT,
        CASE,
        PREFIX,
        CASE_PREFIX
    }

    // id: the word's number in the shared lexicon (STEM and EXACT words only), so a token compares by int, not string.
    private record Word(Mode mode, String value, int id) {}

    // firstWord: the word probing starts with; 1 when the bucket an entry sits in already implies its first word
    // matches.
    private record Entry<T>(Word[] words, T payload, String phrase, int firstWord) {}

    /**
     * Numbers every word any phrase index starts with or compares exactly, shared by all indexes: a text then looks each
     * token's key, lower form and prefix up once ({@link Tokens#ids}) instead of once per index. Only grows, and only
     * while indexes are built; its size tells a text whether the ids it computed are still complete.
     */
    static final class Lexicon {
        private final Map<String, Integer> ids = new ConcurrentHashMap<>();
        // Words of one to four characters also by their characters packed into a long: a token's three- and
        // four-letter prefixes (and its short forms) are then looked up with no substring and no string hash.
        private final Map<Long, Integer> shortIds = new java.util.HashMap<>();
        private volatile ShortTable shortTable = new ShortTable(Map.of());
        private volatile int size;

        synchronized int idOf(String word) {
            Integer id = ids.get(word);
            if (id == null) {
                id = ids.size();
                ids.put(word, id);
                long packed = pack(word, word.length());
                if (packed != 0) {
                    shortIds.put(packed, id);
                    // Copied on write: readers never lock, and the lexicon grows only while indexes are built.
                    shortTable = new ShortTable(shortIds);
                }
                // Written last: a reader that sees the new size sees the new table too.
                size = ids.size();
            }
            return id;
        }

        /** The id of {@code word}, -1 when no phrase uses it. */
        int find(String word) {
            if (word.length() <= 4) {
                return findPrefix(word, word.length());
            }
            Integer id = ids.get(word);
            return id == null ? -1 : id;
        }

        /** The id of the first {@code length} (1-4) characters of {@code word}, as {@code find(word.substring(0, length))}. */
        int findPrefix(String word, int length) {
            long packed = pack(word, length);
            if (packed == 0) {
                Integer id = ids.get(word.substring(0, length)); // holds a NUL: never a token's, but stay exact
                return id == null ? -1 : id;
            }
            return shortTable.get(packed);
        }

        /** The first {@code length} characters, 16 bits each, or 0 when longer than four or holding a NUL. */
        private static long pack(String word, int length) {
            if (length < 1 || length > 4) {
                return 0;
            }
            long p = 0;
            for (int i = 0; i < length; i++) {
                char c = word.charAt(i);
                if (c == 0) {
                    return 0;
                }
                p = p << 16 | c;
            }
            return p;
        }

        int size() {
            return size;
        }
    }

    static final Lexicon LEXICON = new Lexicon();

    /** An immutable open-addressing map from packed short words (never 0) to their ids. */
    private static final class ShortTable {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        ShortTable(Map<Long, Integer> entries) {
            int cap = Integer.highestOneBit(Math.max(4, entries.size() * 3)) * 2; // load factor at most 1/3
            keys = new long[cap];
            values = new int[cap];
            mask = cap - 1;
            for (Map.Entry<Long, Integer> e : entries.entrySet()) {
                int slot = slot(e.getKey());
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = e.getKey();
                values[slot] = e.getValue();
            }
        }

        private int slot(long key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        }

        int get(long key) {
            int slot = slot(key);
            while (true) {
                long k = keys[slot];
                if (k == key) {
                    return values[slot];
                }
                if (k == 0) {
                    return -1;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    // Candidates by the lexicon id of the first word's index key, one table per first-word mode, in insertion order.
    private List<Entry<T>>[] byStem = newTable(0);
    private List<Entry<T>>[] byExact = newTable(0);
    private List<Entry<T>>[] byPrefix = newTable(0);
    // Prefix phrases of four letters or more by their first four: a three-letter bucket ("con", "сил") holds many.
    private List<Entry<T>>[] byPrefix4 = newTable(0);
    private boolean anyPrefix4;
    private boolean anyStem;
    private boolean anyExact;
    private boolean anyPrefix;
    private final List<Entry<T>> all = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private static <T> List<Entry<T>>[] newTable(int size) {
        return (List<Entry<T>>[]) new List<?>[size];
    }

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
                    words.add(new Word(cs ? Mode.CASE_PREFIX : Mode.PREFIX, cs ? t.surface(i) : t.lower(i), -1));
                } else if (cs) {
                    words.add(new Word(Mode.CASE, t.surface(i), -1));
                } else if (exact) {
                    words.add(new Word(Mode.EXACT, t.lower(i), LEXICON.idOf(t.lower(i))));
                } else {
                    words.add(new Word(Mode.STEM, t.key(i), LEXICON.idOf(t.key(i))));
                }
            }
        }
        if (words.isEmpty()) {
            return false;
        }
        Word first = words.get(0);
        insert(new Entry<>(words.toArray(new Word[0]), payload, phrase, bucketImpliesFirstWord(first) ? 1 : 0));
        return true;
    }

    private void insert(Entry<T> e) {
        Word first = e.words()[0];
        int id = LEXICON.idOf(indexKey(first));
        switch (first.mode()) {
            case STEM -> {
                byStem = put(byStem, id, e);
                anyStem = true;
            }
            case EXACT, CASE -> {
                byExact = put(byExact, id, e);
                anyExact = true;
            }
            case PREFIX, CASE_PREFIX -> {
                String lower = Tokens.lowerOf(first.value());
                if (lower.length() >= 4) {
                    byPrefix4 = put(byPrefix4, LEXICON.idOf(Tokens.prefix4Of(lower)), e);
                    anyPrefix4 = true;
                } else {
                    byPrefix = put(byPrefix, id, e);
                    anyPrefix = true;
                }
            }
        }
        all.add(e);
    }

    /**
     * True when finding a phrase in its bucket already proves its first word matches: a stem or exact word's bucket is
     * that word's id, and a lower-case prefix of three letters or fewer (or of exactly four, in the four-letter
     * buckets) is its bucket's whole key. Case-sensitive words and longer prefixes are still compared.
     */
    private static boolean bucketImpliesFirstWord(Word first) {
        return switch (first.mode()) {
            case STEM, EXACT -> true;
            case CASE, CASE_PREFIX -> false;
            case PREFIX ->
                Tokens.lowerOf(first.value()).equals(first.value())
                        && first.value().length() <= 4;
        };
    }

    private static <T> List<Entry<T>>[] put(List<Entry<T>>[] table, int id, Entry<T> e) {
        List<Entry<T>>[] out = id < table.length ? table : Arrays.copyOf(table, Math.max(id + 1, table.length * 2));
        if (out[id] == null) {
            out[id] = new ArrayList<>();
        }
        out[id].add(e);
        return out;
    }

    private static <T> List<Entry<T>> at(List<Entry<T>>[] table, int id) {
        return id >= 0 && id < table.length ? table[id] : null;
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
        Tokens.Ids ids = t.ids(LEXICON);
        for (int i = 0; i < t.size; i++) {
            if (anyStem) {
                probe(t, ids, i, at(byStem, ids.key[i]), out);
            }
            if (anyExact) {
                probe(t, ids, i, at(byExact, ids.lower[i]), out);
            }
            if (anyPrefix) {
                probe(t, ids, i, at(byPrefix, ids.prefix[i]), out);
            }
            if (anyPrefix4) {
                probe(t, ids, i, at(byPrefix4, ids.prefix4[i]), out);
            }
        }
        return out;
    }

    /** Occurrences with overlaps resolved: the longest phrase wins, then the earliest. */
    public List<Match<T>> findLongest(Tokens t) {
        return longest(findAll(t), t.size);
    }

    /**
     * The phrases of several indexes in one index, so that a text is walked, and each token's buckets looked up, once
     * for all of them instead of once per index (the classifier searches four indexes in every release). Each payload
     * keeps the index it came from; {@link Found} gives every part back its own matches, in the order and with the
     * overlaps its own {@link #findAll} and {@link #findLongest} would give.
     */
    public static Union union(List<PhraseIndex<?>> parts) {
        PhraseIndex<Tagged> merged = new PhraseIndex<>();
        for (PhraseIndex<?> part : parts) {
            for (Entry<?> e : part.all) {
                merged.insert(new Entry<>(e.words(), new Tagged(part, e.payload()), e.phrase(), e.firstWord()));
            }
        }
        return new Union(merged);
    }

    private record Tagged(PhraseIndex<?> part, Object payload) {}

    /** Several indexes searched in one pass: see {@link #union}. */
    public static final class Union {
        private final PhraseIndex<Tagged> merged;

        private Union(PhraseIndex<Tagged> merged) {
            this.merged = merged;
        }

        /** Every occurrence of every part's phrases in {@code t}. */
        public Found find(Tokens t) {
            return new Found(merged.findAll(t), t.size);
        }
    }

    /** The matches of one pass of a {@link Union}, handed back per part. */
    public static final class Found {
        private final List<Match<Tagged>> all;
        private final int tokens;

        private Found(List<Match<Tagged>> all, int tokens) {
            this.all = all;
            this.tokens = tokens;
        }

        /** What {@code part.findAll} gives for the same text. */
        @SuppressWarnings("unchecked") // a Tagged's payload is of its part's payload type
        public <T> List<Match<T>> of(PhraseIndex<T> part) {
            int n = 0;
            for (Match<Tagged> m : all) {
                n += m.payload().part() == part ? 1 : 0;
            }
            List<Match<T>> out = new ArrayList<>(n); // sized: growing it copied the array a tenth of the time here
            for (Match<Tagged> m : all) {
                if (m.payload().part() == part) {
                    out.add(new Match<>(m.from(), m.to(), (T) m.payload().payload(), m.phrase()));
                }
            }
            return out;
        }

        /** What {@code part.findLongest} gives for the same text. */
        public <T> List<Match<T>> longestOf(PhraseIndex<T> part) {
            return longest(of(part), tokens);
        }
    }

    private static <T> List<Match<T>> longest(List<Match<T>> found, int tokens) {
        found.sort(Comparator.<Match<T>>comparingInt(m -> m.to() - m.from())
                .reversed()
                .thenComparingInt(Match::from));
        boolean[] taken = new boolean[tokens];
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

    private void probe(Tokens t, Tokens.Ids ids, int i, List<Entry<T>> candidates, List<Match<T>> out) {
        if (candidates == null) {
            return;
        }
        for (Entry<T> e : candidates) {
            Word[] w = e.words();
            if (i + w.length > t.size) {
                continue;
            }
            boolean ok = true;
            for (int k = e.firstWord(); k < w.length && ok; k++) {
                int j = i + k;
                ok = switch (w[k].mode()) {
                    case STEM -> ids.key[j] == w[k].id();
                    case EXACT -> ids.lower[j] == w[k].id();
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
