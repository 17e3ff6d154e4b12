package org.bulletin.enrich;

import org.bulletin.schemas.Release;

/**
 * A release after dedup, with the near-duplicate signature record to publish when it is an original (null for a
 * duplicate). Lives only between two processors of one sub-topology, so it is never serialized.
 */
record Deduped(Release release, String signature) {

    boolean isOriginal() {
        return release.getDuplicateOf() == null;
    }
}
