package org.bulletin.benchdata;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic synthetic press releases for benchmarks: English and Russian texts of 2-8 KB assembled from templates
 * shaped like the CSTO/CIS/SCO releases the platform ingests (plain text and HTML pages), with a share of exact
 * duplicates (the same bytes under another URL) and near duplicates (one sentence changed). Deterministic for a
 * seed; not thread-safe. 'bulletin bench' (app) and the JMH benchmarks both use this class, so both measure the
 * same documents.
 */
public final class ReleaseTexts {

    /** One generated document. {@code kind} is "original", "exact-duplicate" or "near-duplicate". */
    public record Doc(String key, String url, String contentType, String language, byte[] body, String kind) {}

    private static final String[][] EN_COUNTRIES = {
        {"Kazakhstan", "Kazakh"}, {"Kyrgyzstan", "Kyrgyz"}, {"Tajikistan", "Tajik"}, {"Uzbekistan", "Uzbek"},
        {"Armenia", "Armenian"}, {"Belarus", "Belarusian"}, {"Russia", "Russian"}, {"Azerbaijan", "Azerbaijani"},
        {"Turkmenistan", "Turkmen"}, {"Afghanistan", "Afghan"}, {"Georgia", "Georgian"}, {"Moldova", "Moldovan"}
    };
    private static final String[] EN_CITIES = {
        "Astana",
        "Almaty",
        "Bishkek",
        "Dushanbe",
        "Tashkent",
        "Yerevan",
        "Minsk",
        "Moscow",
        "Baku",
        "Ashgabat",
        "Osh",
        "Khujand"
    };
    private static final String[] EN_ORGS = {
        "CSTO",
        "Collective Security Treaty Organization",
        "CIS",
        "Commonwealth of Independent States",
        "SCO",
        "Shanghai Cooperation Organisation",
        "SCO Regional Anti-Terrorist Structure",
        "United Nations",
        "OSCE",
        "UN Office on Drugs and Crime",
        "CIS Anti-Terrorism Center",
        "Eurasian Economic Union"
    };
    private static final String[] EN_PEOPLE = {
        "Secretary General Imangali Tasmagambetov",
        "Secretary General Stanislav Zas",
        "Deputy Secretary General Valery Semerikov",
        "Chief of the Joint Staff Andrei Serdyukov",
        "Head of the CIS Anti-Terrorism Center Yevgeny Sysoyev",
        "Ambassador Ruslan Alimov",
        "Minister Ramazan Abdulatipov",
        "General Colonel Anatoly Sidorov",
        "Special Representative Miroslav Jenca",
        "Director Nurlan Yermekbayev"
    };
    private static final String[] EN_TOPICS = {
        "the fight against terrorism and extremism",
        "countering drug trafficking",
        "combating illegal migration",
        "the fight against transnational organized crime",
        "peacekeeping",
        "military cooperation",
        "information and cyber security",
        "strengthening border security on the Tajik-Afghan border",
        "humanitarian assistance to affected regions",
        "emergency response and crisis management",
        "training of personnel"
    };
    private static final String[] EN_SENTENCES = {
        "On {date}, {person} of the {org} held talks in {city} with representatives of {country} on {topic}.",
        "The parties discussed the situation in the {org} area of responsibility and agreed to continue close cooperation in {topic}.",
        "During the operation in {country}, law enforcement agencies seized {n} kilograms of narcotic drugs and detained {m} members of organized criminal groups.",
        "{person} noted the growing threats emanating from the territory of Afghanistan and stressed the importance of {topic}.",
        "The joint exercise involved more than {n} servicemen of the {adj} armed forces and {m} units of military equipment at the training ground near {city}.",
        "Representatives of {country} and {country2} exchanged views on {topic} and on preparations for the next session of the Council of Foreign Ministers.",
        "The meeting was attended by heads of delegations of the member States of the {org}, as well as observers from the {org2}.",
        "According to the results of the stage, {m} channels of illegal migration were suppressed and {n} violations of migration legislation were identified.",
        "Special attention was paid to {topic}, including the exchange of information between the competent authorities of {country} and {country2}.",
        "{person} thanked the {adj} side for the high level of organization and hospitality in {city}.",
        "The participants adopted a joint statement on {topic} and a plan of consultations for {year}.",
        "In the course of the working visit, the delegation visited the border outposts in {country} and got acquainted with the work of the {adj} border guards.",
        "The {org} will continue to interact with the {org2} in the interests of maintaining international peace and security in Eurasia.",
        "Experts from {country} presented a report on the state of {topic} in the Central Asian region of collective security."
    };
    private static final String[] EN_TITLES = {
        "{org} and {country} discuss {topic}", "{person} meets the delegation of {country} in {city}",
        "Operation \"Channel\" completed in {country}", "Joint exercise of the {org} held near {city}",
        "{org} Secretariat hosts consultations on {topic}",
                "Meeting of the {org} Council of Foreign Ministers in {city}"
    };
    private static final String[] EN_MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };

    // Russian: nominative and prepositional forms, so the generated sentences stay grammatical.
    private static final String[][] RU_COUNTRIES = {
        {"Казахстан", "Казахстане"},
        {"Кыргызстан", "Кыргызстане"},
        {"Таджикистан", "Таджикистане"},
        {"Узбекистан", "Узбекистане"},
        {"Армения", "Армении"},
        {"Беларусь", "Беларуси"},
        {"Россия", "России"},
        {"Азербайджан", "Азербайджане"},
        {"Туркменистан", "Туркменистане"},
        {"Афганистан", "Афганистане"}
    };
    private static final String[][] RU_CITIES = {
        {"Астана", "Астане"},
        {"Бишкек", "Бишкеке"},
        {"Душанбе", "Душанбе"},
        {"Ташкент", "Ташкенте"},
        {"Ереван", "Ереване"},
        {"Минск", "Минске"},
        {"Москва", "Москве"},
        {"Алматы", "Алматы"}
    };
    private static final String[] RU_ORGS = {"ОДКБ", "СНГ", "ШОС", "РАТС ШОС", "ООН", "ОБСЕ", "АТЦ СНГ", "ЕАЭС"};
    private static final String[] RU_PEOPLE = {
        "Генеральный секретарь ОДКБ Имангали Тасмагамбетов",
        "Генеральный секретарь Станислав Зась",
        "заместитель Генерального секретаря Валерий Семериков",
        "начальник Объединенного штаба Андрей Сердюков",
        "руководитель АТЦ СНГ Евгений Сысоев",
        "директор Исполкома РАТС ШОС Руслан Мирзаев",
        "посол Нурлан Ермекбаев"
    };
    private static final String[] RU_TOPICS = {
        "борьбы с терроризмом и экстремизмом",
        "противодействия незаконному обороту наркотиков",
        "противодействия незаконной миграции",
        "борьбы с транснациональной организованной преступностью",
        "миротворческой деятельности",
        "военного сотрудничества",
        "информационной безопасности",
        "укрепления охраны таджикско-афганской границы",
        "гуманитарного реагирования",
        "реагирования на кризисные ситуации"
    };
    private static final String[] RU_SENTENCES = {
        "{date} {person} провел в {cityP} переговоры с представителями {countryG} по вопросам {topic}.",
        "Стороны обсудили ситуацию в зоне ответственности {org} и договорились продолжить тесное взаимодействие в сфере {topic}.",
        "В ходе операции в {countryP} изъято более {n} килограммов наркотических средств, задержаны {m} членов организованных преступных групп.",
        "{person} отметил рост угроз, исходящих с территории Афганистана, и подчеркнул важность {topic}.",
        "В совместном учении приняли участие более {n} военнослужащих и {m} единиц военной техники на полигоне под городом {city}.",
        "Представители делегаций обменялись мнениями по вопросам {topic} и подготовки очередного заседания Совета министров иностранных дел.",
        "Во встрече приняли участие руководители делегаций государств – членов {org}, а также наблюдатели от {org2}.",
        "По итогам этапа пресечено {m} каналов незаконной миграции и выявлено {n} нарушений миграционного законодательства.",
        "Особое внимание было уделено вопросам {topic}, в том числе обмену информацией между компетентными органами.",
        "{person} поблагодарил принимающую сторону за высокий уровень организации мероприятия в {cityP}.",
        "Участники приняли совместное заявление по вопросам {topic} и план консультаций на {year} год.",
        "В ходе рабочего визита делегация посетила пограничные заставы в {countryP} и ознакомилась с работой пограничников.",
        "{org} продолжит взаимодействие с {org2} в интересах поддержания международного мира и безопасности в Евразии."
    };
    private static final String[] RU_TITLES = {
        "{org} и {country} обсудили вопросы {topic}",
        "Операция «Канал» завершилась в {countryP}",
        "Совместное учение {org} прошло под городом {city}",
        "В {cityP} состоялось заседание Совета министров иностранных дел {org}",
        "{person} провел встречу с делегацией в {cityP}"
    };
    private static final String[] RU_MONTHS = {
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря"
    };
    private static final String[][] RU_GENITIVE = {
        {"Казахстан", "Казахстана"},
        {"Кыргызстан", "Кыргызстана"},
        {"Таджикистан", "Таджикистана"},
        {"Узбекистан", "Узбекистана"},
        {"Армения", "Армении"},
        {"Беларусь", "Беларуси"},
        {"Россия", "России"},
        {"Азербайджан", "Азербайджана"},
        {"Туркменистан", "Туркменистана"},
        {"Афганистан", "Афганистана"}
    };

    private static final String[] NAV = {
        "Home | News | Press releases | Documents | Contacts", "Главная | Новости | Пресс-центр | Контакты"
    };

    private final SplittableRandom random;
    private final String keyPrefix;
    private final double exactDuplicateShare;
    private final double nearDuplicateShare;
    private final List<Doc> recent = new ArrayList<>();
    private long serial;
    private long exactDuplicates;
    private long nearDuplicates;

    /** Default mix: 3% exact and 3% near duplicates, keys {@code bench-<n>}. */
    public ReleaseTexts(long seed) {
        this(seed, "bench-", 0.03, 0.03);
    }

    public ReleaseTexts(long seed, String keyPrefix, double exactDuplicateShare, double nearDuplicateShare) {
        this.random = new SplittableRandom(seed);
        this.keyPrefix = keyPrefix;
        this.exactDuplicateShare = exactDuplicateShare;
        this.nearDuplicateShare = nearDuplicateShare;
    }

    /** The next document: an original, or (by the configured shares) a duplicate of a recent one. */
    public Doc next() {
        long n = serial++;
        String key = keyPrefix + n;
        double dice = random.nextDouble();
        if (!recent.isEmpty() && dice < exactDuplicateShare) {
            Doc of = recent.get(random.nextInt(recent.size()));
            exactDuplicates++;
            return new Doc(
                    key,
                    "https://mirror.example.org/news/" + n,
                    of.contentType(),
                    of.language(),
                    of.body(),
                    "exact-duplicate");
        }
        if (!recent.isEmpty() && dice < exactDuplicateShare + nearDuplicateShare) {
            Doc of = recent.get(random.nextInt(recent.size()));
            nearDuplicates++;
            String text = new String(of.body(), StandardCharsets.UTF_8);
            String extra = of.language().equals("ru") ? " Дополнено " + n + "." : " Updated, reference " + n + ".";
            // Edit the last body paragraph (not an HTML footer the parser strips, which would make an exact duplicate).
            int cut = of.contentType().equals("text/html") ? text.lastIndexOf("</p>") - 1 : text.lastIndexOf('.');
            String edited = cut < 0 ? text + extra : text.substring(0, cut + 1) + extra + text.substring(cut + 1);
            return new Doc(
                    key,
                    "https://example.org/news/" + n,
                    of.contentType(),
                    of.language(),
                    edited.getBytes(StandardCharsets.UTF_8),
                    "near-duplicate");
        }
        Doc doc = original(key, n);
        if (recent.size() < 500) {
            recent.add(doc);
        } else {
            recent.set(random.nextInt(recent.size()), doc);
        }
        return doc;
    }

    /** A fresh original document that is never a duplicate (for latency probes). */
    public Doc original() {
        long n = serial++;
        return original(keyPrefix + n, n);
    }

    public long exactDuplicates() {
        return exactDuplicates;
    }

    public long nearDuplicates() {
        return nearDuplicates;
    }

    private Doc original(String key, long n) {
        boolean russian = random.nextInt(10) < 4;
        int target = 2048 + random.nextInt(8192 - 2048 - 600);
        LocalDate date = LocalDate.of(2022, 1, 1).plusDays(random.nextInt(1200));
        String title = fill(pick(russian ? RU_TITLES : EN_TITLES), russian, date, n);
        String dateLine = russian
                ? date.getDayOfMonth() + " " + RU_MONTHS[date.getMonthValue() - 1] + " " + date.getYear() + " г."
                : date.getDayOfMonth() + " " + EN_MONTHS[date.getMonthValue() - 1] + " " + date.getYear();
        List<String> paragraphs = new ArrayList<>();
        int bytes = title.length() + dateLine.length();
        // The serial makes every original's text (and so its fingerprint) unique.
        String first = fill(russian ? RU_SENTENCES[0] : EN_SENTENCES[0], russian, date, n)
                + (russian ? " Пресс-релиз № " + n + "." : " Press release No. " + n + ".");
        paragraphs.add(first);
        bytes += first.getBytes(StandardCharsets.UTF_8).length;
        String[] sentences = russian ? RU_SENTENCES : EN_SENTENCES;
        while (bytes < target) {
            StringBuilder p = new StringBuilder();
            int k = 2 + random.nextInt(4);
            for (int i = 0; i < k; i++) {
                if (i > 0) {
                    p.append(' ');
                }
                p.append(fill(sentences[1 + random.nextInt(sentences.length - 1)], russian, date, n));
            }
            paragraphs.add(p.toString());
            bytes += p.toString().getBytes(StandardCharsets.UTF_8).length + 2;
        }
        boolean html = random.nextInt(5) == 0;
        String body = html ? html(title, dateLine, paragraphs, russian) : plain(title, dateLine, paragraphs, russian);
        return new Doc(
                key,
                "https://example.org/news/" + n,
                html ? "text/html" : "text/plain",
                russian ? "ru" : "en",
                body.getBytes(StandardCharsets.UTF_8),
                "original");
    }

    private static String plain(String title, String dateLine, List<String> paragraphs, boolean russian) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n').append(dateLine).append("\n\n");
        for (String p : paragraphs) {
            sb.append(p).append("\n\n");
        }
        sb.append(russian ? "НАЗАД" : "BACK").append('\n');
        return sb.toString();
    }

    private static String html(String title, String dateLine, List<String> paragraphs, boolean russian) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html><html lang=\"")
                .append(russian ? "ru" : "en")
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<title>")
                .append(title)
                .append("</title></head><body><nav>")
                .append(NAV[russian ? 1 : 0])
                .append("</nav><main><article><h1>")
                .append(title)
                .append("</h1><p class=\"date\">")
                .append(dateLine)
                .append("</p>");
        for (String p : paragraphs) {
            sb.append("<p>").append(p).append("</p>\n");
        }
        sb.append("</article></main><footer>")
                .append(russian ? "© Секретариат. Все права защищены." : "© Secretariat. All rights reserved.")
                .append("</footer></body></html>");
        return sb.toString();
    }

    private String fill(String template, boolean russian, LocalDate date, long n) {
        StringBuilder sb = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close < 0) {
                sb.append(c);
                i++;
                continue;
            }
            sb.append(slot(template.substring(i + 1, close), russian, date, n));
            i = close + 1;
        }
        String s = sb.toString();
        return Character.isLowerCase(s.charAt(0)) ? Character.toUpperCase(s.charAt(0)) + s.substring(1) : s;
    }

    private String slot(String name, boolean russian, LocalDate date, long n) {
        switch (name) {
            case "n":
                return Integer.toString(10 + random.nextInt(2000));
            case "m":
                return Integer.toString(2 + random.nextInt(60));
            case "year":
                return Integer.toString(date.getYear() + 1);
            case "date":
                return russian
                        ? date.getDayOfMonth() + " " + RU_MONTHS[date.getMonthValue() - 1]
                        : date.getDayOfMonth() + " " + EN_MONTHS[date.getMonthValue() - 1] + " " + date.getYear();
            default:
                break;
        }
        if (russian) {
            return switch (name) {
                case "country", "country2" -> pick(RU_COUNTRIES)[0];
                case "countryP" -> pick(RU_COUNTRIES)[1];
                case "countryG" -> pick(RU_GENITIVE)[1];
                case "city" -> pick(RU_CITIES)[0];
                case "cityP" -> pick(RU_CITIES)[1];
                case "org", "org2" -> pick(RU_ORGS);
                case "person" -> pick(RU_PEOPLE);
                case "topic" -> pick(RU_TOPICS);
                default -> name;
            };
        }
        return switch (name) {
            case "country", "country2" -> pick(EN_COUNTRIES)[0];
            case "adj" -> pick(EN_COUNTRIES)[1];
            case "city" -> pick(EN_CITIES);
            case "org", "org2" -> pick(EN_ORGS);
            case "person" -> pick(EN_PEOPLE);
            case "topic" -> pick(EN_TOPICS);
            default -> name;
        };
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }
}
