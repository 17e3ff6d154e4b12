package org.bulletin.enrich.classify;

import java.util.List;

/**
 * The names of the features the rules compute for each decision, in the order of the value arrays: what the evidence
 * for a candidate label is (how much, of which kind, where: headline, lead, quote, list) and what a release as a whole
 * is about (security cues, organisations, off-domain cues). {@link ClassifierModel} weighs them; renaming one is a
 * model change (retrain).
 */
public final class Features {

    /** A region candidate: summed rule weight, mentions by context kind, position. */
    public static final List<String> REGION = List.of(
            "logw",
            "share",
            "top",
            "host",
            "country",
            "adjective",
            "listed",
            "counterpart",
            "accredited",
            "seat",
            "observer",
            "phrase",
            "org",
            "orgwide",
            "notthreat",
            "title",
            "lead",
            "early",
            "sentences",
            "quoted",
            "n",
            "homemember",
            "orgwidecue",
            "otherhost",
            "hosts",
            "locative",
            "actor");

    /** A topic candidate: summed phrase weight, how many distinct phrases, where, and how much sat in lists or scenarios. */
    public static final List<String> TOPIC = List.of(
            "logw",
            "share",
            "top",
            "n",
            "distinct",
            "title",
            "lead",
            "early",
            "sentences",
            "quoted",
            "enum",
            "boiler",
            "scenario",
            "threat",
            "maxsingle",
            "generic");

    /** The release as a whole: is it about security cooperation in the organisations' area at all. */
    public static final List<String> SCOPE = List.of(
            "topicmax",
            "diplomacy",
            "topics",
            "member",
            "globalw",
            "org",
            "orgtitle",
            "orglead",
            "security",
            "securitytitle",
            "securitylead",
            "offdomain",
            "offdomaintitle",
            "offdomainlead",
            "offshare",
            "words");

    private Features() {}
}
