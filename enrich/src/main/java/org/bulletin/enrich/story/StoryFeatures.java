package org.bulletin.enrich.story;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bulletin.enrich.extract.PhraseIndex;
import org.bulletin.enrich.extract.Tokens;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.Organisation;
import org.bulletin.schemas.Person;
import org.bulletin.schemas.Place;
import org.bulletin.schemas.Release;

/**
 * What story linking compares of a release: weighted items that read the same in every language. Canonical entities
 * (people, places, sub-bodies of the organisations), concepts of the bilingual lexicon (an exercise, a summit, the
 * "Kanal" operation) and years. Items from the headline and lead count more than items further down, where background
 * and boilerplate sit. Other capitalised words, transliterated, were tried and dropped: English headlines capitalise
 * every word, and first names and adjectives ("Armenian") matched across events (docs/stories.md). Pure logic, no
 * Kafka.
 */
public final class StoryFeatures {

    /** Weights of each kind of item (see {@link #of}); chosen on the stories set, see docs/stories.md. */
    static final double PERSON = 3.0;

    static final double PLACE = 2.5;
    static final double COUNTRY = 1.0;
    static final double ORGANISATION = 0.5;
    static final double BODY = 1.5;
    static final double CONCEPT = 1.0;
    static final double NAMED_CONCEPT = 3.0;
    static final double YEAR = 1.5;
    /** How much less an item found only below the lead counts. */
    static final double BELOW_LEAD = 0.4;

    /** Characters of the body read as its lead. */
    static final int LEAD = 400;
    /** Characters of the body read at all: background paragraphs further down name other events. */
    static final int READ = 1500;

    /** The organisations every release of the domain names: they tell no event from another. */
    private static final Set<String> UBIQUITOUS =
            Set.of("CSTO", "SCO", "CIS", "UN", "EAEU", "UNION-STATE", "NATO", "EU");
    /** Lexicon concepts that name one operation or exercise series: rarer, and telling. */
    private static final Set<String> NAMED = Set.of(
            "kanal",
            "nelegal",
            "proxy",
            "mercenary",
            "interaction",
            "search",
            "echelon",
            "cobalt",
            "rubezh",
            "brotherhood",
            "peace-mission",
            "combat-brotherhood",
            "thunder");

    private static final Pattern YEAR_PATTERN = Pattern.compile("(?<![\\d.,])(19[9]\\d|20[0-4]\\d)(?![\\d.,])");
    private static final PhraseIndex<String> LEXICON = loadLexicon();

    private final String releaseId;
    private final String language;
    private final String title;
    private final String source;
    private final LocalDate day;
    private final Map<String, Double> items;
    private final List<String> regions;
    private final List<String> topics;

    private StoryFeatures(
            String releaseId,
            String language,
            String title,
            String source,
            LocalDate day,
            Map<String, Double> items,
            List<String> regions,
            List<String> topics) {
        this.releaseId = releaseId;
        this.language = language;
        this.title = title;
        this.source = source;
        this.day = day;
        this.items = items;
        this.regions = regions;
        this.topics = topics;
    }

    /** The features of one enriched release (its day: see {@link #dayOf}). */
    public static StoryFeatures of(Release r) {
        Map<String, Double> items = new LinkedHashMap<>();
        String body = r.getBodyText() == null ? "" : r.getBodyText();
        String head = r.getTitle() + "\n\n" + body.substring(0, Math.min(body.length(), LEAD));
        String read = body.substring(0, Math.min(body.length(), READ));
        int headLength = head.length();
        for (Person p : r.getPeople()) {
            String id = p.getId() != null ? p.getId() : Names.personId(p.getName());
            if (id != null) {
                add(items, id, PERSON * (head.contains(p.getName()) ? 1 : BELOW_LEAD));
            }
        }
        for (Place p : r.getPlaces()) {
            String id = p.getId();
            if (id == null) {
                continue;
            }
            double w = id.indexOf(':') > 0 ? PLACE : COUNTRY;
            add(items, id, w * (head.contains(p.getName()) ? 1 : BELOW_LEAD));
        }
        for (Organisation o : r.getOrganisations()) {
            double w = UBIQUITOUS.contains(o.getId()) ? ORGANISATION : BODY;
            boolean inHead = o.getMentions().stream().anyMatch(head::contains);
            add(items, "org:" + o.getId(), w * (inHead ? 1 : BELOW_LEAD));
        }
        concepts(items, r.getTitle() + "\n\n" + read, headLength);
        Matcher m = YEAR_PATTERN.matcher(head);
        while (m.find()) {
            add(items, "year:" + m.group(1), YEAR);
        }
        LocalDate day = dayOf(r);
        return new StoryFeatures(
                r.getReleaseId(),
                r.getLanguage(),
                r.getTitle(),
                sourceOf(r),
                day,
                items,
                r.getRegions().stream().map(Label::getId).toList(),
                r.getTopics().stream().map(Label::getId).toList());
    }

    /**
     * The day a release reports on: its published date, else the day it was fetched (a live feed fetches a release
     * when it appears), else the day it was enriched.
     */
    static LocalDate dayOf(Release r) {
        if (r.getPublishedDate() != null) {
            return r.getPublishedDate();
        }
        for (var ref : r.getSourceRefs()) {
            if (ref.getFetchedAt() != null) {
                return LocalDate.ofInstant(ref.getFetchedAt(), ZoneOffset.UTC);
            }
        }
        return LocalDate.ofInstant(r.getEnrichedAt(), ZoneOffset.UTC);
    }

    /**
     * Adds the lexicon concepts of {@code text} (headline, blank line, the body's first {@value #READ} characters,
     * tokenised once): at full weight when found in its first {@code headLength} characters, else at
     * {@link #BELOW_LEAD}.
     */
    private static void concepts(Map<String, Double> items, String text, int headLength) {
        Tokens tokens = Tokens.of(text);
        for (PhraseIndex.Match<String> match : LEXICON.findLongest(tokens)) {
            String concept = match.payload();
            double w = (NAMED.contains(concept) ? NAMED_CONCEPT : CONCEPT)
                    * (tokens.start(match.from()) < headLength ? 1.0 : BELOW_LEAD);
            add(items, "term:" + concept, w);
        }
    }

    private static void add(Map<String, Double> items, String id, double weight) {
        items.merge(id, weight, Math::max);
    }

    /** The host of the release's URL without "www.", else the source id that fetched it. */
    static String sourceOf(Release r) {
        if (r.getSourceRefs().isEmpty()) {
            return "unknown";
        }
        var ref = r.getSourceRefs().get(0);
        if (ref.getSourceUrl() != null) {
            try {
                String host = URI.create(ref.getSourceUrl()).getHost();
                if (host != null) {
                    return host.startsWith("www.") ? host.substring(4) : host;
                }
            } catch (IllegalArgumentException e) {
                // not a URL: fall back to the source id
            }
        }
        return ref.getSourceId();
    }

    @SuppressWarnings("unchecked")
    private static PhraseIndex<String> loadLexicon() {
        String path = "/bulletin/enrich/story/lexicon.yaml";
        try (InputStream in = StoryFeatures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("story lexicon missing from the classpath: " + path);
            }
            Map<String, List<String>> map = new ObjectMapper(new YAMLFactory()).readValue(in, Map.class);
            PhraseIndex<String> index = new PhraseIndex<>();
            map.forEach((concept, forms) -> forms.forEach(f -> index.add(f, concept)));
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the story lexicon " + path, e);
        }
    }

    public String releaseId() {
        return releaseId;
    }

    public String language() {
        return language;
    }

    public String title() {
        return title;
    }

    public String source() {
        return source;
    }

    public LocalDate day() {
        return day;
    }

    /** Item id to weight; ids are canonical entity ids, {@code term:}, {@code year:} and {@code name:} keys. */
    public Map<String, Double> items() {
        return items;
    }

    public List<String> regions() {
        return regions;
    }

    public List<String> topics() {
        return topics;
    }

    /**
     * Items that can bring a story up as a candidate: people, places, countries, the organisations' own bodies,
     * named operations and years; not the common concepts or the organisations every release names. (Leaving countries
     * out made linking cheaper with many open stories but lost 9 points of pairwise recall on the stories set.)
     */
    static boolean telling(String item) {
        if (item.startsWith("term:")) {
            return NAMED.contains(item.substring(5));
        }
        if (item.startsWith("org:")) {
            return !UBIQUITOUS.contains(item.substring(4));
        }
        return true;
    }

    /** The items ordered by weight, heaviest first (for evidence). */
    List<String> heaviest(Iterable<String> ids) {
        List<String> out = new ArrayList<>();
        ids.forEach(out::add);
        out.sort((a, b) -> Double.compare(items.getOrDefault(b, 0.0), items.getOrDefault(a, 0.0)));
        return out;
    }
}
