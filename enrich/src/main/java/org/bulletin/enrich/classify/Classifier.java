package org.bulletin.enrich.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bulletin.enrich.classify.ClassificationRules.Cue;
import org.bulletin.enrich.classify.ClassificationRules.Weighted;
import org.bulletin.enrich.extract.Extraction;
import org.bulletin.enrich.extract.Extraction.Mention;
import org.bulletin.enrich.extract.Gazetteer;
import org.bulletin.enrich.extract.PhraseIndex;
import org.bulletin.enrich.extract.Tokens;

/**
 * Assigns scope, regions and topics by the rules of docs/classification.md in two steps. The rules propose: each
 * mention or phrase adds evidence to a candidate label, weighted by its context (the host of an event or a
 * counterpart counts fully, a headline more, a passing adjective little; a dateline, the organisation's own
 * secretariat seat, an observer list or a list of troop contributors nearly nothing; a topic phrase in an exercise
 * scenario, mandate boilerplate or a list of cooperation areas little), and records where it sits (headline, lead,
 * quote, list). The fitted {@link ClassifierModel} decides: is the release in scope at all, and is each candidate
 * substantive, from features of that evidence ({@link Features}). Every label keeps the phrases that justify it;
 * score = the model's probability. Thread-safe.
 */
public final class Classifier {

    private static final int MAX_EVIDENCE = 12;
    /** Evidence weight of membership alone: enough to show the organisation as evidence, too little to count as a mention. */
    private static final double MEMBER_WEIGHT = 0.01;

    private static final int TOPIC_TITLE = Features.TOPIC.indexOf("title");
    private static final int REGION_HOME = Features.REGION.indexOf("homemember");
    private static final int REGION_ORGWIDE_CUE = Features.REGION.indexOf("orgwidecue");
    private static final int REGION_HOSTS = Features.REGION.indexOf("hosts");
    private static final int TOPIC_LEAD = Features.TOPIC.indexOf("lead");

    private static final int SCOPE_TOPIC_MAX = Features.SCOPE.indexOf("topicmax");
    private static final int SCOPE_ORGS = Features.SCOPE.indexOf("org");
    private static final int SCOPE_SECURITY = Features.SCOPE.indexOf("security");
    private static final int SCOPE_MEMBER = Features.SCOPE.indexOf("member");
    private static final int SCOPE_ORG_TITLE = Features.SCOPE.indexOf("orgtitle");
    private static final int SCOPE_ORG_LEAD = Features.SCOPE.indexOf("orglead");
    // The topics of relief (see relief): an off-domain cue in one of their sentences ("the aftermath of abnormal winter
    // weather", "after snow avalanches") names the disaster the aid answers, not a weather report.
    private static final List<String> RELIEF_TOPICS = List.of("humanitarian", "crisis-response");

    private final ClassificationRules rules;
    private final Gazetteer gazetteer;
    private final ClassifierModel model;
    /**
     * The organisations whose own releases are global too: the UN (no member states) and, since classifier 1.3, those
     * with members outside the member regions (the SCO: China, India, Pakistan, Iran), whose work is dealings with
     * those states. Blind readers of the contract gave the SCO's own events `global` (docs/classifier-training.md:
     * the fresh set's held-out half, regions 0.853 -> 0.890); the first labelling mostly did not, so the test part's
     * figure does not move (0.888 -> 0.887).
     */
    private final Set<String> globalAsHome = new HashSet<>();

    /** A classifier over compiled rules, the gazetteer the extraction used, and the fitted decision weights. */
    public Classifier(ClassificationRules rules, Gazetteer gazetteer, ClassifierModel model) {
        this.rules = rules;
        this.gazetteer = gazetteer;
        this.model = model;
        for (Gazetteer.Org org : gazetteer.organisations()) {
            if (org.members().isEmpty()
                    || org.members().stream()
                            .anyMatch(c -> rules.otherRegion != null && rules.otherRegion.equals(regionOf(c)))) {
                globalAsHome.add(org.id());
            }
        }
    }

    /** Where in a release a piece of evidence sits: headline, lead (first two sentences of the body), quotes. */
    private static final class Layout {
        final int titleEnd;
        final int bodyStart;
        final int leadEnd;
        final int length;
        final int[] quotes; // [start0, end0, start1, end1, ...] character spans inside quotation marks

        Layout(Extraction x, Tokens t) {
            titleEnd = x.bodyStart() - 2;
            bodyStart = x.bodyStart();
            length = t.text().length();
            int lead = bodyStart;
            int first = -1;
            for (int i = 0; i < t.size(); i++) {
                if (t.start(i) < bodyStart) {
                    continue;
                }
                if (first < 0) {
                    first = t.sentence(i);
                }
                if (t.sentence(i) > first + 1 || t.start(i) > bodyStart + 600) {
                    break;
                }
                lead = t.end(i);
            }
            leadEnd = lead;
            quotes = quoteSpans(t.text());
        }

        boolean inTitle(int end) {
            return end <= titleEnd;
        }

        boolean inLead(int start) {
            return start >= bodyStart && start < leadEnd;
        }

        boolean quoted(int pos) {
            for (int i = 0; i + 1 < quotes.length; i += 2) {
                if (pos >= quotes[i] && pos < quotes[i + 1]) {
                    return true;
                }
                if (quotes[i] > pos) {
                    return false;
                }
            }
            return false;
        }

        /** 1 at the start of the body (or in the headline), falling to 0 at its end. */
        double early(int pos) {
            if (pos < bodyStart) {
                return 1;
            }
            return 1 - (double) (pos - bodyStart) / Math.max(1, length - bodyStart);
        }

        private static int[] quoteSpans(String text) {
            List<Integer> spans = new ArrayList<>();
            int open = -1;
            char close = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (open < 0) {
                    if (c == '«' || c == '“' || c == '"' || c == '„') {
                        open = i;
                        close = c == '«' ? '»' : c == '"' ? '"' : '”';
                    }
                } else if (c == close || c == '\n' || (close == '”' && c == '“')) {
                    // Quotation marks around a name ("operation «Channel»") hold a few words; a quote holds a clause.
                    if (i - open > 40) {
                        spans.add(open);
                        spans.add(i);
                    }
                    open = -1;
                }
            }
            int[] out = new int[spans.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = spans.get(i);
            }
            return out;
        }
    }

    /** The context kinds a piece of evidence is counted under: the prefix of its rule ("host+title:KZ" is a host). */
    // Most frequent first: kindIndex runs for every piece of evidence.
    private static final String[] KINDS = {
        "topic",
        "country",
        "place",
        "adjective",
        "listed",
        "host",
        "enumeration",
        "boilerplate",
        "scenario",
        "phrase",
        "organisation",
        "counterpart",
        "accredited",
        "seat",
        "observer",
        "organisation-wide",
        "member-of",
        "threat",
        "notthreat",
        "locative",
        "actor",
        "seathost",
        "elsewhere",
        "leader"
    };

    private static int kindIndex(String rule) {
        // No kind holds ':' or '+', so a rule's kind is all of it before the first of them: find that end once and
        // compare only the kinds of its length, not every kind by startsWith.
        int end = 0;
        while (end < rule.length() && rule.charAt(end) != ':' && rule.charAt(end) != '+') {
            end++;
        }
        for (int k = 0; k < KINDS.length; k++) {
            String name = KINDS[k];
            if (name.length() == end && rule.startsWith(name)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The evidence gathered for one candidate label, and where it sits. Counters are plain arrays: this runs for every
     * mention of every release (a map per candidate halved the classifier's speed).
     */
    private static final class Acc {
        private static final int NOT_THREAT = kindIndex("notthreat");

        double weight;
        int count;
        double maxSingle;
        boolean title;
        boolean lead;
        double early;
        int quoted;
        int generic; // generic phrases in a sentence that names an activity's kind
        int genericAny; // generic phrases anywhere
        final int[] kinds = new int[KINDS.length];
        private int[] sentences = new int[4];
        private int sentenceCount;
        // Only their number is read: a set, as a list's contains was a tenth of the classifier's evidence bookkeeping.
        private final Set<String> phrases = new HashSet<>(8);
        // The phrases (as the rules write them) of the evidence in the headline or the lead; made when first needed.
        Set<String> upFront = Set.of();
        final List<ScoredLabel.Evidence> evidence = new ArrayList<>();

        void add(Layout l, double w, String phrase, int start, int end, int sentence, String rule) {
            int k = kindIndex(rule);
            if (k >= 0) {
                kinds[k]++;
            }
            if (rule.contains("+not-threat")) {
                kinds[NOT_THREAT]++;
            }
            count++;
            title |= l.inTitle(end);
            lead |= l.inLead(start);
            early = Math.max(early, l.early(start));
            quoted += l.quoted(start) ? 1 : 0;
            addSentence(sentence);
            int colon = rule.indexOf(':');
            String pattern = colon < 0 ? rule : rule.substring(colon + 1);
            phrases.add(pattern);
            if (w <= 0) {
                return; // recorded as a context (a seat, an observer list) but no evidence for the label
            }
            weight += w;
            maxSingle = Math.max(maxSingle, w);
            if ((l.inTitle(end) || l.inLead(start)) && !upFront.contains(pattern)) {
                upFront = upFront.isEmpty() ? new HashSet<>(4) : upFront;
                upFront.add(pattern);
            }
            if (evidence.size() < MAX_EVIDENCE) {
                evidence.add(new ScoredLabel.Evidence(phrase, start, end, rule));
            }
        }

        void mark(String kind) {
            kinds[kindIndex(kind)]++;
        }

        private void addSentence(int sentence) {
            if (inSentence(sentence)) {
                return;
            }
            if (sentenceCount == sentences.length) {
                sentences = java.util.Arrays.copyOf(sentences, sentenceCount * 2);
            }
            sentences[sentenceCount++] = sentence;
        }

        int sentences() {
            return sentenceCount;
        }

        boolean inSentence(int sentence) {
            for (int i = 0; i < sentenceCount; i++) {
                if (sentences[i] == sentence) {
                    return true;
                }
            }
            return false;
        }

        int distinctPhrases() {
            return phrases.size();
        }

        int kind(String k) {
            return kinds[kindIndex(k)];
        }
    }

    /**
     * What the rules propose for one release before the model decides: every candidate region and topic with its
     * features and evidence, the release's scope features and evidence, and the countries mentioned substantively.
     * {@code memberNamed}: the release names a member state or a place of theirs (Afghanistan does not count), for the
     * scope gate {@code scope:outside-area}.
     */
    public record Candidates(
            List<Candidate> regions,
            List<Candidate> topics,
            double[] scope,
            List<ScoredLabel.Evidence> scopeEvidence,
            List<String> countries,
            boolean latin,
            int offDomainApart,
            boolean memberNamed) {}

    /** One candidate label: the summed rule weight, the feature values ({@link Features}) and the evidence. */
    public record Candidate(
            String id, double weight, double[] features, List<ScoredLabel.Evidence> evidence, Set<String> upFront) {}

    /**
     * Classifies an extracted release.
     *
     * @param x            the extraction of title + "\n\n" + body
     * @param titleIsReal  false when the title was derived from the first sentence (so it must not count twice)
     */
    public Classification classify(Extraction x, boolean titleIsReal) {
        return decide(candidates(x, titleIsReal));
    }

    /**
     * The rules' candidates for an extracted release, before the model decides: for {@link #classify} and for
     * fitting the model ({@code ClassifierTraining}).
     *
     * @param x            the extraction of title + "\n\n" + body
     * @param titleIsReal  false when the title was derived from the first sentence (so it must not count twice)
     */
    public Candidates candidates(Extraction x, boolean titleIsReal) {
        Tokens t = x.tokens();
        PhraseIndex.Found found = rules.phrases.find(t);
        Layout layout = new Layout(x, t);
        Map<Integer, EnumSet<Cue>> sentenceCues = new HashMap<>();
        boolean[] counterpartAt = new boolean[t.size()];
        boolean[] envoyAt = new boolean[t.size()];
        boolean orgWide = false;
        boolean threatContext = false;
        for (PhraseIndex.Match<Cue> m : found.of(rules.cues)) {
            sentenceCues
                    .computeIfAbsent(t.sentence(m.from()), k -> EnumSet.noneOf(Cue.class))
                    .add(m.payload());
            if (m.payload() == Cue.COUNTERPART) {
                counterpartAt[m.from()] = true;
            }
            if (m.payload() == Cue.ENVOY) {
                envoyAt[m.from()] = true;
            }
            threatContext |= m.payload() == Cue.THREAT_SOURCE || m.payload() == Cue.THREAT;
            if (m.payload() == Cue.ORGANISATION_WIDE
                    && (t.start(m.from()) >= x.datelineEnd() || t.start(m.from()) < x.bodyStart())) {
                orgWide = true;
            }
        }
        int titleEnd = x.bodyStart() - 2;
        Map<String, Acc> regions = new LinkedHashMap<>();
        Map<String, Acc> countryWeight = new LinkedHashMap<>();
        boolean anyHost = false;
        boolean memberNamed = false;

        List<Mention> places = new ArrayList<>();
        for (Mention m : x.mentions()) {
            if (m.kind() == Gazetteer.Kind.COUNTRY
                    || m.kind() == Gazetteer.Kind.ADJECTIVE
                    || m.kind() == Gazetteer.Kind.PLACE) {
                places.add(m);
            }
        }
        boolean[] listed = listedMentions(places, t);
        String home = homeOrganisation(x);
        Set<String> homeSeats = home == null || gazetteer.org(home) == null
                ? Set.of()
                : gazetteer.org(home).seats();

        for (int i = 0; i < places.size(); i++) {
            Mention m = places.get(i);
            boolean inTitle = m.end() <= titleEnd;
            if (inTitle && !titleIsReal) {
                continue;
            }
            if (m.start() >= x.bodyStart() && m.end() <= x.datelineEnd()) {
                continue; // news-agency dateline: where the story was filed, not what it is about
            }
            if (bannedIn(t, m)) {
                continue;
            }
            EnumSet<Cue> cues = sentenceCues.getOrDefault(m.sentence(), EnumSet.noneOf(Cue.class));
            double w;
            String rule;
            boolean host = isHost(t, m, cues, i, places, listed) || leadVenue(t, m, cues, layout);
            // The venue of another event the body looks ahead or back to ("the next sessions will be held in
            // Yerevan", "подготовка к саммиту в Санкт-Петербурге"): where the release's own event is, the headline or
            // the lead says.
            boolean elsewhere = host && cues.contains(Cue.OTHER_EVENT) && !inTitle && !layout.inLead(m.start());
            host &= !elsewhere;
            if (cues.contains(Cue.SECRETARIAT) && homeSeats.contains(m.canonical())) {
                w = rules.regionWeight("seat", 0.0);
                rule = "seat";
            } else if (cues.contains(Cue.OBSERVER)) {
                w = rules.regionWeight("observer", 0.0);
                rule = "observer";
            } else if (accredited(t, m, i, places, envoyAt)) {
                w = rules.regionWeight("accredited", 0.05);
                rule = "accredited";
            } else if (host) {
                w = rules.regionWeight("host", 1.0);
                rule = "host";
                // A meeting at the organisation's own seat does not localise organisation-wide work.
                anyHost |= !homeSeats.contains(m.canonical());
            } else if (listed[i]) {
                w = rules.regionWeight("listed", 0.12);
                rule = "listed";
            } else if (m.kind() == Gazetteer.Kind.ADJECTIVE) {
                w = rules.regionWeight("adjective", 0.15);
                rule = "adjective";
            } else if (counterpartBefore(
                    counterpartAt, m.from(), i == 0 ? -1 : places.get(i - 1).to())) {
                w = rules.regionWeight("counterpart", 0.7);
                rule = "counterpart";
            } else if (elsewhere) {
                w = rules.regionWeight("elsewhere", 0.15);
                rule = "elsewhere";
            } else {
                w = rules.regionWeight(m.kind() == Gazetteer.Kind.PLACE ? "place" : "country", 0.45);
                rule = m.kind() == Gazetteer.Kind.PLACE ? "place" : "country";
            }
            if (inTitle && w > 0) {
                w *= rules.regionWeight("titleFactor", 2.0);
                rule = rule + "+title";
            }
            String region = regionOf(m.code());
            if (rules.threatCountries.contains(m.code()) && !threatContext) {
                // Afghanistan puts a release in Central Asia as a source of threats (any threat cue in the release);
                // otherwise (UN aid, an earthquake, talks with Kabul) it is a non-member state like any other.
                region = rules.otherRegion;
                rule = rule + "+not-threat";
            }
            // A member state or a place of theirs: Afghanistan, Central Asia's source of threats, is not one.
            memberNamed |= w > 0
                    && region != null
                    && !region.equals(rules.otherRegion)
                    && !rules.threatCountries.contains(m.code());
            if (region != null) {
                Acc acc = regions.computeIfAbsent(region, k -> new Acc());
                acc.add(layout, w, m.surface(), m.start(), m.end(), m.sentence(), rule + ":" + m.code());
                // Where the country stands in the sentence: a place things happen or go to ("в Таджикистан", "in
                // Minsk"), or the state behind an acting institution ("МЧС России", "Ministry of Defence of Russia").
                String before = keyBefore(t, m);
                if (before != null && (rules.hostBefore.contains(before) || TOWARDS.contains(before))) {
                    acc.mark("locative");
                } else if (before != null && rules.institutions.contains(before)) {
                    acc.mark("actor");
                }
                if (host && homeSeats.contains(m.canonical())) {
                    acc.mark("seathost"); // the organisation's own seat: no host of the release's own
                }
            }
            countryWeight
                    .computeIfAbsent(m.code(), k -> new Acc())
                    .add(layout, w, m.surface(), m.start(), m.end(), m.sentence(), rule);
        }

        for (PhraseIndex.Match<Weighted> m : found.longestOf(rules.regionPhrases)) {
            int start = t.start(m.from());
            int end = t.end(m.to() - 1);
            boolean inTitle = end <= titleEnd;
            if ((inTitle && !titleIsReal) || (start >= x.bodyStart() && end <= x.datelineEnd())) {
                continue;
            }
            double w = m.payload().weight() * (inTitle ? rules.regionWeight("titleFactor", 2.0) : 1);
            memberNamed |= !m.payload().label().equals(rules.otherRegion);
            regions.computeIfAbsent(m.payload().label(), k -> new Acc())
                    .add(
                            layout,
                            w,
                            t.text().substring(start, end),
                            start,
                            end,
                            t.sentence(m.from()),
                            "phrase:" + m.payload().phrase());
        }

        // A member state's leader named in a real headline is the state acting ("Lukashenko names the CSTO Secretary
        // General"): its region, as if the headline named the state. Not in the body, where leaders attend, are quoted
        // and are listed.
        if (titleIsReal) {
            for (PhraseIndex.Match<Weighted> m : found.longestOf(rules.leaders)) {
                int start = t.start(m.from());
                int end = t.end(m.to() - 1);
                String region = regionOf(m.payload().label());
                if (end > titleEnd || region == null) {
                    continue;
                }
                memberNamed |= !region.equals(rules.otherRegion);
                regions.computeIfAbsent(region, k -> new Acc())
                        .add(
                                layout,
                                rules.regionWeight("leader", 0.45) * rules.regionWeight("titleFactor", 2.0),
                                t.text().substring(start, end),
                                start,
                                end,
                                t.sentence(m.from()),
                                "leader+title:" + m.payload().label());
            }
        }

        addOrganisations(x, layout, titleIsReal, home, regions);

        if (orgWide && !anyHost && home != null && gazetteer.org(home) != null) {
            double w = rules.regionWeight("organisationWide", 0.6);
            for (String member : gazetteer.org(home).members()) {
                String region = regionOf(member);
                if (region != null && !regions.containsKey(region)
                        || region != null && regions.get(region).weight < w) {
                    regions.computeIfAbsent(region, k -> new Acc())
                            .add(layout, w, home, 0, 0, -1, "organisation-wide:" + home);
                }
            }
        }
        // Every member region of the release's own organisation is a candidate: organisation-wide work (an operation
        // in all member states, an appointment) puts a release there without naming the countries.
        Set<String> homeRegions = new HashSet<>();
        if (home != null && gazetteer.org(home) != null) {
            Mention first = null;
            for (Mention m : x.mentions()) {
                if (m.kind() == Gazetteer.Kind.ORGANISATION && home.equals(gazetteer.root(m.code()))) {
                    first = m;
                    break;
                }
            }
            for (String member : gazetteer.org(home).members()) {
                String region = regionOf(member);
                if (region != null && homeRegions.add(region) && first != null) {
                    Acc a = regions.computeIfAbsent(region, k -> new Acc());
                    if (a.evidence.isEmpty()) {
                        a.add(
                                layout,
                                MEMBER_WEIGHT,
                                first.surface(),
                                first.start(),
                                first.end(),
                                first.sentence(),
                                "member-of:" + home);
                    }
                }
            }
        }
        int hosts = 0;
        for (Acc a : regions.values()) {
            hosts += a.kind("host") - a.kind("seathost");
        }

        List<String> countries = new ArrayList<>();
        for (Map.Entry<String, Acc> c : countryWeight.entrySet()) {
            if (c.getValue().weight >= rules.substantiveCountry) {
                countries.add(c.getKey());
            }
        }
        Map<String, Acc> topics = topics(x, t, found, layout, titleIsReal, sentenceCues, places);
        List<ScoredLabel.Evidence> scopeEvidence = new ArrayList<>();
        Scope scope = scopeFeatures(x, t, found, layout, titleIsReal, regions, topics, scopeEvidence);
        return new Candidates(
                regionCandidates(regions, homeRegions, orgWide, hosts),
                topicCandidates(topics),
                scope.features(),
                List.copyOf(scopeEvidence),
                List.copyOf(countries),
                latinScript(t.text()),
                scope.offDomainApart(),
                memberNamed);
    }

    /** True when most letters of the first 2,000 characters are Latin: an English release, for the topic threshold. */
    static boolean latinScript(String text) {
        int latin = 0;
        int cyrillic = 0;
        for (int i = 0, n = Math.min(text.length(), 2000); i < n; i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                latin++;
            } else if (c >= '\u0400' && c <= '\u04FF') {
                cyrillic++;
            }
        }
        return latin > cyrillic;
    }

    /**
     * The least probability a topic of a release needs: {@code threshold} (the model's), raised to the rules'
     * {@code latinThreshold} for an English release; also for training, which applies it to each fold's threshold.
     */
    static double topicThreshold(double threshold, Candidates c, ClassificationRules rules) {
        return c.latin() ? Math.max(threshold, rules.latinTopicThreshold) : threshold;
    }

    /**
     * The model's decisions on the rules' candidates: out of scope (by the scope model, or for want of any topic
     * evidence), no labels; in scope, every candidate whose probability reaches its family's threshold, and at least
     * the likeliest region and topic.
     */
    public Classification decide(Candidates c) {
        double scopeScore = model.scope.probability(null, c.scope());
        // A release in scope treats one of the contract's topics: with no topic evidence at all (a city's trolleybus
        // routes that only name Bishkek) there is nothing to label it by.
        boolean anyTopic = c.topics().stream().anyMatch(t -> !t.evidence().isEmpty());
        // Diplomacy alone is no security subject: talks about tourism or a new turbine name a country and a visit.
        // Without one of the organisations, a security cue or a security topic, a release is not about security
        // cooperation in their area, whatever else it mentions.
        double[] s = c.scope();
        boolean securitySubject = s[SCOPE_TOPIC_MAX] > 0 || s[SCOPE_ORGS] > 0 || s[SCOPE_SECURITY] > 0;
        // Nor is news of other parts of the world (the contract's "In scope first"): a release that names no member
        // state or place of theirs and none of the organisations (a city police's drug arrests, a rescue in the US)
        // is not in their area, however well its words match a topic. Every labelled in-scope release of the corpus
        // names one or the other. Afghanistan, Central Asia's source of threats, is no member state: the Taliban's
        // hostage swap with the US names a threat, not the members' area.
        boolean inArea = c.memberNamed() || s[SCOPE_ORGS] > 0;
        // The organisation's own news that names no topic ("Pashinyan: the CSTO meant to destroy Armenia's
        // statehood"): institutional news, the contract's diplomacy, when the scope model is sure of it and the
        // organisation is in the headline or the lead.
        boolean institutional = !anyTopic
                && rules.institutionalTopic != null
                && scopeScore >= rules.institutionalScope
                && (s[SCOPE_ORG_TITLE] > 0 || s[SCOPE_ORG_LEAD] > 0);
        String gate = !anyTopic && !institutional
                ? "scope:no-topic"
                : !securitySubject ? "scope:no-security-subject" : !inArea ? "scope:outside-area" : null;
        boolean byModel = scopeScore >= model.scope.threshold();
        boolean inScope = gate == null && (byModel || relief(c, rules.relativeIgnores));
        // The rule that decided, first and with no phrase: the one that kept the release out (about what the text
        // lacks), or the one that brought it in though it names no topic or against the model.
        String decidedBy = gate != null
                ? gate
                : !inScope ? null : institutional ? "scope:institutional" : !byModel ? "scope:relief" : null;
        List<ScoredLabel.Evidence> evidence = c.scopeEvidence();
        if (decidedBy != null) {
            evidence = new ArrayList<>(evidence);
            evidence.add(0, new ScoredLabel.Evidence("", 0, 0, decidedBy));
        }
        Classification.Scope scope = new Classification.Scope(inScope, round(scopeScore), evidence);
        if (!inScope) {
            return new Classification(List.of(), List.of(), c.countries(), scope);
        }
        List<ScoredLabel> topics = institutional
                ? List.of(institutional(c))
                : primaryFirst(
                        labels(c.topics(), model.topic, topicThreshold(model.topic.threshold(), c, rules), Map.of()),
                        c.topics());
        return new Classification(
                withOrganisationWide(
                        labels(c.regions(), model.region, model.region.threshold(), rules.regionMinimum), c.regions()),
                topics,
                c.countries(),
                scope);
    }

    /** The institutional topic, its evidence the organisations the release names (scope's own evidence of them). */
    private ScoredLabel institutional(Candidates c) {
        List<ScoredLabel.Evidence> evidence = new ArrayList<>();
        for (ScoredLabel.Evidence e : c.scopeEvidence()) {
            if (e.rule().startsWith("scope:organisation")) {
                evidence.add(new ScoredLabel.Evidence(e.phrase(), e.start(), e.end(), "institutional:" + e.phrase()));
            }
        }
        return new ScoredLabel(rules.institutionalTopic, round(0.5), 0, List.copyOf(evidence));
    }

    /**
     * The contract's rule for organisation-wide work: a release that says its activity spans the member states (an
     * operation "on the territory of the member states", a standing operation such as Kanal) and names no host of its
     * own gets every member region of its organisation (of three regions, as the CSTO and the CIS span). The model
     * weighs that cue with everything else and often keeps only the regions the text names. (Chosen on the tune
     * part's cross-validation: regions 0.835 -> 0.841.)
     */
    private static List<ScoredLabel> withOrganisationWide(List<ScoredLabel> regions, List<Candidate> candidates) {
        List<String> add = organisationWide(candidates);
        if (add.isEmpty()) {
            return regions;
        }
        List<ScoredLabel> out = new ArrayList<>(regions);
        for (Candidate c : candidates) {
            if (add.contains(c.id()) && out.stream().noneMatch(l -> l.id().equals(c.id()))) {
                out.add(new ScoredLabel(c.id(), round(0.5), c.weight(), c.evidence()));
            }
        }
        return out;
    }

    /** The member regions {@link #withOrganisationWide} adds, none when the rule does not apply; also for training. */
    static List<String> organisationWide(List<Candidate> regions) {
        List<String> home = new ArrayList<>();
        boolean cue = false;
        double hosts = 0;
        for (Candidate c : regions) {
            if (c.features()[REGION_HOME] > 0 && !c.evidence().isEmpty()) {
                home.add(c.id());
            }
            cue |= c.features()[REGION_ORGWIDE_CUE] > 0;
            hosts = Math.max(hosts, c.features()[REGION_HOSTS]);
        }
        return home.size() >= 3 && cue && hosts == 0 ? home : List.of();
    }

    /**
     * The chosen topics, likeliest first, except that the primary one is the likeliest specific topic the headline or
     * the lead names: a meeting of defence ministers is military cooperation before diplomacy, an aid convoy
     * humanitarian. The general topics (diplomacy: meetings, talks, appointments) come first only when no specific
     * topic is in the headline or lead. (Chosen on the tune part's cross-validation: primary 0.840 -> 0.856.) Only a
     * topic the model gives at least {@code primaryMin} may be put before a likelier one ({@link #mayBePrimary}).
     */
    private List<ScoredLabel> primaryFirst(List<ScoredLabel> topics, List<Candidate> candidates) {
        List<ScoredLabel> eligible = topics.subList(
                0, mayBePrimary(topics.stream().map(ScoredLabel::score).toList(), rules.primaryMin));
        int primary = primaryIndex(
                eligible.stream().map(ScoredLabel::id).toList(),
                candidates,
                rules.relativeIgnores,
                rules.primaryBefore,
                rules.primaryWhen);
        if (primary <= 0) {
            return topics;
        }
        List<ScoredLabel> out = new ArrayList<>(topics);
        out.add(0, out.remove(primary));
        return out;
    }

    /**
     * How many of the chosen topics (their probabilities, likeliest first) may be the primary one: the likeliest, and
     * after it those the model gives at least {@code min}. A specific topic named up front but doubted by the model
     * (an education cue at 0.39 in a summit's lead) does not displace a likelier topic; also for training.
     */
    static int mayBePrimary(List<Double> probabilities, double min) {
        int n = Math.min(1, probabilities.size());
        while (n < probabilities.size() && probabilities.get(n) >= min) {
            n++;
        }
        return n;
    }

    /**
     * Where in {@code chosen} (likeliest first) the primary topic is: see {@link #primaryFirst}; also for training. A
     * chosen topic that the headline or the lead names comes before the one found so when {@code before} says so: the
     * subject of a release before its setting (aid before the disaster it answers, a drug seizure before the border
     * guards who made it, a peacekeeping exercise before the military cooperation it also is). Where {@code when}
     * lists phrases for a topic, its rules apply only when the headline or the lead names it by one of them: military
     * cooperation comes before counter-terrorism for the drills of armed forces, not for those of special services.
     */
    static int primaryIndex(
            List<String> chosen,
            List<Candidate> candidates,
            Set<String> general,
            Map<String, Set<String>> before,
            Map<String, Set<String>> when) {
        int primary = 0;
        for (int i = 0; i < chosen.size(); i++) {
            if (!general.contains(chosen.get(i)) && leads(chosen.get(i), candidates)) {
                primary = i;
                break;
            }
        }
        // At most as many steps as there are topics: the rules' order is a partial order, without cycles.
        for (int step = 0; step < chosen.size(); step++) {
            int next = primary;
            for (int i = 0; i < chosen.size(); i++) {
                if (i != primary
                        && before.getOrDefault(chosen.get(i), Set.of()).contains(chosen.get(primary))
                        && leads(chosen.get(i), candidates, when.get(chosen.get(i)))) {
                    next = i;
                    break;
                }
            }
            if (next == primary) {
                break;
            }
            primary = next;
        }
        return primary;
    }

    /**
     * Whether the release is relief in the member states' area (also for training): it names a member state and no
     * off-domain cue outside a sentence of aid or emergency ({@link #RELIEF_TOPICS}), and of the specific topics (not
     * {@code general}) humanitarian weighs most and the headline or the lead names it (aid flights after an earthquake, aid convoys to Afghanistan). The contract lists humanitarian
     * aid among its topics; every such release of the corpus is labelled in scope, and the scope model, fitted mostly
     * on security news, doubts those that name no organisation and no security word.
     */
    static boolean relief(Candidates c, Set<String> general) {
        if (c.scope()[SCOPE_MEMBER] <= 0 || c.offDomainApart() > 0) {
            return false;
        }
        Candidate top = null;
        for (Candidate t : c.topics()) {
            if (!general.contains(t.id()) && !t.evidence().isEmpty() && (top == null || t.weight() > top.weight())) {
                top = t;
            }
        }
        return top != null && top.id().equals("humanitarian") && leads(top.id(), c.topics());
    }

    private static boolean leads(String id, List<Candidate> candidates) {
        for (Candidate c : candidates) {
            if (c.id().equals(id) && (c.features()[TOPIC_TITLE] > 0 || c.features()[TOPIC_LEAD] > 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the headline or the lead names topic {@code id}, by one of {@code phrases} when they are given. */
    private static boolean leads(String id, List<Candidate> candidates, Set<String> phrases) {
        if (phrases == null) {
            return leads(id, candidates);
        }
        for (Candidate c : candidates) {
            if (c.id().equals(id) && c.upFront().stream().anyMatch(phrases::contains)) {
                return true;
            }
        }
        return false;
    }

    private static List<ScoredLabel> labels(
            List<Candidate> candidates, ClassifierModel.Regression r, double threshold, Map<String, Double> minimum) {
        List<ScoredLabel> out = new ArrayList<>();
        ScoredLabel best = null;
        for (Candidate c : candidates) {
            if (c.evidence().isEmpty()) {
                continue; // only contexts (a seat, an observer list): nothing to show for a label
            }
            double p = r.probability(c.id(), c.features());
            ScoredLabel l = new ScoredLabel(c.id(), round(p), c.weight(), c.evidence());
            if (p >= Math.max(threshold, minimum.getOrDefault(c.id(), 0.0))) {
                out.add(l);
            } else if (best == null || l.score() > best.score()) {
                best = l;
            }
        }
        if (out.isEmpty() && best != null) {
            out.add(best); // an in-scope release is about something: keep the likeliest label
        }
        out.sort(Comparator.comparingDouble(ScoredLabel::score)
                .reversed()
                .thenComparing(ScoredLabel::weight, Comparator.reverseOrder()));
        return out;
    }

    private static double round(double p) {
        return Math.round(p * 1000) / 1000.0;
    }

    private static double log1p(double v) {
        return Math.log1p(Math.max(0, v));
    }

    private List<Candidate> regionCandidates(
            Map<String, Acc> regions, Set<String> homeRegions, boolean orgWideCue, int hosts) {
        double max = 0;
        for (Acc a : regions.values()) {
            max = Math.max(max, a.weight);
        }
        List<Candidate> out = new ArrayList<>(regions.size());
        for (Map.Entry<String, Acc> e : regions.entrySet()) {
            Acc a = e.getValue();
            double[] f = {
                log1p(a.weight),
                max > 0 ? a.weight / max : 0,
                a.weight > 0 && a.weight == max ? 1 : 0,
                Math.min(3, a.kind("host")),
                log1p(a.kind("country") + a.kind("place") + a.kind("elsewhere") + a.kind("leader")),
                log1p(a.kind("adjective")),
                log1p(a.kind("listed")),
                log1p(a.kind("counterpart")),
                log1p(a.kind("accredited")),
                log1p(a.kind("seat")),
                log1p(a.kind("observer")),
                log1p(a.kind("phrase")),
                log1p(a.kind("organisation")),
                a.kind("organisation-wide") > 0 ? 1 : 0,
                log1p(a.kind("notthreat")),
                a.title ? 1 : 0,
                a.lead ? 1 : 0,
                a.early,
                log1p(a.sentences()),
                a.count == 0 ? 0 : (double) a.quoted / a.count,
                log1p(a.count),
                homeRegions.contains(e.getKey()) ? 1 : 0,
                orgWideCue ? 1 : 0,
                log1p(hosts - a.kind("host")),
                log1p(hosts),
                log1p(a.kind("locative")),
                log1p(a.kind("actor"))
            };
            out.add(new Candidate(e.getKey(), a.weight, f, List.copyOf(a.evidence), Set.of()));
        }
        return out;
    }

    private List<Candidate> topicCandidates(Map<String, Acc> topics) {
        double max = 0;
        for (Acc a : topics.values()) {
            max = Math.max(max, a.weight);
        }
        List<Candidate> out = new ArrayList<>(topics.size());
        for (Map.Entry<String, Acc> e : topics.entrySet()) {
            Acc a = e.getValue();
            double n = Math.max(1, a.count);
            int threats = a.kind("threat");
            double[] f = {
                log1p(a.weight),
                max > 0 ? a.weight / max : 0,
                a.weight > 0 && a.weight == max ? 1 : 0,
                log1p(a.count),
                log1p(a.distinctPhrases()),
                a.title ? 1 : 0,
                a.lead ? 1 : 0,
                a.early,
                log1p(a.sentences()),
                a.quoted / n,
                a.kind("enumeration") / n,
                a.kind("boilerplate") / n,
                a.kind("scenario") / n,
                threats > 0 ? 1 : 0,
                a.maxSingle,
                a.generic / n
            };
            // A threat country alone ("threats emanating from Afghanistan") supports a topic the text names but does
            // not name one: with no phrase of the topic's own there is nothing to label it by.
            boolean onlyImplied = threats == a.count;
            // Exercise words that name no kind, one of them beside a kind ("anti-terrorist exercises"), and little
            // else: the exercise of that kind (a drill of special services), no evidence of military cooperation.
            boolean onlyGeneric = a.generic > 0 && a.genericAny >= rules.genericOnly * a.count;
            out.add(new Candidate(
                    e.getKey(),
                    a.weight,
                    f,
                    onlyImplied || onlyGeneric ? List.of() : List.copyOf(a.evidence),
                    Set.copyOf(a.upFront)));
        }
        return out;
    }

    /** The scope model's features, and the off-domain cues outside a sentence of aid or emergency (for relief). */
    private record Scope(double[] features, int offDomainApart) {}

    /** What the release as a whole is about: security cues, organisations and member states against off-domain cues. */
    private Scope scopeFeatures(
            Extraction x,
            Tokens t,
            PhraseIndex.Found found,
            Layout layout,
            boolean titleIsReal,
            Map<String, Acc> regions,
            Map<String, Acc> topics,
            List<ScoredLabel.Evidence> evidence) {
        double topicMax = 0;
        double diplomacy = 0;
        int strongTopics = 0;
        for (Map.Entry<String, Acc> e : topics.entrySet()) {
            double w = e.getValue().weight;
            if (rules.relativeIgnores.contains(e.getKey())) {
                diplomacy += w;
            } else {
                topicMax = Math.max(topicMax, w);
                strongTopics += w >= rules.topicThreshold ? 1 : 0;
            }
        }
        double member = 0;
        double global = 0;
        for (Map.Entry<String, Acc> e : regions.entrySet()) {
            if (e.getKey().equals(rules.otherRegion)) {
                global += e.getValue().weight;
            } else {
                member += e.getValue().weight;
            }
        }
        int orgs = 0;
        boolean orgTitle = false;
        boolean orgLead = false;
        for (Mention m : x.mentions()) {
            if (m.kind() != Gazetteer.Kind.ORGANISATION || layout.inTitle(m.end()) && !titleIsReal) {
                continue;
            }
            orgs++;
            orgTitle |= layout.inTitle(m.end());
            orgLead |= layout.inLead(m.start());
            if (orgs <= 3) {
                evidence.add(new ScoredLabel.Evidence(m.surface(), m.start(), m.end(), "scope:organisation"));
            }
        }
        int security = 0;
        int off = 0;
        int offApart = 0;
        boolean securityTitle = false;
        boolean securityLead = false;
        boolean offTitle = false;
        boolean offLead = false;
        for (PhraseIndex.Match<ClassificationRules.ScopeCue> m : found.longestOf(rules.scopePhrases)) {
            int start = t.start(m.from());
            int end = t.end(m.to() - 1);
            boolean inTitle = layout.inTitle(end);
            if (inTitle && !titleIsReal) {
                continue;
            }
            boolean isOff = m.payload() == ClassificationRules.ScopeCue.OFF_DOMAIN;
            if (isOff) {
                off++;
                offTitle |= inTitle;
                offLead |= layout.inLead(start);
                offApart += disasterSentence(topics, t.sentence(m.from())) ? 0 : 1;
            } else {
                security++;
                securityTitle |= inTitle;
                securityLead |= layout.inLead(start);
            }
            if (evidence.size() < MAX_EVIDENCE) {
                evidence.add(new ScoredLabel.Evidence(
                        t.text().substring(start, end), start, end, isOff ? "scope:off-domain" : "scope:security"));
            }
        }
        int topicMatches = 0;
        for (Acc a : topics.values()) {
            topicMatches += a.count;
        }
        double[] features = {
            log1p(topicMax),
            log1p(diplomacy),
            log1p(strongTopics),
            log1p(member),
            log1p(global),
            log1p(orgs),
            orgTitle ? 1 : 0,
            orgLead ? 1 : 0,
            log1p(security),
            securityTitle ? 1 : 0,
            securityLead ? 1 : 0,
            log1p(off),
            offTitle ? 1 : 0,
            offLead ? 1 : 0,
            (double) off / (off + security + topicMatches + orgs + 1),
            Math.log1p(t.size()) / 10
        };
        return new Scope(features, offApart);
    }

    /** Whether aid or an emergency is named in sentence {@code s}: its weather words are then the disaster's. */
    private static boolean disasterSentence(Map<String, Acc> topics, int s) {
        for (String id : RELIEF_TOPICS) {
            Acc a = topics.get(id);
            if (a != null && a.weight > 0 && a.inSentence(s)) {
                return true;
            }
        }
        return false;
    }

    private String regionOf(String code) {
        String r = rules.countryRegion.get(code);
        if (r != null) {
            return r;
        }
        if (rules.threatCountries.contains(code)) {
            return rules.threatRegion;
        }
        return rules.otherRegion;
    }

    /** "Tashkent is hosting", "Tashkent will host", "Minsk is to host": the words between a venue and its verb. */
    private static final Set<String> AUXILIARIES = Set.of("is", "was", "will", "has", "had", "have", "to", "be", "are");

    private static final Set<String> TOWARDS = Set.of("to", "into", "toward", "towards", "к", "во");

    /** The match key of the word before a mention in its sentence, fillers ("the", "republic of") skipped; or null. */
    private String keyBefore(Tokens t, Mention m) {
        int j = indexBefore(t, m);
        return j < 0 ? null : t.key(j);
    }

    /** The token before a mention in its sentence, fillers skipped; or -1. */
    private int indexBefore(Tokens t, Mention m) {
        int j = m.from() - 1;
        int skipped = 0;
        while (j >= 0 && skipped < 4 && rules.fillers.contains(t.key(j))) {
            j--;
            skipped++;
        }
        return j < 0 || t.sentence(j) != m.sentence() ? -1 : j;
    }

    /**
     * A city where the headline or the lead puts the story ("В Алматы члены секретариата увидели...", "In Bishkek, the
     * ministers..."): the venue, even when the sentence names no event.
     */
    private boolean leadVenue(Tokens t, Mention m, EnumSet<Cue> cues, Layout layout) {
        if (m.kind() != Gazetteer.Kind.PLACE || !(layout.inTitle(m.end()) || layout.inLead(m.start()))) {
            return false;
        }
        int j = indexBefore(t, m);
        return j >= 0 && venueAfter(t, m, j, cues);
    }

    private boolean isHost(Tokens t, Mention m, EnumSet<Cue> cues, int i, List<Mention> places, boolean[] listed) {
        if (!cues.contains(Cue.EVENT) && !cues.contains(Cue.VISIT)) {
            return false;
        }
        if (hostsAfter(t, m, i, places)) {
            return true;
        }
        int first = i;
        // In a list ("in Kazakhstan, Kyrgyzstan and Tajikistan") the preposition stands before the first item, and may
        // stand before a count ("on the territory of six member states, namely Armenia, ...").
        while (listed[i]
                && first > 0
                && listed[first - 1]
                && places.get(first - 1).sentence() == m.sentence()
                && gapIsConjunction(
                        t, places.get(first - 1).to(), places.get(first).from())) {
            first--;
        }
        int j = places.get(first).from() - 1;
        int skipped = 0;
        boolean territory = false;
        while (j >= 0 && skipped < 8 && rules.fillers.contains(t.key(j))) {
            territory |= t.key(j).startsWith("territor");
            j--;
            skipped++;
        }
        if (j < 0 || t.sentence(j) != m.sentence()) {
            return false;
        }
        String k = t.key(j);
        if (rules.hostBefore.contains(k)) {
            return venueAfter(t, places.get(first), j, cues);
        }
        // "on" makes a venue only of a territory ("on the territory of six member states: Armenia, ..."), not of a
        // subject ("talks on Afghanistan").
        if (territory && k.equals("on")) {
            return true;
        }
        return cues.contains(Cue.VISIT) && (k.equals("to") || k.equals("visited"));
    }

    /**
     * Whether {@code m}, after the word at {@code preposition}, is where things happen: the word is a venue's ("in",
     * "в", "на"), and the place is not where something goes ("вербовали людей, чтобы отправлять их в Сирию"), unless a
     * visit goes there ("прибыл в Минск", as "came to Minsk").
     */
    private boolean venueAfter(Tokens t, Mention m, int preposition, EnumSet<Cue> cues) {
        return rules.hostBefore.contains(t.key(preposition))
                && (!towards(t, m, preposition) || cues.contains(Cue.VISIT));
    }

    /**
     * True when a Russian place after "в", "во" or "на" is in the accusative, the case of motion ("в Сирию", "в
     * Стамбул", "на Украину"), not the prepositional of a venue ("в Сирии", "в Стамбуле"). A declined name's
     * prepositional ends in a vowel or a plural's "-ах"/"-ях"; its accusative keeps the consonant of the nominative or
     * ends in "-у"/"-ю". Indeclinable names ("Баку", "Душанбе", "Алматы") are written so in the gazetteer and read as
     * venues. Only a name right after the preposition is governed by it: after a filler it stands in apposition, in
     * the nominative ("на полигоне Донгуз", "в городе Минск").
     */
    private boolean towards(Tokens t, Mention m, int preposition) {
        String p = t.key(preposition);
        if (preposition != m.from() - 1 || !p.equals("в") && !p.equals("во") && !p.equals("на")) {
            return false;
        }
        String w = t.lower(m.to() - 1);
        String surface = t.surface(m.to() - 1); // lower-casing may change a word's length: read its own last letter
        int n = w.length();
        if (n < 3
                || w.charAt(n - 1) < '\u0430'
                || w.charAt(n - 1) > '\u044F'
                || Character.isUpperCase(surface.charAt(surface.length() - 1))) {
            return false; // not Cyrillic, or an abbreviation ("в РФ", "в США"), which does not decline
        }
        char last = w.charAt(n - 1);
        if (last == 'у' || last == 'ю') {
            return !gazetteer.isPlaceWord(w);
        }
        if ("аеёиоуыэюя".indexOf(last) >= 0) {
            return false;
        }
        return !(last == 'х' && (w.charAt(n - 2) == 'а' || w.charAt(n - 2) == 'я'));
    }

    /**
     * The note Russian media must add to a banned organisation's name ("запрещенной в РФ", "запрещена на территории
     * России", "banned in Russia"): a legal formula, not a mention of the country.
     */
    private boolean bannedIn(Tokens t, Mention m) {
        int j = indexBefore(t, m);
        if (j < 1 || !rules.hostBefore.contains(t.key(j))) {
            return false;
        }
        String verb = t.lower(j - 1);
        return t.sentence(j - 1) == m.sentence()
                && (verb.startsWith("запрещ")
                        || verb.startsWith("banned")
                        || verb.startsWith("prohibited")
                        || verb.startsWith("outlawed"));
    }

    /**
     * A place that is the subject of a hosting verb: "Tashkent hosts regular RATS SCO meeting", "the Russian Federation
     * (Moscow and Khabarovsk) hosted an interagency meeting". The places joined to it ("Moscow and Khabarovsk"), a
     * filler ("city") and auxiliaries ("will", "is to") may stand between.
     */
    private boolean hostsAfter(Tokens t, Mention m, int i, List<Mention> places) {
        int j = m.to();
        for (int k = i + 1;
                k < places.size()
                        && places.get(k).sentence() == m.sentence()
                        && gapIsConjunction(t, j, places.get(k).from());
                k++) {
            j = places.get(k).to();
        }
        for (int skipped = 0;
                j < t.size() && skipped < 3 && (rules.fillers.contains(t.key(j)) || AUXILIARIES.contains(t.lower(j)));
                skipped++) {
            j++;
        }
        return j < t.size() && t.sentence(j) == m.sentence() && rules.hostAfter.contains(t.key(j));
    }

    /**
     * The state an envoy is accredited to: "Ambassador of Armenia to the Russian Federation", "Посол Армении в России",
     * "Permanent Representative of Belarus to the UN". The sending state counts; the receiving one is only the posting.
     */
    private boolean accredited(Tokens t, Mention m, int i, List<Mention> places, boolean[] envoyAt) {
        if (i == 0) {
            return false;
        }
        Mention sender = places.get(i - 1);
        if (sender.sentence() != m.sentence() || m.from() - sender.to() > 4) {
            return false;
        }
        boolean preposition = false;
        for (int j = sender.to(); j < m.from(); j++) {
            String k = t.key(j);
            if (rules.accreditedBefore.contains(k)) {
                preposition = true;
            } else if (!rules.fillers.contains(k)) {
                return false;
            }
        }
        if (!preposition) {
            return false;
        }
        // The envoy word stands shortly before the sending state ("Ambassador Extraordinary and Plenipotentiary of
        // ...").
        for (int j = Math.max(0, sender.from() - 7); j < sender.from(); j++) {
            if (envoyAt[j]) {
                return true;
            }
        }
        return false;
    }

    private static boolean counterpartBefore(boolean[] counterpartAt, int from, int previousPlaceEnd) {
        // "Ambassador of Kyrgyzstan to the Russian Federation": the cue belongs to the nearer country only.
        for (int j = Math.max(Math.max(0, from - 5), previousPlaceEnd); j < from; j++) {
            if (counterpartAt[j]) {
                return true;
            }
        }
        return false;
    }

    private boolean[] listedMentions(List<Mention> places, Tokens t) {
        boolean[] listed = new boolean[places.size()];
        int runStart = 0;
        for (int i = 1; i <= places.size(); i++) {
            boolean continues = i < places.size()
                    && places.get(i).sentence() == places.get(i - 1).sentence()
                    && gapIsConjunction(t, places.get(i - 1).to(), places.get(i).from());
            if (!continues) {
                if (i - runStart >= 3) {
                    for (int k = runStart; k < i; k++) {
                        listed[k] = true;
                    }
                }
                runStart = i;
            }
        }
        return listed;
    }

    private boolean gapIsConjunction(Tokens t, int from, int to) {
        if (to - from > 3) {
            return false;
        }
        for (int j = from; j < to; j++) {
            String k = t.key(j);
            if (!(k.equals("and")
                    || k.equals("и")
                    || k.equals("the")
                    || k.equals("of")
                    || k.equals("republic")
                    || k.equals("республик")
                    || k.equals("as")
                    || k.equals("well")
                    || k.equals("а")
                    || k.equals("также"))) {
                return false;
            }
        }
        return true;
    }

    /** The member organisation the release is mostly about: the top-level body with the most mentions. */
    private String homeOrganisation(Extraction x) {
        Map<String, Integer> counts = new HashMap<>();
        for (Extraction.OrgMention o : x.organisations()) {
            counts.merge(gazetteer.root(o.id()), o.count(), Integer::sum);
        }
        String best = null;
        int max = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Gazetteer.Org org = gazetteer.org(e.getKey());
            if (org != null && !org.members().isEmpty() && e.getValue() > max) {
                best = e.getKey();
                max = e.getValue();
            }
        }
        return best;
    }

    private void addOrganisations(
            Extraction x, Layout layout, boolean titleIsReal, String home, Map<String, Acc> regions) {
        int titleEnd = layout.titleEnd;
        if (rules.otherRegion == null) {
            return;
        }
        for (Mention m : x.mentions()) {
            if (m.kind() != Gazetteer.Kind.ORGANISATION) {
                continue;
            }
            String root = gazetteer.root(m.code());
            Gazetteer.Org org = gazetteer.org(root);
            boolean inTitle = m.end() <= titleEnd;
            if (org == null || (inTitle && !titleIsReal)) {
                continue;
            }
            // Relations with another organisation make a release global; some organisations are even when they are
            // the subject (globalAsHome).
            boolean counts = !root.equals(home) || globalAsHome.contains(root);
            if (!counts || org.globalWeight() <= 0) {
                continue;
            }
            double w = org.globalWeight() * (inTitle ? rules.regionWeight("titleFactor", 2.0) : 1);
            regions.computeIfAbsent(rules.otherRegion, k -> new Acc())
                    .add(layout, w, m.surface(), m.start(), m.end(), m.sentence(), "organisation:" + root);
        }
    }

    private Map<String, Acc> topics(
            Extraction x,
            Tokens t,
            PhraseIndex.Found found,
            Layout layout,
            boolean titleIsReal,
            Map<Integer, EnumSet<Cue>> sentenceCues,
            List<Mention> places) {
        int titleEnd = layout.titleEnd;
        List<PhraseIndex.Match<Weighted>> all = found.of(rules.topicPhrases);
        // Within one topic, overlapping phrases resolve to the longest ("humanitarian cooperation" blocks
        // "humanitarian").
        all.sort(Comparator.<PhraseIndex.Match<Weighted>>comparingInt(m -> m.to() - m.from())
                .reversed()
                .thenComparingInt(PhraseIndex.Match::from));
        Map<String, boolean[]> taken = new HashMap<>();
        List<PhraseIndex.Match<Weighted>> kept = new ArrayList<>();
        for (PhraseIndex.Match<Weighted> m : all) {
            boolean[] used = taken.computeIfAbsent(m.payload().label(), k -> new boolean[t.size()]);
            boolean free = true;
            for (int i = m.from(); i < m.to(); i++) {
                free &= !used[i];
            }
            if (free) {
                for (int i = m.from(); i < m.to(); i++) {
                    used[i] = true;
                }
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(PhraseIndex.Match::from));
        boolean[] enumerated = enumerated(kept, t);
        // A body named among those who attended ("representatives of the Regional Anti-Terrorist Structure took part")
        // is a participant in passing, as a listed country is: the tokens of organisations' names, looked up only
        // where a sentence says who attended.
        boolean attendance = false;
        for (EnumSet<Cue> c : sentenceCues.values()) {
            attendance |= c.contains(Cue.ATTENDANCE);
        }
        boolean[] inName = attendance ? organisationTokens(x, t.size()) : null;
        // Sentences that name the kind of an activity ("anti-terrorist", "peacekeeping"): an exercise word there is an
        // exercise of that kind, and the model weighs how much of a candidate's evidence is such words ("generic").
        Set<Integer> kindSentences = new HashSet<>();
        for (PhraseIndex.Match<Weighted> m : kept) {
            if (rules.activityKinds.contains(m.payload().label()) && m.payload().weight() > 0) {
                kindSentences.add(t.sentence(m.from()));
            }
        }
        Map<String, Acc> topics = new LinkedHashMap<>();
        for (int idx = 0; idx < kept.size(); idx++) {
            PhraseIndex.Match<Weighted> m = kept.get(idx);
            int start = t.start(m.from());
            int end = t.end(m.to() - 1);
            boolean inTitle = end <= titleEnd;
            if (inTitle && !titleIsReal) {
                continue;
            }
            String topic = m.payload().label();
            int s = t.sentence(m.from());
            EnumSet<Cue> cues = sentenceCues.getOrDefault(s, EnumSet.noneOf(Cue.class));
            double factor = 1.0;
            String rule = "topic";
            if (cues.contains(Cue.SCENARIO) && !rules.scenarioExempt.contains(topic)) {
                factor = Math.min(factor, rules.scenarioFactor);
                rule = "scenario";
            }
            if (enumerated[idx]) {
                factor = Math.min(factor, rules.enumerationFactor);
                rule = "enumeration";
            }
            if (cues.contains(Cue.BOILERPLATE)) {
                factor = Math.min(factor, rules.boilerplateFactor);
                rule = "boilerplate";
            }
            if (inName != null
                    && inName[m.from()]
                    && cues.contains(Cue.ATTENDANCE)
                    && factor > rules.attendanceFactor) {
                factor = rules.attendanceFactor;
                rule = "attendance";
            }
            double w = m.payload().weight() * factor * (inTitle ? 1 + rules.topicTitleBonus : 1);
            if (m.payload().weight() <= 0) {
                continue;
            }
            Acc acc = topics.computeIfAbsent(topic, k -> new Acc());
            if (rules.genericPhrases.contains(m.payload().phrase()) && !rules.activityKinds.contains(topic)) {
                acc.genericAny++;
                acc.generic += kindSentences.contains(s) ? 1 : 0;
            }
            acc.add(
                    layout,
                    w,
                    t.text().substring(start, end),
                    start,
                    end,
                    s,
                    rule + ":" + m.payload().phrase());
        }
        // A threat country named with a threat cue ("threats emanating from Afghanistan") implies its topics.
        Set<Integer> threatSentences = new HashSet<>();
        for (Mention m : places) {
            if (rules.threatCountries.contains(m.code())
                    && sentenceCues
                            .getOrDefault(m.sentence(), EnumSet.noneOf(Cue.class))
                            .contains(Cue.THREAT)
                    && threatSentences.add(m.sentence())) {
                for (Map.Entry<String, Double> e : rules.threatTopics.entrySet()) {
                    topics.computeIfAbsent(e.getKey(), k -> new Acc())
                            .add(
                                    layout,
                                    e.getValue(),
                                    m.surface(),
                                    m.start(),
                                    m.end(),
                                    m.sentence(),
                                    "threat:" + m.code());
                }
            }
        }
        return topics;
    }

    /**
     * Marks topic matches that stand in a list: a run of matches, each at most a few words from the next, naming at
     * least {@code enumeration.minTopics} different topics ("terrorism, drug trafficking, transnational crime and
     * illegal migration").
     */
    /** Which tokens of the release belong to an organisation's name. */
    private static boolean[] organisationTokens(Extraction x, int tokens) {
        boolean[] inName = new boolean[tokens];
        for (Mention m : x.mentions()) {
            if (m.kind() == Gazetteer.Kind.ORGANISATION) {
                java.util.Arrays.fill(inName, m.from(), m.to(), true);
            }
        }
        return inName;
    }

    private boolean[] enumerated(List<PhraseIndex.Match<Weighted>> kept, Tokens t) {
        boolean[] out = new boolean[kept.size()];
        int runStart = 0;
        for (int i = 1; i <= kept.size(); i++) {
            boolean continues = i < kept.size()
                    && t.sentence(kept.get(i).from())
                            == t.sentence(kept.get(i - 1).from())
                    && kept.get(i).from() - kept.get(i - 1).to() <= 3;
            if (!continues) {
                // The areas of a list are threats; diplomacy's words around them ("signed a protocol on
                // cooperation in combating...") are how the list is introduced, not one of its items.
                Set<String> distinct = new HashSet<>();
                for (int k = runStart; k < i; k++) {
                    if (kept.get(k).payload().weight() > 0
                            && !rules.relativeIgnores.contains(
                                    kept.get(k).payload().label())) {
                        distinct.add(kept.get(k).payload().label());
                    }
                }
                if (distinct.size() >= rules.enumerationMinTopics) {
                    for (int k = runStart; k < i; k++) {
                        out[k] = true;
                    }
                }
                runStart = i;
            }
        }
        return out;
    }
}
