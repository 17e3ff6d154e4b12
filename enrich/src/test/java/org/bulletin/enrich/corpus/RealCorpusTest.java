package org.bulletin.enrich.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RealCorpusTest {

    @Test
    void shouldCutAPageAtItsLeadEvenWhereAHelperRewordedIt() {
        String page = "Home | News | Events\n"
                + "CSTO peacekeepers hold a staff drill in Kyrgyzstan\n\n"
                + "Photo: press service\n"
                + "On 12 May the peacekeeping forces of the CSTO member states began a staff exercise at the Edelweiss "
                + "range near Bishkek, the Joint Staff reported.\n"
                + "The exercise will last until 16 May.\n";
        String lead = "On May 12, the CSTO member states' peacekeeping forces started a command-staff exercise at the "
                + "Edelweiss training ground near Bishkek";

        assertThat(RealCorpus.fromLead(page, lead))
                .startsWith("On 12 May the peacekeeping forces")
                .endsWith("The exercise will last until 16 May.\n");
    }

    @Test
    void shouldKeepTheWholePageWhereTheLeadIsNotFoundOrTooShort() {
        String page = "Headline of another story\n\nA body that shares no words with the label's lead at all, none.\n";

        assertThat(RealCorpus.fromLead(page, "Peacekeepers of the CSTO member states began an exercise in Kyrgyzstan"))
                .isEqualTo(page);
        assertThat(RealCorpus.fromLead(page, "Short lead")).isEqualTo(page);
    }
}
