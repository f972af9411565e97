package nl.overdracht.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfileCatalogTest {

    private final ProfileCatalog catalog = Fixtures.CATALOG;

    @Test
    void loadsEveryVersionListedInTheIndex() {
        assertThat(catalog.all()).extracting(p -> p.id() + "/" + p.version())
                .containsExactlyInAnyOrder("oso-gegevensset/2018.1", "oso-gegevensset/2019.1", "vl-baso/1", "vl-baso/2");
    }

    @Test
    void each_oso_version_reads_its_own_namespace_and_names_its_care_category_as_its_version_does() {
        Profile v2018 = catalog.find("oso-gegevensset", "2018.1").orElseThrow();
        Profile v2019 = catalog.find("oso-gegevensset", "2019.1").orElseThrow();

        assertThat(catalog.osoProfilesFor("http://www.edustandaard.nl/oso_gegevensset/2018/dossier")).containsExactly(v2018);
        assertThat(catalog.osoProfilesFor("http://www.edustandaard.nl/oso_gegevensset/2019/dossier")).containsExactly(v2019);
        assertThat(v2018.oso().orElseThrow().categoryElements()).containsEntry("zorgenbegeleiding", "cat_zorgenbegeleiding");
        assertThat(v2019.oso().orElseThrow().categoryElements()).containsEntry("onderwijsondersteuning",
                "cat_onderwijsondersteuning");
        assertThat(v2018.whitelist().sectionOf("/dossier/huidigeschool/leerling/handelingsplanlijst/handelingsplan"))
                .contains("handelingsplannen");
        assertThat(v2018.oso().orElseThrow().transferKinds()).containsOnlyKeys("POVO", "POPO", "VOVO");
    }

    @Test
    void osoProfileHasTheSixteenCategoriesWithTheirElements() {
        Profile oso = catalog.find("oso-gegevensset", "2019.1").orElseThrow();
        assertThat(oso.format()).isEqualTo(Profile.FORMAT_OSO_XML);
        assertThat(oso.sections()).hasSize(16);
        assertThat(oso.oso().orElseThrow().categoryElements()).containsEntry("vve", "cat_vve")
                .containsEntry("bijlagedocs", "cat_bijlagedocs");
        assertThat(oso.whitelist().sectionOf("/dossier/huidigeschool/leerling/onderwijsondersteuning/handelingsplan"))
                .contains("handelingsplannen");
        assertThat(oso.whitelist().sectionOf("/dossier/huidigeschool/leerling/bsn")).contains("leerling");
        assertThat(oso.whitelist().sectionOf("/dossier/huidigeschool/leerling/religie")).isEmpty();
    }

    @Test
    void basoVersionTwoExtendsVersionOneWithStructuredLanguageSupport() {
        Profile v1 = catalog.find("vl-baso", "1").orElseThrow();
        Profile v2 = catalog.find("vl-baso", "2").orElseThrow();
        assertThat(v1.whitelist().allows("/dossier/languageSupport/homeLanguages")).isFalse();
        assertThat(v2.whitelist().allows("/dossier/languageSupport/homeLanguages")).isTrue();
        assertThat(v2.whitelist().allows("/dossier/languageSupport/notes")).isTrue();
    }

    @Test
    void verslagAndPupilAreMandatoryWithALegalReason() {
        Profile baso = catalog.find("vl-baso", "1").orElseThrow();
        assertThat(baso.mandatorySections()).extracting(Section::name).containsExactlyInAnyOrder("pupil", "verslag");
        assertThat(baso.section("verslag").orElseThrow().mandatoryReason()).get().asString().contains("art. 31");
    }

    @Test
    void timingsComeFromTheProfileFiles() {
        Profile baso = catalog.find("vl-baso", "2").orElseThrow();
        assertThat(baso.objectionWindow()).isEqualTo(Duration.ofDays(10));
        assertThat(baso.expiry()).isPositive();
        assertThat(baso.retention().afterDelivery()).isPositive();
        assertThat(baso.limits().maxBodyBytes()).isPositive();
    }

    @Test
    void unknownVersionIsNotFound() {
        assertThat(catalog.find("vl-baso", "3")).isEmpty();
        assertThat(catalog.find("nope", "1")).isEmpty();
    }
}
