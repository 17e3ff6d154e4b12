package org.bulletin.enrich.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hard rules of the scope decision (docs/classification.md, "In scope first"), each with the evidence that says
 * why a release was kept out.
 */
class ScopeRulesTest {

    @Test
    void shouldKeepSecurityNewsOfOtherPartsOfTheWorldOutAndSayWhy() {
        Classification chicago = RegionRulesTest.classify("Police arrest six in heroin trafficking investigation\n\n"
                + "CHICAGO — Police arrested six people on Tuesday and seized two kilograms of heroin and three handguns in "
                + "a months-long investigation into a drug trafficking ring on the city's West Side, the department said. "
                + "Detectives say the group smuggled the drugs from Mexico and sold them in several neighbourhoods. All six "
                + "were charged with drug trafficking and remain in custody.");
        assertThat(chicago.scope().inScope()).isFalse();
        assertThat(chicago.regions()).isEmpty();
        assertThat(chicago.topics()).isEmpty();
        assertThat(chicago.scope().evidence().get(0).rule()).isEqualTo("scope:outside-area");
        assertThat(chicago.scope().evidence().get(0).phrase()).isEmpty();

        // Afghanistan is Central Asia's source of threats, not a member state: the Taliban's own security news names
        // no member's area.
        Classification swap =
                RegionRulesTest.classify("Taliban free two foreign hostages in exchange for three militants\n\n"
                        + "KABUL — The Taliban said on Tuesday they had freed an American and an Australian teacher held since "
                        + "2016 in exchange for three senior militants of their movement. The exchange took place in southern "
                        + "Afghanistan, a Taliban spokesman said. The released militants include a brother of a terrorist "
                        + "network's leader.");
        assertThat(swap.scope().inScope()).isFalse();
        assertThat(swap.scope().evidence().get(0).rule()).isEqualTo("scope:outside-area");

        Classification almaty =
                RegionRulesTest.classify("Police arrest six in heroin trafficking investigation in Almaty\n\n"
                        + "ALMATY — Police of Kazakhstan arrested six people on Tuesday and seized two kilograms of heroin and three "
                        + "handguns in a months-long investigation into a drug trafficking ring, the Interior Ministry said. "
                        + "Investigators say the group smuggled the drugs from Afghanistan across the border with Tajikistan. All six "
                        + "were charged with drug trafficking and remain in custody.");
        assertThat(almaty.scope().inScope()).isTrue();
        assertThat(almaty.topicIds()).contains("drug-trafficking");
        assertThat(almaty.regionIds()).contains("central-asia");
        assertThat(almaty.scope().evidence())
                .noneSatisfy(e -> assertThat(e.rule()).isEqualTo("scope:outside-area"));
    }

    @Test
    void shouldKeepReliefInTheMemberStatesInScopeThoughItNamesNoOrganisationOrSecurityWord() {
        // Every aid and relief release of the corpus is labelled in scope; the scope model, fitted mostly on security
        // news, gives this one 0.46 (a real page of the fresh set like it: 0.32). As such pages give it: no headline.
        Classification aid = RegionRulesTest.classify(
                "На днях Узбекистан отправил в Афганистан около 600 тонн гуманитарного груза.\n\n"
                        + "В составе помощи мука, растительное масло, сахар, одежда и лекарства. Груз доставлен по железной "
                        + "дороге через Термез и Хайратон и передан местным властям для распределения среди нуждающихся "
                        + "семей.");
        assertThat(aid.scope().inScope()).isTrue();
        assertThat(aid.topicIds()).first().isEqualTo("humanitarian");
        assertThat(aid.scope().evidence().get(0).rule()).isEqualTo("scope:relief");

        // The emergencies ministry named at the handover is an institution, not an emergency: read as one, it made the
        // crisis the release's strongest topic and the relief rule let the release go.
        Classification handover = RegionRulesTest.classify(
                "На днях Узбекистан отправил в Афганистан около 600 тонн гуманитарного груза.\n\n"
                        + "Груз передали афганской стороне на церемонии в Хайратоне. В церемонии участвовали посол "
                        + "республики и представители Министерства по чрезвычайным ситуациям, сотрудники Министерства по "
                        + "чрезвычайным ситуациям сопровождали поезд.");
        assertThat(handover.scope().inScope()).isTrue();
        assertThat(handover.topicIds()).first().isEqualTo("humanitarian");

        // The weather the aid answers is the disaster, not a weather report: an off-domain cue in a sentence of aid
        // or emergency does not stop the relief rule.
        Classification winter = RegionRulesTest.classify(
                "Вчера в Таджикистан прилетел самолет с гуманитарной помощью, которая должна помочь справиться с "
                        + "последствиями аномальной зимней погоды.\n\n"
                        + "Самолет привез 38 тонн груза: палатки, печи, генераторы и консервы. В ближайшие дни в Душанбе "
                        + "отправят еще два самолета.");
        assertThat(winter.scope().inScope()).isTrue();
        assertThat(winter.topicIds()).first().isEqualTo("humanitarian");

        Classification elsewhere = RegionRulesTest.classify("Aid convoy reaches flood-hit towns in Brazil\n\n"
                + "A convoy of 40 trucks carrying humanitarian aid, food, drinking water and medicine reached the "
                + "flood-hit towns of Rio Grande do Sul on Monday, where thousands of families remain in shelters.");
        assertThat(elsewhere.scope().inScope()).isFalse();
    }

    @Test
    void shouldSayThatAReleaseWithNoTopicEvidenceIsOut() {
        Classification c = RegionRulesTest.classify("Two trolleybus routes suspended in Bishkek\n\n"
                + "Two trolleybus routes will be suspended in Bishkek from Monday while the road on Chui Avenue is repaired, "
                + "the city hall said. Buses will run instead of them until the end of the month.");
        assertThat(c.scope().inScope()).isFalse();
        assertThat(c.scope().evidence().get(0).rule()).isEqualTo("scope:no-topic");
    }

    @Test
    void shouldTakeAnOrganisationsOwnNewsThatNamesNoTopicForInstitutionalNews() {
        // A member state's charge against the bloc names none of the topics' phrases; it is the organisation's own
        // news, the contract's diplomacy (institutional news), and its region is the state's.
        Classification c =
                RegionRulesTest.classify("Пашинян: партнеры по ОДКБ не выполнили обязательства перед Арменией\n\n"
                        + "Премьер-министр Армении Никол Пашинян заявил, что в 2022 году партнеры по ОДКБ отказались "
                        + "исполнять перед Арменией договорные обязательства по гарантированию ее безопасности. Об этом "
                        + "он написал в соцсетях по случаю годовщины создания армии страны.");
        assertThat(c.scope().inScope()).isTrue();
        assertThat(c.scope().evidence().get(0).rule()).isEqualTo("scope:institutional");
        assertThat(c.topicIds()).containsExactly("diplomacy");
        assertThat(c.topics().get(0).evidence())
                .anySatisfy(e -> assertThat(e.phrase()).isEqualTo("ОДКБ"));
        assertThat(c.regionIds()).containsExactly("caucasus");
    }
}
