package org.bulletin.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Bounded reads, so an endless or huge input costs at most the body limit in memory. */
final class Bodies {

    private Bodies() {}

    /**
     * Reads at most {@code limit + 1} bytes: a result longer than {@code limit} means "oversized" without buffering the
     * rest. Returns the bytes and the total length seen (the rest is drained and counted, up to 64x the limit).
     */
    static byte[] readCapped(InputStream in, int limit) throws IOException {
        byte[] head = in.readNBytes(limit + 1);
        if (head.length > limit) {
            // drain so a pipe writer is not blocked forever; stop counting far past the limit
            long skipped = 0;
            byte[] buf = new byte[64 * 1024];
            int n;
            while (skipped < 64L * limit && (n = in.read(buf)) > 0) {
                skipped += n;
            }
        }
        return head;
    }
}
