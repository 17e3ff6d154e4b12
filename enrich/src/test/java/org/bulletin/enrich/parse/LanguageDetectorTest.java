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
}
