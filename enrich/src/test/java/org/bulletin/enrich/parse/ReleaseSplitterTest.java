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
        try (InputStream in = ReleaseSplitterTest.class.getClassLoader().getResourceAsStream("devset/dev/sample-raw-scrape.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldSplitTheSampleScrapeIntoItsFiveReleases() throws IOException {
        List<ParsedRelease> releases = ReleaseSplitter.split(sample());

        assertThat(releases).hasSize(5);
        assertThat(releases).extracting(ParsedRelease::title).satisfiesExactly(
                t -> assertThat(t).startsWith("On 25 July 2024, staff of the CSTO Secretariat met with graduates"),
                t -> assertThat(t).startsWith("Allow me to thank the Russian presidency"),
                t -> assertThat(t).startsWith("The CSTO Secretary General Imangali Tasmagambetov took part in the debate"),
                t -> assertThat(t).startsWith("Imangali Tasmagambetov, the Collective Security Treaty Organization Secretary General"),
                t -> assertThat(t).isEqualTo("The CSTO Secretary General had a meeting via videoconferencing with the UN "
                        + "Assistant Secretary General for Political Affairs"));
        assertThat(releases).extracting(ParsedRelease::publishedDate).containsExactly(
                LocalDate.of(2024, 7, 25), null, LocalDate.of(2024, 7, 19), null, LocalDate.of(2022, 1, 20));
    }

    @Test
    void shouldKeepTheSpeechParagraphsTogetherAndTheSignatureOutOfTheBody() throws IOException {
        List<ParsedRelease> releases = ReleaseSplitter.split(sample());

        assertThat(releases.get(1).paragraphs()).hasSize(2);
        ParsedRelease last = releases.get(4);
        assertThat(last.titleDerived()).isFalse();
        assertThat(last.signature()).isEqualTo("The CSTO Press Secretary Vladimir Zaynetdinov");
        assertThat(last.bodyText()).startsWith("On January 20, this year").doesNotContain("Back to", "Go back", "Zaynetdinov");
        assertThat(last.paragraphs()).hasSize(9);
    }

    @Test
    void shouldDropNavigationAndGluedImageNames() {
        String text = "Главная / Новости\n\nВернуться к списку\n\nIMG_2044.jpgГенеральный секретарь ОДКБ провел встречу с послом "
                + "Казахстана. Стороны обсудили вопросы сотрудничества и подготовку к саммиту.\n\nНАЗАД\nПоделиться";
        List<ParsedRelease> releases = ReleaseSplitter.split(text);

        assertThat(releases).hasSize(1);
        assertThat(releases.get(0).bodyText()).startsWith("Генеральный секретарь ОДКБ").doesNotContain("IMG_2044", "НАЗАД", "Поделиться");
    }

    @Test
    void shouldTakeADateLineUnderTheHeadlineAsThePublishedDate() {
        String text = "Итоги операции «Канал» подвели в Москве\n\n15.06.2023\n\nВ Секретариате ОДКБ состоялось совещание по "
                + "итогам операции, в ходе которой изъято 12 тонн наркотиков.";
        ParsedRelease r = ReleaseSplitter.split(text).get(0);

        assertThat(r.title()).isEqualTo("Итоги операции «Канал» подвели в Москве");
        assertThat(r.publishedDate()).isEqualTo(LocalDate.of(2023, 6, 15));
        assertThat(r.paragraphs()).hasSize(1);
    }
}
