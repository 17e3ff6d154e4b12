package org.bulletin.enrich.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bulletin.enrich.Enricher;
import org.bulletin.enrich.RawDocument;
import org.bulletin.schemas.Release;
import org.junit.jupiter.api.Test;

/** Story linking on texts of our own writing, built as agencies and official sites write them. */
public class StoryLinkerTest {

    public static final String CSTO_EN = """
            CSTO exercise Interaction-2025 opens at Fakhrabad range in Tajikistan
            DUSHANBE, October 20. /Agency/. The active phase of the joint exercise Interaction-2025 of the CSTO \
            Collective Rapid Reaction Forces began at the Fakhrabad training ground in Tajikistan on Monday, the CSTO \
            Joint Staff said. Chief of the CSTO Joint Staff Andrei Serdyukov is observing the drills, which involve \
            more than 2,000 troops from Russia, Belarus, Kazakhstan, Kyrgyzstan and Tajikistan.
            """;
    public static final String CSTO_RU = """
            На полигоне Фахрабад в Таджикистане началось учение ОДКБ «Взаимодействие-2025»
            ДУШАНБЕ, 20 октября. /Агентство/. Активная фаза совместного учения Коллективных сил оперативного \
            реагирования ОДКБ «Взаимодействие-2025» началась в понедельник на полигоне Фахрабад в Таджикистане, \
            сообщили в Объединенном штабе ОДКБ. За ходом учения наблюдает начальник Объединенного штаба ОДКБ Андрей \
            Сердюков. В учении участвуют более 2 тысяч военнослужащих России, Белоруссии, Казахстана, Киргизии и \
            Таджикистана.
            """;
    public static final String KANAL_RU = """
            В Кыргызстане подвели итоги антинаркотической операции ОДКБ «Канал – Центр»
            БИШКЕК, 22 октября. /Агентство/. В Бишкеке подведены итоги региональной антинаркотической операции \
            «Канал – Центр», которую провели компетентные органы государств — членов ОДКБ. Изъято более 1,5 тонны \
            наркотиков, сообщил секретарь Координационного совета Азамат Жолдошбеков.
            """;

    static Release release(String key, String text, LocalDate fetched) {
        Instant at = fetched.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Release> rs = Enricher.fromClasspath()
                .enrich(new RawDocument(key, "test", key, at, "text/plain", "UTF-8", text.getBytes(), 0, 0));
        assertThat(rs).hasSize(1);
        return rs.get(0);
    }

    @Test
    void shouldLinkAnEnglishAndARussianReportOfOneEvent() {
        StoryLinker linker = new StoryLinker(7);
        var en = linker.link(
                StoryFeatures.of(release("https://a.example/en", CSTO_EN, LocalDate.of(2025, 10, 20))), null);
        var ru = linker.link(
                StoryFeatures.of(release("https://b.example/ru", CSTO_RU, LocalDate.of(2025, 10, 20))), null);

        assertThat(en.opened()).isTrue();
        assertThat(ru.opened()).isFalse();
        assertThat(ru.storyId()).isEqualTo(en.storyId());
        assertThat(ru.score()).isGreaterThanOrEqualTo(StoryLinker.THRESHOLD);
        assertThat(ru.evidence()).contains("TJ:fahrabad", "term:interaction", "org:CRRF", "year:2025");
        assertThat(ru.story().languages).containsExactly("en", "ru");
        assertThat(ru.story().headlines).containsKeys("en", "ru");
        assertThat(ru.story().sources).containsExactly("a.example", "b.example");
    }

    @Test
    void shouldOpenANewStoryForAnotherEventOfTheSameOrganisationAndWeek() {
        StoryLinker linker = new StoryLinker(7);
        var ru = linker.link(
                StoryFeatures.of(release("https://b.example/ru", CSTO_RU, LocalDate.of(2025, 10, 20))), null);
        var kanal = linker.link(
                StoryFeatures.of(release("https://c.example/kanal", KANAL_RU, LocalDate.of(2025, 10, 22))), null);

        assertThat(kanal.opened()).isTrue();
        assertThat(kanal.storyId()).isNotEqualTo(ru.storyId());
        assertThat(linker.size()).isEqualTo(2);
    }

    @Test
    void shouldNotLinkTheSameEventTextOutsideTheWindow() {
        StoryLinker linker = new StoryLinker(7);
        var first = linker.link(
                StoryFeatures.of(release("https://a.example/en", CSTO_EN, LocalDate.of(2025, 10, 20))), null);
        var yearLater = linker.link(
                StoryFeatures.of(release(
                        "https://b.example/ru", CSTO_RU.replace("20 октября", "1 ноября"), LocalDate.of(2026, 11, 1))),
                null);

        assertThat(yearLater.storyId()).isNotEqualTo(first.storyId());
    }

    @Test
    void shouldPutADuplicateInItsOriginalsStoryAndKeepAReplayInItsStory() {
        StoryLinker linker = new StoryLinker(7);
        var en = linker.link(
                StoryFeatures.of(release("https://a.example/en", CSTO_EN, LocalDate.of(2025, 10, 20))), null);
        var dup = linker.link(
                StoryFeatures.of(release("https://mirror.example/x", KANAL_RU, LocalDate.of(2025, 10, 20))),
                "https://a.example/en");
        var replay = linker.link(
                StoryFeatures.of(release("https://a.example/en", CSTO_EN, LocalDate.of(2025, 10, 20))), null);

        assertThat(dup.storyId()).isEqualTo(en.storyId());
        assertThat(replay.storyId()).isEqualTo(en.storyId());
        assertThat(replay.story().releaseIds).containsExactly("https://a.example/en", "https://mirror.example/x");
    }

    @Test
    void shouldRestoreStoredStoriesAndLinkToThemAsBefore() {
        List<StoryState> stored = new ArrayList<>();
        StoryLinker first = new StoryLinker(7, StoryLinker.THRESHOLD, new StoryLinker.Listener() {
            @Override
            public void changed(StoryState story) {
                stored.removeIf(s -> s.id.equals(story.id));
                stored.add(StoryState.fromJson(story.toJson()));
            }

            @Override
            public void closed(String storyId) {}
        });
        var en = first.link(
                StoryFeatures.of(release("https://a.example/en", CSTO_EN, LocalDate.of(2025, 10, 20))), null);

        StoryLinker restarted = new StoryLinker(7);
        restarted.restore(stored);
        var ru = restarted.link(
                StoryFeatures.of(release("https://b.example/ru", CSTO_RU, LocalDate.of(2025, 10, 20))), null);

        assertThat(ru.storyId()).isEqualTo(en.storyId());
    }

    @Test
    void shouldRefuseAWindowUnderOneDayAndAStoreValueThatIsNotAStory() {
        assertThatThrownBy(() -> new StoryLinker(0)).hasMessageContaining("at least 1 day");
        assertThatThrownBy(() -> StoryState.fromJson("{\"x\":1}")).hasMessageContaining("no id");
        assertThatThrownBy(() -> StoryState.fromJson("not json")).hasMessageContaining("not a stored story");
    }
}
