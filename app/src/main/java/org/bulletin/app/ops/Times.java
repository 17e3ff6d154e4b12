package org.bulletin.app.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the TIME arguments of the ops commands: an instant, a UTC date or date-time, or an age such as {@code 7d}. */
public final class Times {

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");

    private Times() {}

    /**
     * {@code 2025-03-14T10:00:00Z}, {@code 2025-03-14T10:00} (UTC), {@code 2025-03-14} (start of that UTC day), or an
     * age before {@code now}: {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}, or an ISO duration ({@code P7D}).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parse(String text, Instant now) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.startsWith("P") || t.startsWith("p")) {
                return now.minus(Duration.parse(t.toUpperCase(Locale.ROOT)));
            }
            Matcher m = AGE.matcher(t.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                };
                return now.minus(d);
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "cannot read time '" + text + "': use 2025-03-14T10:00:00Z, 2025-03-14,"
                            + " or an age like 30m, 12h, 7d, 2w",
                    e);
        }
    }
}
