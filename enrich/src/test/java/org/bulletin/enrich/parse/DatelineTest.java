package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatelineTest {

    /** The dateline {@link Dateline#length} finds at the start of {@code text}, "" when none. */
    private static String datelineOf(String text) {
        return text.substring(0, Dateline.length(text));
    }

    @Test
    void shouldFindTheAgenciesDatelinesWhateverEndsThem() {
        assertThat(datelineOf("MOSCOW, July 5 (TASS) - The CSTO said")).isEqualTo("MOSCOW, July 5 (TASS) -");
        assertThat(datelineOf("Минск, 5 июля /БЕЛТА/. Генсек ОДКБ провел встречу"))
                .isEqualTo("Минск, 5 июля /БЕЛТА/. ");
        // A hyphen inside the agency's name is no end; the dash after it is.
        assertThat(datelineOf("DUSHANBE, September 4, Asia-Plus – Channel 2007 has ended"))
                .isEqualTo("DUSHANBE, September 4, Asia-Plus –");
        // A period inside the date is no end either.
        assertThat(datelineOf("ISLAMABAD, Oct. 4 (Xinhua) -- From Sept. 21 to Monday"))
                .isEqualTo("ISLAMABAD, Oct. 4 (Xinhua) --");
        // The agency's name with no dash after it, as Kazinform often writes it.
        assertThat(datelineOf("MINSK. KAZINFORM The CIS countries intend to keep building up cooperation"))
                .isEqualTo("MINSK. KAZINFORM");
        assertThat(datelineOf("МИНСК. БЕЛТА Генсек ОДКБ провел встречу")).isEqualTo("МИНСК. БЕЛТА");
        // The agency in brackets, as Reuters and Sputnik write it.
        assertThat(datelineOf("DUSHANBE (Reuters) - Tajikistan's border guards said on Monday"))
                .isEqualTo("DUSHANBE (Reuters) -");
        assertThat(datelineOf("YEREVAN (Sputnik) – Armenia froze its participation"))
                .isEqualTo("YEREVAN (Sputnik) –");
        // A dash inside a quoted name after the agency is the name's.
        assertThat(datelineOf("BISHKEK. KAZINFORM \"Peace Mission - 2016\", the joint exercise, opened"))
                .isEqualTo("BISHKEK. KAZINFORM");
    }

    @Test
    void shouldNotTakeTheStoryForADateline() {
        assertThat(datelineOf("On 25 July 2024, staff of the CSTO Secretariat met"))
                .isEmpty();
        assertThat(datelineOf("NATO. CSTO and the SCO met in Minsk")).isEmpty();
        assertThat(datelineOf("CSTO (Collective Security Treaty Organization) - the alliance of six states"))
                .isEmpty();
        assertThat(datelineOf("Armenia, Azerbaijan and Georgia - the three states of the South Caucasus - met"))
                .isEmpty();
    }
}
