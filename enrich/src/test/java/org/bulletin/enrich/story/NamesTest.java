package org.bulletin.enrich.story;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void shouldGiveOneIdToACyrillicNameItsInflectionsAndItsEnglishSpelling() {
        assertThat(Names.personId("Тасмагамбетов"))
                .isEqualTo(Names.personId("Тасмагамбетова"))
                .isEqualTo(Names.personId("Тасмагамбетовым"))
                .isEqualTo(Names.personId("Imangali Tasmagambetov"))
                .isEqualTo(Names.personId("И. Тасмагамбетов"))
                .startsWith("person:tasmagambetov".substring(0, 10));
    }

    @Test
    void shouldFoldTheSpellingsRomanisationsDisagreeOn() {
        assertThat(Names.personId("Шавкат Мирзиёев")).isEqualTo(Names.personId("Shavkat Mirziyoyev"));
        assertThat(Names.personId("Сергей Шойгу")).isEqualTo(Names.personId("Sergei Shoigu"));
        assertThat(Names.personId("Марии Захаровой")).isEqualTo(Names.personId("Maria Zakharova"));
        assertThat(Names.personId("Касым-Жомарта Токаева")).isEqualTo(Names.personId("Kassym-Jomart Tokayev"));
        assertThat(Names.personId("Никола Пашиняна")).isEqualTo(Names.personId("Nikol Pashinyan"));
        assertThat(Names.personId("Лукашенко")).isEqualTo(Names.personId("Lukashenko"));
    }

    @Test
    void shouldKeepDifferentPeopleApart() {
        assertThat(Names.personId("Сергей Лавров")).isNotEqualTo(Names.personId("Sergei Shoigu"));
        assertThat(Names.personId("Тасмагамбетов")).isNotEqualTo(Names.personId("Жасым"));
        assertThat(Names.personId("Лавров"))
                .isEqualTo(Names.personId("Лаврова"))
                .isNotEqualTo(Names.personId("Лавр"));
    }

    @Test
    void shouldGivePlacesTheirCountryCode() {
        assertThat(Names.placeId("TJ", "Dushanbe", false)).isEqualTo("TJ:dushanbe");
        assertThat(Names.placeId("TJ", "Tajikistan", true)).isEqualTo("TJ");
        assertThat(Names.placeId(null, "Nowhere", false)).isNull();
    }

    @Test
    void shouldReturnNullForANameWithoutLetters() {
        assertThat(Names.personId("  ")).isNull();
        assertThat(Names.personId(null)).isNull();
    }
}
