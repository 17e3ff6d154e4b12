package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written pages that reproduce the structures of real news sites: the body is kept, the chrome dropped. */
class ArticleExtractorTest {

    private static final String P1 =
            "The city council approved the new budget on Tuesday, after three weeks of debate about "
                    + "schools, roads and the fire service, and the mayor signed it the same evening.";
    private static final String P2 =
            "Spending on schools rises by four percent, while the road programme is cut back, a "
                    + "decision that the opposition called short-sighted in a statement.";
    private static final String P3 =
            "The budget takes effect in January, and the council will review it again in the spring, "
                    + "when the first figures for the new year are in.";

    private static String wrap(String head, String body) {
        return "<!doctype html><html><head>" + head + "</head><body>" + body + "</body></html>";
    }

    private static String siteChrome() {
        return "<header class=\"site-header\"><a href=\"/\">Daily Courier</a><nav><ul><li><a href=\"/news\">News</a></li>"
                + "<li><a href=\"/sport\">Sport</a></li><li><a href=\"/weather\">Weather</a></li></ul></nav></header>";
    }

    @Test
    void shouldKeepTheArticleAndDropShareBarRelatedLinksCaptionsAndComments() {
        String html = wrap(
                "<title>Council approves budget | Daily Courier</title>"
                        + "<meta property=\"og:title\" content=\"Council approves budget\">",
                siteChrome()
                        + "<article class=\"story\"><h1>Council approves budget</h1>"
                        + "<div class=\"byline\">By Jane Doe, Staff Writer</div>"
                        + "<div class=\"share-bar\"><a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a> <a href=\"#\">Email</a></div>"
                        + "<figure><img src=\"a.jpg\"><figcaption>The council chamber on Tuesday. (Photo: J. Doe)</figcaption></figure>"
                        + "<div class=\"article-body\"><p>" + P1 + "</p><p>" + P2 + "</p>"
                        + "<div class=\"related-links\"><h3>Related</h3><ul><li><a href=\"/a\">Mayor faces recall vote next month</a></li>"
                        + "<li><a href=\"/b\">Roads plan delayed again by the council</a></li></ul></div>"
                        + "<h2>What happens next</h2><p>" + P3 + "</p>"
                        + "<div class=\"newsletter-signup\"><p>Get the morning briefing in your inbox every day.</p></div></div>"
                        + "</article>"
                        + "<section id=\"comments\"><h3>12 comments</h3><div class=\"comment\"><p>This budget is a disgrace and "
                        + "everybody on the council should resign right now, I have said it for years.</p></div></section>"
                        + "<footer><p>© 2024 Daily Courier. All rights reserved.</p></footer>");

        HtmlText.Page page = HtmlText.parse(html);

        assertThat(page.title()).isEqualTo("Council approves budget");
        assertThat(page.text()).isEqualTo(P1 + "\n\n" + P2 + "\n\nWhat happens next\n\n" + P3);
    }

    @Test
    void shouldFindTheTextOfAPageWithoutArticleOrMainByScoringTheParagraphs() {
        StringBuilder menu = new StringBuilder("<div class=\"col-left\"><ul>");
        for (int i = 0; i < 30; i++) {
            menu.append("<li><a href=\"/s")
                    .append(i)
                    .append("\">Section number ")
                    .append(i)
                    .append(" of the site</a></li>");
        }
        menu.append("</ul></div>");
        String html = wrap(
                "<title>Budget</title>",
                "<div id=\"wrap\">" + menu
                        + "<div class=\"c1\"><div class=\"t\"><b>Budget approved</b></div>"
                        + "<p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3 + "</p></div>"
                        + "<div class=\"col-right\"><div class=\"box\"><a href=\"/x\">Most read: a story about something else "
                        + "entirely</a></div></div></div>");

        String text = HtmlText.parse(html).text();

        assertThat(text).contains(P1, P2, P3).doesNotContain("Section number", "Most read");
        assertThat(text.split("\n\n")).contains(P1, P2, P3);
    }

    @Test
    void shouldUseTheJsonLdArticleBodyWhenThePageShowsOnlyATeaser() {
        String ld = "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Budget\","
                + "\"datePublished\":\"2024-05-02T10:00:00Z\",\"articleBody\":\"" + P1 + "\\n" + P2 + "\\n" + P3 + " "
                + P1.replace("Tuesday", "Wednesday") + "\\n" + P2.replace("four", "five") + "\"}";
        String html = wrap(
                "<title>Budget</title><script type=\"application/ld+json\">" + ld + "</script>",
                siteChrome() + "<main><h1>Budget</h1><p>" + P1
                        + "</p><div class=\"paywall\">Subscribe to read more</div></main>");

        HtmlText.Page page = HtmlText.parse(html);

        assertThat(page.text()).startsWith(P1 + "\n\n" + P2 + "\n\n").contains(P2.replace("four", "five"));
        assertThat(page.date()).isEqualTo(LocalDate.of(2024, 5, 2));
    }

    @Test
    void shouldJoinAnArticleSplitAroundAnAdvertAndDropTheAdvert() {
        String html = wrap(
                "<title>Budget</title>",
                siteChrome() + "<div class=\"layout\">"
                        + "<div class=\"article-body\"><p>" + P1 + "</p><p>" + P2 + "</p></div>"
                        + "<div class=\"ad-slot\"><span>Advertisement</span></div>"
                        + "<div class=\"article-body\"><p>" + P3 + "</p></div>"
                        + "<div class=\"more-stories\"><a href=\"/1\">Another story with a long headline here</a></div></div>");

        String text = HtmlText.parse(html).text();

        assertThat(text).isEqualTo(P1 + "\n\n" + P2 + "\n\n" + P3);
    }

    @Test
    void shouldKeepListsAndTablesOfTheArticleAndTweetsItQuotes() {
        String html = wrap(
                "<title>Results</title>",
                "<article><div class=\"entry-content\"><p>" + P1 + "</p>"
                        + "<ul><li>Schools: up four percent on last year</li><li>Roads: down two percent on last year</li></ul>"
                        + "<table><tr><th>Item</th><th>Amount</th></tr><tr class=\"row player-1\"><td>Schools</td><td>1,200</td></tr></table>"
                        + "<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>Proud of our council today, a "
                        + "budget that puts schools first.</p>— Mayor (@mayor) <a href=\"https://t.co/x\">May 2, 2024</a></blockquote></div>"
                        + "<p>" + P2 + "</p></div></article>");

        String text = HtmlText.parse(html).text();

        assertThat(text)
                .contains(
                        "Schools: up four percent",
                        "Roads: down two percent",
                        "Schools 1,200",
                        "Proud of our council today",
                        P2);
    }

    @Test
    void shouldExtractRussianPagesAndDropTheSiteNameAndTheRepeatedHeadline() {
        String p1 = "Правительство утвердило новый бюджет города на следующий год, увеличив расходы на школы, дороги и "
                + "здравоохранение, сообщила пресс-служба мэрии.";
        String p2 =
                "Депутаты обсуждали документ три недели, а оппозиция назвала сокращение дорожной программы ошибкой, "
                        + "которая ударит по жителям окраин.";
        String html = wrap(
                "<title>Бюджет утверждён — Городские новости</title>",
                "<div class=\"logo\"><h1>Городские новости</h1></div><div class=\"menu\"><a href=\"/\">Главная</a> "
                        + "<a href=\"/news\">Новости</a></div><div class=\"news-text\"><h2>Бюджет утверждён</h2>"
                        + "<p>" + p1 + "</p><p>" + p2
                        + "</p><p class=\"tags\">Теги: <a>бюджет</a>, <a>мэрия</a></p></div>");

        HtmlText.Page page = HtmlText.parse(html);

        assertThat(page.title()).isEqualTo("Бюджет утверждён");
        assertThat(page.text()).isEqualTo(p1 + "\n\n" + p2);
    }

    @Test
    void shouldStayParagraphsWhenSplitIntoReleases() {
        String html = wrap(
                "<title>Council approves budget</title><meta property=\"article:published_time\" "
                        + "content=\"2024-03-14T09:00:00+03:00\">",
                siteChrome() + "<article><h1>Council approves budget</h1>" + "<p>" + P1 + "</p><p>" + P2 + "</p><p>"
                        + P3 + "</p></article>");

        HtmlText.Page page = HtmlText.parse(html);
        List<ParsedRelease> releases = ReleaseSplitter.single(page.text(), page.title(), page.date());

        assertThat(releases).hasSize(1);
        assertThat(page.date()).isEqualTo(LocalDate.of(2024, 3, 14));
        assertThat(page.text()).doesNotContain("\n\n\n").doesNotStartWith("Council approves budget");
    }

    @Test
    void shouldNeverThrowAndReturnSomethingForOddInput() {
        for (String s : new String[] {
            null,
            "",
            "plain text, no markup at all",
            "<html>",
            "<body><p>Short.</p></body>",
            "<<<<>>>>",
            "<script>var a = '<p>';</script>",
            "<div>".repeat(5000) + "deep" + "</div>".repeat(5000)
        }) {
            HtmlText.Page page = HtmlText.parse(s);
            assertThat(page).isNotNull();
            assertThat(page.text()).isNotNull();
        }
        assertThat(HtmlText.parse("<body><p>Short.</p></body>").text()).isEqualTo("Short.");
    }

    // Many sites close an article with a heading and a plain list of other stories, with no class that says so
    // ("Das könnte Sie auch interessieren", "Читайте также"): the list goes, the article stays.
    @Test
    void shouldCutTheListOfOtherStoriesThatAHeadingOpensAfterTheArticle() {
        for (String heading : List.of("Das könnte Sie auch interessieren", "Читайте также:", "You might also like")) {
            String html = wrap(
                    "<title>Budget</title>",
                    siteChrome() + "<div class=\"c1\"><h1>Council approves budget</h1>"
                            + "<p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3 + "</p>"
                            + "<p><strong>" + heading + "</strong></p>"
                            + "<p>Mayor faces recall vote next month</p><p>Roads plan delayed again by the council</p>"
                            + "<p>Fire service gets two new stations</p></div>");

            String text = HtmlText.parse(html).text();

            assertThat(text).as(heading).isEqualTo(P1 + "\n\n" + P2 + "\n\n" + P3);
        }
    }

    @Test
    void shouldKeepTheParagraphsAfterARelatedBoxInsideTheArticle() {
        String p4 = "The opposition said it would table amendments in February.";
        String p5 = "The mayor said she was confident the budget would hold.";
        String html = wrap(
                "<title>Budget</title>",
                "<div class=\"c1\"><h1>Council approves budget</h1><p>" + P1 + "</p><p>" + P2 + "</p>"
                        + "<p>Related stories</p><p>" + P3 + "</p><p>" + p4 + "</p><p>" + p5 + "</p></div>");

        String text = HtmlText.parse(html).text();

        assertThat(text).contains(P3, p4, p5);
    }

    // A site whose main column is an <aside> (the article's <main> inside it) beside a real sidebar.
    @Test
    void shouldKeepAMainColumnThatTheSiteMarksUpAsAnAside() {
        String html = wrap(
                "<title>Budget</title>",
                siteChrome()
                        + "<aside class=\"pa-direct-content\"><main><section><h1>Council approves budget</h1>"
                        + "<article><p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3
                        + "</p></article></section></main></aside>"
                        + "<aside class=\"sidebar\"><h3>Most read</h3><ul><li><a href=\"/a\">Mayor faces recall vote</a></li>"
                        + "</ul><p>Weather tomorrow: sunny spells and a light breeze from the west.</p></aside>");

        String text = HtmlText.parse(html).text();

        assertThat(text).isEqualTo(P1 + "\n\n" + P2 + "\n\n" + P3);
    }

    // The standfirst in the article's header, above the body's own container ("article-intro", "Vorspann", "lead"):
    // part of the release; a teaser of another story (a link) above it is not.
    @Test
    void shouldPutTheLeadThatTheSiteSetsAboveTheBodyFirst() {
        String lead = "The council has approved next year's budget after three weeks of debate, with more money for"
                + " schools and less for roads.";
        String html = wrap(
                "<title>Council approves budget</title>",
                siteChrome()
                        + "<div class=\"slider\"><a href=\"/other\"><p class=\"intro\">Another story entirely: the"
                        + " mayor faces a recall vote next month, her opponents say.</p></a></div>"
                        + "<article><header><h1>Council approves budget</h1><div class=\"article-intro\"><p>" + lead
                        + "</p></div><span class=\"date\">12.03.2024</span></header>"
                        + "<div class=\"article-content\"><p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3 + "</p></div>"
                        + "</article>");

        String text = HtmlText.parse(html).text();

        assertThat(text).isEqualTo(lead + "\n\n" + P1 + "\n\n" + P2 + "\n\n" + P3);
    }

    // German sites often call the lead a "teaser"; a teaser of another story is a link and stays out.
    @Test
    void shouldKeepALeadThatTheSiteCallsATeaserButNotTheTeasersOfOtherStories() {
        String lead = "Die Außenminister der OVKS haben in Minsk einen gemeinsamen Plan für die Grenze zu Afghanistan"
                + " beschlossen.";
        String html = wrap(
                "<title>Plan beschlossen</title>",
                siteChrome()
                        + "<div class=\"col--news-detail\"><h1>Plan beschlossen</h1><div class=\"teaser-text\"><p>"
                        + lead
                        + "</p></div><div class=\"news-text\"><p>" + P1 + "</p><p>" + P2 + "</p><p>" + P3 + "</p></div>"
                        + "<div class=\"teaser\"><a href=\"/x\"><p>Ein anderer Bericht: der Bürgermeister stellt sich einer"
                        + " Abwahl im nächsten Monat, sagen seine Gegner.</p></a></div></div>");

        String text = HtmlText.parse(html).text();

        assertThat(text).isEqualTo(lead + "\n\n" + P1 + "\n\n" + P2 + "\n\n" + P3);
    }
}
