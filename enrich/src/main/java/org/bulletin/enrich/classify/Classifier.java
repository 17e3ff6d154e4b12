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
 * Assigns regions and topics by the rules of CLASSIFICATION.md. Each mention adds a weight that depends on its
 * context: the host of an event or a counterpart counts fully, a headline more, a passing adjective little, and a
 * dateline, the organisation's own secretariat seat, an observer list or a list of troop contributors nearly nothing.
 * A topic phrase counts less in an exercise scenario, in mandate boilerplate and in a quoted list of cooperation areas.
 * Labels whose summed weight passes the thresholds are kept; score = 1 - exp(-weight). Thread-safe.
 */
public final class Classifier {

    private final ClassificationRules rules;
    private final Gazetteer gazetteer;

    /** A classifier over compiled rules and the gazetteer the extraction used. */
    public Classifier(ClassificationRules rules, Gazetteer gazetteer) {
        this.rules = rules;
        this.gazetteer = gazetteer;
    }

    private static final class Acc {
        double weight;
        final List<ScoredLabel.Evidence> evidence = new ArrayList<>();

        void add(double w, String phrase, int start, int end, String rule) {
            if (w <= 0) {
                return;
            }
            weight += w;
            if (evidence.size() < 12) {
                evidence.add(new ScoredLabel.Evidence(phrase, start, end, rule));
            }
        }
    }

    /**
     * Classifies an extracted release.
     *
     * @param x            the extraction of title + "\n\n" + body
     * @param titleIsReal  false when the title was derived from the first sentence (so it must not count twice)
     */
    public Classification classify(Extraction x, boolean titleIsReal) {
        Tokens t = x.tokens();
        int sentences = t.size() == 0 ? 0 : t.sentence(t.size() - 1) + 1;
        Map<Integer, EnumSet<Cue>> sentenceCues = new HashMap<>();
        boolean[] counterpartAt = new boolean[t.size()];
        boolean[] envoyAt = new boolean[t.size()];
        boolean orgWide = false;
        boolean threatContext = false;
        for (PhraseIndex.Match<Cue> m : rules.cues.findAll(t)) {
            sentenceCues.computeIfAbsent(t.sentence(m.from()), k -> EnumSet.noneOf(Cue.class)).add(m.payload());
            if (m.payload() == Cue.COUNTERPART) {
                counterpartAt[m.from()] = true;
            }
            if (m.payload() == Cue.ENVOY) {
                envoyAt[m.from()] = true;
            }
            threatContext |= m.payload() == Cue.THREAT_SOURCE || m.payload() == Cue.THREAT;
            if (m.payload() == Cue.ORGANISATION_WIDE && t.start(m.from()) >= x.datelineEnd()) {
                orgWide = true;
            }
        }
        int titleEnd = x.bodyStart() - 2;
        Map<String, Acc> regions = new LinkedHashMap<>();
        Map<String, Acc> countryWeight = new LinkedHashMap<>();
        boolean anyHost = false;

        List<Mention> places = new ArrayList<>();
        for (Mention m : x.mentions()) {
            if (m.kind() == Gazetteer.Kind.COUNTRY || m.kind() == Gazetteer.Kind.ADJECTIVE || m.kind() == Gazetteer.Kind.PLACE) {
                places.add(m);
            }
        }
        boolean[] listed = listedMentions(places, t);
        String home = homeOrganisation(x);
        Set<String> homeSeats = home == null || gazetteer.org(home) == null ? Set.of() : gazetteer.org(home).seats();

        for (int i = 0; i < places.size(); i++) {
            Mention m = places.get(i);
            boolean inTitle = m.end() <= titleEnd;
            if (inTitle && !titleIsReal) {
                continue;
            }
            if (m.start() >= x.bodyStart() && m.end() <= x.datelineEnd()) {
                continue; // news-agency dateline: where the story was filed, not what it is about
            }
            EnumSet<Cue> cues = sentenceCues.getOrDefault(m.sentence(), EnumSet.noneOf(Cue.class));
            double w;
            String rule;
            boolean host = isHost(t, m, cues, i, places, listed);
            if (cues.contains(Cue.SECRETARIAT) && (homeSeats.contains(m.canonical()) || seatCountry(homeSeats, m))) {
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
            } else if (counterpartBefore(counterpartAt, m.from(), i == 0 ? -1 : places.get(i - 1).to())) {
                w = rules.regionWeight("counterpart", 0.7);
                rule = "counterpart";
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
            if (region != null) {
                regions.computeIfAbsent(region, k -> new Acc()).add(w, m.surface(), m.start(), m.end(), rule + ":" + m.code());
            }
            countryWeight.computeIfAbsent(m.code(), k -> new Acc()).add(w, m.surface(), m.start(), m.end(), rule);
        }

        for (PhraseIndex.Match<Weighted> m : rules.regionPhrases.findLongest(t)) {
            int start = t.start(m.from());
            int end = t.end(m.to() - 1);
            boolean inTitle = end <= titleEnd;
            if ((inTitle && !titleIsReal) || (start >= x.bodyStart() && end <= x.datelineEnd())) {
                continue;
            }
            double w = m.payload().weight() * (inTitle ? rules.regionWeight("titleFactor", 2.0) : 1);
            regions.computeIfAbsent(m.payload().label(), k -> new Acc())
                    .add(w, t.text().substring(start, end), start, end, "phrase:" + m.payload().phrase());
        }

        addOrganisations(x, t, titleEnd, titleIsReal, home, regions);

        if (orgWide && !anyHost && home != null && gazetteer.org(home) != null) {
            double w = rules.regionWeight("organisationWide", 0.6);
            for (String member : gazetteer.org(home).members()) {
                String region = regionOf(member);
                if (region != null && !regions.containsKey(region) || region != null && regions.get(region).weight < w) {
                    regions.computeIfAbsent(region, k -> new Acc()).add(w, home, 0, 0, "organisation-wide:" + home);
                }
            }
        }

        List<ScoredLabel> regionLabels = finish(regions, rules.regionThreshold, 0);
        List<String> countries = new ArrayList<>();
        for (Map.Entry<String, Acc> c : countryWeight.entrySet()) {
            if (c.getValue().weight >= rules.substantiveCountry) {
                countries.add(c.getKey());
            }
        }
        List<ScoredLabel> topics = topics(x, t, titleEnd, titleIsReal, sentenceCues, places, sentences);
        return new Classification(regionLabels, topics, List.copyOf(countries));
    }

    private boolean seatCountry(Set<String> seats, Mention m) {
        return false; // a seat names a city; the country of the seat still counts when named on its own
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

    private boolean isHost(Tokens t, Mention m, EnumSet<Cue> cues, int i, List<Mention> places, boolean[] listed) {
        if (!cues.contains(Cue.EVENT) && !cues.contains(Cue.VISIT)) {
            return false;
        }
        int first = i;
        // In a list ("in Kazakhstan, Kyrgyzstan and Tajikistan") the preposition stands before the first item.
        while (listed[i] && first > 0 && listed[first - 1] && places.get(first - 1).sentence() == m.sentence()
                && gapIsConjunction(t, places.get(first - 1).to(), places.get(first).from())) {
            first--;
        }
        int j = places.get(first).from() - 1;
        int skipped = 0;
        while (j >= 0 && skipped < 4 && rules.fillers.contains(t.key(j))) {
            j--;
            skipped++;
        }
        if (j < 0 || t.sentence(j) != m.sentence()) {
            return false;
        }
        String k = t.key(j);
        if (rules.hostBefore.contains(k)) {
            return true;
        }
        return cues.contains(Cue.VISIT) && (k.equals("to") || k.equals("visited"));
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
        // The envoy word stands shortly before the sending state ("Ambassador Extraordinary and Plenipotentiary of ...").
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
            if (!(k.equals("and") || k.equals("и") || k.equals("the") || k.equals("of") || k.equals("republic")
                    || k.equals("республик") || k.equals("as") || k.equals("well") || k.equals("а") || k.equals("также"))) {
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

    private void addOrganisations(Extraction x, Tokens t, int titleEnd, boolean titleIsReal, String home, Map<String, Acc> regions) {
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
            // Relations with another organisation make a release global; the UN is global even when it is the subject.
            boolean counts = !root.equals(home) || org.members().isEmpty();
            if (!counts || org.globalWeight() <= 0) {
                continue;
            }
            double w = org.globalWeight() * (inTitle ? rules.regionWeight("titleFactor", 2.0) : 1);
            regions.computeIfAbsent(rules.otherRegion, k -> new Acc()).add(w, m.surface(), m.start(), m.end(), "organisation:" + root);
        }
    }

    private List<ScoredLabel> topics(Extraction x, Tokens t, int titleEnd, boolean titleIsReal,
                                     Map<Integer, EnumSet<Cue>> sentenceCues, List<Mention> places, int sentences) {
        List<PhraseIndex.Match<Weighted>> all = rules.topicPhrases.findAll(t);
        // Within one topic, overlapping phrases resolve to the longest ("humanitarian cooperation" blocks "humanitarian").
        all.sort(Comparator.<PhraseIndex.Match<Weighted>>comparingInt(m -> m.to() - m.from()).reversed().thenComparingInt(PhraseIndex.Match::from));
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
            double w = m.payload().weight() * factor * (inTitle ? 1 + rules.topicTitleBonus : 1);
            if (m.payload().weight() <= 0) {
                continue;
            }
            topics.computeIfAbsent(topic, k -> new Acc()).add(w, t.text().substring(start, end), start, end,
                    rule + ":" + m.payload().phrase());
        }
        // A threat country named with a threat cue ("threats emanating from Afghanistan") implies its topics.
        Set<Integer> threatSentences = new HashSet<>();
        for (Mention m : places) {
            if (rules.threatCountries.contains(m.code()) && sentenceCues.getOrDefault(m.sentence(), EnumSet.noneOf(Cue.class)).contains(Cue.THREAT)
                    && threatSentences.add(m.sentence())) {
                for (Map.Entry<String, Double> e : rules.threatTopics.entrySet()) {
                    topics.computeIfAbsent(e.getKey(), k -> new Acc()).add(e.getValue(), m.surface(), m.start(), m.end(), "threat:" + m.code());
                }
            }
        }
        return finishTopics(topics);
    }

    /**
     * Marks topic matches that stand in a list: a run of matches, each at most a few words from the next, naming at
     * least {@code enumeration.minTopics} different topics ("terrorism, drug trafficking, transnational crime and
     * illegal migration").
     */
    private boolean[] enumerated(List<PhraseIndex.Match<Weighted>> kept, Tokens t) {
        boolean[] out = new boolean[kept.size()];
        int runStart = 0;
        for (int i = 1; i <= kept.size(); i++) {
            boolean continues = i < kept.size()
                    && t.sentence(kept.get(i).from()) == t.sentence(kept.get(i - 1).from())
                    && kept.get(i).from() - kept.get(i - 1).to() <= 3;
            if (!continues) {
                Set<String> distinct = new HashSet<>();
                for (int k = runStart; k < i; k++) {
                    if (kept.get(k).payload().weight() > 0) {
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

    private List<ScoredLabel> finishTopics(Map<String, Acc> acc) {
        double max = 0;
        for (Map.Entry<String, Acc> e : acc.entrySet()) {
            // Diplomacy cues pile up in every long release; they must not push the substantive topics out.
            if (!rules.relativeIgnores.contains(e.getKey())) {
                max = Math.max(max, e.getValue().weight);
            }
        }
        List<ScoredLabel> out = new ArrayList<>();
        for (Map.Entry<String, Acc> e : acc.entrySet()) {
            double w = e.getValue().weight;
            double threshold = rules.topicThresholds.getOrDefault(e.getKey(), rules.topicThreshold);
            if (w >= threshold && w >= rules.topicRelative * max) {
                double score = Math.round((1 - Math.exp(-w)) * 1000) / 1000.0;
                out.add(new ScoredLabel(e.getKey(), score, w, List.copyOf(e.getValue().evidence)));
            }
        }
        out.sort(Comparator.comparingDouble(ScoredLabel::weight).reversed());
        return out;
    }

    private static List<ScoredLabel> finish(Map<String, Acc> acc, double threshold, double relative) {
        double max = 0;
        for (Acc a : acc.values()) {
            max = Math.max(max, a.weight);
        }
        List<ScoredLabel> out = new ArrayList<>();
        for (Map.Entry<String, Acc> e : acc.entrySet()) {
            double w = e.getValue().weight;
            if (w >= threshold && w >= relative * max) {
                double score = Math.round((1 - Math.exp(-w)) * 1000) / 1000.0;
                out.add(new ScoredLabel(e.getKey(), score, w, List.copyOf(e.getValue().evidence)));
            }
        }
        out.sort(Comparator.comparingDouble(ScoredLabel::weight).reversed());
        return out;
    }
}
