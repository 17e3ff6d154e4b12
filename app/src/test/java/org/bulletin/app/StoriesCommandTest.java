package org.bulletin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulletin stories}: the enrich stage's parsing and linking over files, in the order given, without Kafka. */
class StoriesCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldPutAnEnglishAndARussianReportOfOneEventInOneStoryAndAnotherEventApart() throws Exception {
        Path en = Files.writeString(dir.resolve("1-en.txt"), """
                CSTO exercise Interaction-2025 opens at Fakhrabad range in Tajikistan
                DUSHANBE, October 20. The active phase of the joint exercise Interaction-2025 of the CSTO Collective \
                Rapid Reaction Forces began at the Fakhrabad training ground in Tajikistan on Monday, the CSTO Joint \
                Staff said. More than 2,000 troops from Russia, Belarus, Kazakhstan, Kyrgyzstan and Tajikistan take part.
                """);
        Path ru = Files.writeString(dir.resolve("2-ru.txt"), """
                На полигоне Фахрабад в Таджикистане началось учение ОДКБ «Взаимодействие-2025»
                ДУШАНБЕ, 20 октября. Активная фаза совместного учения Коллективных сил оперативного реагирования ОДКБ \
                «Взаимодействие-2025» началась в понедельник на полигоне Фахрабад в Таджикистане, сообщили в \
                Объединенном штабе ОДКБ.
                """);
        Path other = Files.writeString(dir.resolve("3-kanal.txt"), """
                В Кыргызстане подвели итоги антинаркотической операции ОДКБ «Канал – Центр»
                БИШКЕК, 22 октября. В Бишкеке подведены итоги региональной антинаркотической операции «Канал – Центр», \
                которую провели компетентные органы государств — членов ОДКБ. Изъято более 1,5 тонны наркотиков.
                """);

        CommandResult r = CommandResult.run(
                "stories", "--format", "json", "--evidence", en.toString(), ru.toString(), other.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\\R")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path("source").asText()).isEqualTo(en.toString());
        assertThat(lines.get(0).path("opened").asBoolean()).isTrue();
        assertThat(lines.get(0).path("linkScore").asDouble()).isZero();
        assertThat(lines.get(1).path("language").asText()).isEqualTo("ru");
        assertThat(lines.get(1).path("storyId").asText())
                .isEqualTo(lines.get(0).path("storyId").asText());
        assertThat(lines.get(1).path("linkScore").asDouble()).isGreaterThan(0.3);
        assertThat(lines.get(1).path("evidence").toString()).contains("term:interaction");
        assertThat(lines.get(2).path("storyId").asText())
                .isNotEqualTo(lines.get(0).path("storyId").asText());
    }

    @Test
    void shouldRefuseAWindowUnderOneDayAndNameAMissingFile() {
        CommandResult bad = CommandResult.run(
                "stories", "--window-days", "0", dir.resolve("x.txt").toString());
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("--window-days must be at least 1");

        CommandResult missing =
                CommandResult.run("stories", dir.resolve("missing.txt").toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("missing.txt");
    }
}
