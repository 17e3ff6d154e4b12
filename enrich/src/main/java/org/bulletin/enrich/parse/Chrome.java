package org.bulletin.enrich.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Recognises page chrome in scraped text: navigation, menus, share widgets, captions, counters, signature lines. */
public final class Chrome {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String NAV = "go\\s*back|back|«\\s*back|back\\s+to\\s+(?:the\\s+)?(?:all\\s+news|section|news|list|top|"
            + "previous\\s+page|main\\s+page|home\\s*page)|to\\s+the\\s+(?:news\\s+)?list|назад|«\\s*назад|вернуться(?:\\s+.{0,40})?"
            + "|к\\s+списку(?:\\s+.{0,30})?|все\\s+новости|all\\s+news|more\\s+news|other\\s+news|related\\s+(?:news|articles|materials)"
            + "|read\\s+(?:also|more)|see\\s+also|читайте\\s+также|смотрите\\s+также|другие\\s+новости|похожие\\s+(?:новости|материалы)"
            + "|последние\\s+новости|latest\\s+news|новости|news|share|поделиться|print|печать|версия\\s+для\\s+печати|print\\s+version"
            + "|tweet|like|subscribe|подписаться|comments?(?:\\s*\\(\\d+\\))?|комментари\\p{L}*(?:\\s*\\(\\d+\\))?|home|главная"
            + "|main\\s+page|menu|меню|search|поиск|en|ru|eng|рус|english|русский|қазақша|top|наверх|up|sitemap|карта\\s+сайта"
            + "|contacts?|контакты|rss|подробнее|read\\s+more|читать\\s+(?:далее|полностью)|show\\s+more|показать\\s+ещ[её]"
            + "|\\d+\\s*(?:views?|просмотр\\p{L}*)|(?:views?|просмотров|просмотры)\\s*:?\\s*\\d+"
            + "|(?:tags?|теги|метки|keywords|ключевые\\s+слова|photo|фото|source|источник|автор|author)\\s*:.*"
            + "|©.*|\\(c\\)\\s.*|copyright.*|all\\s+rights\\s+reserved.*|все\\s+права\\s+защищены.*|\\d{1,2}:\\d{2}";
    private static final Pattern NAV_LINE = Pattern.compile("^[\\s«»<>←→|•·*\\-–—]*(?:" + NAV + ")[\\s.!»>→|•·]*$", FLAGS);
    private static final Pattern NAV_SUFFIX = Pattern.compile(
            "(?<=[.!?\"»”)])\\s*(?:go\\s*back|back\\s+to\\s+the\\s+(?:all\\s+news|section|list)|назад|вернуться\\s+назад)\\s*$", FLAGS);
    private static final Pattern NAV_PREFIX = Pattern.compile(
            "^(?:go\\s*back|back\\s+to\\s+the\\s+(?:all\\s+news|section|list)|«\\s*back|назад|«\\s*назад)\\s*(?=\\p{Lu})", FLAGS);
    // Case-sensitive on purpose: CASE_INSENSITIVE would make a lower-case lookahead match "jpgThe" wrongly.
    private static final Pattern IMAGE = Pattern.compile(
            "[\\w\\-()]*\\.(?:jpe?g|JPE?G|png|PNG|gif|GIF|webp|WEBP|bmp|BMP|svg|SVG|tiff?|TIFF?)(?![a-z])");
    private static final Pattern BREADCRUMB = Pattern.compile("^[^.!?]{1,40}(?:\\s+[›»>/|]\\s+[^.!?›»>/|]{1,40}){1,6}$");
    private static final Pattern SIGNATURE = Pattern.compile(
            "(?:press\\s+secretary|press\\s+service|press\\s+office|press\\s+cent(?:er|re)|information\\s+and\\s+analytical"
                    + "|information\\s+department|public\\s+relations|media\\s+relations|пресс-секретар\\p{L}*|пресс-служб\\p{L}*"
                    + "|пресс-центр\\p{L}*|информационно-аналитическ\\p{L}*|отдел\\p{L}*\\s+информаци\\p{L}*|управлени\\p{L}*\\s+информаци\\p{L}*)",
            FLAGS);
    private static final Pattern WIDGET_SEPARATORS = Pattern.compile("[\\s|•·,/]+");
    private static final Set<String> SOCIAL = Set.of("facebook", "twitter", "vk", "vkontakte", "вконтакте", "telegram",
            "whatsapp", "ok", "odnoklassniki", "одноклассники", "x", "email", "e-mail", "print", "share", "youtube",
            "instagram", "linkedin", "viber", "мой", "мир", "livejournal", "rutube", "дзен", "dzen");

    private Chrome() {
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
        if (t.length() <= 160 && BREADCRUMB.matcher(t).matches() && ReleaseSplitter.wordCount(t) <= 14 && !t.contains(",")
                && !DateParser.isDateOnly(t)) {
            return true;
        }
        return isShareWidget(t);
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
        String lower = t.toLowerCase(Locale.ROOT);
        // Cheap substring checks first: these regexes would otherwise be tried at every offset of every line.
        if (lower.contains(".jp") || lower.contains(".png") || lower.contains(".gif") || lower.contains(".webp")
                || lower.contains(".bmp") || lower.contains(".svg") || lower.contains(".tif")) {
            t = IMAGE.matcher(t).replaceAll(" ");
        }
        if (lower.contains("back") || lower.contains("назад") || lower.contains("вернуться")) {
            t = NAV_PREFIX.matcher(t).replaceFirst("");
            t = NAV_SUFFIX.matcher(t).replaceFirst("");
        }
        return t;
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
