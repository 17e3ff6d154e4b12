package org.bulletin.publish.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;

/**
 * Keyset position in the newest-first order (sort date, stored at, release id), encoded as an opaque URL-safe
 * token so clients cannot depend on its shape.
 */
public record Cursor(LocalDate sortDate, Instant storedAt, String releaseId) {

    public String encode() {
        String raw = sortDate + "|" + storedAt.toEpochMilli() + "|" + releaseId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a token made by {@link #encode()}; throws IllegalArgumentException with a reason otherwise. */
    public static Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 3);
            if (parts.length != 3 || parts[2].isEmpty()) {
                throw new IllegalArgumentException("malformed cursor");
            }
            return new Cursor(LocalDate.parse(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cursor: " + token, e);
        }
    }
}
