package org.bulletin.enrich.parse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts cleaned text into releases. A raw scrape often runs several releases together: they are separated by two or
 * more blank lines, or a new one starts at a headline (a short line without closing punctuation) that follows body
 * text. A headline repeated with a date appended is the title plus its date, a signature line belongs to the release
 * before it, and navigation lines are dropped. Stateless and thread-safe; never throws on any string.
 */
public final class ReleaseSplitter {

    private static final Pattern SPACES = Pattern.compile("[\\t\\x0B\\f\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200b-\\u200d\\u2060\\ufeff\\u00ad\\x00-\\x08\\x0e-\\x1f\\x7f]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])[\"»”)]*\\s+(?=[\"«“(]*[\\p{Lu}\\d])");
    private static final Pattern MULTI_SPACE = Pattern.compile(" {2,}");
    private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\s,|–—-]+$");
    private static final Pattern NOT_WORD_CHARS = Pattern.compile("[^\\p{L}\\d]+");
    private static final int MIN_BODY_WORDS_BEFORE_HEADLINE = 12;
    private static final int MAX_TITLE_CHARS = 200;

    private enum Kind { TEXT, HEADLINE, DATE, SIGNATURE }

    private record Unit(Kind kind, String text, LocalDate date, int blankBefore) {}

    private static final class Segment {
        String title;
        LocalDate date;
        final List<String> body = new ArrayList<>();
        int bodyWords;
        String signature;

        boolean hasBody() {
            return bodyWords >= MIN_BODY_WORDS_BEFORE_HEADLINE;
        }
    }

    private ReleaseSplitter() {
    }

    /** Splits a plain-text scrape into its releases. */
    public static List<ParsedRelease> split(String text) {
        return build(units(text), false, null, null);
    }

    /** Treats the text as one release (an HTML page), with an optional known title and date. */
    public static List<ParsedRelease> single(String text, String knownTitle, LocalDate knownDate) {
        return build(units(text), true, knownTitle, knownDate);
    }

    private static List<Unit> units(String text) {
        List<Unit> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (hasOddSpaceOrInvisible(normalised)) {
            normalised = INVISIBLE.matcher(SPACES.matcher(normalised).replaceAll(" ")).replaceAll("");
        }
        int blank = 0;
        String pending = null;
        int pendingBlank = 0;
        for (String raw : normalised.split("\n", -1)) {
            String line = collapseSpaces(Chrome.stripGlued(raw).strip());
            if (line.isEmpty()) {
                if (pending != null) {
                    out.add(unit(pending, pendingBlank));
                    pending = null;
                }
                blank++;
                continue;
            }
            if (Chrome.isNavigation(line)) {
                if (pending != null) {
                    out.add(unit(pending, pendingBlank));
                    pending = null;
                }
                blank = Math.max(blank, 1); // navigation separates what surrounds it like a blank line
                continue;
            }
            // Hard-wrapped lines: a line not closing its sentence, followed by one starting in lower case, continue it.
            if (pending != null && blank == 0 && !endsSentence(pending) && Character.isLowerCase(line.charAt(0))) {
                pending = pending + " " + line;
                continue;
            }
            if (pending != null) {
                out.add(unit(pending, pendingBlank));
            }
            pending = line;
            pendingBlank = blank;
            blank = 0;
        }
        if (pending != null) {
            out.add(unit(pending, pendingBlank));
        }
        return out;
    }

    private static Unit unit(String line, int blankBefore) {
        if (DateParser.isDateOnly(line)) {
            return new Unit(Kind.DATE, line, DateParser.firstAbsolute(line), blankBefore);
        }
        if (Chrome.isSignature(line)) {
            return new Unit(Kind.SIGNATURE, line, null, blankBefore);
        }
        // Only a line ending in a date can be "headline + date"; skip the date scan for ordinary sentences.
        List<DateParser.DateMatch> dates = Character.isDigit(line.charAt(line.length() - 1)) || line.endsWith("г.")
                || line.endsWith("года") ? DateParser.findAll(line, null) : List.of();
        if (!dates.isEmpty()) {
            DateParser.DateMatch last = dates.get(dates.size() - 1);
            if (last.end() >= line.length() - 1 && last.start() > 10) {
                String head = TRAILING_SEPARATORS.matcher(line.substring(0, last.start()).strip()).replaceAll("");
                if (isHeadline(head)) {
                    return new Unit(Kind.HEADLINE, head, last.date(), blankBefore);
                }
            }
        }
        return new Unit(isHeadline(line) ? Kind.HEADLINE : Kind.TEXT, line, null, blankBefore);
    }

    private static boolean isHeadline(String line) {
        int len = line.length();
        if (len < 15 || len > 250 || endsSentence(line)) {
            return false;
        }
        char first = line.charAt(0);
        if (!Character.isUpperCase(first) && !Character.isDigit(first) && first != '"' && first != '«' && first != '“') {
            return false;
        }
        int words = wordCount(line);
        return words >= 3 && words <= 40;
    }

    private static boolean endsSentence(String line) {
        char last = line.charAt(line.length() - 1);
        return ".!?;:…".indexOf(last) >= 0
                || ("\"»”)".indexOf(last) >= 0 && line.length() > 1 && ".!?…".indexOf(line.charAt(line.length() - 2)) >= 0);
    }

    private static List<ParsedRelease> build(List<Unit> units, boolean single, String knownTitle, LocalDate knownDate) {
        List<Segment> segments = new ArrayList<>();
        Segment cur = new Segment();
        cur.title = knownTitle == null || knownTitle.isBlank() ? null : knownTitle.strip();
        cur.date = knownDate;
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            if (!single && cur.hasBody() && startsNewRelease(u, units, i)) {
                segments.add(cur);
                cur = new Segment();
            }
            switch (u.kind()) {
                case DATE -> {
                    if (cur.date == null) {
                        cur.date = u.date();
                    }
                }
                case SIGNATURE -> cur.signature = u.text();
                case HEADLINE -> {
                    if (cur.body.isEmpty() && (cur.title == null || sameHeadline(cur.title, u.text()))) {
                        if (cur.title == null) {
                            cur.title = u.text();
                        }
                        if (cur.date == null) {
                            cur.date = u.date();
                        }
                    } else {
                        addBody(cur, u.date() == null ? u.text() : u.text());
                    }
                }
                default -> addBody(cur, u.text());
            }
        }
        segments.add(cur);
        List<ParsedRelease> out = new ArrayList<>();
        for (Segment s : segments) {
            ParsedRelease r = finish(s);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean startsNewRelease(Unit u, List<Unit> units, int i) {
        if (u.kind() == Kind.SIGNATURE) {
            return false;
        }
        if (u.blankBefore() >= 2) {
            return true;
        }
        boolean followed = i + 1 < units.size() && units.get(i + 1).kind() != Kind.SIGNATURE;
        if (u.kind() == Kind.HEADLINE) {
            return followed;
        }
        // A date line opening a new item in a news list: "20.01.2022" then headline or text.
        return u.kind() == Kind.DATE && u.blankBefore() >= 1 && followed;
    }

    /** True when the text holds a character SPACES or INVISIBLE would replace: most texts have none, so skip both. */
    private static boolean hasOddSpaceOrInvisible(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\n' : c == 0x7f || c == 0xa0 || c == 0xad || (c >= 0x2000 && c <= 0x200d) || c == 0x202f
                    || c == 0x205f || c == 0x2060 || c == 0x3000 || c == 0xfeff) {
                return true;
            }
        }
        return false;
    }

    private static String collapseSpaces(String line) {
        return line.contains("  ") ? MULTI_SPACE.matcher(line).replaceAll(" ") : line;
    }

    /** Same count as {@code text.split("\\s+").length}, without a regex: whitespace-separated runs, a leading gap counted. */
    static int wordCount(String text) {
        int n = 0;
        boolean inWord = false;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            boolean ws = Character.isWhitespace(text.charAt(i));
            if (!ws && !inWord) {
                n++;
            }
            inWord = !ws;
        }
        if (len > 0 && Character.isWhitespace(text.charAt(0))) {
            n++; // split keeps a leading empty string
        }
        return n == 0 && len == 0 ? 1 : Math.max(n, 1);
    }

    private static void addBody(Segment s, String text) {
        s.body.add(text);
        s.bodyWords += wordCount(text);
    }

    private static boolean sameHeadline(String a, String b) {
        String x = NOT_WORD_CHARS.matcher(a.toLowerCase(Locale.ROOT)).replaceAll("");
        String y = NOT_WORD_CHARS.matcher(b.toLowerCase(Locale.ROOT)).replaceAll("");
        return x.equals(y) || (x.length() > 20 && (x.startsWith(y) || y.startsWith(x)));
    }

    private static ParsedRelease finish(Segment s) {
        List<String> body = new ArrayList<>(s.body);
        if (s.title != null && !body.isEmpty() && sameHeadline(s.title, body.get(0))) {
            body.remove(0);
        }
        int words = (s.title == null ? 0 : wordCount(s.title)) + s.bodyWords;
        if (words < 5) {
            return null;
        }
        if (body.isEmpty()) {
            body.add(s.title);
        }
        String title = s.title;
        boolean derived = false;
        if (title == null) {
            title = firstSentence(body.get(0));
            derived = true;
        }
        LocalDate date = s.date;
        if (date == null) {
            String lede = body.get(0);
            for (DateParser.DateMatch m : DateParser.findAll(lede.length() > 400 ? lede.substring(0, 400) : lede, null)) {
                date = m.date();
                break;
            }
        }
        return new ParsedRelease(title, derived, date, List.copyOf(body), s.signature);
    }

    /** The first sentence of a paragraph, cut at a word boundary to a title's length. */
    public static String firstSentence(String paragraph) {
        String p = paragraph.strip();
        var m = SENTENCE_END.matcher(p);
        String sentence = m.find() ? p.substring(0, m.start()) : p;
        if (sentence.length() <= MAX_TITLE_CHARS) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', MAX_TITLE_CHARS);
        return sentence.substring(0, cut > 40 ? cut : MAX_TITLE_CHARS) + "…";
    }
}
