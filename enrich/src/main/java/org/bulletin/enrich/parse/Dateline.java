package org.bulletin.enrich.parse;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A news agency's dateline at the start of a text: where the story was filed and by whom ("MOSCOW, July 5 (TASS) -",
 * "DUSHANBE, September 4, Asia-Plus –", "Минск, 5 июля /БЕЛТА/.", "MINSK. KAZINFORM", "DUSHANBE (Reuters) -"). It is
 * neither the headline of a release whose title is taken from its lead ({@link ReleaseSplitter#firstSentence}) nor
 * what the release is about (the classifier ignores the places in it). Written by hand: no library knows the agencies'
 * house styles, and these are four patterns. Thread-safe.
 */
public final class Dateline {

    // A city (1-3 words; group 1), a comma or period, then within ~60 chars a date or an agency (group 2), with no
    // quotation mark: "KAZINFORM "Peace Mission - 2016", the exercise" is an agency and a name.
    private static final String CITY_THEN_SOURCE =
            "^\\s*(\\p{Lu}[\\p{L}-]+(?:\\s\\p{Lu}[\\p{L}-]+){0,2})\\s*[,.]\\s*([^\\n\"«“„]{0,60}?)\\s*";
    // A city in capitals (1-3 words).
    private static final String CAPS_CITY = "^\\s*\\p{Lu}[\\p{Lu}-]+(?:\\s\\p{Lu}[\\p{Lu}-]+){0,2}\\s*";
    // Ended by a dash set apart by a space (a hyphen inside "Asia-Plus" is no end) or an en or em dash. Tried first: a
    // period inside the date ("Oct. 4") would end the period form too early.
    private static final Pattern DASHED =
            Pattern.compile(CITY_THEN_SOURCE + "(?:\\s[–—-]{1,2}|[–—]{1,2})", Pattern.UNICODE_CASE);
    // Ended by a period ("Минск, 5 июля /БЕЛТА/.").
    private static final Pattern PERIOD = Pattern.compile(CITY_THEN_SOURCE + "\\.\\s", Pattern.UNICODE_CASE);
    // The agency in brackets, then a dash: "DUSHANBE (Reuters) -", "YEREVAN (Sputnik) –".
    private static final Pattern BRACKETED = Pattern.compile(
            CAPS_CITY + "\\(\\s*\\p{Lu}[\\p{L}.]*(?:\\s\\p{Lu}[\\p{L}.]*)?\\s*\\)\\s*[–—-]{1,2}", Pattern.UNICODE_CASE);
    // A period or comma and the agency's name in capitals with no dash after it: Kazinform writes "MOSCOW. KAZINFORM A
    // session of..." as often as "MOSCOW. KAZINFORM - A session of...".
    private static final Pattern AGENCY_ONLY =
            Pattern.compile(CAPS_CITY + "[,.]\\s*\\p{Lu}{4,}(?=\\s+\\P{Ll})", Pattern.UNICODE_CASE);
    // The two forms that start with any city, each accepted only with a city in capitals or a date or agency after it.
    private static final List<Pattern> CITY_FIRST = List.of(DASHED, PERIOD);
    private static final Pattern AGENCY_OR_DATE = Pattern.compile(
            "(?:\\d|\\(\\s*\\p{Lu}|/\\s*\\p{Lu}|\\p{Lu}{3,}|TASS|ТАСС|БЕЛТА|BelTA|Kazinform|Казинформ|Sputnik|Xinhua|Interfax|Интерфакс|"
                    + "Kabar|Кабар|Trend|Armenpress|Арменпресс|АрмИнфо|Азертадж|AzerTAc|РИА|RIA|Reuters|AFP|AKIpress|24\\.kg|Khovar|Ховар)");

    private Dateline() {}

    /** Length of a news-agency dateline at the start of {@code text}, 0 when there is none. */
    public static int length(String text) {
        String head = text.length() > 120 ? text.substring(0, 120) : text;
        for (Pattern p : CITY_FIRST) {
            Matcher m = p.matcher(head);
            if (m.find() && m.end() <= 110) {
                String city = m.group(1);
                boolean capsCity = city.equals(city.toUpperCase()) && city.length() > 2;
                if (capsCity || AGENCY_OR_DATE.matcher(m.group(2)).find()) {
                    return m.end();
                }
            }
        }
        Matcher bracketed = BRACKETED.matcher(head);
        if (bracketed.find()) {
            return bracketed.end();
        }
        Matcher agency = AGENCY_ONLY.matcher(head);
        return agency.find() ? agency.end() : 0;
    }
}
