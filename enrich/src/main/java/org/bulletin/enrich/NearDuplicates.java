package org.bulletin.enrich;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.bulletin.enrich.dedup.DedupKeys;

/**
 * The near-duplicate index: for every original release, its MinHash signature and its LSH band keys, kept in a
 * global store fed by the signatures topic, so every enrich task sees every release whatever partition its dedup key
 * hashed to. Keys: {@code b:<band>} -> {@code <timestamp>|<releaseId>} (the first original with that band) and
 * {@code s:<releaseId>} -> the signature.
 */
final class NearDuplicates {

    /** The signature record of one original: key releaseId, value "timestamp\nband,band,...\nhash,hash,...". */
    record Signature(long timestamp, List<String> bands, long[] minHash) {

        String encode() {
            StringBuilder sb = new StringBuilder()
                    .append(timestamp)
                    .append('\n')
                    .append(String.join(",", bands))
                    .append('\n');
            for (int i = 0; i < minHash.length; i++) {
                sb.append(i == 0 ? "" : ",").append(Long.toHexString(minHash[i]));
            }
            return sb.toString();
        }

        static Signature decode(String value) {
            String[] parts = value.split("\n", -1);
            String[] hashes = parts[2].split(",");
            long[] sig = new long[hashes.length];
            for (int i = 0; i < hashes.length; i++) {
                sig[i] = Long.parseUnsignedLong(hashes[i], 16);
            }
            return new Signature(Long.parseLong(parts[0]), List.of(parts[1].split(",")), sig);
        }
    }

    private NearDuplicates() {}

    static Signature signatureOf(String text, long timestamp) {
        long[] minHash = DedupKeys.minHash(text);
        return new Signature(timestamp, DedupKeys.lshBands(minHash), minHash);
    }

    /**
     * The earliest indexed original, other than {@code releaseId}, seen at most {@code windowMs} before
     * {@code signature}'s timestamp and at least {@link DedupKeys#NEAR_DUPLICATE_THRESHOLD} similar; null if none.
     */
    static String findOriginal(
            ReadOnlyKeyValueStore<String, String> index, String releaseId, Signature signature, long windowMs) {
        List<String> checked = new ArrayList<>();
        String best = null;
        long bestTime = Long.MAX_VALUE;
        for (String band : signature.bands()) {
            String hit = index.get("b:" + band);
            if (hit == null) {
                continue;
            }
            int bar = hit.indexOf('|');
            long seenAt = Long.parseLong(hit.substring(0, bar));
            String candidate = hit.substring(bar + 1);
            if (candidate.equals(releaseId)
                    || checked.contains(candidate)
                    || signature.timestamp() - seenAt > windowMs) {
                continue;
            }
            checked.add(candidate);
            String stored = index.get("s:" + candidate);
            if (stored != null
                    && seenAt < bestTime
                    && DedupKeys.similarity(
                                    signature.minHash(),
                                    Signature.decode(stored).minHash())
                            >= DedupKeys.NEAR_DUPLICATE_THRESHOLD) {
                best = candidate;
                bestTime = seenAt;
            }
        }
        return best;
    }

    /** Indexes one original's signature; a band keeps its first original unless that one fell out of the window. */
    static void index(KeyValueStore<String, String> index, String releaseId, Signature signature, long windowMs) {
        index.put("s:" + releaseId, signature.encode());
        for (String band : signature.bands()) {
            String key = "b:" + band;
            String hit = index.get(key);
            if (hit == null || signature.timestamp() - Long.parseLong(hit.substring(0, hit.indexOf('|'))) > windowMs) {
                index.put(key, signature.timestamp() + "|" + releaseId);
            }
        }
    }
}
