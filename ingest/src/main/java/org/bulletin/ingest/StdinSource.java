package org.bulletin.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Standard input ({@code bulletin ingest -}): the whole stream is one release, unless it is JSON (an object, an array
 * or JSON lines in the documented shape), in which case each object is one release.
 */
final class StdinSource {

    private final IngestPipeline pipeline;

    StdinSource(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    IngestCounts ingest(InputStream in, String sourceId, boolean force) throws IOException, InterruptedException {
        byte[] bytes = Bodies.readCapped(in, pipeline.maxBodyBytes());
        Tally tally = new Tally();
        Map<String, String> meta = Map.of("origin", "stdin");
        if (bytes.length <= pipeline.maxBodyBytes() && looksLikeJson(bytes)) {
            try {
                pipeline.submitJson(JsonReleases.parse(bytes, sourceId, "stdin"), sourceId, null, force, tally);
            } catch (JsonReleases.MalformedJsonException e) {
                pipeline.deadLetter(new Document(sourceId, null, RawRecords.JSON, bytes, meta), e.getMessage(), tally);
            }
        } else {
            pipeline.submit(new Document(sourceId, null, null, bytes, meta), force, tally);
        }
        tally.await();
        return tally.counts();
    }

    static boolean looksLikeJson(byte[] bytes) {
        RawRecords.Inspection i = RawRecords.inspect(bytes, null);
        return i.ok() && RawRecords.JSON.equals(i.contentType());
    }
}
