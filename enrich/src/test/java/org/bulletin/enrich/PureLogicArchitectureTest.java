package org.bulletin.enrich;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Parsing, extraction, classification and dedup keys stay plain Java: testable, benchmarkable and reusable without Kafka. */
class PureLogicArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bulletin.enrich");

    @Test
    void shouldKeepPureLogicFreeOfKafka() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.bulletin.enrich.parse..",
                        "org.bulletin.enrich.extract..",
                        "org.bulletin.enrich.classify..",
                        "org.bulletin.enrich.dedup..")
                .or()
                .haveSimpleName("Enricher")
                .or()
                .haveSimpleName("RawDocument")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..")
                .check(classes);
    }

    @Test
    void shouldNotDependOnSiblingStages() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bulletin.ingest..", "org.bulletin.publish..", "org.bulletin.app..")
                .check(classes);
    }
}
