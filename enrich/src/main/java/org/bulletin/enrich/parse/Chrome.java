package org.bulletin.enrich.parse;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Recognises page chrome in scraped text: navigation, menus, share widgets, captions, counters, signature lines. */
public final class Chrome {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String NAV =
            "go\\s*back|back|«\\s*back|back\\s+to\\s+(?:the\\s+)?(?:all\\s+news|section|news|list|top|"
                    + "previous\\s+page|main\\s+page|home\\s*page)|to\\s+the\\s+(?:news\\s+)?list|назад|«\\s*назад|вернуться(?:\\s+.{0,40})?"
                    + "|к\\s+списку(?:\\s+.{0,30})?|все\\s+новости|all\\s+news|more\\s+news|other\\s+news|related\\s+(?:news|articles|materials)"
                    + "|read\\s+(?:also|more)|see\\s+also|читайте\\s+также|смотрите\\s+также|другие\\s+новости|похожие\\s+(?:новости|материалы)"
                    + "|последние\\s+новости|latest\\s+news|новости|news|share|поделиться|print|печать|версия\\s+для\\s+печати|print\\s+version"
                    + "|tweet|like|subscribe|подписаться|comments?(?:\\s*\\(\\d+\\))?|комментари\\p{L}*(?:\\s*\\(\\d+\\))?|home|главная"
                    + "|main\\s+page|menu|меню|search|поиск|en|ru|eng|рус|english|русский|қазақша|top|наверх|up|sitemap|карта\\s+сайта"
                    + "|contacts?|контакты|rss|подробнее|read\\s+more|читать\\s+(?:далее|полностью)|show\\s+more|показать\\s+ещ[её]"
                    + "|\\d+\\s*(?:views?|просмотр\\p{L}*)|(?:views?|просмотров|просмотры)\\s*:?\\s*\\d+"
                    + "|(?:tags?|теги|метки|keywords|ключевые\\s+слова|photo|фото|source|источник|автор|author)\\s*:.*"
                    + "|©.*|\\(c\\)\\s.*|copyright.*|all\\s+rights\\s+reserved.*|все\\s+права\\s+защищены.*|\\d{1,2}:\\d{2}"
                    // The same labels in the other languages of the sites the organisations' news reaches (German,
                    // French, Spanish, Italian, Polish): back, share, print, comments, about the author, contents.
                    + "|zurück(?:\\s+zu(?:r|m)?\\s+\\p{L}+)?|(?:diese\\s+seite|artikel|beitrag|seite)?\\s*teilen|drucken"
                    + "|(?:keine\\s+)?kommentare?(?:\\s*\\(.{0,60}\\))?|über\\s+den\\s+autor|über\\s+die\\s+autorin"
                    + "|inhaltsverzeichnis|inhalt|weiterlesen|mehr\\s+(?:dazu|zum\\s+thema)|partager|imprimer"
                    + "|(?:aucun\\s+)?commentaires?|sommaire|compartir|imprimir|(?:sin\\s+)?comentarios|temas\\s+relacionados"
                    + "|condividi|stampa|commenti|udostępnij|drukuj|komentarze|spis\\s+treści"
                    + "|(?:quelle|źródło|fuente|fonte|bildquelle)\\s*:.*";
    private static final Pattern NAV_LINE =
            Pattern.compile("^[\\s«»<>←→|•·*\\-–—]*(?:" + NAV + ")[\\s.!»>→|•·]*$", FLAGS);
    private static final Pattern NAV_SUFFIX = Pattern.compile(
            "(?<=[.!?\"»”)])\\s*(?:go\\s*back|back\\s+to\\s+the\\s+(?:all\\s+news|section|list)|назад|вернуться\\s+назад)\\s*$",
            FLAGS);
    private static final Pattern NAV_PREFIX = Pattern.compile(
            "^(?:go\\s*back|back\\s+to\\s+the\\s+(?:all\\s+news|section|list)|«\\s*back|назад|«\\s*назад)\\s*(?=\\p{Lu})",
            FLAGS);
    // Case-sensitive on purpose: CASE_INSENSITIVE would make a lower-case lookahead match "jpgThe" wrongly.
    private static final Pattern IMAGE = Pattern.compile(
            "[\\w\\-()]*\\.(?:jpe?g|JPE?G|png|PNG|gif|GIF|webp|WEBP|bmp|BMP|svg|SVG|tiff?|TIFF?)(?![a-z])");
    /** Another story's headline set into the article: "Read also: ...", "Читайте также: ...". */
    private static final Pattern READ_ALSO = Pattern.compile(
            "^[\\s«»>→•*]*(?:read\\s+(?:also|more)|see\\s+also|also\\s+read|related|more\\s+on\\s+this(?:\\s+topic)?"
                    + "|читайте\\s+(?:также|тоже|еще|ещё)|также\\s+читайте|смотрите\\s+также|по\\s+теме|еще\\s+по\\s+теме"
                    + "|ещё\\s+по\\s+теме)\\s*[:—–-]\\s*\\S",
            FLAGS);

    private static final Pattern BREADCRUMB =
            Pattern.compile("^[^.!?]{1,40}(?:\\s+[›»>/|]\\s+[^.!?›»>/|]{1,40}){1,6}$");
    private static final Pattern SIGNATURE = Pattern.compile(
            "(?:press\\s+secretary|press\\s+service|press\\s+office|press\\s+cent(?:er|re)|information\\s+and\\s+analytical"
                    + "|information\\s+department|public\\s+relations|media\\s+relations|пресс-секретар\\p{L}*|пресс-служб\\p{L}*"
                    + "|пресс-центр\\p{L}*|информационно-аналитическ\\p{L}*|отдел\\p{L}*\\s+информаци\\p{L}*|управлени\\p{L}*\\s+информаци\\p{L}*)",
            FLAGS);
    private static final Pattern MENU_SEPARATOR = Pattern.compile("\\s*[|•·]\\s*");
    private static final Pattern SENTENCE_MARK = Pattern.compile("[.!?:;,]\\s");
    private static final Pattern WIDGET_SEPARATORS = Pattern.compile("[\\s|•·,/]+");
    private static final Set<String> SOCIAL = Set.of(
            "facebook",
            "twitter",
            "vk",
            "vkontakte",
            "вконтакте",
            "telegram",
            "whatsapp",
            "ok",
            "odnoklassniki",
            "одноклассники",
            "x",
            "email",
            "e-mail",
            "print",
            "share",
            "youtube",
            "instagram",
            "linkedin",
            "viber",
            "мой",
            "мир",
            "livejournal",
            "rutube",
            "дзен",
            "dzen");

    // Calls to action and site mechanics, by word: a reader addressed ("your", "ваш") about the site ("comment",
    // "email", "канал") is a form notice, a subscription appeal or a typo hint, not release text. Word classes, not
    // whole phrases, so unseen wordings of the same notices are caught too. Looked up in hash sets word by word
    // rather than with regexes: this runs on every line of every scrape (regexes cost half the parse time).
    private static final Set<String> ADDRESS =
            Set.of("you", "your", "please", "вы", "вас", "вам", "свою", "пожалуйста");
    private static final List<String> ADDRESS_PREFIXES = List.of("ваш");
    private static final Set<String> ACTION = Set.of(
            "subscribe",
            "register",
            "login",
            "click",
            "tap",
            "download",
            "войдите",
            "авторизуйтесь",
            "зарегистрируйтесь",
            "нажмите",
            "выделите",
            "скачайте",
            "присоединяйтесь",
            "сообщи",
            "сообщите",
            "следите",
            "перейти",
            "перейдите",
            "подпишитесь",
            "подписывайтесь",
            "подписаться",
            "подписка");
    private static final List<String> ACTION_PREFIXES = List.of("регистраци");
    private static final Set<String> ACTION_PAIRS =
            Set.of("sign up", "sign in", "log in", "follow us", "join us", "enter your", "читайте нас");
    private static final Set<String> SITE = Set.of(
            "comment",
            "comments",
            "commenting",
            "discussion",
            "email",
            "mail",
            "newsletter",
            "cookie",
            "cookies",
            "app",
            "apps",
            "application",
            "channel",
            "telegram",
            "whatsapp",
            "viber",
            "vk",
            "facebook",
            "twitter",
            "youtube",
            "instagram",
            "mistake",
            "typo",
            "website",
            "site",
            "page",
            "article",
            "redirected",
            "hyperlink",
            "куки",
            "поля");
    private static final List<String> SITE_PREFIXES = List.of(
            "advertis",
            "reproduc",
            "комментари",
            "обсуждени",
            "почт",
            "рассылк",
            "приложени",
            "канал",
            "ошибк",
            "опечатк",
            "сайт",
            "страниц",
            "реклам",
            "перепечат",
            "гиперссылк",
            "материал",
            "новост");
    private static final Set<String> SITE_PAIRS = Set.of("ctrl enter", "rights reserved", "права защищены");
    /** The first words of ACTION_PAIRS and SITE_PAIRS: a pair is built and looked up only after one of them. */
    private static final Set<String> PAIR_FIRST_WORDS = firstWords(ACTION_PAIRS, SITE_PAIRS);

    /** Credits and stamps that open a line: captions, translators, update times. */
    private static final Pattern CREDIT = Pattern.compile(
            "^[\\s©(\\[]*(?:photo|photos|фото|фотография|illustration|иллюстрация|"
                    + "translated\\s+by|translation|перевод|updated|обновлено|обновлен|reporting\\s+by|editing\\s+by|edited\\s+by|"
                    + "written\\s+by|image|picture|video|видео|credit|источник\\s+фото|автор\\s+фото"
                    + "|foto|fotos|bild|titelbild|beitragsbild|crédits?(?:\\s+photos?)?|image\\s+illustrative|zdjęcie|fot\\.)(?![\\p{L}])",
            FLAGS);

    private static final Pattern CREDIT_INSIDE =
            Pattern.compile("(?:[/|•]\\s*|\\.\\s+|[\\[(]\\s*)(?:photo|фото)(?:\\s*:|\\s+\\p{Lu}|\\s+by\\s)", FLAGS);
    /** The words of share and counter widgets ("whatsapp button telegram button", "viewings icon comments icon"). */
    private static final Set<String> WIDGET_WORDS = Set.of(
            "whatsapp",
            "telegram",
            "facebook",
            "twitter",
            "x",
            "vk",
            "vkontakte",
            "ok",
            "odnoklassniki",
            "viber",
            "linkedin",
            "pinterest",
            "reddit",
            "email",
            "mail",
            "copylink",
            "copy",
            "link",
            "button",
            "icon",
            "share",
            "viewings",
            "views",
            "comments",
            "вконтакте",
            "одноклассники",
            "телеграм",
            "ватсап",
            "поделиться",
            "кнопка",
            "иконка",
            "ссылка",
            "скопировать");

    private static final int MAX_CHROME_WORDS = 35;
    /** Longer than chrome's lines: a notice to the reader about the site ({@link #isNotice}). */
    private static final int MAX_NOTICE_WORDS = 90;
    /** What a notice says the reader does with the site: "sharing, liking ... our content". */
    private static final Set<String> OUR_CONTENT = Set.of("content", "liking", "контент", "лайк");

    private Chrome() {}

    @SafeVarargs
    private static Set<String> firstWords(Set<String>... pairSets) {
        Set<String> out = new java.util.HashSet<>();
        for (Set<String> pairs : pairSets) {
            for (String pair : pairs) {
                out.add(pair.substring(0, pair.indexOf(' ')));
            }
        }
        return Set.copyOf(out);
    }

    /**
     * True when a line reads as text but belongs to the page, not to a release: a comment-form notice, a subscription
     * or app appeal, a typo hint, a caption or credit, an update stamp, a ticker of figures. Long lines never are.
     */
    public static boolean isChromeText(String line) {
        String t = line.strip();
        return isChromeText(t, ReleaseSplitter.wordCount(t));
    }

    /** {@link #isChromeText(String)} of an already stripped line whose word count the splitter has counted. */
    static boolean isChromeText(String t, int words) {
        if (t.isEmpty() || words > MAX_NOTICE_WORDS) {
            return false;
        }
        if (words > MAX_CHROME_WORDS) {
            return isNotice(t);
        }
        if (CREDIT.matcher(t).lookingAt() && (words <= 12 || t.indexOf(':') > 0 && t.indexOf(':') < 24)) {
            return true;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (words <= 25
                && (lower.contains("photo") || lower.contains("фото"))
                && CREDIT_INSIDE.matcher(t).find()) {
            return true;
        }
        if (isTicker(t)) {
            return true;
        }
        // A caption with its credit after it ("Secretary General Sergey Lebedev © Grigory Sysoev/ POOL/ TASS").
        if (words <= 25 && t.indexOf('©') > 0) {
            return true;
        }
        if (words >= 8 && opensWithARepeatedRun(t)) {
            return true;
        }
        WordClasses w = wordClasses(lower, words <= 12, false);
        return w.widgetsOnly() && w.words() >= 2
                || w.site() && (w.action() || w.address() > 0)
                || w.action() && w.address() > 0 && words <= 15;
    }

    /**
     * A line longer than chrome's is chrome only as a notice to the reader about the site itself: RFE/RL's warning under
     * every article ("If you are in Russia ... be aware that sharing, liking, commenting on or saving our content, or
     * contacting us, could expose you to criminal charges"), a paywall's or a consent banner's paragraph: the reader
     * addressed twice or more and the site's mechanics named. A paragraph of a release addresses nobody; a quote giving
     * the public advice ("if you receive such a call, please report it") names no comments or pages. Most long lines
     * are a release's own paragraphs: one pass for the reader's words first, so that only a line that may be a notice is
     * lower-cased and read word by word.
     */
    private static boolean isNotice(String t) {
        if (!mayAddressTheReader(t)) {
            return false;
        }
        WordClasses w = wordClasses(t.toLowerCase(Locale.ROOT), false, true);
        return w.address() >= 2 && w.site();
    }

    /** What {@link #wordClasses} finds in a line: how many words, which classes of them, whether all are widgets'. */
    private record WordClasses(int words, int address, boolean action, boolean site, boolean widgetsOnly) {}

    /**
     * The words of a lower-cased line by class (the reader addressed, an action, the site's mechanics), and whether
     * every word is a widget's when {@code widgets} asks. {@code notice}: "content", "liking" name the site too.
     */
    private static WordClasses wordClasses(String lower, boolean widgets, boolean notice) {
        boolean action = false;
        int address = 0;
        boolean site = false;
        // A line of share and counter widgets ("whatsapp button telegram button"): every word a widget's, two or more.
        boolean widgetsOnly = widgets;
        int wordsSeen = 0;
        String previous = null;
        // The words of split("[^\\p{L}\\d]+"), scanned by hand: a regex split per line cost a tenth of the parse.
        int len = lower.length();
        int i = 0;
        while (i < len) {
            int s = ReleaseSplitter.skipNonWord(lower, i);
            i = ReleaseSplitter.wordEnd(lower, s);
            if (i == s) {
                continue;
            }
            String w = lower.substring(s, i);
            widgetsOnly &= WIDGET_WORDS.contains(w);
            wordsSeen++;
            address += ADDRESS.contains(w) || startsWithAny(w, ADDRESS_PREFIXES) ? 1 : 0;
            action |= ACTION.contains(w) || startsWithAny(w, ACTION_PREFIXES);
            site |= SITE.contains(w) || startsWithAny(w, SITE_PREFIXES) || notice && OUR_CONTENT.contains(w);
            if (previous != null && PAIR_FIRST_WORDS.contains(previous)) {
                String pair = previous + " " + w;
                action |= ACTION_PAIRS.contains(pair);
                site |= SITE_PAIRS.contains(pair);
            }
            previous = w;
        }
        return new WordClasses(wordsSeen, address, action, site, widgetsOnly);
    }

    /** Whether a word of the line starts with "you" or "please", or is "вы", "вас", "вам" or starts with "ваш". */
    private static boolean mayAddressTheReader(String t) {
        for (int i = 0, n = t.length() - 2; i < n; i++) {
            char first = t.charAt(i);
            // Every address opens with y, p or в: other chars are passed over before the letter test behind them.
            if ((first | 0x20) != 'y' && (first | 0x20) != 'p' && first != 'в' && first != 'В') {
                continue;
            }
            if (i > 0 && Character.isLetter(t.charAt(i - 1))) {
                continue;
            }
            char c = Character.toLowerCase(first);
            char d = Character.toLowerCase(t.charAt(i + 1));
            if (c == 'y' && d == 'o' && Character.toLowerCase(t.charAt(i + 2)) == 'u'
                    || c == 'p' && d == 'l' && t.regionMatches(true, i, "please", 0, 6)
                    || c == 'в' && d == 'ы' && !Character.isLetter(t.charAt(i + 2))
                    || c == 'в' && d == 'а' && addressAfterVa(t, i + 2)) {
                return true;
            }
        }
        return false;
    }

    /** Whether "ва" is "вас", "вам" or "ваш..." from {@code i} on (its third letter). */
    private static boolean addressAfterVa(String t, int i) {
        char e = Character.toLowerCase(t.charAt(i));
        return e == 'ш' || (e == 'с' || e == 'м') && (i + 1 == t.length() || !Character.isLetter(t.charAt(i + 1)));
    }

    /**
     * True when the line's first four words come again later in it: a tag list rendered twice, as pages with a
     * desktop and a mobile copy of it give it ("Sergey Shoigu Moscow Russia Minsk politics Sergey Shoigu Moscow Russia
     * ..."). Headlines and sentences do not repeat their opening words.
     */
    private static boolean opensWithARepeatedRun(String t) {
        int end = -1;
        for (int k = 0; k < 4; k++) {
            end = t.indexOf(' ', end + 1);
            if (end < 0) {
                return false;
            }
        }
        return t.indexOf(t.substring(0, end + 1), end) > 0;
    }

    private static boolean startsWithAny(String word, List<String> prefixes) {
        for (String p : prefixes) {
            if (word.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True when most of a line's words start in lower case, as sentences do (menus and rubrics are all capitals). */
    public static boolean isProse(String line) {
        int words = 0;
        int lower = 0;
        boolean start = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isLetter(c)) {
                if (start) {
                    words++;
                    lower += Character.isLowerCase(c) ? 1 : 0;
                }
                start = false;
            } else {
                start = Character.isWhitespace(c) || c == '"' || c == '«' || c == '(' || c == '“';
            }
        }
        return words > 0 && lower * 4 >= words;
    }

    /** Figures with hardly a word: exchange rates, weather, scores ("• KGS/USD = 0.01144 0%", "32.2 C"). */
    private static boolean isTicker(String t) {
        int numbers = 0;
        int letterWords = 0;
        boolean inNumber = false;
        boolean inWord = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean digit = Character.isDigit(c);
            boolean letter = Character.isLetter(c);
            if (digit && !inNumber && !inWord) {
                numbers++;
            }
            if (letter && !inWord && !inNumber) {
                letterWords++;
            }
            inNumber = digit
                    || (inNumber && (c == '.' || c == ',') && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1)));
            inWord = letter || (inWord && digit);
        }
        return numbers >= 2 && numbers >= letterWords;
    }

    /** True when the whole line is navigation, a menu, a widget, a counter or a caption: no part of any release. */
    public static boolean isNavigation(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return false;
        }
        if (NAV_LINE.matcher(t).matches()) {
            return true;
        }
        if (t.chars().noneMatch(Character::isLetter)) {
            return !DateParser.isDateOnly(t); // page numbers, separators, counters
        }
        if (t.length() <= 160
                && BREADCRUMB.matcher(t).matches()
                && ReleaseSplitter.wordCount(t) <= 14
                && !t.contains(",")
                && !DateParser.isDateOnly(t)) {
            return true;
        }
        if (READ_ALSO.matcher(t).lookingAt() && ReleaseSplitter.wordCount(t) <= 30) {
            return true;
        }
        return isMenu(t) || isShareWidget(t);
    }

    /**
     * A site menu written on one line: four or more short items between bars or bullets ("Home | News | Russia |
     * Kazakhstan | ... | Sport"), more than a breadcrumb holds. Its country items are no mention of the release's, and
     * as the nearest headline-shaped line it was taken for the headline.
     */
    private static boolean isMenu(String t) {
        if (t.length() > 400 || t.indexOf('|') < 0 && t.indexOf('•') < 0 && t.indexOf('·') < 0) {
            return false;
        }
        String[] items = MENU_SEPARATOR.split(t);
        int filled = 0;
        for (String item : items) {
            String s = item.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.length() > 30
                    || ReleaseSplitter.wordCount(s) > 4
                    || SENTENCE_MARK.matcher(s).find()) {
                return false;
            }
            filled++;
        }
        return filled >= 4;
    }

    /** True when the line is a signature ("The CSTO Press Secretary Vladimir Zaynetdinov"), not release text. */
    public static boolean isSignature(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.length() > 130 || t.endsWith(".") && !t.endsWith("Press Secretary.")) {
            return false;
        }
        int words = ReleaseSplitter.wordCount(t);
        return words <= 14 && SIGNATURE.matcher(t).find();
    }

    /** Removes image file names glued to text and navigation glued to the start or end of a line. */
    public static String stripGlued(String line) {
        String t = line;
        // Cheap substring checks first: these regexes would otherwise be tried at every offset of every line.
        int hints = gluedHints(line);
        if ((hints & IMAGE_HINT) != 0) {
            t = IMAGE.matcher(t).replaceAll(" ");
        }
        if ((hints & NAV_HINT) != 0) {
            t = NAV_PREFIX.matcher(t).replaceFirst("");
            t = NAV_SUFFIX.matcher(t).replaceFirst("");
        }
        return t;
    }

    static final int IMAGE_HINT = 1;
    static final int NAV_HINT = 2;
    private static final String[] IMAGE_HINTS = {"jp", "png", "gif", "webp", "bmp", "svg", "tif"};

    /**
     * Which of stripGlued's regexes may apply: IMAGE_HINT when the lower-cased line contains ".jp", ".png", ".gif",
     * ".webp", ".bmp", ".svg" or ".tif", NAV_HINT when it contains "back", "назад" or "вернуться". One pass with no
     * lower-cased copy: {@code toLowerCase(Locale.ROOT)} maps every char to {@code Character.toLowerCase} of it except
     * 'İ' (which becomes two chars, so such lines take the copy) and 'Σ' (whose forms are in no hint).
     */
    static int gluedHints(String line) {
        if (line.indexOf('\u0130') >= 0) {
            String lower = line.toLowerCase(Locale.ROOT);
            int hints = 0;
            for (String h : IMAGE_HINTS) {
                hints |= lower.contains("." + h) ? IMAGE_HINT : 0;
            }
            return hints
                    | (lower.contains("back") || lower.contains("назад") || lower.contains("вернуться") ? NAV_HINT : 0);
        }
        int hints = 0;
        int len = line.length();
        for (int i = 0; i < len && hints != (IMAGE_HINT | NAV_HINT); i++) {
            char raw = line.charAt(i);
            // Only '.', 'b', 'н' and 'в' open a hint: other letters are passed over without lower-casing them (a
            // table lookup per char of every Cyrillic line).
            if (raw != '.' && (raw | 0x20) != 'b' && raw != 'н' && raw != 'Н' && raw != 'в' && raw != 'В') {
                continue;
            }
            char c = lower(raw);
            if (c == '.') {
                for (String h : IMAGE_HINTS) {
                    hints |= lowerAt(line, i + 1, h) ? IMAGE_HINT : 0;
                }
            } else if (c == 'b' && lowerAt(line, i + 1, "ack")
                    || c == 'н' && lowerAt(line, i + 1, "азад")
                    || c == 'в' && lowerAt(line, i + 1, "ернуться")) {
                hints |= NAV_HINT;
            }
        }
        return hints;
    }

    private static char lower(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    /** True when the chars of {@code s} from {@code from}, lower-cased one by one, start with {@code lowerNeedle}. */
    private static boolean lowerAt(String s, int from, String lowerNeedle) {
        if (from + lowerNeedle.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < lowerNeedle.length(); k++) {
            if (lower(s.charAt(from + k)) != lowerNeedle.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithSocialWord(String t) {
        int i = 0;
        while (i < t.length() && isWidgetSeparator(t.charAt(i))) {
            i++;
        }
        int s = i;
        while (i < t.length() && !isWidgetSeparator(t.charAt(i))) {
            i++;
        }
        return i == s || SOCIAL.contains(t.substring(s, i).toLowerCase(Locale.ROOT));
    }

    private static boolean isWidgetSeparator(char c) {
        return Character.isWhitespace(c) || c == '|' || c == '•' || c == '·' || c == ',' || c == '/';
    }

    private static boolean isShareWidget(String t) {
        if (t.length() > 300) {
            return false; // twelve social-network names and separators never take that much
        }
        if (!startsWithSocialWord(t)) {
            return false; // every word must be a network name; the first one decides most lines without a split
        }
        String[] words = WIDGET_SEPARATORS.split(t.toLowerCase(Locale.ROOT));
        if (words.length == 0 || words.length > 12) {
            return false;
        }
        for (String w : words) {
            if (!w.isEmpty() && !SOCIAL.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
