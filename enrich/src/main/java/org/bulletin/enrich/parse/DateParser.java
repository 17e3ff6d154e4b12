package org.bulletin.enrich.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates in the forms CSTO/SCO/CIS/UN and news-agency releases use: "20.01.2022", "25 July 2024", "July 25, 2024",
 * "19 июля 2024 г.", dates glued to the following word ("02.06.2018Creating"), ISO, and relative forms ("on January 20,
 * this year", "вчера") resolved against a reference date. Stateless and thread-safe; never throws.
 */
public final class DateParser {

    /** A date found in text, with its character span. */
    public record DateMatch(int start, int end, LocalDate date, boolean relative) {}

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1),
            Map.entry("jan", 1),
            Map.entry("february", 2),
            Map.entry("feb", 2),
            Map.entry("march", 3),
            Map.entry("mar", 3),
            Map.entry("april", 4),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("june", 6),
            Map.entry("jun", 6),
            Map.entry("july", 7),
            Map.entry("jul", 7),
            Map.entry("august", 8),
            Map.entry("aug", 8),
            Map.entry("september", 9),
            Map.entry("sep", 9),
            Map.entry("sept", 9),
            Map.entry("october", 10),
            Map.entry("oct", 10),
            Map.entry("november", 11),
            Map.entry("nov", 11),
            Map.entry("december", 12),
            Map.entry("dec", 12),
            // Russian: genitive (used with a day number) and nominative (used with a year alone).
            Map.entry("января", 1),
            Map.entry("февраля", 2),
            Map.entry("марта", 3),
            Map.entry("апреля", 4),
            Map.entry("мая", 5),
            Map.entry("июня", 6),
            Map.entry("июля", 7),
            Map.entry("августа", 8),
            Map.entry("сентября", 9),
            Map.entry("октября", 10),
            Map.entry("ноября", 11),
            Map.entry("декабря", 12),
            Map.entry("январь", 1),
            Map.entry("февраль", 2),
            Map.entry("март", 3),
            Map.entry("апрель", 4),
            Map.entry("май", 5),
            Map.entry("июнь", 6),
            Map.entry("июль", 7),
            Map.entry("август", 8),
            Map.entry("сентябрь", 9),
            Map.entry("октябрь", 10),
            Map.entry("ноябрь", 11),
            Map.entry("декабрь", 12));

    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october|november"
            + "|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|января|февраля|марта|апреля|мая|июня|июля"
            + "|августа|сентября|октября|ноября|декабря)";
    private static final String THIS_YEAR =
            "(this\\s+year|of\\s+this\\s+year|этого\\s+года|текущего\\s+года|с\\.\\s?г\\.)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    // A cheap look-ahead (a short word, then a digit) so the case-insensitive month alternation is tried rarely.
    private static final String CHEAP_GUARD = "(?=\\p{L}{3,9}\\.?[\\s\\u00a0]+\\d)";

    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    // No word boundary after the year: sources glue the date to the next word ("02.06.2018Creating").
    private static final Pattern NUMERIC =
            Pattern.compile("(?<![\\d.])(\\d{1,2})[./](\\d{1,2})[./]((?:19|20)\\d{2})(?!\\d)");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s\\u00a0]+" + MONTH
                    + "\\.?,?[\\s\\u00a0]+((?:19|20)\\d{2})(?!\\d)(?:\\s*(?:г\\.|года|год))?",
            FLAGS);
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(?<!\\p{L})" + CHEAP_GUARD + MONTH
                    + "\\.?[\\s\\u00a0]+(\\d{1,2})(?:st|nd|rd|th)?,?[\\s\\u00a0]+((?:19|20)\\d{2})(?!\\d)",
            FLAGS);
    private static final Pattern MONTH_DAY_THIS_YEAR = Pattern.compile(
            "(?<!\\p{L})" + CHEAP_GUARD + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+" + THIS_YEAR, FLAGS);
    private static final Pattern DAY_MONTH_NO_YEAR = Pattern.compile(
            "(?<![\\p{L}\\d.])(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+" + MONTH + "(?![\\p{L}])(?:,?\\s+" + THIS_YEAR
                    + ")?",
            FLAGS);
    private static final Pattern MONTH_DAY_NO_YEAR = Pattern.compile(
            "(?<!\\p{L})(?:on|since|from|until|by)\\s+" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d])", FLAGS);
    /**
     * An English wire's dateline, "MOSCOW, October 16. /TASS/.": a month and day after a capitalised place and a comma,
     * with no year (a year after it is left to MONTH_DAY_YEAR). Case-sensitive outside the month, so "in Moscow,
     * October" prose is not taken for a dateline.
     */
    private static final Pattern DATELINE_MONTH_DAY = Pattern.compile("(?<=[\\p{Lu}/)]),[\\s\\u00a0]+(?iu:" + MONTH
            + ")\\.?[\\s\\u00a0]+(\\d{1,2})(?!\\d)(?![\\s\\u00a0]*,?[\\s\\u00a0]*(?:19|20)\\d{2})");
    // What may stand beside a date on a date-only line; compiled once (String.replaceAll compiles on every call).
    private static final Pattern DATE_PUNCTUATION = Pattern.compile("[\\d:|,.\\-–—/\\s]+");
    private static final Pattern DATE_WORDS = Pattern.compile("(?iu)(года|год|г|в|at|published|опубликовано)");
    private static final Pattern RELATIVE_DAY =
            Pattern.compile("(?<!\\p{L})(today|yesterday|сегодня|вчера)(?!\\p{L})", FLAGS);

    private DateParser() {}

    /** All dates in {@code text}, in text order, overlapping weaker matches dropped; relative ones need {@code reference}. */
    public static List<DateMatch> findAll(String text, LocalDate reference) {
        List<DateMatch> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        if (!hasDigit(text)) {
            // Every form but "today/yesterday" has a digit: skip the costly month-name scans on plain prose lines.
            if (reference != null) {
                relativeDays(out, text, reference);
            }
            return out;
        }
        // Both numeric forms start at the first digit of a digit run: try them only there, not at every offset.
        Matcher iso = windowed(ISO.matcher(text));
        Matcher numeric = windowed(NUMERIC.matcher(text));
        int len = text.length();
        // Where a month word must start for its window to hold a digit, gathered by this same pass: see monthWindows.
        Spans zones = new Spans();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                zones.add(Math.max(0, i - LONGEST_MONTH - AFTER_MONTH), Math.min(len, i + BEFORE_MONTH + 1));
            }
            if (c >= '0' && c <= '9' && (i == 0 || !Character.isDigit(text.charAt(i - 1)))) {
                int to = Math.min(len, i + 12);
                // Each regex is tried only where its first separator stands: "2024-", "5." or "25/" (most numbers
                // in a release are neither, and a failed regex attempt costs more than these checks).
                if (i + 4 < to
                        && digit(text, i + 1)
                        && digit(text, i + 2)
                        && digit(text, i + 3)
                        && text.charAt(i + 4) == '-') {
                    lookingAt(out, iso.region(i, to), 1, 2, 3);
                }
                if (i + 1 < to
                        && (dateSeparator(text.charAt(i + 1))
                                || digit(text, i + 1) && i + 2 < to && dateSeparator(text.charAt(i + 2)))) {
                    lookingAt(out, numeric.region(i, to), 3, 2, 1);
                }
            }
        }
        // The month-name patterns are costly to try at every offset; every match of theirs contains a month word, so
        // they run only in short windows around the month words found by one cheap scan (same matches, far less work).
        int[] windows = monthWindows(text, zones);
        if (windows.length == 0) {
            if (reference != null) {
                relativeDays(out, text, reference);
            }
            out.sort(Comparator.comparingInt(DateMatch::start));
            return out;
        }
        collectNamed(out, windowed(DAY_MONTH_YEAR.matcher(text)), windows, 1, 2, 3, null);
        collectNamed(out, windowed(MONTH_DAY_YEAR.matcher(text)), windows, 2, 1, 3, null);
        if (reference != null) {
            collectNamed(out, windowed(MONTH_DAY_THIS_YEAR.matcher(text)), windows, 2, 1, 0, reference);
            collectNamed(out, windowed(DAY_MONTH_NO_YEAR.matcher(text)), windows, 1, 2, 0, reference);
            collectNamed(out, windowed(MONTH_DAY_NO_YEAR.matcher(text)), windows, 2, 1, 0, reference);
            collectNamed(out, windowed(DATELINE_MONTH_DAY.matcher(text)), windows, 2, 1, 0, reference);
            relativeDays(out, text, reference);
        }
        out.sort(Comparator.comparingInt(DateMatch::start));
        return out;
    }

    private static final int BEFORE_MONTH = 24; // "25th of", "since", "on": the longest lead before a month word
    private static final int AFTER_MONTH = 48; // "25th, of this year", ", 2024 года"
    private static final int LONGEST_MONTH = 9; // "september", "сентября"

    private static boolean digit(String text, int i) {
        char c = text.charAt(i);
        return c >= '0' && c <= '9';
    }

    private static boolean dateSeparator(char c) {
        return c == '.' || c == '/';
    }

    private static Matcher windowed(Matcher m) {
        return m.useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** Character.isLetter, answered without a table lookup for ASCII and basic Cyrillic (most of every text). */
    private static boolean letter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return (c >= '\u0410' && c <= '\u044F') || Character.isLetter(c);
    }

    /**
     * Merged [start, end) windows around every month word of {@code text} whose window holds a digit, as a flat array.
     * Every month-name pattern holds the day's digits, so a window without one ("may be", "in March") is useless. A
     * month word of at most LONGEST_MONTH letters starting at s has the window [s - BEFORE_MONTH, s + length +
     * AFTER_MONTH), which holds a digit at d only if s lies in (d - LONGEST_MONTH - AFTER_MONTH, d + BEFORE_MONTH]: only
     * words starting in those {@code zones} are read. A release's prose is mostly far
     * from any digit, and reading every word of it for a month name was a twentieth of enriching it.
     */
    private static int[] monthWindows(String text, Spans zones) {
        Spans windows = new Spans();
        int len = text.length();
        int scanned = 0; // words starting before this offset have been read
        for (int z = 0; z < zones.n; z += 2) {
            int i = Math.max(scanned, zones.at[z]);
            int until = zones.at[z + 1];
            while (i > scanned && i < len && letter(text.charAt(i - 1)) && letter(text.charAt(i))) {
                i++; // inside a word that starts before the zone: too early to reach its digits
            }
            while (i < until) {
                if (!letter(text.charAt(i))) {
                    i++;
                    continue;
                }
                int s = i;
                while (i < len && letter(text.charAt(i))) {
                    i++;
                }
                int wl = i - s;
                if (wl >= 3 && wl <= LONGEST_MONTH && isMonthStart(text.charAt(s)) && isMonthWord(text, s, wl)) {
                    int from = Math.max(0, s - BEFORE_MONTH);
                    int to = Math.min(len, i + AFTER_MONTH);
                    if (hasDigit(text, from, to)) {
                        windows.add(from, to);
                    }
                }
            }
            scanned = Math.max(scanned, i);
        }
        return windows.toArray();
    }

    /** [start, end) spans added in order of their starts, overlapping ones merged, as a flat array. */
    private static final class Spans {
        private int[] at = new int[8];
        private int n;

        void add(int from, int to) {
            if (n > 0 && from <= at[n - 1]) {
                at[n - 1] = Math.max(at[n - 1], to);
                return;
            }
            if (n + 2 > at.length) {
                at = java.util.Arrays.copyOf(at, at.length * 2);
            }
            at[n++] = from;
            at[n++] = to;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(at, n);
        }
    }

    private static boolean hasDigit(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    // Month names grouped by length, so a word is compared only with the few names of its own length.
    private static final String[][] MONTHS_BY_LENGTH = new String[10][];
    private static final String MONTH_PREFIXES = "ja fe ma ap ju au se oc no de ян фе ма ап ию ав се ок но де";

    static {
        for (int len = 0; len < MONTHS_BY_LENGTH.length; len++) {
            final int l = len;
            MONTHS_BY_LENGTH[len] =
                    MONTHS.keySet().stream().filter(w -> w.length() == l).toArray(String[]::new);
        }
    }

    private static boolean isMonthWord(String text, int start, int length) {
        // Two letters settle most words ("and", "over") before any comparison.
        char a = Character.toLowerCase(text.charAt(start));
        char b = Character.toLowerCase(text.charAt(start + 1));
        boolean prefix = false;
        for (int k = 0; k + 1 < MONTH_PREFIXES.length() && !prefix; k += 3) {
            prefix = MONTH_PREFIXES.charAt(k) == a && MONTH_PREFIXES.charAt(k + 1) == b;
        }
        if (!prefix) {
            return false;
        }
        for (String w : MONTHS_BY_LENGTH[length]) {
            if (text.regionMatches(true, start, w, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMonthStart(char c) {
        return switch (c) {
            case 'j', 'f', 'm', 'a', 's', 'o', 'n', 'd', 'J', 'F', 'M', 'A', 'S', 'O', 'N', 'D' -> true;
            case 'я', 'ф', 'м', 'а', 'и', 'с', 'о', 'н', 'д', 'Я', 'Ф', 'М', 'А', 'И', 'С', 'О', 'Н', 'Д' -> true;
            default -> false;
        };
    }

    private static void relativeDays(List<DateMatch> out, String text, LocalDate reference) {
        // Cheap substring test first (lower case and all capitals); the case-insensitive regex runs only on a hit.
        if (!text.contains("oday")
                && !text.contains("ODAY")
                && !text.contains("esterday")
                && !text.contains("ESTERDAY")
                && !text.contains("егодня")
                && !text.contains("ЕГОДНЯ")
                && !text.contains("чера")
                && !text.contains("ЧЕРА")) {
            return;
        }
        Matcher m = RELATIVE_DAY.matcher(text);
        while (m.find()) {
            String w = m.group(1).toLowerCase(Locale.ROOT);
            LocalDate d = w.equals("today") || w.equals("сегодня") ? reference : reference.minusDays(1);
            add(out, new DateMatch(m.start(), m.end(), d, true));
        }
    }

    private static boolean hasDigit(String text) {
        return hasDigit(text, 0, text.length());
    }

    /** The first absolute (non-relative) date in {@code text}, or null. */
    public static LocalDate firstAbsolute(String text) {
        for (DateMatch m : findAll(text, null)) {
            return m.date();
        }
        return null;
    }

    /** True when {@code text} is nothing but a date (and maybe a time), like a date line under a headline. */
    public static boolean isDateOnly(String text) {
        if (text == null) {
            return false;
        }
        String t = text.strip();
        if (t.isEmpty() || t.length() > 40) {
            return false;
        }
        List<DateMatch> all = findAll(t, null);
        if (all.isEmpty()) {
            return false;
        }
        String around =
                t.substring(0, all.get(0).start()) + t.substring(all.get(0).end());
        String rest = DATE_WORDS
                .matcher(DATE_PUNCTUATION.matcher(around).replaceAll(""))
                .replaceAll("");
        return rest.isEmpty();
    }

    private static void lookingAt(List<DateMatch> out, Matcher m, int y, int mo, int d) {
        if (m.lookingAt()) {
            LocalDate date =
                    safeDate(Integer.parseInt(m.group(y)), Integer.parseInt(m.group(mo)), Integer.parseInt(m.group(d)));
            if (date != null) {
                add(out, new DateMatch(m.start(), m.end(), date, false));
            }
        }
    }

    private static void collectNamed(
            List<DateMatch> out,
            Matcher m,
            int[] windows,
            int dayGroup,
            int monthGroup,
            int yearGroup,
            LocalDate reference) {
        for (int w = 0; w < windows.length; w += 2) {
            m.region(windows[w], windows[w + 1]);
            collectNamed(out, m, dayGroup, monthGroup, yearGroup, reference);
        }
    }

    private static void collectNamed(
            List<DateMatch> out, Matcher m, int dayGroup, int monthGroup, int yearGroup, LocalDate reference) {
        while (m.find()) {
            Integer month = MONTHS.get(m.group(monthGroup).toLowerCase(Locale.ROOT));
            if (month == null) {
                continue;
            }
            int day = Integer.parseInt(m.group(dayGroup));
            LocalDate date;
            boolean relative = yearGroup == 0;
            if (relative) {
                date = safeDate(reference.getYear(), month, day);
                // "on 25 December" written on 3 January means last year's December.
                if (date != null && date.isAfter(reference.plusDays(62))) {
                    date = date.minusYears(1);
                }
            } else {
                date = safeDate(Integer.parseInt(m.group(yearGroup)), month, day);
            }
            if (date != null) {
                add(out, new DateMatch(m.start(), m.end(), date, relative));
            }
        }
    }

    private static void add(List<DateMatch> out, DateMatch candidate) {
        for (DateMatch existing : out) {
            if (candidate.start() < existing.end() && existing.start() < candidate.end()) {
                return; // stronger forms are collected first; the overlapping weaker one is the same date
            }
        }
        out.add(candidate);
    }

    private static LocalDate safeDate(int year, int month, int day) {
        if (year < 1990 || year > 2100) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // "31.02.2024" is not a date; the text simply has none there
        }
    }
}
