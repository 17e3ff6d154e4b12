package org.bulletin.enrich.extract;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts people, organisations, places and countries from a release, and locates a news-agency dateline
 * ("MOSCOW, July 5 (TASS) -", "Минск, 5 июля /БЕЛТА/.") so that classification can ignore it. Thread-safe.
 */
public final class Extractor {

    // City (1-3 words), then a comma or period, then within ~60 chars a date or an agency name, then a dash or period.
    private static final Pattern DATELINE = Pattern.compile(
            "^\\s*(\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+){0,2})\\s*[,.]\\s*([^\\n]{0,60}?)\\s*(?:[–—-]{1,2}|\\.\\s)",
            Pattern.UNICODE_CASE);
    private static final Pattern AGENCY_OR_DATE = Pattern.compile(
            "(?:\\d|\\(\\s*\\p{Lu}|/\\s*\\p{Lu}|\\p{Lu}{3,}|TASS|ТАСС|БЕЛТА|BelTA|Kazinform|Казинформ|Sputnik|Xinhua|Interfax|Интерфакс|"
                    + "Kabar|Кабар|Trend|Armenpress|Арменпресс|АрмИнфо|Азертадж|AzerTAc|РИА|RIA|Reuters|AFP|AKIpress|24\\.kg|Khovar|Ховар)");

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
        int datelineEnd = bodyStart + datelineLength(body);
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

    /** Length of a news-agency dateline at the start of {@code body}, 0 when there is none. */
    static int datelineLength(String body) {
        String head = body.length() > 120 ? body.substring(0, 120) : body;
        Matcher m = DATELINE.matcher(head);
        if (m.find() && m.end() <= 110) {
            String city = m.group(1);
            String middle = m.group(2);
            boolean capsCity = city.equals(city.toUpperCase()) && city.length() > 2;
            if (capsCity || AGENCY_OR_DATE.matcher(middle).find()) {
                return m.end();
            }
        }
        return 0;
    }

    /** The gazetteer in use. */
    public Gazetteer gazetteer() {
        return gazetteer;
    }
}
