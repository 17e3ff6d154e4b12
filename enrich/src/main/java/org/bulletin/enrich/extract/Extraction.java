package org.bulletin.enrich.extract;

import java.util.List;

/**
 * What extraction found in one release text (title + blank line + body).
 *
 * @param tokens        the tokenised text
 * @param mentions      gazetteer mentions (countries, adjectives, places, organisations), overlaps resolved
 * @param people        people with roles
 * @param organisations organisations with the forms they were written in
 * @param bodyStart     offset where the body starts in the text
 * @param datelineEnd   offset where a news-agency dateline at the start of the body ends (= bodyStart when none)
 */
public record Extraction(
        Tokens tokens,
        List<Mention> mentions,
        List<PeopleFinder.PersonName> people,
        List<OrgMention> organisations,
        int bodyStart,
        int datelineEnd) {

    /** One gazetteer mention with token and character spans and its sentence number. */
    public record Mention(
            Gazetteer.Kind kind,
            String code,
            String canonical,
            int from,
            int to,
            int start,
            int end,
            int sentence,
            String surface) {}

    /** An organisation with its canonical name and the distinct forms written. */
    public record OrgMention(String id, String name, List<String> mentions, int count) {}
}
