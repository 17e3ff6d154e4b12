package org.bulletin.enrich.extract;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds people and their roles: "CSTO Secretary General Stanislav Zas", "Imangali Tasmagambetov, the CSTO Secretary
 * General,", "Генеральный секретарь ОДКБ Имангали Тасмагамбетов", and initials forms ("M. Jenča", "K.-J. Tokayev")
 * merged with the full name by surname. Thread-safe.
 */
public final class PeopleFinder {

    /** A person as written, with a role or null. */
    public record PersonName(String name, String role) {}

    private static final String UP = "[A-ZА-ЯЁ\\u00C0-\\u00DE\\u0100-\\u017F]";
    private static final String LOW = "[a-zа-яё\\u00DF-\\u00FF\\u0100-\\u017F'’]";
    private static final String WORD = UP + LOW + "+(?:-" + UP + "?" + LOW + "+)?";
    private static final String INITIALS = UP + "\\.(?:\\s?-?" + UP + "\\.)?";
    private static final String NAME =
            "((?:" + INITIALS + "\\s?" + WORD + ")|(?:" + WORD + "(?:\\s+" + WORD + "){1,2}))";
    private static final String CORE =
            "(?:Deputy\\s+|Assistant\\s+|Under-?\\s?|Executive\\s+|Acting\\s+|First\\s+Deputy\\s+|Vice[-\\s])?"
                    + "(?:Secretary[-\\s]General|Secretary|Chairman|Chairperson|Chair|President|Prime\\s+Minister|Foreign\\s+Minister"
                    + "|Defen[cs]e\\s+Minister|Minister|Ambassador|Permanent\\s+Representative|Plenipotentiary\\s+Representative"
                    + "|Special\\s+Representative|Representative|Director|Head|Chief|Commander|Press\\s+Secretary|Spokes(?:man|person|woman)"
                    + "|Envoy|Rector|Colonel\\s+General|Lieutenant\\s+General|Major\\s+General|General|Colonel|Coordinator"
                    + "|Генеральн\\p{Ll}+\\s+секретар\\p{Ll}*|Заместител\\p{Ll}+\\s+Генерального\\s+секретаря|Председател\\p{Ll}*"
                    + "|Президент\\p{Ll}*|Министр\\p{Ll}*|Посол|Посл[аоу]\\p{Ll}*|Постоянн\\p{Ll}+\\s+представител\\p{Ll}*"
                    + "|Полномочн\\p{Ll}+\\s+представител\\p{Ll}*|Директор\\p{Ll}*|Руководител\\p{Ll}*|Начальник\\p{Ll}*"
                    + "|Командующ\\p{Ll}+|Пресс-секретар\\p{Ll}*|Ректор\\p{Ll}*|Спецпредставител\\p{Ll}*|Генерал[-\\s]полковник\\p{Ll}*"
                    + "|Генерал[-\\s]лейтенант\\p{Ll}*|Генерал[-\\s]майор\\p{Ll}*|Полковник\\p{Ll}*"
                    + "|генеральн\\p{Ll}+\\s+секретар\\p{Ll}*|заместител\\p{Ll}+\\s+генерального\\s+секретаря|председател\\p{Ll}*"
                    + "|президент\\p{Ll}*|министр\\p{Ll}*|посол|постоянн\\p{Ll}+\\s+представител\\p{Ll}*|директор\\p{Ll}*"
                    + "|руководител\\p{Ll}*|начальник\\p{Ll}*|командующ\\p{Ll}+|пресс-секретар\\p{Ll}*)";
    private static final String QUALIFIER = "(?:(?:" + UP + "[\\p{L}.-]*|" + UP + "{2,6})\\s+){0,5}";
    private static final String COMPLEMENT =
            "(?:\\s+(?:of|for|on|to|at|in)(?:\\s+(?:the|of|and|for|on|" + UP + "[\\p{L}.'-]*)){1,9}?"
                    + "|(?:\\s+(?:" + UP
                    + "{2,6}|[А-ЯЁ]\\p{Ll}+\\p{L}*|по|при|и|иностранных|дел|обороны|внутренних|делам|\\p{Ll}+(?:ой|ого|ых|ой)))"
                    + "{1,7}?)?";
    // Every alternative of CORE starts with one of these letters; the look-ahead lets the matcher skip other offsets at
    // once instead of trying ~60 alternatives at each of them.
    private static final String CORE_FIRST = "(?=[ADUEFVSCPMRHLGГЗПМДРНКСгзпмдрнк])";
    private static final Pattern CORE_ONLY = Pattern.compile(CORE_FIRST + CORE);
    // A maximal run of capitalised words and initials; the person's name is its tail after role and place words.
    private static final Pattern CANDIDATE =
            Pattern.compile("(?:" + INITIALS + "\\s?)?" + WORD + "(?:\\s+(?:" + INITIALS + "\\s?)?" + WORD + ")*");
    private static final Set<String> ROLE_WORDS = Set.of(
            "secretary",
            "general",
            "deputy",
            "assistant",
            "president",
            "minister",
            "ambassador",
            "chairman",
            "chairperson",
            "chair",
            "director",
            "head",
            "chief",
            "commander",
            "representative",
            "envoy",
            "rector",
            "colonel",
            "lieutenant",
            "major",
            "spokesman",
            "spokesperson",
            "press",
            "prime",
            "executive",
            "special",
            "permanent",
            "plenipotentiary",
            "extraordinary",
            "acting",
            "first",
            "vice",
            "coordinator",
            "генеральный",
            "секретарь",
            "президент",
            "министр",
            "посол",
            "председатель",
            "директор",
            "руководитель",
            "начальник",
            "командующий",
            "представитель",
            "ректор",
            "заместитель",
            "генерал",
            "полковник");
    // Between the role word and the name only role complements may stand ("of the Republic of Kazakhstan", "ОДКБ").
    private static final Pattern ROLE_TAIL =
            Pattern.compile("(?s)" + CORE + "(?:\\s+(?:of|for|on|to|at|in|the|and|по|при|и|" + UP
                    + "[\\p{L}.'’-]*|\\p{Ll}+(?:ой|ого|ых|их|ей|дел)))*");
    // Lower-cased starts of every first word CORE can begin with: a window holding none of them has no role, so the
    // costly CORE search is skipped for it.
    private static final String[] ROLE_STARTS = {
        "deputy",
        "assistant",
        "under",
        "executive",
        "acting",
        "first",
        "vice",
        "secretar",
        "chair",
        "president",
        "prime",
        "foreign",
        "defen",
        "minist",
        "ambassador",
        "permanent",
        "plenipotentiary",
        "special",
        "representative",
        "director",
        "head",
        "chief",
        "commander",
        "press",
        "spokes",
        "envoy",
        "rector",
        "colonel",
        "lieutenant",
        "major",
        "general",
        "coordinator",
        "генеральн",
        "заместител",
        "председател",
        "президент",
        "министр",
        "посол",
        "посл",
        "постоянн",
        "полномочн",
        "директор",
        "руководител",
        "начальник",
        "командующ",
        "пресс",
        "ректор",
        "спецпредставител",
        "генерал",
        "полковник"
    };
    private static final Pattern WS = Pattern.compile("\\s+");
    private static final Pattern NAME_SPLIT = Pattern.compile("[\\s.]+");
    private static final Pattern INITIAL = Pattern.compile("\\p{Lu}\\.");
    private static final Pattern CASE_ENDING = Pattern.compile("(а|у|ым|ом|е)$");
    private static final Pattern RUSSIAN_ADJECTIVE =
            Pattern.compile("[а-яё](?:ск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)|ого|ому)$");
    private static final String[] RUSSIAN_ROLE_STEMS = {
        "президент", "министр", "премьер", "председател", "заместител", "генеральн", "секретар", "директор",
        "руководител", "начальник", "командующ", "представител", "ректор", "генерал", "полковник", "посол"
    };
    // Offices written as one word ("пресс-секретарь Минобороны Армении", "Госпогранкомитета Беларуси"): a role's
    // complement, never a name.
    private static final String[] RUSSIAN_OFFICE_STEMS = {
        "минобор",
        "минфин",
        "минюст",
        "минздрав",
        "минэнерг",
        "минтранс",
        "минпромторг",
        "минэконом",
        "минкульт",
        "минобрнаук",
        "минтруд",
        "госпогранком",
        "госдум",
        "госкомитет",
        "генпрокурат",
        "генштаб"
    };
    private static final Pattern ROLE_OPEN = Pattern.compile("\\s(?:of|for|and|on|in|the|по|при|и)$");
    private static final Pattern ROLE_AND = Pattern.compile("\\s(?:and|и)$");
    private static final Pattern INITIALS_ONLY = Pattern.compile("(?:\\p{Lu}\\.-?)+");
    private static final Pattern ARTICLE = Pattern.compile("^(?i)(the|a)\\s+");
    private static final String ROLE_FIRST_LETTERS = firstLetters(ROLE_STARTS);
    // Capitalised words that open a sentence or a clause, not a role: "On Thursday Russian President ...".
    private static final Set<String> QUALIFIER_STOP = Set.of(
            "on",
            "in",
            "at",
            "by",
            "during",
            "after",
            "before",
            "since",
            "meeting",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "yesterday",
            "в",
            "на",
            "во",
            "сегодня",
            "вчера");
    // A sentence glued to the one before it: a word of two letters or more, a full stop, a capitalised word.
    private static final Pattern GLUED_SENTENCE = Pattern.compile("\\p{L}{2}\\.\\p{Lu}");
    private static final Pattern QUALIFIER_WORD = Pattern.compile("(?:" + UP + "[\\p{L}.-]*|the|The)$");

    private static final Set<String> NOT_NAME = Set.of(
            "the",
            "of",
            "republic",
            "federation",
            "organization",
            "organisation",
            "council",
            "secretariat",
            "forces",
            "ministry",
            "united",
            "nations",
            "states",
            "security",
            "collective",
            "treaty",
            "general",
            "affairs",
            "foreign",
            "defence",
            "defense",
            "political",
            "committee",
            "executive",
            "state",
            "union",
            "office",
            "centre",
            "center",
            "staff",
            "armed",
            "assembly",
            "parliamentary",
            "national",
            "international",
            "agency",
            "service",
            "department",
            "region",
            "ministers",
            "heads",
            "government",
            "military",
            "border",
            "anti",
            "terrorist",
            // Nouns of institutions, events and plans, which follow a role's "of the" in capitals ("Chairman of the
            // Coordination Meeting", "Commander of the Peacekeeping Force") and head title-case headlines.
            "meeting",
            "conference",
            "summit",
            "session",
            "forum",
            "plan",
            "programme",
            "program",
            "exercise",
            "exercises",
            "force",
            "troops",
            "army",
            "navy",
            "police",
            "guard",
            "corps",
            "command",
            "commanders",
            "headquarters",
            "directorate",
            "division",
            "brigade",
            "regiment",
            "battalion",
            "unit",
            "units",
            "group",
            "mission",
            "commission",
            "board",
            "bureau",
            "bodies",
            "court",
            "institute",
            "university",
            "academy",
            "fund",
            "bank",
            "exchange",
            "support",
            "issues",
            "rights",
            "financing",
            "migration",
            "deployment",
            "operations",
            "district",
            "province",
            "enterprises",
            "measures",
            "development",
            "promotion",
            "club",
            "festival",
            // Parts of the world ("UNODC Regional Representative for Central Asia").
            "asia",
            "europe",
            "central",
            "eastern",
            "western",
            "northern",
            "southern",
            "республики",
            "республика",
            "федерации",
            "организации",
            "совета",
            "секретариата",
            "одкб",
            "снг",
            "шос",
            "оон",
            "министерства",
            "генерального",
            "штаба",
            "комитета",
            "сил",
            "войск",
            "дел",
            "иностранных",
            "обороны",
            "he",
            "she",
            "they",
            "this",
            "also",
            "said",
            "noted",
            "stressed",
            "on",
            "in",
            "at",
            "and",
            "for",
            "with",
            "who",
            "during",
            "today",
            "yesterday",
            "which",
            "that",
            "has",
            "had",
            "was",
            "is",
            "will",
            "took",
            "held",
            "met",
            "visited",
            "отметил",
            "подчеркнул",
            "заявил",
            "сообщил",
            "провел",
            "принял",
            "встретился",
            "выступил",
            "в",
            "на");

    private final Gazetteer gazetteer;

    /** Uses the gazetteer to keep place names out of people's names. */
    public PeopleFinder(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /**
     * People named in {@code text}, in order of first mention, one entry per person; {@code named} marks the characters of its gazetteer matches (places, countries,
     * organisations), whose words are never part of a person's name. The gazetteer matches Russian names by stem, so
     * "Армении Никол Пашинян" and "Минобороны Армении Шушан Степанян" lose the place and the office in any case,
     * which the written forms of {@link Gazetteer#isPlaceWord} alone did not.
     */
    public List<PersonName> find(String text, BitSet named) {
        Map<String, PersonName> bySurname = new LinkedHashMap<>();
        List<int[]> order = new ArrayList<>();
        List<PersonName> found = new ArrayList<>();
        // One pass over capitalised word runs; the role is looked for only in the short text around each run.
        Matcher m = CANDIDATE.matcher(text);
        int cursor = 0;
        int len = text.length();
        // The regex is tried only where a capital letter starts a word: never inside one, where the last capital of an
        // acronym before a full stop ("ИА REGNUM. Об этом") would read as an initial.
        while (cursor < len) {
            if (!mayStartRun(text.charAt(cursor))
                    || (cursor > 0 && Character.isLetterOrDigit(text.charAt(cursor - 1)))
                    || !mayContinueRun(text, cursor + 1)
                    || !m.region(cursor, len).lookingAt()) {
                cursor++;
                continue;
            }
            cursor = m.end();
            String run = m.group();
            if (run.indexOf(' ') < 0 && run.indexOf('.') < 0) {
                continue; // a single capitalised word is never a full name here
            }
            String[] words = WS.split(run);
            int first = 0;
            int runEnd = m.end();
            for (int i = 0, at = m.start(); i < words.length; i++) {
                at = text.indexOf(words[i], at);
                if (notNameWord(words[i]) || isAcronym(words[i]) || named.get(at)) {
                    first = i + 1;
                }
                at += words[i].length();
                if (possessive(words[i])) {
                    // "Robert Rodriguez's Once Upon a Time": what follows a possessive is its object, not the name.
                    words = java.util.Arrays.copyOf(words, i + 1);
                    words[i] = words[i].substring(0, words[i].length() - 2);
                    runEnd = at - 2;
                    break;
                }
            }
            if (first >= words.length) {
                continue;
            }
            int nameStart = m.start()
                    + run.indexOf(
                            words[first], first == 0 ? 0 : run.indexOf(words[first - 1]) + words[first - 1].length());
            String name = text.substring(nameStart, runEnd);
            String role = roleBefore(text, nameStart);
            boolean openRole = role != null && ROLE_OPEN.matcher(role).find();
            if (role == null) {
                role = roleAfter(text, runEnd);
            }
            if (role != null || name.contains(".")) {
                addCandidate(found, order, nameStart, name, role, openRole, named);
            }
        }
        // Order by first position; merge by surname so "S. Zas" joins "Stanislav Zas" and keeps the fuller name/role.
        Integer[] idx = new Integer[found.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Integer.compare(order.get(a)[0], order.get(b)[0]));
        for (Integer i : idx) {
            PersonName p = found.get(i);
            String surname = surname(p.name());
            PersonName prev = bySurname.get(surname);
            if (prev == null) {
                bySurname.put(surname, p);
            } else {
                String name = fuller(prev.name(), p.name());
                String role = prev.role() != null ? prev.role() : p.role();
                bySurname.put(surname, new PersonName(name, role));
            }
        }
        return List.copyOf(bySurname.values());
    }

    /** Character.isLetter, answered without a table lookup for ASCII and basic Cyrillic (most of every text). */
    private static boolean letter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        return (c >= '\u0410' && c <= '\u044F') || Character.isLetter(c);
    }

    // A loop, not w.chars().allMatch: the stream was 2-3 % of a whole enrich, called for every word of every run.
    private static boolean isAcronym(String w) {
        if (w.length() < 2) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c != '-' && !Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    /** A role written right before a name: "the UN Assistant Secretary General for Political Affairs Miroslav Jenča". */
    private static String roleBefore(String text, int nameStart) {
        int from = Math.max(0, nameStart - 110);
        // The role stands after the last ". ", ", ", "; " or line break before the name: one backward scan, not four.
        int cut = nameStart - 1;
        while (cut >= from) {
            char c = text.charAt(cut);
            if (c == '\n'
                    || c == ' '
                            && cut > from
                            && (text.charAt(cut - 1) == '.'
                                    || text.charAt(cut - 1) == ','
                                    || text.charAt(cut - 1) == ';')) {
                break;
            }
            cut--;
        }
        String window = text.substring(cut >= from ? cut + 1 : from, nameStart);
        if (!mayHoldRole(window)) {
            return null;
        }
        Matcher core = CORE_ONLY.matcher(window);
        int coreStart = -1;
        while (core.find()) {
            coreStart = core.start();
        }
        if (coreStart < 0) {
            return null;
        }
        String tail = window.substring(coreStart).strip();
        // Between the role word and the name only role complements may stand ("of the Republic of Kazakhstan", "ОДКБ").
        if (!ROLE_TAIL.matcher(tail).matches()) {
            return null;
        }
        // Up to five qualifier words before the role word, taken as written ("Colonel-General", "Премьер-министр").
        int start = coreStart;
        for (int n = 0; n < 5; n++) {
            int end = start;
            while (end > 0 && Character.isWhitespace(window.charAt(end - 1))) {
                end--;
            }
            int wordStart = end;
            while (wordStart > 0 && !Character.isWhitespace(window.charAt(wordStart - 1))) {
                wordStart--;
            }
            String word = window.substring(wordStart, end);
            if (wordStart == end
                    || QUALIFIER_STOP.contains(Tokens.lowerOf(word))
                    || !QUALIFIER_WORD.matcher(word).find()) {
                break;
            }
            Matcher glued = GLUED_SENTENCE.matcher(word);
            if (glued.find()) {
                start = wordStart + glued.end() - 1; // "bloc CSTO.Armenian Prime Minister": the sentence before ends
                break;
            }
            start = wordStart;
        }
        return window.substring(start).strip();
    }

    /** A role in apposition after a name: "Imangali Tasmagambetov, the CSTO Secretary General, told ...". */
    private static String roleAfter(String text, int nameEnd) {
        if (nameEnd + 2 >= text.length() || text.charAt(nameEnd) != ',') {
            return null;
        }
        int stop = nameEnd + 1;
        while (stop < text.length() && stop < nameEnd + 110 && ",.;\n".indexOf(text.charAt(stop)) < 0) {
            stop++;
        }
        String segment = text.substring(nameEnd + 1, stop).strip();
        if (!mayHoldRole(segment)) {
            return null;
        }
        Matcher core = CORE_ONLY.matcher(segment);
        return core.find() ? segment : null;
    }

    private static String firstLetters(String[] words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.indexOf(w.substring(0, 1)) < 0) {
                sb.append(w.charAt(0));
            }
        }
        return sb.toString();
    }

    /** The characters UP accepts: only these can start a CANDIDATE run. */
    private static boolean mayStartRun(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'А' && c <= 'Я')
                || c == 'Ё'
                || (c >= '\u00C0' && c <= '\u00DE')
                || (c >= '\u0100' && c <= '\u017F');
    }

    /**
     * True when the character after a run's first capital is one a run needs there: the '.' of an initial or a LOW
     * letter of a word. So all-capital acronyms ("CSTO", "ОДКБ") are not tried with the regex at each of their letters.
     */
    private static boolean mayContinueRun(String text, int i) {
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return c == '.'
                || (c >= 'a' && c <= 'z')
                || (c >= 'а' && c <= 'я')
                || c == 'ё'
                || (c >= '\u00DF' && c <= '\u017F')
                || c == '\''
                || c == '’';
    }

    /** False only when no word of {@code s} can start a role (a cheap superset test before the CORE regex). */
    private static boolean mayHoldRole(String s) {
        int len = s.length();
        int i = 0;
        while (i < len) {
            if (!letter(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < len && letter(s.charAt(i))) {
                i++;
            }
            char first = Character.toLowerCase(s.charAt(start));
            if (ROLE_FIRST_LETTERS.indexOf(first) < 0) {
                continue;
            }
            for (String r : ROLE_STARTS) {
                if (i - start >= r.length() && r.charAt(0) == first && s.regionMatches(true, start, r, 0, r.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void addCandidate(
            List<PersonName> found,
            List<int[]> order,
            int pos,
            String rawName,
            String rawRole,
            boolean openRole,
            BitSet named) {
        String[] words = WS.split(rawName.strip());
        int[] at = new int[words.length];
        for (int i = 0, from = pos; i < words.length; i++) {
            at[i] = rawName.indexOf(words[i], from - pos) + pos;
            from = at[i] + words[i].length();
        }
        int first = 0;
        StringBuilder moved = new StringBuilder();
        // Leading words that belong to a place or body ("Kazakhstan Murat Nurtleu", "Кыргызско-Российского
        // Славянского университета") go to the role: a Russian given name is never an adjective.
        while (first < words.length
                && (notPlaceOrBodyWord(words[first])
                        || named.get(at[first])
                        || RUSSIAN_ADJECTIVE.matcher(words[first]).find())) {
            moved.append(' ').append(words[first]);
            first++;
        }
        int last = words.length;
        while (last > first && (notPlaceOrBodyWord(words[last - 1]) || named.get(at[last - 1]))) {
            last--;
        }
        if (last - first < 1) {
            return;
        }
        if (openRole && (last - first >= 3 || !ROLE_AND.matcher(rawRole).find())) {
            // The role before ends in "of", "for", "and": the run starts with the rest of it ("Minister of Science and
            // Higher Education Sayasat Nurbek", "Chairman of the Coordination Meeting"). A name is its last two words;
            // two words after "and" are the second of two people ("Presidents Vladimir Putin and Alexander
            // Lukashenko").
            if (last - first < 3) {
                return;
            }
            for (int i = first; i < last - 2; i++) {
                moved.append(' ').append(words[i]);
            }
            first = last - 2;
        }
        String name = String.join(" ", java.util.Arrays.copyOfRange(words, first, last));
        boolean initials = INITIAL.matcher(name).find();
        if (!initials && last - first < 2 || onlyInitials(words, first, last)) {
            return;
        }
        String role = rawRole == null
                ? null
                : ARTICLE.matcher(rawRole.strip() + moved).replaceAll("").strip();
        found.add(new PersonName(name, role == null || role.isEmpty() ? null : role));
        order.add(new int[] {pos});
    }

    /** A word that cannot be part of a person's name: a role, a function word, an institution or a place. */
    private boolean notNameWord(String word) {
        String lw = Tokens.lowerOf(word);
        return ROLE_WORDS.contains(lw) || placeOrBody(lw) || roleCompound(lw) || russianRole(lw);
    }

    /** A Russian role or office word in any case or number: "Президенты", "министра", "Минобороны". */
    private static boolean russianRole(String lower) {
        if (lower.isEmpty() || lower.charAt(0) < 'а' || lower.charAt(0) > 'я') {
            return false;
        }
        for (String stem : RUSSIAN_OFFICE_STEMS) {
            if (lower.startsWith(stem)) {
                return true;
            }
        }
        for (String stem : RUSSIAN_ROLE_STEMS) {
            if (lower.startsWith(stem) && lower.length() - stem.length() <= 3) {
                return true;
            }
        }
        return false;
    }

    private boolean notPlaceOrBodyWord(String word) {
        return placeOrBody(Tokens.lowerOf(word));
    }

    private boolean placeOrBody(String lower) {
        return NOT_NAME.contains(lower) || gazetteer.isPlaceWord(lower);
    }

    private static boolean onlyInitials(String[] words, int first, int last) {
        for (int i = first; i < last; i++) {
            if (!INITIALS_ONLY.matcher(words[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean possessive(String word) {
        return word.length() > 3 && (word.endsWith("'s") || word.endsWith("’s"));
    }

    /** A rank or title written with a hyphen: "Colonel-General", "Vice-President", "генерал-полковника". */
    private static boolean roleCompound(String lower) {
        int dash = lower.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        for (String part : lower.split("-")) {
            if (!ROLE_WORDS.contains(part) && !russianRole(part)) {
                return false;
            }
        }
        return true;
    }

    private static String surname(String name) {
        String[] w = NAME_SPLIT.split(name);
        return CASE_ENDING.matcher(w[w.length - 1].toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static String fuller(String a, String b) {
        boolean aInitials = a.contains(".");
        boolean bInitials = b.contains(".");
        if (aInitials != bInitials) {
            return aInitials ? b : a;
        }
        return a.length() >= b.length() ? a : b;
    }
}
