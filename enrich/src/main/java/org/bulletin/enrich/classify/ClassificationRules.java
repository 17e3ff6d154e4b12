package org.bulletin.enrich.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bulletin.enrich.extract.PhraseIndex;

/**
 * The analyst-editable scope, region and topic rules ({@code rules/scope.yaml}, {@code rules/regions.yaml},
 * {@code rules/topics.yaml}) compiled into
 * phrase indexes once. Immutable and thread-safe. See the README.md beside the rule files for their format.
 */
public final class ClassificationRules {

    public static final String REGIONS_FILE = "rules/regions.yaml";
    public static final String TOPICS_FILE = "rules/topics.yaml";
    public static final String SCOPE_FILE = "rules/scope.yaml";

    /** What a scope phrase says about a release: it speaks of security, or of what feeds carry besides. */
    enum ScopeCue {
        SECURITY,
        OFF_DOMAIN
    }

    /** A weighted phrase of a label. */
    record Weighted(String label, double weight, String phrase) {}

    /** Which kind of context cue a phrase is. */
    enum Cue {
        EVENT,
        VISIT,
        COUNTERPART,
        OBSERVER,
        SECRETARIAT,
        ORGANISATION_WIDE,
        SCENARIO,
        BOILERPLATE,
        ATTENDANCE,
        THREAT,
        HOST_BEFORE,
        FILLER,
        ENVOY,
        THREAT_SOURCE,
        OTHER_EVENT
    }

    final double regionThreshold;
    final Map<String, Double> regionWeights = new HashMap<>();
    final Map<String, String> countryRegion = new HashMap<>();
    final Set<String> threatCountries = new HashSet<>();
    final String threatRegion;
    final String otherRegion;
    final PhraseIndex<Weighted> regionPhrases = new PhraseIndex<>();
    /** Member states' leaders by name (regions.yaml leaders): label = the state's ISO code. */
    final PhraseIndex<Weighted> leaders = new PhraseIndex<>();

    final PhraseIndex<Cue> cues = new PhraseIndex<>();
    final Set<String> hostBefore = new HashSet<>();
    final Set<String> hostAfter = new HashSet<>();
    final Set<String> fillers = new HashSet<>();
    final Set<String> accreditedBefore = new HashSet<>();
    final Set<String> institutions = new HashSet<>();
    final double substantiveCountry;
    /** Region -> the least probability the region needs over the model's threshold (regions.yaml minimum). */
    final Map<String, Double> regionMinimum = new HashMap<>();

    final double topicThreshold;
    /** The least probability a topic of a Latin-script (English) release needs (topics.yaml latinThreshold). */
    final double latinTopicThreshold;

    final double topicRelative;
    final Map<String, Double> topicThresholds = new HashMap<>();
    final Set<String> relativeIgnores = new HashSet<>();
    final double topicTitleBonus;
    final double scenarioFactor;
    final Set<String> scenarioExempt = new HashSet<>();
    final double boilerplateFactor;
    final double attendanceFactor;
    final double enumerationFactor;
    final int enumerationMinTopics;
    final PhraseIndex<Weighted> topicPhrases = new PhraseIndex<>();
    final Map<String, Double> threatTopics = new LinkedHashMap<>();
    /** Phrases that name an activity but not its kind (topics.yaml generic): an exercise may be anti-terrorist. */
    final Set<String> genericPhrases = new HashSet<>();
    /** The topics that name an activity's kind (topics.yaml kinds): a generic phrase in their sentence is theirs. */
    final Set<String> activityKinds = new HashSet<>();
    /** The share of a topic's evidence that, all generic and one beside a kind, leaves it none (genericOnly). */
    final double genericOnly;
    /** The least probability a topic needs to be put first over likelier ones (primaryMin). */
    final double primaryMin;
    /** The topic of an organisation's own news that names no topic (institutional.topic), null for none. */
    final String institutionalTopic;
    /** The least scope probability that news needs (institutional.minScope). */
    final double institutionalScope;
    /** Topic -> the topics it comes before as the primary one when both are chosen (topics.yaml primaryBefore). */
    final Map<String, Set<String>> primaryBefore = new HashMap<>();
    /** Topic -> the phrases of its own that must name it up front for its primaryBefore rules (topics.yaml primaryWhen). */
    final Map<String, Set<String>> primaryWhen = new HashMap<>();

    final List<String> topicOrder = new ArrayList<>();
    final List<String> regionOrder = new ArrayList<>();
    final PhraseIndex<ScopeCue> scopePhrases = new PhraseIndex<>();
    /** The four indexes above, searched in one pass over a release ({@link PhraseIndex#union}). */
    final PhraseIndex.Union phrases;

    private ClassificationRules(JsonNode regions, JsonNode topics, JsonNode scope) {
        scope.path("security").forEach(c -> scopePhrases.add(c.asText(), ScopeCue.SECURITY));
        scope.path("offDomain").forEach(c -> scopePhrases.add(c.asText(), ScopeCue.OFF_DOMAIN));
        regionThreshold = regions.path("threshold").asDouble(0.5);
        regions.path("weights")
                .fields()
                .forEachRemaining(
                        e -> regionWeights.put(e.getKey(), e.getValue().asDouble()));
        substantiveCountry = regions.path("substantiveCountry").asDouble(0.3);
        regions.path("minimum")
                .fields()
                .forEachRemaining(
                        e -> regionMinimum.put(e.getKey(), e.getValue().asDouble()));
        String threat = null;
        String other = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = regions.path("regions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            String id = r.getKey();
            JsonNode n = r.getValue();
            regionOrder.add(id);
            n.path("countries").forEach(c -> countryRegion.put(c.asText(), id));
            if (n.has("threatCountries")) {
                threat = id;
                n.path("threatCountries").forEach(c -> threatCountries.add(c.asText()));
            }
            if (n.path("otherCountries").asBoolean(false)) {
                other = id;
            }
            n.path("phrases")
                    .fields()
                    .forEachRemaining(p -> regionPhrases.add(
                            p.getKey(), new Weighted(id, p.getValue().asDouble(), p.getKey())));
        }
        threatRegion = threat;
        otherRegion = other;
        regions.path("leaders")
                .fields()
                .forEachRemaining(c -> c.getValue()
                        .forEach(name -> leaders.add(name.asText(), new Weighted(c.getKey(), 1.0, name.asText()))));
        JsonNode cueNode = regions.path("cues");
        addCues(cueNode.path("event"), Cue.EVENT);
        addCues(cueNode.path("visit"), Cue.VISIT);
        addCues(cueNode.path("counterpart"), Cue.COUNTERPART);
        addCues(cueNode.path("observer"), Cue.OBSERVER);
        addCues(cueNode.path("secretariat"), Cue.SECRETARIAT);
        addCues(cueNode.path("organisationWide"), Cue.ORGANISATION_WIDE);
        cueNode.path("hostBefore").forEach(c -> hostBefore.add(org.bulletin.enrich.extract.Tokens.keyOf(c.asText())));
        cueNode.path("hostAfter").forEach(c -> hostAfter.add(org.bulletin.enrich.extract.Tokens.keyOf(c.asText())));
        cueNode.path("fillers").forEach(c -> fillers.add(org.bulletin.enrich.extract.Tokens.keyOf(c.asText())));
        addCues(cueNode.path("envoy"), Cue.ENVOY);
        cueNode.path("accreditedBefore")
                .forEach(c -> accreditedBefore.add(org.bulletin.enrich.extract.Tokens.keyOf(c.asText())));
        cueNode.path("institutions")
                .forEach(c -> institutions.add(org.bulletin.enrich.extract.Tokens.keyOf(c.asText())));
        addCues(cueNode.path("threatSource"), Cue.THREAT_SOURCE);
        addCues(cueNode.path("otherEvent"), Cue.OTHER_EVENT);

        topicThreshold = topics.path("threshold").asDouble(0.8);
        topicRelative = topics.path("relative").asDouble(0.2);
        topics.path("relativeIgnores").forEach(n -> relativeIgnores.add(n.asText()));
        topics.path("thresholds")
                .fields()
                .forEachRemaining(
                        e -> topicThresholds.put(e.getKey(), e.getValue().asDouble()));
        topicTitleBonus = topics.path("titleBonus").asDouble(1.0);
        latinTopicThreshold = topics.path("latinThreshold").asDouble(0.0);
        JsonNode mod = topics.path("modifiers");
        scenarioFactor = mod.path("scenario").path("factor").asDouble(0.15);
        mod.path("scenario").path("exempt").forEach(c -> scenarioExempt.add(c.asText()));
        addCues(mod.path("scenario").path("cues"), Cue.SCENARIO);
        boilerplateFactor = mod.path("boilerplate").path("factor").asDouble(0.3);
        addCues(mod.path("boilerplate").path("cues"), Cue.BOILERPLATE);
        attendanceFactor = mod.path("attendance").path("factor").asDouble(1.0);
        addCues(mod.path("attendance").path("cues"), Cue.ATTENDANCE);
        enumerationFactor = mod.path("enumeration").path("factor").asDouble(0.35);
        enumerationMinTopics = mod.path("enumeration").path("minTopics").asInt(3);
        addCues(topics.path("threat").path("cues"), Cue.THREAT);
        topics.path("generic").forEach(n -> genericPhrases.add(n.asText()));
        topics.path("kinds").forEach(n -> activityKinds.add(n.asText()));
        genericOnly = topics.path("genericOnly").asDouble(2.0); // above 1: never
        primaryMin = topics.path("primaryMin").asDouble(0.0);
        institutionalTopic = topics.path("institutional").path("topic").asText(null);
        institutionalScope = topics.path("institutional").path("minScope").asDouble(2.0); // above 1: never
        putSets(topics.path("primaryBefore"), primaryBefore);
        putSets(topics.path("primaryWhen"), primaryWhen);
        topics.path("threat")
                .path("implies")
                .fields()
                .forEachRemaining(e -> threatTopics.put(e.getKey(), e.getValue().asDouble()));
        for (Iterator<Map.Entry<String, JsonNode>> it = topics.path("topics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> t = it.next();
            topicOrder.add(t.getKey());
            t.getValue()
                    .fields()
                    .forEachRemaining(p -> topicPhrases.add(
                            p.getKey(), new Weighted(t.getKey(), p.getValue().asDouble(), p.getKey())));
        }
        phrases = PhraseIndex.union(List.of(cues, regionPhrases, topicPhrases, scopePhrases, leaders));
    }

    /** Each key of {@code node} with its list of strings, as a set ({@code topic: [a, b]}). */
    private static void putSets(JsonNode node, Map<String, Set<String>> into) {
        node.fields().forEachRemaining(e -> {
            Set<String> values = new HashSet<>();
            e.getValue().forEach(o -> values.add(o.asText()));
            into.put(e.getKey(), Set.copyOf(values));
        });
    }

    private void addCues(JsonNode list, Cue cue) {
        list.forEach(c -> cues.add(c.asText(), cue));
    }

    /** Loads and compiles the rule files through {@code reader} (file name relative to the rules root -> bytes). */
    public static ClassificationRules load(Function<String, byte[]> reader) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            return new ClassificationRules(
                    yaml.readTree(reader.apply(REGIONS_FILE)),
                    yaml.readTree(reader.apply(TOPICS_FILE)),
                    yaml.readTree(reader.apply(SCOPE_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classification rules", e);
        }
    }

    /** Region ids in the order the rules declare them. */
    public List<String> regionIds() {
        return List.copyOf(regionOrder);
    }

    /** Topic ids in the order the rules declare them. */
    public List<String> topicIds() {
        return List.copyOf(topicOrder);
    }

    double regionWeight(String name, double fallback) {
        return regionWeights.getOrDefault(name, fallback);
    }
}
