package org.bulletin.enrich.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    @Test
    void shouldTellEnglishFromRussianAndReportOthers() {
        assertThat(LanguageDetector.detect("The CSTO Secretary General met with the Ambassador of Armenia."))
                .isEqualTo("en");
        assertThat(LanguageDetector.detect("Генеральный секретарь ОДКБ встретился с послом Армении."))
                .isEqualTo("ru");
        assertThat(LanguageDetector.detect("Ұжымдық қауіпсіздік туралы шарт ұйымының Бас хатшысы Астанада кездесті."))
                .isEqualTo("kk");
        assertThat(LanguageDetector.detect("Генеральний секретар ОДКБ зустрівся з послом і делегацією."))
                .isEqualTo("uk");
        assertThat(LanguageDetector.detect("12.03.2024")).isEqualTo("und");
    }

    @Test
    void shouldReportLanguagesBeyondTheScriptCheckAsTheModelFindsThem() {
        // Neither Polish nor Italian nor Turkish is one the script and stop-word check knows: the model names them.
        assertThat(LanguageDetector.detect(
                        "Sekretarz Generalny OUBZ spotkał się z ambasadorem Armenii w Moskwie i omówił "
                                + "współpracę w dziedzinie bezpieczeństwa regionalnego."))
                .isEqualTo("pl");
        assertThat(LanguageDetector.detect("Il Segretario generale dell'organizzazione ha incontrato l'ambasciatore "
                        + "dell'Armenia a Mosca per discutere della cooperazione nel campo della sicurezza regionale."))
                .isEqualTo("it");
        assertThat(LanguageDetector.detect("Örgütün Genel Sekreteri, bölgesel güvenlik alanındaki işbirliğini görüşmek "
                        + "üzere Moskova'da Ermenistan Büyükelçisi ile bir araya geldi."))
                .isEqualTo("tr");
    }

    @Test
    void shouldKeepTheScriptWhenAShortLatinHeadingOpensARussianText() {
        assertThat(LanguageDetector.detect(
                        "CSTO PRESS RELEASE\nГенеральный секретарь Организации Договора о коллективной "
                                + "безопасности провёл встречу с министром иностранных дел Республики Казахстан."))
                .isEqualTo("ru");
    }

    @Test
    void shouldAgreeWithTheModelWheneverItSkipsIt() throws IOException {
        // Every dev-set release (English and Russian, real texts), whole and as its first paragraph: where the
        // script and stop-word pass decides alone, the model on the same text must give the same answer.
        List<String> texts = new ArrayList<>();
        for (String set : List.of("dev", "dev2", "dev3")) {
            Path dir = Path.of("src/test/resources/devset", set);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".txt"))
                        .sorted()
                        .toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    texts.add(text);
                    texts.add(text.split("\n\s*\n", 2)[0]);
                }
            }
        }
        int skipped = 0;
        for (String text : texts) {
            if (LanguageDetector.decidedWithoutModel(text)) {
                skipped++;
                assertThat(LanguageDetector.detect(text))
                        .as(text.substring(0, Math.min(80, text.length())))
                        .isEqualTo(LanguageDetector.byModel(text));
            }
        }
        // The fast path must actually take most full releases, or it saves nothing.
        assertThat(skipped).isGreaterThan(texts.size() / 3);
    }

    @Test
    void shouldAskTheModelForCyrillicBeyondTheRussianAlphabetAndForUnclearLatin() {
        assertThat(LanguageDetector.decidedWithoutModel("Генеральний секретар ОДКБ зустрівся з послом і делегацією, "
                        + "обговорили питання співпраці у сфері безпеки та протидії тероризму."))
                .isFalse();
        assertThat(LanguageDetector.decidedWithoutModel("Generalni sekretar organizacije se je sestal z veleposlanikom "
                        + "Armenije v Moskvi in razpravljal o sodelovanju na področju regionalne varnosti."))
                .isFalse();
        assertThat(LanguageDetector.decidedWithoutModel("Генеральный секретарь ОДКБ встретился с послом Армении и "
                        + "обсудил вопросы сотрудничества в области безопасности и противодействия терроризму."))
                .isTrue();
    }
}
