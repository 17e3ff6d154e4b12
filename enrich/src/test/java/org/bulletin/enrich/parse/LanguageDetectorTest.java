package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @Test
    void shouldTellEnglishFromRussianAndReportOthers() {
        assertThat(LanguageDetector.detect("The CSTO Secretary General met with the Ambassador of Armenia.")).isEqualTo("en");
        assertThat(LanguageDetector.detect("Генеральный секретарь ОДКБ встретился с послом Армении.")).isEqualTo("ru");
        assertThat(LanguageDetector.detect("Ұжымдық қауіпсіздік туралы шарт ұйымының Бас хатшысы Астанада кездесті.")).isEqualTo("kk");
        assertThat(LanguageDetector.detect("Генеральний секретар ОДКБ зустрівся з послом і делегацією.")).isEqualTo("uk");
        assertThat(LanguageDetector.detect("12.03.2024")).isEqualTo("und");
    }

    @Test
    void shouldReportLanguagesBeyondTheScriptCheckAsTheModelFindsThem() {
        // Neither Polish nor Italian nor Turkish is one the script and stop-word check knows: the model names them.
        assertThat(LanguageDetector.detect("Sekretarz Generalny OUBZ spotkał się z ambasadorem Armenii w Moskwie i omówił "
                + "współpracę w dziedzinie bezpieczeństwa regionalnego.")).isEqualTo("pl");
        assertThat(LanguageDetector.detect("Il Segretario generale dell'organizzazione ha incontrato l'ambasciatore "
                + "dell'Armenia a Mosca per discutere della cooperazione nel campo della sicurezza regionale.")).isEqualTo("it");
        assertThat(LanguageDetector.detect("Örgütün Genel Sekreteri, bölgesel güvenlik alanındaki işbirliğini görüşmek "
                + "üzere Moskova'da Ermenistan Büyükelçisi ile bir araya geldi.")).isEqualTo("tr");
    }

    @Test
    void shouldKeepTheScriptWhenAShortLatinHeadingOpensARussianText() {
        assertThat(LanguageDetector.detect("CSTO PRESS RELEASE\nГенеральный секретарь Организации Договора о коллективной "
                + "безопасности провёл встречу с министром иностранных дел Республики Казахстан.")).isEqualTo("ru");
    }
}
