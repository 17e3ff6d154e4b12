package org.bulletin.enrich;

import org.bulletin.schemas.Label;
import org.bulletin.schemas.Release;

/** Which routed topics a release belongs on. */
final class Routing {

    private Routing() {}

    static boolean hasRegion(Release release, String region) {
        for (Label label : release.getRegions()) {
            if (label.getId().equals(region)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasTopic(Release release, String topic) {
        for (Label label : release.getTopics()) {
            if (label.getId().equals(topic)) {
                return true;
            }
        }
        return false;
    }
}
