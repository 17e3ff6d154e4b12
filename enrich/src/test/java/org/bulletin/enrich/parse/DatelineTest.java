package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatelineTest {

    @Test
    void shouldFindTheAgenciesDatelinesWhateverEndsThem() {
        assertThat(Dateline.length("MOSCOW, July 5 (TASS) - The CSTO said"))
                .isEqualTo("MOSCOW, July 5 (TASS) -".length());
        assertThat(Dateline.length("Минск, 5 июля /БЕЛТА/. Генсек ОДКБ провел встречу"))
                .isEqualTo("Минск, 5 июля /БЕЛТА/. ".length());
        // A hyphen inside the agency's name is no end; the dash after it is.
        assertThat(Dateline.length("DUSHANBE, September 4, Asia-Plus – Channel 2007 has ended"))
                .isEqualTo("DUSHANBE, September 4, Asia-Plus –".length());
        // A period inside the date is no end either.
        assertThat(Dateline.length("ISLAMABAD, Oct. 4 (Xinhua) -- From Sept. 21 to Monday"))
                .isEqualTo("ISLAMABAD, Oct. 4 (Xinhua) --".length());
        // The agency's name with no dash after it, as Kazinform often writes it.
        assertThat(Dateline.length("MINSK. KAZINFORM The CIS countries intend to keep building up cooperation"))
                .isEqualTo("MINSK. KAZINFORM".length());
        assertThat(Dateline.length("МИНСК. БЕЛТА Генсек ОДКБ провел встречу")).isEqualTo("МИНСК. БЕЛТА".length());
        // The agency in brackets, as Reuters and Sputnik write it.
        assertThat(Dateline.length("DUSHANBE (Reuters) - Tajikistan's border guards said on Monday"))
                .isEqualTo("DUSHANBE (Reuters) -".length());
        assertThat(Dateline.length("YEREVAN (Sputnik) – Armenia froze its participation"))
                .isEqualTo("YEREVAN (Sputnik) –".length());
        // A dash inside a quoted name after the agency is the name's.
        assertThat(Dateline.length("BISHKEK. KAZINFORM \"Peace Mission - 2016\", the joint exercise, opened"))
                .isEqualTo("BISHKEK. KAZINFORM".length());
    }

    @Test
    void shouldNotTakeTheStoryForADateline() {
        assertThat(Dateline.length("On 25 July 2024, staff of the CSTO Secretariat met"))
                .isZero();
        assertThat(Dateline.length("NATO. CSTO and the SCO met in Minsk")).isZero();
        assertThat(Dateline.length("CSTO (Collective Security Treaty Organization) - the alliance of six states"))
                .isZero();
        assertThat(Dateline.length("Armenia, Azerbaijan and Georgia - the three states of the South Caucasus - met"))
                .isZero();
    }
}
