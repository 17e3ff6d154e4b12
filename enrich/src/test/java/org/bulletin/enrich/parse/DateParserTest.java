package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateParserTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Published 20.01.2022 in Moscow|2022-01-20",
                "On 25 July 2024, staff met|2024-07-25",
                "held on July 25, 2024 at the UN|2024-07-25",
                "Минск, 19 июля 2024 г. /БЕЛТА/|2024-07-19",
                "02.06.2018Creating a common security space|2018-06-02",
                "updated 2023-11-05T10:00:00Z|2023-11-05",
                "в ночь на 3 декабря 2021 года|2021-12-03",
                "Sept 12, 2023 (Reuters)|2023-09-12"
            })
    void shouldReadTheDateFormsTheSourcesUse(String text, String expected) {
        assertThat(DateParser.firstAbsolute(text)).isEqualTo(LocalDate.parse(expected));
    }

    @Test
    void shouldResolveRelativeFormsAgainstTheReferenceDate() {
        LocalDate ref = LocalDate.of(2022, 1, 25);
        assertThat(DateParser.findAll("On January 20, this year, the CSTO Secretary General", ref))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(LocalDate.of(2022, 1, 20));
        assertThat(DateParser.findAll("20 января текущего года состоялась встреча", ref))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(LocalDate.of(2022, 1, 20));
        assertThat(DateParser.findAll("the meeting on 28 December discussed", ref))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(LocalDate.of(2021, 12, 28));
        assertThat(DateParser.findAll("вчера в Душанбе", ref))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(ref.minusDays(1));
    }

    @Test
    void shouldReadAnEnglishWireDatelineAsAMonthAndDayOfTheReferenceYear() {
        LocalDate ref = LocalDate.of(2025, 10, 21);
        assertThat(DateParser.findAll("MOSCOW, October 16. /TASS/. The CSTO said", ref))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(LocalDate.of(2025, 10, 16));
        assertThat(DateParser.findAll("FAKHRABAD TRAINING GROUND /Tajikistan/, Oct 24. The drills", ref))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(LocalDate.of(2025, 10, 24));
        // A year after it belongs to the full date; prose "in Moscow, May 5 people" is no dateline.
        assertThat(DateParser.findAll("MINSK, November 30, 2017 - Leaders met", ref))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(LocalDate.of(2017, 11, 30));
        assertThat(DateParser.findAll("the talks in Moscow, May 5 delegations took part", ref))
                .isEmpty();
    }

    @Test
    void shouldRejectImpossibleDates() {
        assertThat(DateParser.firstAbsolute("31.02.2024 and 45 July 2024")).isNull();
    }

    @Test
    void shouldRecogniseDateOnlyLines() {
        assertThat(DateParser.isDateOnly("20.01.2022")).isTrue();
        assertThat(DateParser.isDateOnly("19 июля 2024 г., 14:30")).isTrue();
        assertThat(DateParser.isDateOnly("The meeting on 20.01.2022")).isFalse();
    }

    @Test
    void shouldFindDatesDeepInALongTextAndIgnoreMonthWordsWithoutDates() {
        // The month-name forms are searched only around month words; dates far apart must all still be found.
        String filler = "The parties discussed cooperation and may meet again. ".repeat(60);
        String text = "On 5 June 2024 the council met. " + filler + "It met again on March 3, 2025 and on 20.01.2022"
                + filler + "and on 19 июля 2024 г. in Minsk.";
        assertThat(DateParser.findAll(text, null))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(
                        LocalDate.of(2024, 6, 5),
                        LocalDate.of(2025, 3, 3),
                        LocalDate.of(2022, 1, 20),
                        LocalDate.of(2024, 7, 19));
        assertThat(DateParser.findAll("Maybe in May they will decide; Марта не было.", LocalDate.of(2024, 1, 1)))
                .isEmpty();
        // Only words near a digit are read for a month name: one far longer than any month just before a date, and
        // a month word a digit's reach away from the date's own digits, change nothing.
        String longWord = "Nationalgalerie".repeat(5);
        assertThat(DateParser.findAll(
                        longWord + " 5 May 2024; in March, then " + longWord + "-12 on June 3, 2025", null))
                .extracting(DateParser.DateMatch::date)
                .containsExactly(LocalDate.of(2024, 5, 5), LocalDate.of(2025, 6, 3));
    }
}
