package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseSplitterTest {

    private static String sample() throws IOException {
        try (InputStream in =
                ReleaseSplitterTest.class.getClassLoader().getResourceAsStream("devset/dev/sample-raw-scrape.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldSplitTheSampleScrapeIntoItsFiveReleases() throws IOException {
        List<ParsedRelease> releases = ReleaseSplitter.split(sample());

        assertThat(releases).hasSize(5);
        assertThat(releases)
                .extracting(ParsedRelease::title)
                .satisfiesExactly(
                        t -> assertThat(t)
                                .startsWith("On 25 July 2024, staff of the CSTO Secretariat met with graduates"),
                        t -> assertThat(t).startsWith("Allow me to thank the Russian presidency"),
                        t -> assertThat(t)
                                .startsWith(
                                        "The CSTO Secretary General Imangali Tasmagambetov took part in the debate"),
                        t -> assertThat(t)
                                .startsWith(
                                        "Imangali Tasmagambetov, the Collective Security Treaty Organization Secretary General"),
                        t -> assertThat(t)
                                .isEqualTo("The CSTO Secretary General had a meeting via videoconferencing with the UN "
                                        + "Assistant Secretary General for Political Affairs"));
        assertThat(releases)
                .extracting(ParsedRelease::publishedDate)
                .containsExactly(
                        LocalDate.of(2024, 7, 25), null, LocalDate.of(2024, 7, 19), null, LocalDate.of(2022, 1, 20));
    }

    @Test
    void shouldKeepTheSpeechParagraphsTogetherAndTheSignatureOutOfTheBody() throws IOException {
        List<ParsedRelease> releases = ReleaseSplitter.split(sample());

        assertThat(releases.get(1).paragraphs()).hasSize(2);
        ParsedRelease last = releases.get(4);
        assertThat(last.titleDerived()).isFalse();
        assertThat(last.signature()).isEqualTo("The CSTO Press Secretary Vladimir Zaynetdinov");
        assertThat(last.bodyText())
                .startsWith("On January 20, this year")
                .doesNotContain("Back to", "Go back", "Zaynetdinov");
        assertThat(last.paragraphs()).hasSize(9);
    }

    // The organisations' news reaches sites in other languages too: their labels (share, print, comments, about the
    // author, contents, source and photo credits) are chrome as the English and Russian ones are.
    @Test
    void shouldDropTheSameLabelsInGermanFrenchSpanishAndPolish() {
        String p1 = "Die Außenminister der OVKS-Staaten trafen sich am Freitag in Minsk. Sie berieten über die Lage an"
                + " den Außengrenzen und über gemeinsame Übungen.";
        String p2 = "Der nächste Rat tagt im Herbst in Astana, wie das Sekretariat am Abend mitteilte.";
        String p3 = "Auf der Tagesordnung stehen auch die Operation Kanal und der Schutz der Grenze zu Afghanistan.";
        String p4 = "Die Minister wollen dort einen gemeinsamen Plan für die nächsten zwei Jahre annehmen.";
        String text = p1 + "\n\nFoto: dpa\n\nDiese Seite teilen\n\n" + p2
                + "\n\nKeine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)\n\nInhaltsverzeichnis\n\n"
                + p3
                + "\n\nQuelle: ISBnews\n\nCrédits photos : Bestimage\n\nPartager\n\nUdostępnij\n\n" + p4;
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).paragraphs()).containsExactly(p1, p2, p3, p4);
    }

    @Test
    void shouldDropNavigationAndGluedImageNames() {
        String text =
                "Главная / Новости\n\nВернуться к списку\n\nIMG_2044.jpgГенеральный секретарь ОДКБ провел встречу с послом "
                        + "Казахстана. Стороны обсудили вопросы сотрудничества и подготовку к саммиту.\n\nНАЗАД\nПоделиться";
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).bodyText())
                .startsWith("Генеральный секретарь ОДКБ")
                .doesNotContain("IMG_2044", "НАЗАД", "Поделиться");
    }

    // A site menu on one line, between bars: on a page with no headline it was the nearest headline-shaped line, so its
    // country items became the release's headline and put the release in every region.
    @Test
    void shouldNotTakeAOneLineMenuForTheHeadline() {
        String text =
                "Home | News | Russia | Kazakhstan | Kyrgyzstan | Tajikistan | Armenia | Azerbaijan | World | Sport\n\n"
                        + "MOSCOW, October 16. The Collective Rapid Reaction Force of the CSTO began its joint exercise at the "
                        + "Mulino training ground in the Nizhny Novgorod region on Wednesday, the Joint Staff said.";
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).title() + " " + releases.get(0).bodyText()).doesNotContain("Kazakhstan", "Sport");
        assertThat(Chrome.isNavigation("Главная • Новости • Россия • Казахстан • Армения • В мире • Спорт"))
                .isTrue();
        assertThat(Chrome.isNavigation("Summit in Minsk | Ministers agree plan | Exercise opens | Talks end"))
                .isTrue();
        // A headline with its site's name, and a list in a sentence, are no menus.
        assertThat(Chrome.isNavigation(
                        "CSTO defence ministers meet in Minsk to agree the plan of joint exercises | Politics | TASS"))
                .isFalse();
        assertThat(Chrome.isNavigation("Participants: Russia | Kazakhstan, and others, met. Then | they | left | it"))
                .isFalse();
    }

    // A list of other stories' headlines over the article ("Latest news"): its lines are no headline of the release,
    // though one shares a word or two with the lead; the article's own headline under the list still is.
    @Test
    void shouldNotTakeALineOfAListOfOtherStoriesForTheHeadline() {
        String list = "Latest news\n"
                + "Armenia and Azerbaijan agree to resume border commission talks\n"
                + "Kyrgyz border guards detain drug courier near Batken\n"
                + "Uzbekistan and China sign deal on railway\n"
                + "Belarus to host CSTO peacekeeping exercise in autumn\n\n";
        String lead = "MOSCOW, October 16. The CSTO Collective Rapid Reaction Force began its exercise at the Mulino "
                + "training ground on Wednesday, the Joint Staff said. Contingents of five member states take part.";
        ParsedRelease untitled = ReleaseSplitter.split(list + lead).get(0);
        assertThat(untitled.titleDerived()).isTrue();
        assertThat(untitled.title() + " " + untitled.bodyText()).doesNotContain("Batken", "railway", "autumn");

        ParsedRelease titled = ReleaseSplitter.split(
                        list + "CSTO rapid reaction force begins exercise at Mulino\n\n" + lead)
                .get(0);
        assertThat(titled.title()).isEqualTo("CSTO rapid reaction force begins exercise at Mulino");
    }

    // Another story's headline set between the paragraphs, with its "Читайте также:" label or without one, is no part
    // of the release; a subheading that shares the release's words is.
    @Test
    void shouldDropAnotherStorysHeadlineSetIntoTheArticle() {
        String p1 = "Пограничная служба Киргизии сообщила о перестрелке на киргизско-таджикской границе в Баткенской "
                + "области, в результате которой пострадали двое военнослужащих.";
        String p2 =
                "По данным пограничной службы, таджикская сторона открыла огонь по позициям киргизских пограничников "
                        + "утром в среду.";
        String p3 = "Переговоры представителей пограничных ведомств двух стран продолжаются, обстановка на границе "
                + "остается напряженной.";
        for (String teaser : List.of(
                "Читайте также: Белоруссия примет учения миротворцев ОДКБ осенью",
                "Read also: Uzbekistan and China sign deal on railway",
                "\nУзбекистан и Китай подписали соглашение о железной дороге\n")) {
            List<ParsedRelease> releases = ReleaseSplitter.split(
                    "Перестрелка на киргизско-таджикской границе\n\n" + p1 + "\n" + p2 + "\n" + teaser + "\n" + p3);
            assertThat(releases).hasSize(1);
            assertThat(releases.get(0).bodyText()).contains("Переговоры").doesNotContain("ОДКБ", "railway", "Китай");
        }
        String sub = ReleaseSplitter.split("Перестрелка на киргизско-таджикской границе\n\n" + p1 + "\n" + p2
                        + "\n\nПереговоры пограничных ведомств двух стран\n\n" + p3)
                .get(0)
                .bodyText();
        assertThat(sub).contains("Переговоры пограничных ведомств двух стран");

        // Another story's headline on a near subject shares a word or two with the article, not half of its words.
        String en = ReleaseSplitter.split("Kyrgyz and Tajik border guards exchange fire\n\n"
                        + "Kyrgyz and Tajik border guards exchanged fire on a disputed section of the border in the Batken "
                        + "region on Wednesday, the Kyrgyz border service said.\n"
                        + "Two servicemen were wounded, and the commanders of both sides met in the evening to agree a "
                        + "ceasefire.\n\nKazakhstan border guards receive new drones from China\n\n"
                        + "The talks on the disputed section will continue next week, the service added.")
                .get(0)
                .bodyText();
        assertThat(en).contains("talks on the disputed section").doesNotContain("drones");
    }

    // An agency's article without a headline of its own, paragraphs one blank line apart, and another story's headline
    // set between two of them with a wider margin under it than over it: the gap under the teaser is its margin, not
    // the end of a release, as the wide gaps between the headless releases of the contract's sample scrape are.
    @Test
    void shouldNotCutAHeadlessArticleUnderAnotherStorysHeadlineSetApart() {
        String text =
                "MOSCOW, September 2. /TASS/. The commander of the CSTO Collective Rapid Reaction Forces announced "
                        + "joint drills to settle a crisis on the territory of a member state.\n\n"
                        + "Speaking at the Losvido training ground in Belarus, he said the operation would deal with the crisis "
                        + "and restore order.\n\n"
                        + "Tajikistan receives humanitarian aid from Russia\n\n\n"
                        + "The Chief of the CSTO Joint Staff, who took part in the briefing, underlined how important the "
                        + "exercises are for the collective forces.";
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).bodyText())
                .contains("who took part in the briefing")
                .doesNotContain("humanitarian aid");

        // An official site's article under its list of teasers: its own headline heads the paragraph under it, and the
        // gap under the headline still ends the teasers.
        List<ParsedRelease> article =
                ReleaseSplitter.split("On 11 April the working group of the CSTO coordination council on illegal "
                        + "migration met to prepare the next operation.\n\n"
                        + "From 10 to 13 April a course for commanders of police units "
                        + "assigned to the CSTO special forces was held at a training centre in Belarus.\n\n\n"
                        + "The Protocol on the movement of formations of the collective security system across the territories "
                        + "of the member states entered into force for all of them.\n\n"
                        + "The CSTO mission led by the Secretary General has arrived in the Republic of Armenia to examine the "
                        + "situation on the border\n\n\n"
                        + "On September 20 the mission led by the CSTO Secretary General arrived in the Republic of Armenia, as "
                        + "decided at the extraordinary session of the Collective Security Council.\n\n"
                        + "The task of the mission is to evaluate the situation on the border and to report to the heads of the "
                        + "member states.\n\n"
                        + "The mission will meet the leadership of the country and visit the areas on the border "
                        + "affected by the hostilities.");
        assertThat(article.get(article.size() - 1).bodyText())
                .startsWith("On September 20")
                .doesNotContain("Protocol");
    }

    // A news list over the article, each item a headline, a date and one teaser sentence: the items are no releases and
    // the last one's teaser does not open the article.
    @Test
    void shouldNotTakeTheItemsOfANewsListOverTheArticleForReleasesOrItsLead() {
        String list = "Belarus to host CSTO peacekeeping exercise in autumn\n14.03.2024\n"
                + "Belarus will host an exercise of the CSTO collective peacekeeping forces in the autumn, the defence "
                + "ministry in Minsk announced.\n\n"
                + "Uzbekistan and China sign deal on railway\n08.10.2024\n"
                + "Uzbekistan and China signed an agreement on building a new railway line through Kyrgyzstan, officials "
                + "in Tashkent said.\n\n"
                + "Kyrgyz border guards detain drug courier near Batken\n28.08.2024\n"
                + "Kyrgyz border guards detained a drug courier carrying two kilograms of heroin near Batken on Tuesday, "
                + "the border service said.\n\n";
        String article = "Armenian defence ministry denies opening fire on the border\n\n"
                + "The Armenian defence ministry on Friday denied the Azerbaijani side's claims that Armenian units "
                + "opened fire on positions along the border, calling them disinformation. The situation on the "
                + "Armenian-Azerbaijani border is fully under control, the ministry's spokeswoman said, adding that no "
                + "shots had been fired from the Armenian side during the night.";
        List<ParsedRelease> releases = ReleaseSplitter.split(list + article);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).title()).isEqualTo("Armenian defence ministry denies opening fire on the border");
        assertThat(releases.get(0).bodyText())
                .startsWith("The Armenian defence ministry")
                .doesNotContain("heroin");
    }

    // The same list over an article whose paragraphs are set three blank lines apart, as some sites space them: the
    // teasers right under their dates do not make the page look closely spaced, so its gaps are no boundaries; and over
    // a one-paragraph flash, shorter than a dated item's prose, the flash is the release, not the list with it.
    @Test
    void shouldReadTheArticleUnderANewsListBySpacingAndLengthOfItsOwn() {
        String list = "Belarus to host CSTO peacekeeping exercise in autumn\n14.03.2024\n"
                + "Belarus will host an exercise of the CSTO collective peacekeeping forces in the autumn, the defence "
                + "ministry in Minsk announced.\n\n"
                + "Uzbekistan and China sign deal on railway\n08.10.2024\n"
                + "Uzbekistan and China signed an agreement on building a new railway line through Kyrgyzstan, officials "
                + "in Tashkent said.\n\n"
                + "Kyrgyz border guards detain drug courier near Batken\n28.08.2024\n"
                + "Kyrgyz border guards detained a drug courier carrying two kilograms of heroin near Batken on Tuesday, "
                + "the border service said.\n\n";
        String spaced = "Six countries of the Commonwealth are holding the first stage of a joint counterterrorism "
                + "exercise, the press service of the CIS Anti-Terrorism Center said.\n\n \n\n"
                + "Taking part are special units of the security services of Armenia, Belarus, Kazakhstan, Kyrgyzstan, "
                + "Russia and Tajikistan.\n\n \n\n"
                + "In the second stage Tajikistan will host an exercise in which hostages are to be freed at a critical "
                + "installation.\n\n \n\n"
                + "The exercise is planned in two stages with a combined duration of six days.";
        List<ParsedRelease> releases = ReleaseSplitter.split(list + spaced);
        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).bodyText())
                .startsWith("Six countries")
                .endsWith("six days.")
                .doesNotContain("heroin");

        String flash =
                "Brent crude rose above 50 dollars a barrel in evening trading on the ICE exchange, the data show.\n"
                        + "The October futures traded at 50.74 dollars.";
        List<ParsedRelease> flashed = ReleaseSplitter.split(list + flash);
        assertThat(flashed).hasSize(1);
        assertThat(flashed.get(0).bodyText()).startsWith("Brent crude").doesNotContain("heroin", "railway");

        // The article's own headline dated like the items, its lead a blank line under it where their teasers sit right
        // under their dates: the short lead is the article's, not a last item's teaser.
        String body =
                "Taking part were delegations of the competent authorities of India, Kazakhstan, China, Kyrgyzstan, "
                        + "Pakistan, Russia, Tajikistan and Uzbekistan, and the Executive Committee of the structure.\n\n"
                        + "The Council reviewed the results of joint work against terrorism, separatism and extremism in 2017 "
                        + "and approved the plan of joint border operations for the next year.\n\n"
                        + "The Council heard the report of the Executive Committee on its work in 2017 and on the exchange of "
                        + "information between the competent authorities of the member states.\n\n"
                        + "The next meeting of the Council will be held in India in the autumn, the Executive Committee said.";
        List<ParsedRelease> dated = ReleaseSplitter.split(list
                + "Regular RATS SCO meeting held in Tashkent\n06.04.2018\n\n"
                + "On April 5 Tashkent hosted the thirty-second meeting of the Council of the Regional Anti-Terrorist "
                + "Structure of the Shanghai Cooperation Organisation.\n\n" + body);
        assertThat(dated).hasSize(1);
        assertThat(dated.get(0).title()).isEqualTo("Regular RATS SCO meeting held in Tashkent");
        assertThat(dated.get(0).bodyText()).startsWith("On April 5").endsWith("Committee said.");
        // Under items set out like it, the last dated headline is an item: a headless article stays apart from it.
        List<ParsedRelease> headless = ReleaseSplitter.split(list
                + "On April 5 Tashkent hosted the thirty-second meeting of the Council of the Regional Anti-Terrorist "
                + "Structure of the Shanghai Cooperation Organisation.\n\n" + body);
        assertThat(headless).hasSize(1);
        assertThat(headless.get(0).bodyText()).startsWith("On April 5").doesNotContain("heroin");
    }

    // Items of a "More news" block without dates under the article (a headline and one teaser each) are no part of it.
    @Test
    void shouldCutTheItemsOfANewsListWithoutDatesOffTheArticle() {
        String article = "Armenian defence ministry denies opening fire on the border\n\n"
                + "The Armenian defence ministry on Friday denied the Azerbaijani side's claims that Armenian units "
                + "opened fire on positions along the border, calling them disinformation.\n\n"
                + "The situation on the Armenian-Azerbaijani border is fully under control, the ministry's spokeswoman "
                + "said, adding that no shots had been fired from the Armenian side during the night.";
        String items = "\n\nMore news\n\n"
                + "Belarus to host CSTO peacekeeping exercise in autumn\n"
                + "Belarus will host an exercise of the CSTO collective peacekeeping forces in the autumn, the defence "
                + "ministry in Minsk announced.\n\n"
                + "Kyrgyz border guards detain drug courier near Batken\n"
                + "Kyrgyz border guards detained a drug courier carrying two kilograms of heroin near Batken on Tuesday, "
                + "the border service said.";
        List<ParsedRelease> releases = ReleaseSplitter.split(article + items);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).bodyText()).endsWith("during the night.").doesNotContain("heroin", "Minsk");
    }

    @Test
    void shouldTakeADateLineUnderTheHeadlineAsThePublishedDate() {
        String text =
                "Итоги операции «Канал» подвели в Москве\n\n15.06.2023\n\nВ Секретариате ОДКБ состоялось совещание по "
                        + "итогам операции, в ходе которой изъято 12 тонн наркотиков.";
        ParsedRelease r = ReleaseSplitter.split(text).get(0);

        assertThat(r.title()).isEqualTo("Итоги операции «Канал» подвели в Москве");
        assertThat(r.publishedDate()).isEqualTo(LocalDate.of(2023, 6, 15));
        assertThat(r.paragraphs()).hasSize(1);
    }

    private static String page(String name) throws IOException {
        try (InputStream in = ReleaseSplitterTest.class.getClassLoader().getResourceAsStream("pages/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldNotCutATitleAtAnAbbreviation() {
        assertThat(ReleaseSplitter.firstSentence(
                        "The session of the CSTO Parliamentary Assembly opened in St. Petersburg "
                                + "on April 12. Speakers of six parliaments attended."))
                .isEqualTo("The session of the CSTO Parliamentary Assembly opened in St. Petersburg on April 12.");
        assertThat(ReleaseSplitter.firstSentence("MOSCOW, Nov. 17. /TASS/. Gen. Ivanov inspected the border posts of "
                        + "the Tajik-Afghan frontier. He met the commanders."))
                .isEqualTo("Gen. Ivanov inspected the border posts of the Tajik-Afghan frontier.");
    }

    @Test
    void shouldNotBeginATitleWithTheDateline() {
        // A title taken from the lead starts where the story does, not with where and by whom it was filed.
        assertThat(ReleaseSplitter.firstSentence("DUSHANBE, September 4, Asia-Plus – Channel 2007, the anti-drug "
                        + "operation of the CSTO member nations, has ended. Six tons were seized."))
                .isEqualTo("Channel 2007, the anti-drug operation of the CSTO member nations, has ended.");
        assertThat(ReleaseSplitter.firstSentence("MINSK. KAZINFORM The CIS countries intend to keep building up "
                        + "cooperation on border security. The council met in Tashkent."))
                .isEqualTo("The CIS countries intend to keep building up cooperation on border security.");
        assertThat(ReleaseSplitter.firstSentence("ISLAMABAD, Oct. 4 (Xinhua) -- From Sept. 21 to Monday, the SCO "
                        + "member states held a joint anti-terrorist exercise. It ended on Monday."))
                .isEqualTo("From Sept. 21 to Monday, the SCO member states held a joint anti-terrorist exercise.");
    }

    @Test
    void shouldNotTakeAQuotationUnderTheHeadlineForTheHeadline() {
        // A news agency's page: headline, a standfirst quoting the article, the photo's caption twice over its credit.
        String page = "All news\n\n"
                + "Border guards of the CSTO states stopped 12 tons of drugs in a year - CSTO secretary general\n\n"
                + "\"Our border services have stopped a total of 12 tons of drugs this year\", - said Imangali Tasmagambetov\n"
                + "CSTO Secretary General Imangali Tasmagambetov Ivan Petrov/Agency\n"
                + "CSTO Secretary General Imangali Tasmagambetov\n"
                + "© Ivan Petrov/Agency\n\n"
                + "MOSCOW, December 20. /Agency/. The border services of the Collective Security Treaty Organization "
                + "member states stopped 12 tons of drugs on their borders in 2024, CSTO Secretary General Imangali "
                + "Tasmagambetov said on Friday.\n\n"
                + "\"Our border services have stopped a total of 12 tons of drugs this year. Most of it came across "
                + "the Tajik-Afghan border,\" he said in an interview with a television channel.\n";

        assertOneReleaseTitled(
                page, "Border guards of the CSTO states stopped 12 tons of drugs in a year - CSTO secretary general");
    }

    @Test
    void shouldNotTakeACaptionGivenAfterItsCreditAndAgainAsAlternativeTextForTheHeadline() {
        // Another agency's layout: the credit with the caption glued on, then the caption again as the image's
        // alternative text with the site's name after a dash; a subscribe button; the lead under a dateline.
        String page = "«Один за всех»: генсек ОДКБ вступил в должность\n\n"
                + "© Агентство / Иван ПетровГенеральный секретарь ОДКБ Имангали Тасмагамбетов\n"
                + "Генеральный секретарь ОДКБ Имангали Тасмагамбетов - Агентство Казахстан\n"
                + "Подписаться\n\n"
                + "АСТАНА, 3 января — Агентство. Имангали Тасмагамбетов, новый генеральный секретарь ОДКБ, приступил "
                + "к исполнению обязанностей, сообщила пресс-служба секретариата.\n\n"
                + "Второго января генсек встретился с сотрудниками секретариата и рассказал о своих приоритетах.\n";

        ParsedRelease r = assertOneReleaseTitled(page, "«Один за всех»: генсек ОДКБ вступил в должность");
        assertThat(r.paragraphs()).noneMatch(p -> p.contains("Агентство Казахстан"));
    }

    @Test
    void shouldKeepTheHeadlineOverAPhotoCaptionNamingThePeopleOfTheLead() {
        // An official site's page: the headline, then the photo's caption (given twice, no credit), then the lead.
        String page = "Все новости\n"
                + "Президент\n"
                + "12 марта 2025, 11:20\n\n"
                + "Токаев и Тасмагамбетов обсудили подготовку к сессии Совета коллективной безопасности ОДКБ в Астане\n\n"
                + "Касым-Жомарт Токаев и Имангали Тасмагамбетов\n"
                + "Касым-Жомарт Токаев и Имангали Тасмагамбетов\n\n"
                + "12 марта, Астана. Президент Казахстана Касым-Жомарт Токаев и генеральный секретарь ОДКБ Имангали "
                + "Тасмагамбетов обсудили подготовку к сессии Совета коллективной безопасности, которая пройдет в Астане "
                + "осенью.\n\n"
                + "Стороны также рассмотрели ход выполнения решений прошлой сессии и план совместных учений на год.\n";

        assertOneReleaseTitled(
                page,
                "Токаев и Тасмагамбетов обсудили подготовку к сессии Совета коллективной безопасности ОДКБ в Астане");
    }

    @Test
    void shouldNotTakeAnOfficialSitesMastheadForTheHeadline() {
        // An official site's name (and the day) set over two lines above the headline: the lead names the
        // organisation too, so the name shares words with it, but the headline shares more.
        String executive = "The Executive Committee of the Commonwealth of Independent States\n"
                + "10 October\n\n"
                + "CIS Heads of State Council Summit Held in Dushanbe\n\n"
                + "The Council of Heads of State of the Commonwealth of Independent States met for its summit in "
                + "Dushanbe on 10 October, chaired by the President of Tajikistan.\n\n"
                + "The heads of state adopted a statement on cooperation in security and a plan of joint measures.\n";
        assertOneReleaseTitled(executive, "CIS Heads of State Council Summit Held in Dushanbe");

        String centre = "Антитеррористический центр государств – участников\n"
                + "Содружества Независимых Государств\n\n"
                + "Об участии АТЦ СНГ в заседании Совета командующих Пограничными войсками\n\n"
                + "8 июня делегация АТЦ СНГ во главе с руководителем Центра участвовала в заседании Совета командующих "
                + "Пограничными войсками государств – участников Содружества в Баку.\n\n"
                + "В заседании участвовали делегации пограничных ведомств девяти государств.\n";
        assertOneReleaseTitled(centre, "Об участии АТЦ СНГ в заседании Совета командующих Пограничными войсками");

        // A headline with its time under it, then the photo's caption: the caption names the lead's people, and
        // the headline still says more of the lead.
        String dated = "Токаев и Тасмагамбетов обсудили подготовку к сессии Совета коллективной безопасности ОДКБ\n"
                + "12 марта 2025, 11:20\n\n"
                + "Касым-Жомарт Токаев и Имангали Тасмагамбетов\n\n"
                + "12 марта, Астана. Президент Казахстана Касым-Жомарт Токаев и генеральный секретарь ОДКБ Имангали "
                + "Тасмагамбетов обсудили подготовку к сессии Совета коллективной безопасности, которая пройдет осенью.\n\n"
                + "Стороны также рассмотрели план совместных учений на год.\n";
        assertOneReleaseTitled(
                dated, "Токаев и Тасмагамбетов обсудили подготовку к сессии Совета коллективной безопасности ОДКБ");
    }

    @Test
    void shouldNotTakeTheLeadsOpeningCutToATeaserForTheHeadline() {
        // A page's description under the headline is the lead's first words cut in mid-sentence: it shares every word
        // with the lead, the headline few.
        String teaser = "БЕЛЫЙ ДЫМ НАД АМУДАРЬЕЙ\n\n"
                + "Вчера на таджикско-афганской границе жгли костры: в огне сгорал \"белый\" - так\n\n"
                + "Вчера на таджикско-афганской границе жгли костры: в огне сгорал \"белый\" - так называют героин "
                + "сами наркокурьеры. Пограничники уничтожили две тонны изъятых за год наркотиков.\n\n"
                + "Партии перехватили на участках у Пянджа и Хорога.\n";
        assertOneReleaseTitled(teaser, "БЕЛЫЙ ДЫМ НАД АМУДАРЬЕЙ");

        // A headline glued to the lead's first word is the lead's opening too, but a sentence of its own.
        String glued = "CSTO to combat cyber crime\n\nBy Maria Petrova\n\n"
                + "CSTO to combat cyber crimeAt an informal summit in Astana, the leaders of the CSTO countries agreed "
                + "to fight cyber crime together.\n\nThe leaders also discussed the collective forces.\n";
        assertOneReleaseTitled(glued, "CSTO to combat cyber crime");
    }

    private static ParsedRelease assertOneReleaseTitled(String page, String title) {
        List<ParsedRelease> releases = ReleaseSplitter.split(page);
        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).title()).isEqualTo(title);
        return releases.get(0);
    }

    // #13: fixtures of our own writing with the structure real agency and official pages put around one article.
    @Test
    void shouldCutOneReleaseOutOfAnAgencyPageAndDropItsCityPickerRelatedHeadlinesAndAppeals() throws IOException {
        List<ParsedRelease> releases = ReleaseSplitter.split(page("agency-en.txt"));

        assertThat(releases).hasSize(1);
        ParsedRelease r = releases.get(0);
        assertThat(r.title()).isEqualTo("CSTO defence ministers agree on joint exercise calendar for next year");
        assertThat(r.publishedDate()).isEqualTo(LocalDate.of(2024, 3, 14));
        assertThat(r.paragraphs()).hasSize(3);
        assertThat(r.bodyText())
                .startsWith("MOSCOW, March 14. /TASS/. Defence ministers")
                .doesNotContain(
                        "Select the city", "Read also", "Kazakhstan to host", "Oil prices", "log in", "Download it");
    }

    @Test
    void shouldCutOneReleaseOutOfAWidelySpacedRussianPageAndDropNoticesCreditsAndTickers() throws IOException {
        List<ParsedRelease> releases = ReleaseSplitter.split(page("site-ru.txt"));

        assertThat(releases).hasSize(1);
        ParsedRelease r = releases.get(0);
        assertThat(r.title())
                .isEqualTo("Пограничники Таджикистана задержали группу контрабандистов на границе с Афганистаном");
        assertThat(r.publishedDate()).isEqualTo(LocalDate.of(2024, 4, 12));
        assertThat(r.paragraphs()).hasSize(3);
        assertThat(r.bodyText())
                .doesNotContain(
                        "Выберите город",
                        "32.2",
                        "Перевод",
                        "опечатку",
                        "email",
                        "Telegram",
                        "Курс доллара",
                        "фестиваль");
    }

    @Test
    void shouldJoinAHardWrappedArticleIntoParagraphsUnderItsCapitalisedHeadline() throws IOException {
        List<ParsedRelease> releases = ReleaseSplitter.split(page("wrapped-en.txt"));

        assertThat(releases).hasSize(1);
        ParsedRelease r = releases.get(0);
        assertThat(r.title()).isEqualTo("SCO RATS COUNCIL MEETS IN TASHKENT");
        assertThat(r.paragraphs()).hasSize(2);
        assertThat(r.paragraphs().get(0))
                .startsWith("Today, Apr. 8, 2016 the regular meeting of the Council of the Regional "
                        + "Anti-Terrorist Structure")
                .endsWith("separatism and extremism.");
    }

    @Test
    void shouldNotCutAnArticleAtItsSubheadings() {
        String text =
                "Kyrgyzstan and Tajikistan agree on a ceasefire\n\nKyrgyzstan and Tajikistan announced on Friday that "
                        + "they had agreed on a complete ceasefire after clashes on their border.\n\nThe worst clashes in years\n\n"
                        + "The fighting that broke out on Thursday evening was the worst between the two countries since last year, "
                        + "officials on both sides said.\n\nTalks on demarcation\n\nBoth governments said border commissions would "
                        + "resume talks on the delimitation of the disputed sections next month.";
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).paragraphs())
                .contains("The worst clashes in years", "Talks on demarcation")
                .hasSize(5);
    }

    @Test
    void shouldStillSplitTwoReleasesOfANewsListAtADatedHeadline() {
        String text =
                "CSTO Secretary General met the Ambassador of Kazakhstan\n12.02.2024\nThe CSTO Secretary General met "
                        + "the Ambassador of Kazakhstan to discuss the preparation of the session of the Collective Security Council "
                        + "and the agenda of the meetings of the foreign and defence ministers planned for the autumn in Astana.\n\n"
                        + "CSTO Crisis Response Centre holds a drill with national centres\n10.02.2024\nThe CSTO Crisis Response Centre "
                        + "held a videoconference drill with the crisis centres of the member states; the duty shifts practised the "
                        + "exchange of information during a simulated earthquake in one of the member states and the dispatch of aid.";
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases)
                .extracting(ParsedRelease::publishedDate)
                .containsExactly(LocalDate.of(2024, 2, 12), LocalDate.of(2024, 2, 10));
    }

    @Test
    void shouldNotCutAHeadedArticleAtAStrayEmptyParagraphBeforeAListOrALastSentence() {
        // As official sites and agencies give them: an empty paragraph ("<p>&nbsp;</p>") before a list of
        // participants, and a last sentence set apart by two blank lines, inside one article under its headline.
        String text = "Executive Committee of the Commonwealth\n12 March\n\n"
                + "Council of CIS Foreign Ministers meets in Minsk\n\n"
                + "On 12 March the Council of Foreign Ministers of the Commonwealth met in Minsk under the chairmanship "
                + "of the Minister of Foreign Affairs of Belarus and discussed the agenda of the autumn summit.\n\n \n\n"
                + "Taking part were:\n\n"
                + "  \u2022 Minister of Foreign Affairs of Armenia,\n"
                + "  \u2022 Minister of Foreign Affairs of Kazakhstan,\n"
                + "  \u2022 Secretary General of the CIS.\n\n"
                + "The ministers approved the plan of consultations on security issues for the next two years and a "
                + "statement on the fight against terrorism.\n\n\n"
                + "The Executive Committee declined to comment further.\n\n"
                + "Next meeting in Dushanbe\n\n"
                + "The next meeting of the Council will be held in Dushanbe in October, the chairmanship said.";
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).title()).isEqualTo("Council of CIS Foreign Ministers meets in Minsk");
        assertThat(releases.get(0).paragraphs())
                .contains(
                        "Taking part were:",
                        "\u2022 Secretary General of the CIS.",
                        "The Executive Committee declined to comment further.")
                .last()
                .asString()
                .startsWith("The next meeting of the Council");
    }

    @Test
    void shouldKeepALeadThatOpensWithTheHeadlineAndGoesOn() {
        String text = "Сторонники экстремистской организации задержаны в Чуйской области\n\n"
                + "Сторонники экстремистской организации задержаны в Чуйской области и в Бишкеке. Об этом сообщает "
                + "пресс-центр ГКНБ.\n\n"
                + "В ходе обысков у задержанных изъяты запрещённые материалы, возбуждено уголовное дело по статье об "
                + "участии в деятельности экстремистской организации.";
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).paragraphs().get(0)).endsWith("Об этом сообщает пресс-центр ГКНБ.");
        assertThat(ReleaseSplitter.split(
                                "Сторонники экстремистской организации задержаны в Чуйской области\n\n"
                                        + "Сторонники экстремистской организации задержаны в Чуйской области 12.03.2024\n\n"
                                        + "В ходе обысков у задержанных изъяты запрещённые материалы, возбуждено уголовное дело.")
                        .get(0)
                        .paragraphs())
                .as("the headline repeated with a date is still dropped")
                .hasSize(1);
    }

    @Test
    void shouldNotTakeASiteNameACreditedCaptionOrShareButtonsForTheHeadline() {
        // The shapes of agency pages: the site's name alone under a capitalised headline, share buttons, a photo
        // caption carrying its credit, and a caption with "[Photo by ...]".
        String siteName = "CSTO TRAINING CENTRE TO OPEN IN DUSHANBE\nnews.tj\n\n"
                + "A training centre of the Collective Security Treaty Organization will open in Dushanbe next year, the "
                + "Ministry of Defence of Tajikistan said on Monday after talks with the CSTO Joint Staff.";
        assertThat(ReleaseSplitter.split(siteName).get(0).title())
                .isEqualTo("CSTO TRAINING CENTRE TO OPEN IN DUSHANBE");

        String captions = "whatsapp button telegram button facebook button\n"
                + "Генеральный секретарь ОДКБ Имангали Тасмагамбетов © Иван Петров/ ТАСС\n\n"
                + "Генеральный секретарь ОДКБ провёл встречу с министром обороны Кыргызстана в Бишкеке и обсудил "
                + "подготовку совместных учений коллективных сил.\n\n"
                + "Стороны обсудили ход подготовки учений «Взаимодействие» и сотрудничество в военной области.";
        ParsedRelease captioned = ReleaseSplitter.split(captions).get(0);
        assertThat(captioned.title()).doesNotContain("©", "button");
        assertThat(captioned.paragraphs()).noneMatch(p -> p.contains("©") || p.contains("button"));

        assertThat(Chrome.isChromeText("Foreign ministers meet in Astana on Friday. [Photo by Li Wei/example.com]"))
                .isTrue();
        assertThat(Chrome.isChromeText("Telegram channel of the CSTO opens for the press"))
                .as("a headline naming a network is not a widget")
                .isFalse();
    }

    @Test
    void shouldDropALongNoticeToTheReaderAboutTheSiteButNotAQuoteGivingThePublicAdvice() {
        // The structure of a broadcaster's page that carries a legal warning under every article (our own words).
        String notice = "If you are in Russia or in the Russia-occupied parts of Ukraine and hold a Russian passport, "
                + "or are a stateless person living there, note that sharing, liking, commenting on or saving our "
                + "content, or writing to us, could expose you to criminal prosecution under the law on undesirable "
                + "organisations.";
        String advice = "The police urged residents to be careful: \"If you receive a call from someone who says he is "
                + "a bank officer and asks for the code from a text message, hang up, and if you have already given "
                + "it, call the bank at once and report the fraud to the police,\" the ministry's spokesman said.";
        String text = "Police detain six suspected members of a banned group in southern Kyrgyzstan\n\n"
                + "Police in Kyrgyzstan's Osh region have detained six men suspected of membership in a banned "
                + "extremist group, the Interior Ministry said on March 3.\n\n"
                + advice + "\n\n"
                + "The group is banned throughout Central Asia.\n\n"
                + notice + "\n\n"
                + "Learn more here.";

        ParsedRelease release = ReleaseSplitter.split(text).get(0);

        assertThat(release.paragraphs()).doesNotContain(notice).contains(advice);
        assertThat(Chrome.isChromeText(notice)).isTrue();
        assertThat(Chrome.isChromeText(advice)).isFalse();
    }

    @Test
    void shouldReadADatedHeadlineWithItsTimeOfDay() {
        String text = "The UN General Assembly adopted a resolution on cooperation with the CSTO 24.11.2016 13:44\n\n"
                + "The UN General Assembly adopted by consensus a resolution on cooperation between the United Nations "
                + "and the Collective Security Treaty Organization, the CSTO Secretariat said.";
        ParsedRelease release = ReleaseSplitter.split(text).get(0);

        assertThat(release.title())
                .isEqualTo("The UN General Assembly adopted a resolution on cooperation with the CSTO");
        assertThat(release.publishedDate()).isEqualTo(LocalDate.of(2016, 11, 24));
    }

    @Test
    void shouldTakeALongOfficialHeadlineOverTheSiteNameAndSkipATagListRenderedTwice() {
        // An official site's name above a meeting's full title of some fifty words, and an agency's tag list given
        // twice (desktop and mobile copies) above its headline.
        String headline = "XX Meeting of the heads of the leading units of the competent authorities of the CIS member "
                + "states responsible for countering terrorism and of the heads of the national structures of the CIS "
                + "member states coordinating the work on countering terrorism and extremism and on the protection of "
                + "critical facilities";
        String official = "Anti-Terrorism Centre of the member states\nof the Commonwealth of Independent States\n\n"
                + headline + "\n\n \nOn 14 May 2025 in Minsk, the " + headline + " was held.\n \n"
                + "Representatives of the competent authorities of nine member states took part in the meeting.";
        assertThat(ReleaseSplitter.split(official).get(0).title()).isEqualTo(headline);

        String tagged =
                "Сергей Шойгу Москва Россия Белоруссия Минск политика военные Сергей Шойгу Москва Россия Белоруссия\n\n"
                        + "Москва и Минск проведут совместные военные учения\n\n"
                        + "В сентябре пройдут российско-белорусские учения на полигонах России и Белоруссии, заявил министр "
                        + "обороны Сергей Шойгу на совещании в Москве.\n\n"
                        + "По словам Шойгу, учения в Белоруссии и под Минском станут главным событием года для войск.";
        assertThat(ReleaseSplitter.split(tagged).get(0).title())
                .isEqualTo("Москва и Минск проведут совместные военные учения");
    }

    @Test
    void shouldKeepALastParagraphCutShortBeforeItsFullStop() {
        // A store or a page that cuts the text at a byte limit leaves a long last paragraph without its full stop.
        String cut = "This danger was overcome as a result of two decisive events: the political agreement reached in "
                + "Prague on 6 October 2022 in a four-party format, under which the Republic of Armenia and the Republic "
                + "of Azerbaijan recognise each other's territorial integrity and sovereignty on the basis of the Alma-Ata";
        String text = "28.01.2026\n\nThe Prime Minister of Armenia accused the CSTO of failing to meet its treaty "
                + "obligations to the country, speaking on the anniversary of the army's formation.\n\n"
                + "The partners refused to supply weapons and equipment already paid for, he said.\n\n" + cut;
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).paragraphs()).last().isEqualTo(cut);
    }

    @Test
    void shouldKeepALastSentenceCutShortThatLooksLikeAHeadline() {
        // One sentence cut at the store's limit, of a headline's length and shape: under the text's last paragraph,
        // with nothing after it, it heads nothing.
        String cut = "К числу приоритетных направлений сотрудничества отнесена и подготовка миротворческого "
                + "потенциала Организации к использованию в операциях ООН по подд";
        String text = "Генсек ОДКБ провёл встречу с помощником Генсека ООН\n\n17 авг 2022\n\n"
                + "16 августа Генеральный секретарь ОДКБ провёл встречу с помощником Генерального секретаря ООН. "
                + "Было подчёркнуто, что ООН по-прежнему является для ОДКБ главным международным партнёром.\n\n"
                + "Сложившееся взаимодействие в сфере противодействия терроризму следует продолжать.\n\n"
                + cut;
        String related = "Lachin corridor reopens for aid convoys";
        String footnote = "*The movement is a terrorist organisation banned in Russia and a number of other states";
        String withFootnote = "Border guards detain two armed men\n\nBorder guards detained two armed men at the "
                + "border, the service said on Monday, naming the movement* they belong to.\n\n" + footnote;
        String withRelated = "CSTO holds talks in Yerevan\n\nThe CSTO Secretary General held talks in Yerevan on "
                + "the situation on the border, the Organization's press service said.\n\n"
                + "The sides agreed to meet again in the autumn.\n\n" + related;

        assertThat(ReleaseSplitter.split(text))
                .singleElement()
                .satisfies(r -> assertThat(r.paragraphs()).last().isEqualTo(cut));
        assertThat(ReleaseSplitter.split(withRelated))
                .singleElement()
                .satisfies(r -> assertThat(r.paragraphs()).doesNotContain(related));
        assertThat(ReleaseSplitter.split(withFootnote))
                .singleElement()
                .satisfies(r -> assertThat(r.paragraphs()).doesNotContain(footnote));
    }

    @Test
    void shouldNotTakeAnAgencysPhotoCaptionForTheHeadline() {
        // A news agency's page gives the photo's caption twice, with its credit glued on and alone over the credit,
        // between the headline and the dateline; the caption names the man the lead names.
        String headline = "Defence chiefs of the CSTO agree to keep watching the situation on the Afghan border";
        String text = "All news\n\n" + headline + "\n\n"
                + "Chief of the General Staff Colonel General Ivan Petrov Anna Smirnova/News Agency\n"
                + "Chief of the General Staff Colonel General Ivan Petrov\n"
                + "© Anna Smirnova/News Agency\n\n"
                + "ASTANA, March 3. The chiefs of the general staffs of the CSTO member states agreed on Tuesday to keep "
                + "watching the situation on the Afghan border, Chief of the General Staff Colonel General Ivan Petrov "
                + "said after their meeting.\n\n"
                + "The next meeting will be held in the autumn in Minsk, Colonel General Ivan Petrov added.";
        assertThat(assertOneReleaseTitled(text, headline).bodyText()).doesNotContain("Smirnova");
    }
}
