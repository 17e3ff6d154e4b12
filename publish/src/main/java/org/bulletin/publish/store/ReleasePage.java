package org.bulletin.publish.store;

import java.util.List;
import java.util.Map;

/** One page of releases as JSON-ready maps, and the cursor of the next page (null on the last page). */
public record ReleasePage(List<Map<String, Object>> items, String nextCursor) {
}
