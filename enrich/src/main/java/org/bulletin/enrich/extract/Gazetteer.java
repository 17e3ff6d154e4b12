package org.bulletin.enrich.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Countries, places and organisations with their names in English and Russian, loaded from
 * {@code gazetteer/countries.yaml} and {@code gazetteer/organisations.yaml}. Immutable and thread-safe once loaded.
 */
public final class Gazetteer {

    /** What a gazetteer phrase names. */
    public enum Kind {
        COUNTRY,
        ADJECTIVE,
        PLACE,
        ORGANISATION,
        IGNORE
    }

    /** Payload of a gazetteer phrase: its kind, code (ISO alpha-2 or organisation id) and canonical name. */
    public record Entry(Kind kind, String code, String canonical) {}

    /** An organisation: id, English name, parent body id (or null), member states and seat cities. */
    public record Org(
            String id, String name, String parent, List<String> members, Set<String> seats, double globalWeight) {}

    public static final String COUNTRIES_FILE = "gazetteer/countries.yaml";
    public static final String ORGANISATIONS_FILE = "gazetteer/organisations.yaml";

    private final PhraseIndex<Entry> index = new PhraseIndex<>();
    private final Map<String, Org> orgs = new HashMap<>();
    private final Set<String> countryCodes = new HashSet<>();
    private final Set<String> nameWords = new HashSet<>();

    private Gazetteer() {}

    /** Loads the gazetteer files through {@code reader} (file name relative to the rules root -> bytes). */
    public static Gazetteer load(Function<String, byte[]> reader) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Gazetteer g = new Gazetteer();
        try {
            JsonNode countries = yaml.readTree(reader.apply(COUNTRIES_FILE));
            for (Iterator<Map.Entry<String, JsonNode>> it = countries.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                String code = c.getKey();
                g.countryCodes.add(code);
                g.addAll(c.getValue().path("names"), Kind.COUNTRY, code);
                g.addAll(c.getValue().path("adjectives"), Kind.ADJECTIVE, code);
                g.addAll(c.getValue().path("places"), Kind.PLACE, code);
            }
            JsonNode organisations = yaml.readTree(reader.apply(ORGANISATIONS_FILE));
            for (Iterator<Map.Entry<String, JsonNode>> it = organisations.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> o = it.next();
                String id = o.getKey();
                JsonNode n = o.getValue();
                boolean ignore = n.path("ignore").asBoolean(false);
                List<String> members = new ArrayList<>();
                n.path("members").forEach(m -> members.add(m.asText()));
                Set<String> seats = new HashSet<>();
                n.path("seats").forEach(s -> seats.add(s.asText()));
                g.orgs.put(
                        id,
                        new Org(
                                id,
                                n.path("name").asText(id),
                                n.hasNonNull("parent") ? n.get("parent").asText() : null,
                                List.copyOf(members),
                                Set.copyOf(seats),
                                n.path("globalWeight").asDouble(0.4)));
                g.addAll(n.path("aliases"), ignore ? Kind.IGNORE : Kind.ORGANISATION, id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gazetteer", e);
        }
        return g;
    }

    private void addAll(JsonNode list, Kind kind, String code) {
        for (JsonNode item : list) {
            String[] forms = item.asText().split("\\|");
            String canonical = forms[0].strip().replaceAll("^[=!]+|\\*+$", "");
            for (String written : forms) {
                String form = written.strip();
                if (!form.isEmpty()) {
                    index.add(form, new Entry(kind, code, canonical));
                    String adjective = kind == Kind.PLACE ? russianAdjective(form) : null;
                    if (adjective != null) {
                        index.add(adjective, new Entry(kind, code, canonical));
                    }
                    if (kind != Kind.ORGANISATION && kind != Kind.IGNORE) {
                        for (String w : form.replaceAll("[=!*]", "").split("[\\s\\-]+")) {
                            nameWords.add(Tokens.lowerOf(w));
                        }
                    }
                }
            }
        }
    }

    /**
     * The prefix form of the adjective Russian makes of a place's name for its region or district, or null when it is
     * not made regularly: "Оренбург" -> "Оренбургск*" (Оренбургская область), "Тверь" -> "Тверск*", "Бухара" ->
     * "Бухарск*", "Иссык-Куль" -> "Иссык-Кульск*", "=Ош" -> "Ошск*". The light stemmer reaches the adjective only
     * when the name itself ends in -ск ("Челябинской" is "Челябинск"), so "в Оренбургской области", the usual way a Russian release names
     * where a drill ran, was no place at all. Names ending in another vowel (Алматы -> Алматинская, Гродно ->
     * Гродненская), in -ск, or written as adjectives or several words are left to the gazetteer's own forms.
     */
    static String russianAdjective(String written) {
        String form = written.startsWith("=") ? written.substring(1) : written; // "=Ош": exact, but Ошская область
        if (form.length() < 2
                || form.indexOf(' ') >= 0
                || form.charAt(0) == '!'
                || form.endsWith("*")
                || !Character.UnicodeBlock.CYRILLIC.equals(Character.UnicodeBlock.of(form.charAt(0)))) {
            return null;
        }
        String lower = Tokens.lowerOf(form);
        String end = lower.substring(lower.length() - 2);
        if (List.of("ск", "ий", "ый", "ой", "ая", "ое").contains(end)) {
            return null;
        }
        if (end.equals("ль")) {
            return form + "ск*"; // Иссык-Куль -> Иссык-Кульская
        }
        char last = lower.charAt(lower.length() - 1);
        if (last == 'ь' || last == 'а' || last == 'я') {
            return form.substring(0, form.length() - 1) + "ск*";
        }
        return "аеиоуыэюё".indexOf(last) >= 0 ? null : form + "ск*";
    }

    /** Gazetteer matches in {@code t}, longest first, overlaps removed. */
    public List<PhraseIndex.Match<Entry>> find(Tokens t) {
        return index.findLongest(t);
    }

    /** The organisation with this id, or null. */
    public Org org(String id) {
        return orgs.get(id);
    }

    /** Every organisation, in no particular order. */
    public Iterable<Org> organisations() {
        return Collections.unmodifiableCollection(orgs.values());
    }

    /** The top-level organisation of {@code id}: itself, or the parent chain's root. */
    public String root(String id) {
        String cur = id;
        for (int guard = 0; guard < 5; guard++) {
            Org o = orgs.get(cur);
            if (o == null || o.parent() == null) {
                return cur;
            }
            cur = o.parent();
        }
        return cur;
    }

    /** True when the lower-cased word is part of some place or country name (so not part of a person's name). */
    public boolean isPlaceWord(String lower) {
        return nameWords.contains(lower);
    }

    /** All ISO codes the gazetteer knows. */
    public Set<String> countryCodes() {
        return Set.copyOf(countryCodes);
    }
}
