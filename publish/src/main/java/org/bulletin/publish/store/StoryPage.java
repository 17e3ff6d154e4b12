package org.bulletin.publish.store;

import java.util.List;

/** A page of stories, latest first, and the cursor of the next page (null on the last). */
public record StoryPage(List<StorySummary> items, String nextCursor) {}
