package org.bulletin.publish.store;

import java.util.List;

/** One page of releases, and the cursor of the next page (null on the last page). */
public record ReleasePage(List<ReleaseSummary> items, String nextCursor) {}
