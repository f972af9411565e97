package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import nl.overdracht.testing.Dossiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OsoDossierInspectionTest {

    private final DossierInspector inspector = Fixtures.inspector();

    @ParameterizedTest
    @ValueSource(strings = {"POVO", "POPO", "VOVO"})
    void validSampleOfEachTransferKindIsAccepted(String kind) {
        // Given the project's own sample of this kind
        byte[] body = Dossiers.sample("oso-" + kind.toLowerCase() + "-valid.xml").bytes();

        // When it is inspected
        InspectedDossier dossier = inspector.inspect("application/xml", body);

        // Then it passes with what intake needs
        assertThat(dossier.profile().id()).isEqualTo("oso-gegevensset");
        assertThat(dossier.transferKind()).contains(kind);
        assertThat(dossier.pupilId().kind()).isEqualTo(PupilId.Kind.BSN);
        assertThat(dossier.sendingSchool()).contains("99ZZ00");
        assertThat(dossier.inspection()).isPresent();
        assertThat(dossier.sectionsPresent()).contains("leerling", "schoolloopbaan", "onderwijsondersteuning",
                "handelingsplannen");
        assertThat(dossier.content()).isEqualTo(body);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "1, true", "false, false", "0, false"})
    void contactnodigAsksForAWarmHandover(String value, boolean asked) {
        // Given the POVO sample whose transfer advice says whether contact is needed, with a contact person
        byte[] body = Dossiers.sample("oso-povo-valid.xml").replace("</argumentatie>", "</argumentatie><contactnodig>"
                + value + "</contactnodig><contactpersoon>Fictieve Contactpersoon</contactpersoon>").bytes();

        // When it is inspected, then the flag is read and nothing else of the contact person is
        InspectedDossier dossier = inspector.inspect("application/xml", body);
        assertThat(dossier.contactRequested()).isEqualTo(asked);
        assertThat(dossier.toString()).doesNotContain("Fictieve Contactpersoon");
    }

    @Test
    void withoutContactnodigNoWarmHandoverIsAsked() {
        assertThat(inspector.inspect("application/xml", Dossiers.sample("oso-povo-valid.xml").bytes()).contactRequested())
                .isFalse();
    }

    @Test
    void povoInspectionRecordCarriesDateAndAgreementButNoFreeText() {
        InspectedDossier dossier = inspector.inspect("application/xml; charset=UTF-8", Dossiers.sample("oso-povo-valid.xml").bytes());

        InspectionRecord inspection = dossier.inspection().orElseThrow();
        assertThat(inspection.inspected()).isTrue();
        assertThat(inspection.inspectedOn()).isPresent();
        assertThat(inspection.agreed()).contains(true);
        assertThat(inspection.disagreementStated()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "oso-invalid-verboden-category-filled.xml, forbidden-category, /dossier/huidigeschool/leerling/vanpeuterspeelzaal",
        "oso-invalid-opt-uit-category-filled.xml, forbidden-category, /dossier/huidigeschool/leerling/onderwijsondersteuning/toelichting_onderwijsbehoeften",
        "oso-invalid-unsupported-standaardversie.xml, unsupported-version, /dossier/metadata/standaardversie",
        "oso-invalid-inzage-missing.xml, inzage-missing, /dossier/inzage",
        "oso-invalid-vovo-without-consent.xml, consent-missing, /dossier/inzage/toestemming",
        "oso-invalid-unknown-element.xml, not-whitelisted, /dossier/huidigeschool/leerling/religie",
        "oso-invalid-bad-bsn.xml, invalid-pupil-id, /dossier/huidigeschool/leerling/bsn",
    })
    void invalidSampleIsRejectedNamingCodeAndPath(String sample, String code, String path) {
        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", Dossiers.sample(sample).bytes()));

        assertThat(rejected).as(sample).isNotNull();
        assertThat(rejected.violations()).extracting(Violation::code, Violation::path)
                .contains(org.assertj.core.groups.Tuple.tuple(code, path));
        assertThat(rejected.errors()).extracting(e -> e.code()).contains(code);
    }

    @Test
    void verbodenViolationNamesTheCategoryAndEachElementOnce() {
        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", Dossiers.sample("oso-invalid-verboden-category-filled.xml").bytes()));

        assertThat(rejected.violations()).filteredOn(v -> v.code().equals("forbidden-category"))
                .extracting(Violation::path)
                .containsExactly("/dossier/huidigeschool/leerling/vanpeuterspeelzaal",
                        "/dossier/huidigeschool/leerling/naampeuterspeelzaal");
        assertThat(rejected.violations()).allSatisfy(v -> assertThat(v.reason()).contains("cat_vve").contains("VERBODEN"));
    }

    @Test
    void optUitOfTheOuterCategoryKeepsTheInnerHandelingsplanAllowed() {
        // Given onderwijsondersteuning is OPT-UIT but its handelingsplan (another category) is not
        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", Dossiers.sample("oso-invalid-opt-uit-category-filled.xml").bytes()));

        // Then only the onderwijsondersteuning content is named, not its container or the handelingsplan
        assertThat(rejected.violations()).extracting(Violation::path)
                .containsExactly("/dossier/huidigeschool/leerling/onderwijsondersteuning/toelichting_onderwijsbehoeften");
    }

    @Test
    void categoryNeverAllowedForTheTransferKindIsRejectedEvenWhenMarkedOptional() {
        String body = Dossiers.sample("oso-invalid-verboden-category-filled.xml").text()
                .replace("<cat_vve>VERBODEN</cat_vve>", "<cat_vve>OPTIONEEL</cat_vve>");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::code).containsOnly("forbidden-category");
        assertThat(rejected.violations().get(0).reason()).contains("POVO");
    }

    @Test
    void allViolationsAreCollectedNotOnlyTheFirst() {
        String body = Dossiers.sample("oso-invalid-verboden-category-filled.xml").text()
                .replace("<standaardversie>2019.1<", "<standaardversie>2020.1<")
                .replace("<bsn>123456782</bsn>", "<bsn>123456789</bsn>")
                .replace("<roepnaam>Sanne</roepnaam>", "<roepnaam>Sanne</roepnaam><geloof>x</geloof>");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::code)
                .contains("forbidden-category", "unsupported-version", "invalid-pupil-id", "not-whitelisted");
    }

    @Test
    void popoWithoutRecordedInspectionIsRejected() {
        String body = Dossiers.sample("oso-popo-valid.xml").text()
                .replace("<inzage>true</inzage>", "<inzage>false</inzage>")
                .replace("<inzagedatum>2024-03-12</inzagedatum>", "");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::path)
                .containsExactlyInAnyOrder("/dossier/inzage/inzage", "/dossier/inzage/inzagedatum");
    }

    @Test
    void unknownAttributeIsNotWhitelisted() {
        String body = Dossiers.sample("oso-povo-valid.xml").text()
                .replace("<roepnaam>Sanne</roepnaam>", "<roepnaam geheim=\"x\">Sanne</roepnaam>");

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", body.getBytes(StandardCharsets.UTF_8)));

        assertThat(rejected.violations()).extracting(Violation::path)
                .containsExactly("/dossier/huidigeschool/leerling/roepnaam/@geheim");
    }

    @Test
    void attachmentsOverTheProfileLimitAreRejected() {
        // Given a profile whose attachment limit is smaller than the sample's attachments
        Profile oso = Fixtures.CATALOG.find("oso-gegevensset", "2019.1").orElseThrow();
        Profile small = new Profile(oso.id(), oso.version(), oso.format(), oso.sections(),
                new Limits(oso.limits().maxBodyBytes(), 10_000, oso.limits().maxDepth(), oso.limits().maxElements()),
                oso.objectionWindow(), oso.expiry(), oso.retention(), oso.whitelist(), oso.oso(), oso.json(),
                oso.parties());
        DossierInspector strict = DossierInspector.create(new ProfileCatalog(java.util.List.of(small)));

        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> strict.inspect("application/xml", Dossiers.osoOfSize(40_000).bytes()));

        assertThat(rejected.violations()).extracting(Violation::code).containsExactly("attachment-too-large");
        assertThat(rejected.violations().get(0).path()).endsWith("/bestandsinhoud");
    }

    @Test
    void violationsNeverCarryFieldValues() {
        DossierRejectedException rejected = catchThrowableOfType(DossierRejectedException.class,
                () -> inspector.inspect("application/xml", Dossiers.sample("oso-invalid-bad-bsn.xml").bytes()));

        assertThat(rejected.getMessage()).doesNotContain("123456789");
        assertThat(rejected.violations()).allSatisfy(v -> assertThat(v.path() + v.reason()).doesNotContain("123456789"));
    }
}
