package org.bulletin.publish.store;

import java.time.LocalDate;
import java.util.List;

/** One story with its releases in time order, each with how it joined ({@code GET /v1/stories/{id}}). */
public record StoryDetail(StorySummary story, List<Member> releases) {

    /** A release of the story: when, where from, and the link enrich made (score and shared entities and terms). */
    public record Member(
            String id,
            String title,
            String language,
            String source,
            String url,
            LocalDate date,
            String duplicateOf,
            StoryLink link) {}

    /** How a release joined its story: its similarity, whether it opened the story, and what it shares with it. */
    public record StoryLink(double score, boolean opened, List<String> evidence) {}
}
