package org.bulletin.enrich.parse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts cleaned text into releases, and each release out of the page chrome around it.
 *
 * <p>A page is one article unless its structure says otherwise. Every line is typed by its shape (prose: a sentence
 * of several words; a headline: a short capitalised line without closing punctuation; a date line; a signature;
 * chrome: navigation, widgets, calls to action, captions; other short lines). A new release starts only after the
 * current one already holds substantial prose, at one of two boundaries: a gap of blank lines wider than the page's
 * usual gap between paragraphs (a scrape of a news list runs releases together that way), or a dated headline (a
 * headline with a date line beside it, or with a date appended). Each piece then keeps the prose from its first
 * sentence to its last: what stands before is menus, rubrics and the headline (chosen as the candidate sharing most
 * words with the lead), what follows is related headlines, comment forms and footers. A piece without enough prose of
 * its own is chrome and is dropped, never a release. Stateless and thread-safe; never throws on any string.
 */
public final class ReleaseSplitter {

    private static final Pattern SPACES = Pattern.compile("[\\t\\x0B\\f\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]+");
    private static final Pattern INVISIBLE =
            Pattern.compile("[\\u200b-\\u200d\\u2060\\ufeff\\u00ad\\x00-\\x08\\x0e-\\x1f\\x7f]");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])[\"»”)]*\\s+(?=[\"«“(]*[\\p{Lu}\\d])");
    private static final Pattern MULTI_SPACE = Pattern.compile(" {2,}");
    /**
     * A standfirst that quotes the article ("\"We have seized 35 tons\", - said Nikolai Bordyuzha", "«...», — заявил
     * ..."): a quotation first, then who said it in the past tense. Headlines quote in the present ("..., says Zas")
     * or name the speaker first ("Лавров: «...»").
     */
    private static final Pattern QUOTE_STANDFIRST =
            Pattern.compile("^[\"«“„].{12,}[\"»”][,.]?\\s*[-–—]?\\s*(?:[\\p{L}'’.-]+\\s+){0,10}?"
                    + "(?:said|stated|noted|stressed|заявил[аи]?|сказал[аи]?|отметил[аи]?|подчеркнул[аи]?|сообщил[аи]?)"
                    + "(?:\\s.*)?$");

    private static final Pattern TRAILING_SEPARATORS = Pattern.compile("[\\s,|–—-]+$");
    /** A site's name alone on a line ("news.am" under a headline): never the end of a wrapped line. */
    private static final Pattern SITE_NAME = Pattern.compile("[\\p{L}\\d-]+(?:\\.[\\p{L}\\d-]+)*\\.\\p{L}{2,}/?");
    /** A time after the date a news list appends to a headline ("... CIS and SCO 24.11.2016 13:44"). */
    private static final Pattern TRAILING_TIME = Pattern.compile("\\s+\\d{1,2}:\\d{2}(?::\\d{2})?$");
    /** A metadata date some scrapers put before the text ("date 2024-06-27 MOSCOW, June 27..."). */
    private static final Pattern DATE_PREFIX = Pattern.compile(
            "^(?:date|дата)?\\s*(\\d{4}-\\d{2}-\\d{2})(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?\\S*)?\\s+",
            Pattern.CASE_INSENSITIVE);
    /** Prose a piece needs to be a release of its own: one real sentence ("The Secretary General took part in ..."). */
    private static final int MIN_RELEASE_PROSE_WORDS = 12;
    /** After a dated headline the piece must be more than a related item's teaser sentence. */
    private static final int MIN_DATED_RELEASE_PROSE_WORDS = 40;
    /** A page's first piece under a dated headline, when more follow: more than one teaser sentence of a news list. */
    private static final int MIN_FIRST_DATED_RELEASE_PROSE_WORDS = 30;

    private static final int MIN_PROSE_WORDS = 6;
    private static final int MAX_TITLE_CHARS = 200;
    /** Most headlines are within these; official sites title meetings in full, up to the maximums below. */
    private static final int USUAL_HEADLINE_WORDS = 40;

    private static final int USUAL_HEADLINE_CHARS = 250;
    /**
     * A masthead's lines are an organisation's name or a date: {@link #headline} passes over them for a later line
     * sharing at least this many words with the lead, and more than they do.
     */
    private static final int MASTHEAD_OUTSHARED = 4;
    /** The longest line of a masthead ("The Executive Committee of the Commonwealth of Independent States": nine). */
    private static final int MASTHEAD_MAX_WORDS = 12;
    /** The least words of a page's last line that is read as a paragraph cut short ({@link #cutShort}). */
    private static final int CUT_SHORT_MIN_WORDS = 10;

    private static final int MAX_HEADLINE_WORDS = 60;
    private static final int MAX_HEADLINE_CHARS = 400;

    private enum Kind {
        PROSE,
        HEADLINE,
        SHORT,
        DATE,
        SIGNATURE,
        CHROME
    }

    private record Unit(Kind kind, String text, LocalDate date, int blankBefore, int words) {}

    private ReleaseSplitter() {}

    /** Splits a plain-text scrape into its releases, dropping the chrome around them. */
    public static List<ParsedRelease> split(String text) {
        List<Unit> units = units(text);
        List<ParsedRelease> out = new ArrayList<>();
        List<int[]> pieces = pieces(units);
        for (int[] piece : pieces) {
            ParsedRelease r = release(units, piece[0], piece[1], piece[2]);
            if (r != null) {
                out.add(r);
            }
        }
        if (out.isEmpty()) {
            // A short article under a news list (a one-paragraph flash, under a dated item's prose): the list's items
            // are no releases, and the piece set apart under the last of them is the article.
            for (int k = pieces.size() - 1; k >= 0 && out.isEmpty(); k--) {
                int[] piece = pieces.get(k);
                ParsedRelease r = piece[3] == 1 ? release(units, piece[0], piece[1], MIN_RELEASE_PROSE_WORDS) : null;
                if (r != null) {
                    out.add(r);
                }
            }
        }
        if (out.isEmpty()) {
            // No piece holds prose (a headline list, a caption): keep the text as one release rather than nothing.
            ParsedRelease r = single(units, null, null);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Treats the text as one release: an HTML page's main text, already cut out of its chrome by {@link HtmlText},
     * so every line but bare navigation is kept (the prose and chrome heuristics of scrapes would take article lines
     * away: benchmark recall 0.978 against 0.992); a leading headline becomes the title when none is known, a
     * leading date line the date.
     */
    public static List<ParsedRelease> single(String text, String knownTitle, LocalDate knownDate) {
        String title = knownTitle == null || knownTitle.isBlank() ? null : knownTitle.strip();
        LocalDate date = knownDate;
        List<String> body = new ArrayList<>();
        String normalised = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
        if (hasOddSpaceOrInvisible(normalised)) {
            normalised = INVISIBLE
                    .matcher(SPACES.matcher(normalised).replaceAll(" "))
                    .replaceAll("");
        }
        for (String raw : normalised.split("\n")) {
            String line = collapseSpaces(raw.strip());
            if (line.isEmpty() || Chrome.isNavigation(line)) {
                continue;
            }
            if (body.isEmpty()) {
                if (title == null && isHeadline(line)) {
                    title = line;
                    continue;
                }
                if (sameHeadline(title, line)) {
                    continue;
                }
                if (DateParser.isDateOnly(line)) {
                    date = date == null ? DateParser.firstAbsolute(line) : date;
                    continue;
                }
            }
            body.add(line);
        }
        ParsedRelease r = finish(title, date, body, null);
        return r == null ? List.of() : List.of(r);
    }

    private static List<Unit> units(String text) {
        List<Unit> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (hasOddSpaceOrInvisible(normalised)) {
            normalised = INVISIBLE
                    .matcher(SPACES.matcher(normalised).replaceAll(" "))
                    .replaceAll("");
        }
        String[] lines = normalised.split("\n", -1);
        int wrapWidth = wrapWidth(lines);
        int blank = 0;
        int blankBeforeNavigation = 0;
        int lastLength = 0;
        String pending = null;
        int pendingBlank = 0;
        String credit = null;
        for (String raw : lines) {
            String line = collapseSpaces(Chrome.stripGlued(raw).strip());
            String creditAbove = credit;
            credit = null;
            if (line.isEmpty()) {
                if (pending != null) {
                    add(out, pending, pendingBlank);
                    pending = null;
                }
                blank++;
                continue;
            }
            if (Chrome.isNavigation(line)) {
                if (pending != null) {
                    if (line.charAt(0) != '©' || !caption(out, pending, pendingBlank)) {
                        add(out, pending, pendingBlank);
                    }
                    pending = null;
                }
                credit = line.charAt(0) == '©' ? line : null;
                // Navigation separates what surrounds it like a blank line; the gaps around it do not add up.
                blankBeforeNavigation = Math.max(blankBeforeNavigation, Math.max(blank, 1));
                blank = 0;
                continue;
            }
            blank = Math.max(blank, blankBeforeNavigation);
            blankBeforeNavigation = 0;
            if (creditAbove != null && repeatsCaption(creditAbove, line)) {
                out.add(new Unit(Kind.CHROME, line, null, blank, wordCount(line)));
                blank = 0;
                continue;
            }
            // Hard-wrapped lines: a line not closing its sentence continues on the next when that starts in lower case
            // (not a lone "news.am" under a headline) or when the text is wrapped at a fixed width and the line fills
            // it.
            if (pending != null
                    && blank == 0
                    && !endsSentence(pending)
                    && (Character.isLowerCase(line.charAt(0))
                                    && (line.indexOf(' ') > 0
                                            || pending.length() >= 40
                                                    && !SITE_NAME.matcher(line).matches())
                            || wrapWidth > 0 && lastLength >= wrapWidth * 3 / 4)) {
                pending = pending + " " + line;
                lastLength = line.length();
                continue;
            }
            if (pending != null) {
                add(out, pending, pendingBlank);
            }
            pending = line;
            lastLength = line.length();
            pendingBlank = blank;
            blank = 0;
        }
        if (pending != null) {
            add(out, pending, pendingBlank);
        }
        // A headline longer than most (an official meeting's full title) heads text that follows; after the last
        // paragraph, such a line is a paragraph the store or the page cut short before its full stop, and so is the
        // page's last line right under the text when it reads as one ({@link #cutShort}).
        for (int i = out.size() - 1; i >= 0; i--) {
            Unit u = out.get(i);
            if (u.kind() == Kind.PROSE) {
                break;
            }
            boolean underText = i == out.size() - 1 && i > 0 && out.get(i - 1).kind() == Kind.PROSE;
            if (underText && cutShort(u)) {
                out.set(i, new Unit(Kind.PROSE, u.text(), null, u.blankBefore(), u.words()));
            } else if (u.kind() == Kind.HEADLINE
                    && (u.words() > USUAL_HEADLINE_WORDS || u.text().length() > USUAL_HEADLINE_CHARS)) {
                Kind kind = Chrome.isProse(u.text()) ? Kind.PROSE : Kind.SHORT;
                out.set(i, new Unit(kind, u.text(), null, u.blankBefore(), u.words()));
            }
        }
        return out;
    }

    /**
     * The width a hard-wrapped text was wrapped at, or 0: when most lines end within the last quarter of the longest
     * one (and that is a terminal's width, not a paragraph's), a line that fills the width continues on the next.
     */
    private static int wrapWidth(String[] lines) {
        int max = 0;
        int nonEmpty = 0;
        for (String l : lines) {
            int len = l.strip().length();
            if (len > 0) {
                nonEmpty++;
                max = Math.max(max, len);
            }
        }
        if (nonEmpty < 6 || max > 100 || max < 40) {
            return 0;
        }
        int full = 0;
        for (String l : lines) {
            full += l.strip().length() >= max * 3 / 4 ? 1 : 0;
        }
        return full * 2 >= nonEmpty ? max : 0;
    }

    /**
     * A photo's caption as news agencies' pages give it, twice: with its credit glued on, then alone over the credit
     * ("CSTO Secretary General Nikolai Bordyuzha Zurab Javakhadze/TASS", "CSTO Secretary General Nikolai Bordyuzha",
     * "© Zurab Javakhadze/TASS"). It names the person the lead names, so it would otherwise win the headline over the
     * headline. Both lines become chrome; true when they were found. A credit line alone proves nothing: other sites
     * put it under the headline, before the image's caption.
     */
    private static boolean caption(List<Unit> out, String line, int blankBefore) {
        if (out.isEmpty()) {
            return false;
        }
        Unit last = out.get(out.size() - 1);
        if (last.kind() == Kind.PROSE
                || last.text().length() <= line.length()
                || !last.text().startsWith(line)) {
            return false;
        }
        out.set(out.size() - 1, new Unit(Kind.CHROME, last.text(), null, last.blankBefore(), last.words()));
        out.add(new Unit(Kind.CHROME, line, null, blankBefore, wordCount(line)));
        return true;
    }

    /**
     * The other way pages give a caption twice: glued after its credit ("© Sputnik / Asatur YesayantsГенеральный
     * секретарь ОДКБ Юрий Хачатуров"), then on the next line as the image's alternative text, the site's name after
     * a dash ("Генеральный секретарь ОДКБ Юрий Хачатуров - Sputnik Таджикистан"). Naming the lead's people, the
     * second line would otherwise win the headline.
     */
    private static boolean repeatsCaption(String credit, String line) {
        String caption = line;
        int dash = Math.max(line.lastIndexOf(" - "), Math.max(line.lastIndexOf(" – "), line.lastIndexOf(" — ")));
        if (dash > 0 && wordCount(line.substring(dash + 3)) <= 4) {
            caption = line.substring(0, dash).strip();
        }
        return caption.length() >= 20 && credit.endsWith(caption);
    }

    private static void add(List<Unit> out, String line, int blankBefore) {
        if (mayStartWithDatePrefix(line)) {
            Matcher prefix = DATE_PREFIX.matcher(line);
            if (prefix.lookingAt() && prefix.end() < line.length()) {
                out.add(new Unit(
                        Kind.DATE, prefix.group(1), DateParser.firstAbsolute(prefix.group(1)), blankBefore, 1));
                line = line.substring(prefix.end()).strip();
                blankBefore = 0;
                if (Chrome.isNavigation(line)) {
                    return;
                }
            }
        }
        out.add(unit(line, blankBefore));
    }

    /**
     * False when DATE_PREFIX cannot match: lines come stripped, so its match starts with an ASCII digit or the word
     * "date"/"дата" (case-insensitive for ASCII only). Saves running the regex on every line of every scrape.
     */
    private static boolean mayStartWithDatePrefix(String line) {
        if (line.isEmpty()) {
            return true;
        }
        char c = line.charAt(0);
        return (c >= '0' && c <= '9') || c == 'd' || c == 'D' || c == 'д' || c == 'Д' || Character.isWhitespace(c);
    }

    private static Unit unit(String line, int blankBefore) {
        int words = wordCount(line);
        if (DateParser.isDateOnly(line)) {
            return new Unit(Kind.DATE, line, DateParser.firstAbsolute(line), blankBefore, words);
        }
        if (Chrome.isSignature(line)) {
            return new Unit(Kind.SIGNATURE, line, null, blankBefore, words);
        }
        if (Chrome.isChromeText(line, words)) {
            return new Unit(Kind.CHROME, line, null, blankBefore, words);
        }
        // Only a line ending in a date can be "headline + date"; skip the date scan for ordinary sentences.
        boolean endsInDigit = Character.isDigit(line.charAt(line.length() - 1));
        String dated = endsInDigit ? TRAILING_TIME.matcher(line).replaceFirst("") : line;
        List<DateParser.DateMatch> dates = endsInDigit || line.endsWith("г.") || line.endsWith("года")
                ? DateParser.findAll(dated, null)
                : List.of();
        if (!dates.isEmpty()) {
            DateParser.DateMatch last = dates.get(dates.size() - 1);
            if (last.end() >= dated.length() - 1 && last.start() > 10) {
                String head = TRAILING_SEPARATORS
                        .matcher(dated.substring(0, last.start()).strip())
                        .replaceAll("");
                if (isHeadline(head)) {
                    return new Unit(Kind.HEADLINE, head, last.date(), blankBefore, wordCount(head));
                }
            }
        }
        if (isHeadline(line, words)) {
            return new Unit(Kind.HEADLINE, line, null, blankBefore, words);
        }
        boolean prose = words >= MIN_PROSE_WORDS && (endsSentence(line) || words >= 20) && Chrome.isProse(line);
        return new Unit(prose ? Kind.PROSE : Kind.SHORT, line, null, blankBefore, words);
    }

    /**
     * Whether the page's last line, right under a paragraph of the text, is a paragraph cut short before its full stop
     * (a stored copy or a feed's excerpt ends mid-sentence, "... в операциях ООН по подд"): a line of prose of ten words
     * or more with no sentence end of its own. Read as a headline or a scrap, it was dropped, and with it what the
     * release said last (one page in eight of the real corpus ends so; all 84 such last lines of the twentieth
     * collection are paragraphs cut short, none another story's headline). A footnote ("*The Taliban is a terrorist
     * organisation banned in Russia and many other countries") is no part of the text.
     */
    private static boolean cutShort(Unit u) {
        return (u.kind() == Kind.HEADLINE || u.kind() == Kind.SHORT)
                && u.date() == null
                && u.text().charAt(0) != '*'
                && u.words() >= CUT_SHORT_MIN_WORDS
                && !endsSentence(u.text())
                && Chrome.isProse(u.text());
    }

    private static boolean isHeadline(String line) {
        return isHeadline(line, -1);
    }

    /** {@link #isHeadline(String)} with the line's word count when the caller has it (-1: count here, if needed). */
    private static boolean isHeadline(String line, int knownWords) {
        int len = line.length();
        if (len < 15 || len > MAX_HEADLINE_CHARS || endsSentence(line)) {
            return false;
        }
        char first = line.charAt(0);
        if (!Character.isUpperCase(first)
                && !Character.isDigit(first)
                && first != '"'
                && first != '«'
                && first != '“') {
            return false;
        }
        int words = knownWords >= 0 ? knownWords : wordCount(line);
        // A headline is one sentence: a long line running sentences together is a paragraph that lost its full stop.
        return words >= 3 && words <= MAX_HEADLINE_WORDS && (words < 12 || !hasSentenceEnd(line));
    }

    private static boolean hasSentenceEnd(String text) {
        Matcher m = SENTENCE_END.matcher(text);
        while (m.find()) {
            if (endsThere(text, m)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@link #SENTENCE_END} match ends a sentence: not after "St.", "Gen." and the like (SentenceEnds). */
    private static boolean endsThere(String text, Matcher m) {
        int stop = m.start() - 1;
        while (stop > 0 && "\"»”)".indexOf(text.charAt(stop)) >= 0) {
            stop--;
        }
        return text.charAt(stop) != '.' || !SentenceEnds.abbreviation(text, stop);
    }

    private static boolean endsSentence(String line) {
        char last = line.charAt(line.length() - 1);
        return ".!?;:…".indexOf(last) >= 0
                || ("\"»”)".indexOf(last) >= 0
                        && line.length() > 1
                        && ".!?…".indexOf(line.charAt(line.length() - 2)) >= 0);
    }

    /**
     * The pieces of the text as {from, to, dated} unit ranges. A boundary is only taken once the piece before it
     * holds a release's worth of prose, so a headline or a rubric never ends up alone.
     */
    private static List<int[]> pieces(List<Unit> units) {
        int usualGap = usualGap(units);
        List<int[]> out = new ArrayList<>();
        int from = 0;
        // A page that opens with a dated headline (its first headline or date line is one) opens like a news list: if
        // more pieces follow, its first is held to a release's prose like the items after it ("Headline / 14.03.2024 /
        // one teaser sentence" over the article).
        boolean dated = false;
        for (int k = 0; k < units.size(); k++) {
            Kind kind = units.get(k).kind();
            if (kind == Kind.HEADLINE || kind == Kind.DATE || kind == Kind.PROSE) {
                dated = datedHeadlineAt(units, k);
                break;
            }
        }
        int prose = 0;
        int datedSeen = 0; // dated headlines so far: two or more make the page a news list
        int headlines = 0; // in the current piece: a news-list item has its own only
        boolean afterList = false; // the current piece was set apart under a news list's last teaser
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            boolean datedHeadline = datedHeadlineAt(units, i);
            datedSeen += datedHeadline ? 1 : 0;
            if (i > from && prose >= MIN_RELEASE_PROSE_WORDS) {
                // Only a page that keeps its paragraphs close says something by a wide gap; pages that space every
                // paragraph widely space them unevenly too.
                // And where the piece so far opens with a headline, a release after the gap has one of its own: an
                // article's stray empty paragraph ("<p>&nbsp;</p>") before a paragraph, a list or a last sentence of
                // the same text is not a boundary. Scrapes of releases without headlines (the contract's worked
                // example) are still cut at their wide gaps.
                boolean wideGap = usualGap <= 1
                        && u.blankBefore() >= 2
                        && u.kind() != Kind.SIGNATURE
                        && u.kind() != Kind.CHROME
                        && (!headedBeforeProse(units, from, i) || headedBeforeProse(units, i, units.size()))
                        && !teaserAbove(units, i);
                // In a news list (two dated headlines or more), whatever is set apart after an item's headline and
                // teaser sentence (a headline, a paragraph, a date line) opens what follows the list: the article.
                // Without a headline it is held to a dated item's prose, so that a teaser's second paragraph is no
                // release.
                boolean afterTeaser = dated
                        && datedSeen >= 2
                        && headlines == 1
                        && prose < MIN_DATED_RELEASE_PROSE_WORDS
                        && u.kind() != Kind.CHROME
                        && u.kind() != Kind.SIGNATURE
                        && u.blankBefore() >= 1;
                if (wideGap || datedHeadline || afterTeaser) {
                    out.add(new int[] {from, i, minimumProse(dated, out.isEmpty()), afterList ? 1 : 0});
                    afterList = afterTeaser && !datedHeadline;
                    from = i;
                    dated = datedHeadline && !wideGap || afterTeaser && u.kind() != Kind.HEADLINE;
                    prose = 0;
                    headlines = 0;
                }
            }
            headlines += u.kind() == Kind.HEADLINE ? 1 : 0;
            if (u.kind() == Kind.PROSE && endsSentence(u.text())) {
                prose += u.words(); // a long headline without its full stop is not yet a release's text
            }
        }
        out.add(new int[] {from, units.size(), minimumProse(dated, out.isEmpty()), afterList ? 1 : 0});
        articleUnderList(units, out);
        if (out.size() == 1) {
            out.get(0)[2] = MIN_RELEASE_PROSE_WORDS; // the page's only piece: a short dated release is still one
        }
        return out;
    }

    /**
     * Joins the article back together where its own headline is dated like the items of a news list over it ("Regular
     * RATS SCO meeting held in Tashkent / 06.04.2018"): its first paragraph was taken for the last item's teaser, and
     * its text from the next paragraph on for a release without its headline or lead. The last dated headline heads
     * the article, not an item, when it is set out unlike the items (its first paragraph further under it than their
     * teasers under theirs) and what is set apart under it to the end of the page, none of it under a headline of its
     * own, is more than a teaser's second paragraph. A headless article under the list stays apart from the last item.
     * (Whether the headline shares half its words with the text was tried too: related news on the same subject does.)
     */
    private static void articleUnderList(List<Unit> units, List<int[]> pieces) {
        int last = pieces.size() - 1;
        int k = last;
        int prose = 0;
        while (k > 0 && pieces.get(k)[3] == 1 && first(units, pieces.get(k), false) >= 0) {
            for (int i = pieces.get(k)[0]; i < pieces.get(k)[1]; i++) {
                prose += units.get(i).kind() == Kind.PROSE ? units.get(i).words() : 0;
            }
            k--;
        }
        if (k == last || k == 0 || prose < 2 * MIN_DATED_RELEASE_PROSE_WORDS) {
            return;
        }
        int lead = first(units, pieces.get(k), true);
        if (lead < 0) {
            return;
        }
        int itemGap = -1; // how far under their dated headlines the items before set their teasers
        for (int j = 0; j < k; j++) {
            int teaser = first(units, pieces.get(j), true);
            if (teaser >= 0) {
                itemGap = Math.max(itemGap, units.get(teaser).blankBefore());
            }
        }
        if (itemGap < 0 || units.get(lead).blankBefore() <= itemGap) {
            return;
        }
        pieces.get(k)[1] = pieces.get(last)[1];
        pieces.subList(k + 1, last + 1).clear();
    }

    /**
     * The first paragraph of a piece: when {@code dated}, of a piece opening with a dated headline (-1 otherwise); when
     * not, of a piece opening with a paragraph rather than a headline or a date line (-1 otherwise).
     */
    private static int first(List<Unit> units, int[] piece, boolean dated) {
        int i = piece[0];
        while (i < piece[1]
                && units.get(i).kind() != Kind.HEADLINE
                && units.get(i).kind() != Kind.DATE
                && units.get(i).kind() != Kind.PROSE) {
            i++;
        }
        if (i == piece[1]
                || dated != datedHeadlineAt(units, i)
                || !dated && units.get(i).kind() != Kind.PROSE) {
            return -1;
        }
        while (i < piece[1] && units.get(i).kind() != Kind.PROSE) {
            i++;
        }
        return i < piece[1] ? i : -1;
    }

    /**
     * The prose a piece needs to be a release: a piece after a dated headline more than a related item's teaser; the
     * first piece of a page that opens with a dated headline more than a teaser sentence, but a news list's first item
     * may be as short as a one-sentence release.
     */
    private static int minimumProse(boolean dated, boolean firstPiece) {
        if (!dated) {
            return MIN_RELEASE_PROSE_WORDS;
        }
        return firstPiece ? MIN_FIRST_DATED_RELEASE_PROSE_WORDS : MIN_DATED_RELEASE_PROSE_WORDS;
    }

    /**
     * True when the line right above unit {@code i} is another story's headline set between two paragraphs ("Read
     * also" without its words): it keeps to the paragraph above it, and the wide gap under it is its margin, not the
     * end of a release. A release's own headline heads the paragraph under it (shares half its words with it), however
     * it is spaced: an official site's article under a list of teasers.
     */
    private static boolean teaserAbove(List<Unit> units, int i) {
        if (i < 2) {
            return false;
        }
        Unit above = units.get(i - 1);
        return above.kind() == Kind.HEADLINE
                && above.blankBefore() < units.get(i).blankBefore()
                && units.get(i - 2).kind() == Kind.PROSE
                && !subheading(above, stems(units.get(i).text()));
    }

    /** True when a headline or a date comes in units [from, to) before their first paragraph of prose. */
    private static boolean headedBeforeProse(List<Unit> units, int from, int to) {
        for (int i = from; i < to; i++) {
            Kind k = units.get(i).kind();
            if (k == Kind.PROSE) {
                return false;
            }
            if (k == Kind.HEADLINE || k == Kind.DATE) {
                return true;
            }
        }
        return false;
    }

    /** The most frequent number of blank lines before a paragraph of prose: the page's own paragraph spacing. */
    private static int usualGap(List<Unit> units) {
        int[] counts = new int[4];
        for (int i = 1; i < units.size(); i++) {
            Unit u = units.get(i);
            // Between two paragraphs: the gap under a headline or a date line is the heading's, and the teasers of a
            // news list over the article (each right under its date) and the gap under the last of them would make a
            // widely spaced page look close.
            if (u.kind() == Kind.PROSE
                    && units.get(i - 1).kind() == Kind.PROSE
                    && (i < 2 || units.get(i - 2).kind() != Kind.DATE)) {
                counts[Math.min(u.blankBefore(), 3)]++;
            }
        }
        int best = 0;
        for (int g = 1; g < counts.length; g++) {
            if (counts[g] > counts[best]) {
                best = g;
            }
        }
        return best;
    }

    /** A news-list item starts here: a headline with a date appended or on the line beside it, a date line then a headline. */
    private static boolean datedHeadlineAt(List<Unit> units, int i) {
        Unit u = units.get(i);
        Unit next = i + 1 < units.size() ? units.get(i + 1) : null;
        if (u.kind() == Kind.HEADLINE) {
            return u.date() != null || (next != null && next.kind() == Kind.DATE);
        }
        return u.kind() == Kind.DATE && u.blankBefore() >= 1 && next != null && next.kind() == Kind.HEADLINE;
    }

    /** The release in units [from, to): prose from its first sentence to its last, headline and date from before. */
    private static ParsedRelease release(List<Unit> units, int from, int to, int minimumProse) {
        int first = -1;
        int last = -1;
        int prose = 0;
        for (int i = from; i < to; i++) {
            if (units.get(i).kind() == Kind.PROSE) {
                first = first < 0 ? i : first;
                last = i;
                prose += units.get(i).words();
            }
        }
        if (first < 0 || prose < minimumProse) {
            return null;
        }
        last = beforeTrailingItems(units, first, last);
        int itemsEnd = afterLeadingItems(units, first, last);
        if (itemsEnd != first) {
            from = itemsEnd - 1; // the article's own headline, right under the items
            first = itemsEnd;
        }
        // Short sentences right before the first long one open the text too ("Rates are set daily. In particular,
        // ...").
        while (first > from
                && units.get(first - 1).kind() == Kind.SHORT
                && units.get(first - 1).words() >= 3
                && endsSentence(units.get(first - 1).text())) {
            first--;
        }
        LocalDate date = null;
        String signature = null;
        for (int i = from; i < first; i++) {
            Unit u = units.get(i);
            if (date == null && u.date() != null) {
                date = u.date();
            }
        }
        String title = headline(units, from, first);
        List<String> body = new ArrayList<>();
        Set<String> textStems = null; // the prose's stems, once an in-body headline needs them
        for (int i = first; i <= last; i++) {
            Unit u = units.get(i);
            switch (u.kind()) {
                case PROSE -> body.add(i == first ? unglue(title, u.text()) : u.text());
                case HEADLINE -> {
                    if (title == null || !sameHeadline(title, u.text())) {
                        if (u.words() >= 4 && textStems == null) {
                            textStems = proseStems(units, first, last);
                        }
                        if (u.words() < 4 || subheading(u, textStems)) {
                            body.add(u.text()); // a subheading of the article
                        }
                    }
                }
                case SHORT -> {
                    if (endsSentence(u.text())) {
                        body.add(
                                u.text()); // a short sentence of the text; unpunctuated scraps are captions and tickers
                    }
                }
                case DATE -> date = date == null ? u.date() : date;
                case SIGNATURE -> signature = u.text();
                default -> {}
            }
        }
        for (int i = last + 1; i < to && signature == null; i++) {
            if (units.get(i).kind() == Kind.SIGNATURE) {
                signature = units.get(i).text();
            }
        }
        return finish(title, date, body, signature);
    }

    /**
     * Whether a headline-shaped line inside a release is its subheading, not another story's headline set between its
     * paragraphs (a "related" teaser without its label): a subheading of four words or more shares two words, and half
     * of its words, with the release's prose ({@code prose}: its stems). (Found by setting an invented same-domain
     * headline between the second and third paragraphs of every page of the real corpus: regions of the tune part fell
     * from 0.874 to 0.848.)
     */
    private static boolean subheading(Unit u, Set<String> prose) {
        Set<String> words = stems(u.text());
        int shared = shared(words, prose);
        // A headline's length (fifteen words or fewer) shares half its words with the text it heads; a longer line is
        // an unpunctuated paragraph of the text, listing names the rest does not repeat.
        return shared >= 2 && (u.words() > 15 || shared * 2 >= words.size());
    }

    /** The stems of the prose paragraphs in units [first, last]. */
    private static Set<String> proseStems(List<Unit> units, int first, int last) {
        Set<String> out = new HashSet<>();
        for (int i = first; i <= last; i++) {
            if (units.get(i).kind() == Kind.PROSE) {
                out.addAll(stems(units.get(i).text()));
            }
        }
        return out;
    }

    /**
     * A news list's items without dates ("More news": a headline and one short paragraph each) after the article's
     * text: two or more such pairs at the end are cut off, with a heading before them. Returns the release's last
     * paragraph. (Found by putting three such items under every page of the real corpus: they joined the release,
     * and 44 of the tune part's 65 off-domain pages got labels.)
     */
    private static int beforeTrailingItems(List<Unit> units, int first, int last) {
        int k = last;
        int items = 0;
        while (k - 1 > first && teaserOf(units, k)) {
            items++;
            k -= 2;
            while (k > first
                    && (units.get(k).kind() == Kind.CHROME || units.get(k).kind() == Kind.SHORT)) {
                k--; // a heading over the items
            }
        }
        if (items < 2) {
            return last;
        }
        while (k > first && units.get(k).kind() != Kind.PROSE) {
            k--;
        }
        return k;
    }

    /**
     * The same items over the article: two or more pairs from its first paragraph on, the article's own headline after
     * them. Returns the article's first paragraph (its headline right before it), or {@code first} when there are none.
     */
    private static int afterLeadingItems(List<Unit> units, int first, int last) {
        int k = first;
        int items = 0;
        while (k + 2 <= last
                && teaserOf(units, k)
                && units.get(k + 1).kind() == Kind.HEADLINE
                && units.get(k + 1).blankBefore() >= 1
                && units.get(k + 2).kind() == Kind.PROSE) {
            items++;
            k += 2;
        }
        return items >= 2 ? k : first;
    }

    /**
     * Whether unit {@code k} is one short paragraph right under a headline set apart: a news-list item's teaser. A
     * news headline says who did what (six words or more); an article's subheadings are shorter ("Talks on
     * demarcation").
     */
    private static boolean teaserOf(List<Unit> units, int k) {
        if (k < 1) {
            return false;
        }
        Unit u = units.get(k);
        Unit h = units.get(k - 1);
        return u.kind() == Kind.PROSE
                && u.words() < MIN_DATED_RELEASE_PROSE_WORDS
                && h.kind() == Kind.HEADLINE
                && h.words() >= 6
                && (k - 1 == 0 || h.blankBefore() >= 1);
    }

    /** The lead without the headline glued to its start ("CSTO to combat cyber crimeThe leaders of ..."). */
    private static String unglue(String title, String lead) {
        if (title != null
                && lead.length() > title.length() + 1
                && lead.startsWith(title)
                && Character.isUpperCase(lead.charAt(title.length()))
                && Character.isLetter(lead.charAt(title.length() - 1))) {
            return lead.substring(title.length());
        }
        return lead;
    }

    /**
     * The headline among the lines before the lead: the candidate sharing the most words with the lead (a rubric,
     * a menu or a site name shares none), else the nearest headline-shaped line of some length. A headline-shaped line
     * that shares half its words (three or more) with the lead wins over a later line that shares more: what sits
     * between a headline and its lead is a photo's caption or a standfirst, which repeat the lead's names ("Александр
     * Лукашенко и Сергей Лебедев"); unless the earlier line holds the later one (a breadcrumb ending in the headline).
     * (Real pages' headlines right: 120 -> 125 of 135 on the 2026-11-30 collection.)
     */
    private static String headline(List<Unit> units, int from, int first) {
        Set<String> lead = stems(units.get(first).text() + " "
                + (first + 1 < units.size() ? units.get(first + 1).text() : ""));
        String best = null;
        double bestScore = 0;
        String nearest = null;
        int bestAt = -1;
        int strongAt = -1;
        int start = Math.max(from, first - 12);
        boolean[] listed = headlineLists(units, start, first, lead);
        // Each candidate's stems and the words it shares with the lead, read once: the masthead test needs the lines
        // after the masthead before the loop below reaches them.
        List<Set<String>> wordsAt = new ArrayList<>(first - start);
        int[] sharedAt = new int[first - start];
        for (int i = start; i < first; i++) {
            Unit u = units.get(i);
            boolean candidate = headlineShaped(u) && !listed[i - start];
            wordsAt.add(candidate ? stems(u.text()) : null);
            sharedAt[i - start] = candidate ? shared(wordsAt.get(i - start), lead) : 0;
        }
        int mastheadEnd = start == from ? masthead(units, start, first) : start;
        int sharedAfterMasthead = 0;
        for (int i = mastheadEnd; i < first && mastheadEnd > start; i++) {
            sharedAfterMasthead = Math.max(sharedAfterMasthead, sharedAt[i - start]);
        }
        for (int i = start; i < first; i++) {
            Unit u = units.get(i);
            Set<String> words = wordsAt.get(i - start);
            if (words == null) {
                continue;
            }
            if (words.isEmpty() || QUOTE_STANDFIRST.matcher(u.text()).matches()) {
                continue; // a quotation of the article under the headline shares the most words with it, and is none
            }
            if (u.words() >= 5 && opensTheLead(u.text(), units.get(first).text())) {
                continue; // the lead's opening cut short (a page's description): every word of it is the lead's
            }
            int shared = sharedAt[i - start];
            if (i < mastheadEnd && sharedAfterMasthead >= MASTHEAD_OUTSHARED && shared < sharedAfterMasthead) {
                continue; // the site's masthead: the lead names the organisation too, the headline says more of it
            }
            double score = (double) shared / words.size() + (shared >= 2 ? 0.2 : 0);
            if (strongAt < 0
                    && u.kind() == Kind.HEADLINE
                    && u.words() >= 5
                    && shared >= 3
                    && shared * 2 >= words.size()) {
                strongAt = i;
            }
            if (score > bestScore || score == bestScore && best != null && score > 0) {
                best = u.text();
                bestScore = score;
                bestAt = i;
            }
            if (u.kind() == Kind.HEADLINE && u.words() >= 5) {
                nearest = u.text();
            }
        }
        if (strongAt >= 0 && bestAt > strongAt && !units.get(strongAt).text().contains(best)) {
            return units.get(strongAt).text();
        }
        return bestScore >= 0.25 ? best : nearest;
    }

    /**
     * The end of a site's masthead at the top of the page's lines before the lead, or {@code start} when there is none:
     * two or more short lines before the first blank line, with more lines after it ("The Executive Committee of the
     * Commonwealth of Independent States" over its date; "Антитеррористический центр государств – участников" over
     * "Содружества Независимых Государств"). An official site's masthead is the organisation's name, which its lead
     * names too: it shares words with the lead as a headline does, and {@link #headline} passes over it when a line
     * after it shares more (at least {@value #MASTHEAD_OUTSHARED}). A headline stands alone above its lead or heads
     * its own standfirst, which shares more with the lead than the name does.
     */
    private static int masthead(List<Unit> units, int start, int first) {
        int end = start + 1;
        while (end < first && units.get(end).blankBefore() == 0) {
            end++;
        }
        if (end - start < 2 || end >= first) {
            return start;
        }
        for (int i = start; i < end; i++) {
            Kind k = units.get(i).kind();
            if (k == Kind.PROSE || units.get(i).words() > MASTHEAD_MAX_WORDS) {
                return start;
            }
        }
        return end;
    }

    /**
     * Whether {@code line} is the first words of {@code lead} cut in mid-sentence (an ellipsis may end it): the lead
     * goes on with the same sentence there. A headline glued to its lead ("CSTO to combat cyber crimeAt an informal
     * summit ...") or repeated over a caption ("... border Photo:") is followed by a new sentence, and stays one.
     */
    private static boolean opensTheLead(String line, String lead) {
        String opening = line.strip();
        boolean ellipsis = opening.endsWith("...") || opening.endsWith("…");
        if (ellipsis) {
            opening = opening.substring(0, opening.length() - (opening.endsWith("…") ? 1 : 3))
                    .strip();
        }
        if (opening.isEmpty() || opening.length() >= lead.length() || !lead.startsWith(opening)) {
            return false;
        }
        int next = skipNonWord(lead, opening.length());
        return ellipsis
                || Character.isWhitespace(lead.charAt(opening.length()))
                        && next < lead.length()
                        && Character.isLowerCase(lead.codePointAt(next));
    }

    /** A line that may be another story's headline in a list: a headline of four words or more (no byline, no date). */
    private static boolean listItem(Unit u) {
        return u.kind() == Kind.HEADLINE && u.words() >= 4;
    }

    private static boolean headlineShaped(Unit u) {
        return u.kind() == Kind.HEADLINE || u.kind() == Kind.SHORT && u.words() >= 3;
    }

    /**
     * Which of the lines {@code [start, first)} are items of a list of other stories' headlines ("Latest news", "Most
     * read"): three or more headlines in a row, no blank line between them, each sharing at most one word with the
     * next; the headlines of one article (headline, subheading, caption) share its names. The last item stays a
     * candidate when nothing but dates and chrome stands between it and the lead and it shares two words, and half of
     * its words, with the lead: a page may put its headline right under such a list. (Found by putting a four-line list
     * over every page of the real corpus: the list's lines had become the headline of 18 of them, and the regions of
     * the tune part fell from 0.874 to 0.784.)
     */
    private static boolean[] headlineLists(List<Unit> units, int start, int first, Set<String> lead) {
        boolean[] listed = new boolean[first - start];
        int i = start;
        while (i < first) {
            int end = i + 1;
            Set<String> previous = listItem(units.get(i)) ? stems(units.get(i).text()) : null;
            while (previous != null
                    && end < first
                    && listItem(units.get(end))
                    && units.get(end).blankBefore() == 0) {
                Set<String> next = stems(units.get(end).text());
                if (shared(next, previous) > 1) {
                    break;
                }
                previous = next;
                end++;
            }
            if (end - i >= 3) {
                int last = end - 1;
                Set<String> words = stems(units.get(last).text());
                int shared = shared(words, lead);
                boolean nextToLead = shared >= 2 && shared * 2 >= words.size();
                for (int k = end; k < first; k++) {
                    nextToLead &=
                            units.get(k).kind() == Kind.DATE || units.get(k).kind() == Kind.CHROME;
                }
                for (int k = i; k < end; k++) {
                    listed[k - start] = k != last || !nextToLead;
                }
            }
            i = end;
        }
        return listed;
    }

    /** How many of {@code words} are in {@code in}. */
    private static int shared(Set<String> words, Set<String> in) {
        int n = 0;
        for (String w : words) {
            n += in.contains(w) ? 1 : 0;
        }
        return n;
    }

    /** Crude stems (the first five letters of words of four or more) to compare a headline with its lead across inflections. */
    private static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int len = lower.length();
        int i = 0;
        while (i < len) {
            int s = skipNonWord(lower, i);
            i = wordEnd(lower, s);
            if (i - s >= 4 && !Character.isDigit(lower.charAt(s))) {
                out.add(lower.substring(s, Math.min(i, s + 5)));
            }
        }
        return out;
    }

    /**
     * Whether a code point belongs to a word as the regex {@code [\p{L}\d]} reads it (any letter, an ASCII digit).
     * The hand-written scans below replace that regex on every line: same words, no Matcher and no group copies.
     */
    static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
        }
        return Character.isLetter(cp);
    }

    /** The offset of the first word character at or after {@code i}, or the text's length. */
    static int skipNonWord(String text, int i) {
        int len = text.length();
        while (i < len) {
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return len;
    }

    /** The end of the run of word characters starting at {@code i}. */
    static int wordEnd(String text, int i) {
        int len = text.length();
        while (i < len) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return len;
    }

    /** The whole text as one release: HTML main text, or a scrape with no prose piece. */
    private static ParsedRelease single(List<Unit> units, String knownTitle, LocalDate knownDate) {
        String title = knownTitle == null || knownTitle.isBlank() ? null : knownTitle.strip();
        LocalDate date = knownDate;
        String signature = null;
        List<String> body = new ArrayList<>();
        for (Unit u : units) {
            switch (u.kind()) {
                case DATE -> date = date == null ? u.date() : date;
                case SIGNATURE -> signature = u.text();
                case CHROME -> {}
                case HEADLINE -> {
                    if (body.isEmpty() && title == null) {
                        title = u.text();
                        date = date == null ? u.date() : date;
                    } else if (!(body.isEmpty() && sameHeadline(title, u.text()))) {
                        body.add(u.text());
                    }
                }
                default -> body.add(u.text());
            }
        }
        return finish(title, date, body, signature);
    }

    private static ParsedRelease finish(
            String knownTitle, LocalDate knownDate, List<String> paragraphs, String signature) {
        List<String> body = new ArrayList<>(paragraphs);
        String title = knownTitle;
        // The headline repeated as the first paragraph, at most with a date or a site name appended, is dropped; a
        // lead that opens with the headline's words and goes on ("... организации «Йакын-Инкар». Об этом сообщает
        // ...") is the article's first paragraph.
        if (title != null
                && !body.isEmpty()
                && sameHeadline(title, body.get(0))
                && wordCount(body.get(0)) - wordCount(title) <= 3) {
            body.remove(0);
        }
        int words = (title == null ? 0 : wordCount(title));
        for (String p : body) {
            words += wordCount(p);
        }
        if (words < 5) {
            return null;
        }
        if (body.isEmpty()) {
            body.add(title);
        }
        boolean derived = false;
        if (title == null) {
            title = firstSentence(body.get(0));
            derived = true;
        }
        LocalDate date = knownDate;
        if (date == null) {
            String lede = body.get(0);
            for (DateParser.DateMatch m :
                    DateParser.findAll(lede.length() > 400 ? lede.substring(0, 400) : lede, null)) {
                date = m.date();
                break;
            }
        }
        return new ParsedRelease(title, derived, date, List.copyOf(body), signature);
    }

    /** True when the text holds a character SPACES or INVISIBLE would replace: most texts have none, so skip both. */
    private static boolean hasOddSpaceOrInvisible(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20
                    ? c != '\n'
                    : c == 0x7f
                            || c == 0xa0
                            || c == 0xad
                            || (c >= 0x2000 && c <= 0x200d)
                            || c == 0x202f
                            || c == 0x205f
                            || c == 0x2060
                            || c == 0x3000
                            || c == 0xfeff) {
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
            char c = text.charAt(i);
            // Printable ASCII and Cyrillic are never whitespace: skip the table lookup for most characters.
            boolean ws = c > ' ' && (c < 0x80 || c >= '\u0400' && c <= '\u04FF') ? false : Character.isWhitespace(c);
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

    private static int letterWords(String text) {
        int n = 0;
        int len = text.length();
        int i = 0;
        while (i < len) {
            int s = skipNonWord(text, i);
            i = wordEnd(text, s);
            n += i > s && Character.isLetter(text.charAt(s)) ? 1 : 0;
        }
        return n;
    }

    private static boolean sameHeadline(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = wordChars(a.toLowerCase(Locale.ROOT));
        String y = wordChars(b.toLowerCase(Locale.ROOT));
        return x.equals(y) || (x.length() > 20 && (x.startsWith(y) || y.startsWith(x)));
    }

    /** The text without its non-word characters: what {@code replaceAll("[^\\p{L}\\d]+", "")} returns. */
    private static String wordChars(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int len = text.length();
        int i = 0;
        while (i < len) {
            int s = skipNonWord(text, i);
            i = wordEnd(text, s);
            sb.append(text, s, i);
        }
        return sb.toString();
    }

    /** The first sentence of a paragraph, cut at a word boundary to a title's length. */
    public static String firstSentence(String paragraph) {
        String p = paragraph.strip();
        // A news agency's dateline is no part of a headline, whatever ends it ("DUSHANBE, September 4, Asia-Plus –",
        // "MINSK. KAZINFORM").
        int dateline = Dateline.length(p);
        if (dateline > 0 && letterWords(p.substring(dateline, Math.min(p.length(), dateline + 200))) >= 5) {
            p = p.substring(dateline).strip();
        }
        var m = SENTENCE_END.matcher(p);
        int from = 0;
        String sentence = p;
        while (m.find()) {
            if (!endsThere(p, m)) {
                continue;
            }
            sentence = p.substring(from, m.start());
            // A dateline ("MOSCOW, November 17. /TASS/.", "ДУШАНБЕ, 28 ноя — Sputnik.") is no title: take what follows.
            if (letterWords(sentence) >= 5 || m.end() >= p.length()) {
                break;
            }
            from = m.end();
            sentence = p.substring(from);
        }
        if (sentence.length() <= MAX_TITLE_CHARS) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', MAX_TITLE_CHARS);
        return sentence.substring(0, cut > 40 ? cut : MAX_TITLE_CHARS) + "…";
    }
}
