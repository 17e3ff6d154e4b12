package org.bulletin.enrich.extract;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bulletin.enrich.parse.Dateline;

/**
 * Extracts people, organisations, places and countries from a release, and locates a news-agency dateline
 * ("MOSCOW, July 5 (TASS) -", "Минск, 5 июля /БЕЛТА/.") so that classification can ignore it. Thread-safe.
 */
public final class Extractor {

    private final Gazetteer gazetteer;
    private final PeopleFinder people;

    /** An extractor over this gazetteer. */
    public Extractor(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.people = new PeopleFinder(gazetteer);
    }

    /** Extracts from {@code title + "\n\n" + body}. */
    public Extraction extract(String title, String body) {
        String text = title + "\n\n" + body;
        int bodyStart = title.length() + 2;
        int datelineEnd = bodyStart + Dateline.length(body);
        Tokens tokens = Tokens.of(text);
        List<Extraction.Mention> mentions = new ArrayList<>();
        Map<String, Set<String>> orgForms = new LinkedHashMap<>();
        Map<String, Integer> orgCounts = new LinkedHashMap<>();
        BitSet named = new BitSet(text.length());
        for (PhraseIndex.Match<Gazetteer.Entry> m : gazetteer.find(tokens)) {
            Gazetteer.Entry e = m.payload();
            int start = tokens.start(m.from());
            int end = tokens.end(m.to() - 1);
            named.set(start, end);
            String surface = text.substring(start, end);
            if ((e.kind() == Gazetteer.Kind.COUNTRY || e.kind() == Gazetteer.Kind.PLACE) && !anyUpperCase(surface)) {
                continue; // a name written all in lower case is a web address's or a menu's id ("news/ashgabat")
            }
            mentions.add(new Extraction.Mention(
                    e.kind(),
                    e.code(),
                    e.canonical(),
                    m.from(),
                    m.to(),
                    start,
                    end,
                    tokens.sentence(m.from()),
                    surface));
            if (e.kind() == Gazetteer.Kind.ORGANISATION) {
                orgForms.computeIfAbsent(e.code(), k -> new LinkedHashSet<>()).add(surface);
                orgCounts.merge(e.code(), 1, Integer::sum);
            }
        }
        List<Extraction.OrgMention> orgs = new ArrayList<>();
        for (Map.Entry<String, Set<String>> o : orgForms.entrySet()) {
            Gazetteer.Org org = gazetteer.org(o.getKey());
            orgs.add(new Extraction.OrgMention(
                    o.getKey(),
                    org == null ? o.getKey() : org.name(),
                    List.copyOf(o.getValue()),
                    orgCounts.get(o.getKey())));
        }
        return new Extraction(
                tokens, List.copyOf(mentions), people.find(text, named), List.copyOf(orgs), bodyStart, datelineEnd);
    }

    private static boolean anyUpperCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isUpperCase(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The gazetteer in use. */
    public Gazetteer gazetteer() {
        return gazetteer;
    }
}
