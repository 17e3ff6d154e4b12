package org.bulletin.publish.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks an {@code Authorization: Bearer ...} header against a configured token in constant time, as ingest's push
 * endpoint does: digests of equal length compared without an early exit, so neither the token's content nor its length
 * leaks through timing. Thread-safe.
 */
final class BearerToken {

    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    static BearerToken of(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("token must not be empty");
        }
        // Not stripped: the push endpoint compares the configured token as it is, and so must this.
        return new BearerToken(sha256(token));
    }

    boolean matches(String authorizationHeader) {
        String h = authorizationHeader;
        if (h == null || h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(sha256(h.substring(7).strip()), digest);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
