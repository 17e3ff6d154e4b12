package org.bulletin.enrich;

import org.bulletin.schemas.Release;

/** Either a parsed release or the raw bytes of a record that goes to the dead-letter topic. Never serialized. */
record ParseOutcome(Release release, byte[] rawBytes) {

    static ParseOutcome ok(Release release) {
        return new ParseOutcome(release, null);
    }

    static ParseOutcome dead(byte[] rawBytes) {
        return new ParseOutcome(null, rawBytes == null ? new byte[0] : rawBytes);
    }

    boolean isDeadLetter() {
        return release == null;
    }
}
