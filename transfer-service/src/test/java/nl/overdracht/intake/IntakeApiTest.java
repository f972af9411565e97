package nl.overdracht.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Dossier;
import nl.overdracht.testing.Dossiers;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Intake over HTTP: what is accepted, what is refused and how, and what ends up in PostgreSQL. */
@QuarkusTest
class IntakeApiTest {

    private static final String DOSSIERS = "/api/v1/dossiers";

    @Inject
    Pool pool;

    @Inject
    java.time.Clock clock;

    @ParameterizedTest
    @CsvSource({"POVO", "POPO", "VOVO"})
    void a_valid_oso_dossier_is_accepted_and_awaits_enrolment(String kind) {
        String school = TestSchools.dutch();

        sending(school).contentType("application/xml").body(Dossiers.oso(kind, Pupils.bsn(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/dossiers/"))
                .header("Idempotent-Replayed", "false")
                .body("profile", equalTo("oso-gegevensset"))
                .body("profileVersion", equalTo("2019.1"))
                .body("transferKind", equalTo(kind))
                .body("revision", equalTo(1))
                .body("state", equalTo("AWAITING_ENROLMENT"))
                .body("sendingSchool", equalTo(school))
                .body("contentSha256", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void a_valid_baso_dossier_is_accepted_with_its_schema_version(String version) {
        String school = TestSchools.dutch();
        sending(school).contentType("application/json").body(Dossiers.baso(version, Pupils.rijksregisternummer(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(201)
                .body("sendingSchool", equalTo(school))
                .body("profile", equalTo("vl-baso"))
                .body("profileVersion", equalTo(version))
                .body("receivingSchool", equalTo("099999"))
                .body("state", equalTo("AWAITING_ENROLMENT"));
    }

    /** The schema module's sample files, read from this module's directory (where the tests run). */
    private static final Path SAMPLES = Path.of("..", "schema", "src", "main", "resources", "samples");
    private static final String DOSSIER_REJECTED = "https://overdracht.nl/problems/dossier-rejected";
    private static final String MALFORMED_DOSSIER = "https://overdracht.nl/problems/malformed-dossier";

    /** One field error of a problem: its {@code code} and the JSON pointer or element path it names. */
    record FieldError(String code, String pointer) {
        @Override
        public String toString() {
            return code + " at " + pointer;
        }
    }

    private static FieldError error(String code, String pointer) {
        return new FieldError(code, pointer);
    }

    private static Arguments refused(String sample, int status, String type, FieldError... errors) {
        return Arguments.of(sample, status, type, List.of(errors));
    }

    /**
     * What the service answers to each invalid or malformed sample of the schema module: status,
     * problem type and exactly these field errors (none for a document that does not parse).
     */
    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("oso-invalid-bad-bsn.xml", 422, DOSSIER_REJECTED,
                        error("invalid-pupil-id", "/dossier/huidigeschool/leerling/bsn")),
                refused("oso-invalid-inzage-missing.xml", 422, DOSSIER_REJECTED,
                        error("inzage-missing", "/dossier/inzage")),
                refused("oso-invalid-opt-uit-category-filled.xml", 422, DOSSIER_REJECTED,
                        error("forbidden-category",
                                "/dossier/huidigeschool/leerling/onderwijsondersteuning/toelichting_onderwijsbehoeften")),
                refused("oso-invalid-unknown-element.xml", 422, DOSSIER_REJECTED,
                        error("not-whitelisted", "/dossier/huidigeschool/leerling/religie")),
                refused("oso-invalid-unsupported-standaardversie.xml", 422, DOSSIER_REJECTED,
                        error("unsupported-version", "/dossier/metadata/standaardversie")),
                refused("oso-invalid-verboden-category-filled.xml", 422, DOSSIER_REJECTED,
                        error("forbidden-category", "/dossier/huidigeschool/leerling/vanpeuterspeelzaal"),
                        error("forbidden-category", "/dossier/huidigeschool/leerling/naampeuterspeelzaal")),
                refused("oso-invalid-vovo-without-consent.xml", 422, DOSSIER_REJECTED,
                        error("consent-missing", "/dossier/inzage/toestemming")),
                refused("oso-malformed-entity-expansion.xml", 400, MALFORMED_DOSSIER),
                refused("oso-malformed-too-deep.xml", 400, MALFORMED_DOSSIER),
                refused("oso-malformed-xxe.xml", 400, MALFORMED_DOSSIER),
                refused("vl-baso-invalid-bad-rijksregisternummer.json", 422, DOSSIER_REJECTED,
                        error("invalid-pupil-id", "/dossier/pupil/rijksregisternummer")),
                refused("vl-baso-invalid-clb-file.json", 422, DOSSIER_REJECTED,
                        error("forbidden-field", "/dossier/clbFile")),
                refused("vl-baso-invalid-disciplinary-measures.json", 422, DOSSIER_REJECTED,
                        error("forbidden-field", "/dossier/disciplinaryMeasures")),
                refused("vl-baso-invalid-grades.json", 422, DOSSIER_REJECTED,
                        error("forbidden-field", "/dossier/strengthsAndInterests/grades")),
                refused("vl-baso-invalid-orientation-advice.json", 422, DOSSIER_REJECTED,
                        error("forbidden-field", "/dossier/orientationAdvice")),
                refused("vl-baso-invalid-unknown-field.json", 422, DOSSIER_REJECTED,
                        error("not-whitelisted", "/dossier/hobbyClub")),
                refused("vl-baso-invalid-verslag-missing.json", 422, DOSSIER_REJECTED,
                        error("verslag-missing", "/dossier/verslag")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void each_invalid_or_malformed_sample_is_refused_with_its_own_problem_and_field_errors_and_is_not_stored(
            String sample, int status, String type, List<FieldError> expected) {
        // Given a fresh school that sends the sample
        String school = TestSchools.dutch();
        Dossier dossier = Dossiers.sample(sample);

        // When it is submitted
        ExtractableResponse<Response> answer = sending(school).contentType(dossier.mediaType()).body(dossier.bytes())
                .when().post(DOSSIERS)
                .then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo(type))
                .body("status", equalTo(status))
                .extract();

        // Then the problem lists exactly the expected field errors, each with a detail
        List<Map<String, String>> errors = answer.jsonPath().getList("errors");
        assertThat(errors == null ? List.<FieldError>of()
                : errors.stream().map(e -> error(e.get("code"), e.get("pointer"))).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        if (errors != null) {
            assertThat(errors).allSatisfy(e -> assertThat(e.get("detail")).isNotBlank());
        }
        // And nothing is stored, and the refusal is audited with the problem's kind only
        assertThat(storedFor(school)).isZero();
        assertThat(refusalsOf(school, type.substring(type.lastIndexOf('/') + 1))).isEqualTo(1);
    }

    @Test
    void every_invalid_or_malformed_sample_of_the_schema_module_has_its_expected_refusal() throws IOException {
        Set<String> samples;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            samples = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.contains("-invalid-") || name.contains("-malformed-"))
                    .collect(Collectors.toSet());
        }

        assertThat(refusals().map(arguments -> (String) arguments.get()[0]))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(samples);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Voorbeelddossier_OV_POPO_full.xml", "Voorbeelddossier_OV_POPO_opt_out.xml",
        "Voorbeelddossier_OV_POVO_full.xml", "Voorbeelddossier_OV_POVO_opt_out.xml"})
    void the_standards_own_examples_are_accepted_and_a_copy_with_data_in_a_verboden_category_is_not(String name) {
        String school = TestSchools.dutch();
        Dossier example = Dossiers.osoExample("2019.1", name).sentBy(school);

        sending(school).contentType("application/xml").body(example.bytes()).when().post(DOSSIERS)
                .then().statusCode(201).body("profile", equalTo("oso-gegevensset"));
        if (example.text().contains("<cat_toetsresultaten>OPTIONEEL</cat_toetsresultaten>")
                && example.text().contains("<toetslijst>")) {
            sending(school).contentType("application/xml")
                    .body(example.replace("<cat_toetsresultaten>OPTIONEEL</cat_toetsresultaten>",
                            "<cat_toetsresultaten>VERBODEN</cat_toetsresultaten>").bytes())
                    .when().post(DOSSIERS)
                    .then().statusCode(422).body("errors.pointer", hasItem("/dossier/huidigeschool/leerling/toetslijst"));
            assertThat(storedFor(school)).isEqualTo(1);
        }
    }

    @Test
    void a_dossier_that_names_another_sending_school_is_422_sender_mismatch_audited_and_not_stored() {
        // Given the OSO sample, whose huidigeschool is 99ZZ / 00
        String school = TestSchools.dutch();

        // When another school sends it
        sending(school).contentType("application/xml").body(Dossiers.sample("oso-povo-valid.xml").bytes())
                .when().post(DOSSIERS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/sender-mismatch"))
                .body("errors[0].pointer", equalTo("/dossier/huidigeschool/brincode"))
                .body("errors[0].code", equalTo("sender-mismatch"));

        // Then nothing is stored, and the refusal is audited with its reason only
        assertThat(storedFor(school)).isZero();
        assertThat(refusalsOf(school, "sender-mismatch")).isEqualTo(1);
    }

    @Test
    void the_school_a_dossier_names_may_send_it() {
        sending(Dossiers.SAMPLE_OSO_SENDER).contentType("application/xml").body(Dossiers.sample("oso-povo-valid.xml").bytes())
                .when().post(DOSSIERS)
                .then().statusCode(201).body("sendingSchool", equalTo(Dossiers.SAMPLE_OSO_SENDER));
    }

    @Test
    void a_baso_dossier_naming_another_sending_school_is_422_naming_its_member() {
        String school = TestSchools.dutch();

        sending(school).contentType("application/json").body(Dossiers.sample("vl-baso-v2-valid.json").bytes())
                .when().post(DOSSIERS)
                .then().statusCode(422)
                .body("type", equalTo("https://overdracht.nl/problems/sender-mismatch"))
                .body("errors[0].pointer", equalTo("/sendingSchool"));
        assertThat(storedFor(school)).isZero();
    }

    @Test
    void a_baso_dossier_naming_no_sending_school_comes_from_the_tokens_school() {
        String school = TestSchools.dutch();
        byte[] unnamed = Dossiers.baso("2", Pupils.rijksregisternummer(), school).withoutMember("sendingSchool").bytes();

        sending(school).contentType("application/json").body(unnamed)
                .when().post(DOSSIERS)
                .then().statusCode(201).body("sendingSchool", equalTo(school));
    }

    @Test
    void a_receiving_school_parameter_that_differs_from_the_dossiers_is_422_receiver_mismatch() {
        String school = TestSchools.dutch();

        sending(school).queryParam("receivingSchool", "088888").contentType("application/json")
                .body(Dossiers.baso("2", Pupils.rijksregisternummer(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(422)
                .body("type", equalTo("https://overdracht.nl/problems/receiver-mismatch"))
                .body("errors[0].pointer", equalTo("/receivingSchool"));
        sending(school).queryParam("receivingSchool", Dossiers.SAMPLE_BASO_RECEIVER).contentType("application/json")
                .body(Dossiers.baso("2", Pupils.rijksregisternummer(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(201).body("receivingSchool", equalTo(Dossiers.SAMPLE_BASO_RECEIVER));
        assertThat(storedFor(school)).isEqualTo(1);
    }

    @Test
    void a_school_cannot_send_a_dossier_to_itself() {
        String school = TestSchools.dutch();

        sending(school).queryParam("receivingSchool", school).contentType("application/xml")
                .body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(422).body("errors[0].code", equalTo("receiver-is-sender"));
        assertThat(storedFor(school)).isZero();
    }

    @Test
    void the_standards_povo_example_sent_by_another_school_to_the_school_it_names_is_refused() {
        Dossier example = Dossiers.osoExample("2019.1", "Voorbeelddossier_OV_POVO_full.xml");

        sending("99ZZ00").queryParam("receivingSchool", "00YY00").contentType("application/xml")
                .body(example.bytes())
                .when().post(DOSSIERS)
                .then().statusCode(422).body("type", equalTo("https://overdracht.nl/problems/sender-mismatch"));
    }

    @Test
    void a_revision_from_another_sending_school_is_422_and_the_dossier_keeps_its_revision() {
        String school = TestSchools.dutch();
        String bsn = Pupils.bsn();
        String id = submit(school, Dossiers.oso("POVO", bsn, school));

        sending(school).contentType("application/xml").body(Dossiers.oso("POVO", bsn, TestSchools.dutch()).bytes())
                .when().put(DOSSIERS + "/" + id)
                .then().statusCode(422).body("type", equalTo("https://overdracht.nl/problems/sender-mismatch"));
        assertThat(revisionsOf(UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void an_inspection_date_in_the_future_is_refused() {
        String school = TestSchools.dutch();
        String future = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(2).toString();
        byte[] dossier = Dossiers.oso("POVO", Pupils.bsn(), school)
                .replace("<inzagedatum>2024-03-12</inzagedatum>", "<inzagedatum>" + future + "</inzagedatum>").bytes();

        sending(school).contentType("application/xml").body(dossier)
                .when().post(DOSSIERS)
                .then().statusCode(422)
                .body("errors[0].pointer", equalTo("/dossier/inzage/inzagedatum"))
                .body("errors[0].code", equalTo("date-in-future"));
        assertThat(storedFor(school)).isZero();
    }

    @Test
    void a_rejected_dossier_names_the_forbidden_category_and_its_path() {
        sending(TestSchools.dutch()).contentType("application/xml").body(Dossiers.sample("oso-invalid-verboden-category-filled.xml").bytes())
                .when().post(DOSSIERS)
                .then().statusCode(422)
                .body("errors.detail", hasItem(org.hamcrest.Matchers.containsString("VERBODEN")));
    }

    @Test
    void a_forbidden_baso_field_is_refused_with_its_legal_reason_and_no_value_is_echoed() {
        String body = sending(TestSchools.dutch()).contentType("application/json").body(Dossiers.sample("vl-baso-invalid-grades.json").bytes())
                .when().post(DOSSIERS)
                .then().statusCode(422)
                .extract().asString();

        assertThat(body).doesNotContain("Voorbeeld").doesNotContain(Dossiers.SAMPLE_RIJKSREGISTERNUMMER);
    }

    @Test
    void json_that_does_not_parse_is_400() {
        sending(TestSchools.dutch()).contentType("application/json").body("{\"profile\": \"vl-baso\", ")
                .when().post(DOSSIERS)
                .then().statusCode(400)
                .body("type", equalTo("https://overdracht.nl/problems/malformed-dossier"));
    }

    @Test
    void an_unknown_media_type_is_415() {
        sending(TestSchools.dutch()).contentType("text/plain").body("dossier")
                .when().post(DOSSIERS)
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void a_dossier_over_its_profiles_limit_is_413_even_below_the_http_limit() {
        String attachment = java.util.Base64.getEncoder().encodeToString(new byte[4_600_000]);
        String school = TestSchools.dutch();
        byte[] huge = Dossiers.baso("2", Pupils.rijksregisternummer(), school)
                .replace("RmljdGllZiB2ZXJzbGFnLg==", attachment).bytes();

        sending(school).contentType("application/json").body(huge)
                .when().post(DOSSIERS)
                .then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_answer() {
        String school = TestSchools.dutch();
        byte[] dossier = Dossiers.oso("POVO", Pupils.bsn(), school).bytes();

        String first = sending(school).header("Idempotency-Key", "batch-7/pupil-1").contentType("application/xml")
                .body(dossier).when().post(DOSSIERS)
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        String second = sending(school).header("Idempotency-Key", "batch-7/pupil-1").contentType("application/xml")
                .body(dossier).when().post(DOSSIERS)
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");

        assertThat(second).isEqualTo(first);
        assertThat(storedFor(school)).isEqualTo(1);
    }

    @Test
    void the_same_idempotency_key_with_another_dossier_is_409() {
        String school = TestSchools.dutch();
        sending(school).header("Idempotency-Key", "k1").contentType("application/xml")
                .body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes()).when().post(DOSSIERS).then().statusCode(201);

        sending(school).header("Idempotency-Key", "k1").contentType("application/xml")
                .body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes()).when().post(DOSSIERS)
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(storedFor(school)).isEqualTo(1);
    }

    @Test
    void another_schools_dossier_is_404_and_never_listed() {
        String owner = TestSchools.dutch();
        String other = TestSchools.dutch();
        String id = submit(owner, Dossiers.oso("POPO", Pupils.bsn(), owner));

        sending(other).when().get(DOSSIERS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        sending(other).when().delete(DOSSIERS + "/" + id).then().statusCode(404);
        sending(other).when().get(DOSSIERS).then().statusCode(200).body("id", not(hasItem(id)));
        sending(owner).when().get(DOSSIERS + "/" + id).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void the_list_filters_by_state() {
        String school = TestSchools.dutch();
        String kept = submit(school, Dossiers.oso("POVO", Pupils.bsn(), school));
        String withdrawn = submit(school, Dossiers.oso("POVO", Pupils.bsn(), school));
        sending(school).when().delete(DOSSIERS + "/" + withdrawn).then().statusCode(200).body("state", equalTo("WITHDRAWN"));

        sending(school).queryParam("state", "AWAITING_ENROLMENT").when().get(DOSSIERS)
                .then().statusCode(200).body("id", org.hamcrest.Matchers.contains(kept));
        sending(school).queryParam("state", "WITHDRAWN").when().get(DOSSIERS)
                .then().statusCode(200).body("id", org.hamcrest.Matchers.contains(withdrawn));
        sending(school).queryParam("state", "NONSENSE").when().get(DOSSIERS)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/state"));
    }

    @Test
    void a_revision_is_stored_as_the_next_revision_until_the_dossier_is_withdrawn() {
        String school = TestSchools.dutch();
        String bsn = Pupils.bsn();
        String id = submit(school, Dossiers.oso("POVO", bsn, school));
        byte[] revised = Dossiers.oso("POVO", bsn, school)
                .replace("<inzagedatum>2024-03-12</inzagedatum>", "<inzagedatum>2024-03-19</inzagedatum>").bytes();

        sending(school).contentType("application/xml").body(revised).when().put(DOSSIERS + "/" + id)
                .then().statusCode(200).body("revision", equalTo(2)).body("state", equalTo("AWAITING_ENROLMENT"));
        assertThat(revisionsOf(UUID.fromString(id))).isEqualTo(2);

        sending(school).when().delete(DOSSIERS + "/" + id).then().statusCode(200);
        sending(school).contentType("application/xml").body(revised).when().put(DOSSIERS + "/" + id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://overdracht.nl/problems/illegal-transition"));
        sending(school).when().delete(DOSSIERS + "/" + id).then().statusCode(409);
    }

    @Test
    void a_revision_about_another_pupil_is_refused() {
        String school = TestSchools.dutch();
        String id = submit(school, Dossiers.oso("POVO", Pupils.bsn(), school));

        sending(school).contentType("application/xml").body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes()).when().put(DOSSIERS + "/" + id)
                .then().statusCode(422);
        assertThat(revisionsOf(UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void stored_ciphertext_holds_no_plaintext_field_value() {
        String bsn = Pupils.bsn();
        String rrn = Pupils.rijksregisternummer();
        String osoSchool = TestSchools.dutch();
        String basoSchool = TestSchools.dutch();
        String oso = submit(osoSchool, Dossiers.oso("POVO", bsn, osoSchool));
        String baso = submit(basoSchool, Dossiers.baso("2", rrn, basoSchool));

        List<byte[]> stored = new ArrayList<>();
        for (String id : List.of(oso, baso)) {
            for (Row row : pool.preparedQuery("SELECT r.ciphertext, r.wrapped_key, d.pupil_id_ciphertext, d.pupil_index "
                    + "FROM dossier_revision r JOIN dossier d ON d.id = r.dossier_id WHERE d.id = $1")
                    .execute(Tuple.of(UUID.fromString(id))).await().indefinitely()) {
                for (int i = 0; i < row.size(); i++) {
                    stored.add(row.getBuffer(i).getBytes());
                }
            }
        }

        assertThat(stored).hasSize(8).allSatisfy(bytes -> assertThat(bytes).isNotEmpty());
        for (String value : List.of(bsn, rrn, "Voorbeeld", "Lotte", "Fictieve", "dossier", "<?xml", "huidigeschool",
                "2015-03-01", "rijksregisternummer")) {
            byte[] needle = value.getBytes(StandardCharsets.UTF_8);
            assertThat(stored).noneMatch(bytes -> contains(bytes, needle));
        }
    }

    @Test
    void one_transaction_writes_the_dossier_its_revision_an_event_with_ids_only_and_an_audit_entry() {
        String bsn = Pupils.bsn();
        String school = TestSchools.dutch();
        UUID id = UUID.fromString(submit(school, Dossiers.oso("POVO", bsn, school)));

        Row event = pool.preparedQuery("SELECT event_type, payload::text AS payload FROM outbox_event WHERE aggregate_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
        long audited = pool.preparedQuery("SELECT (SELECT count(*) FROM audit_pending WHERE dossier_id = $1 "
                + "AND action = 'DOSSIER_SUBMITTED') + (SELECT count(*) FROM audit_entry WHERE dossier_id = $1 "
                + "AND action = 'DOSSIER_SUBMITTED') AS n").execute(Tuple.of(id)).await().indefinitely()
                .iterator().next().getLong("n");

        assertThat(event.getString("event_type")).isEqualTo("DossierStateChanged");
        assertThat(event.getString("payload")).contains(id.toString()).contains("AWAITING_ENROLMENT")
                .doesNotContain(bsn).doesNotContain("Voorbeeld");
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void only_a_sending_school_submits() {
        String school = TestSchools.dutch();
        given().header("Authorization", Tokens.bearer(Tokens.school(school, Roles.RECEIVING_SCHOOL)))
                .contentType("application/xml").body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/xml").body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(401);
    }

    @Test
    void a_bad_receiving_school_parameter_is_400_naming_it() {
        String school = TestSchools.dutch();
        sending(school).queryParam("receivingSchool", "not a school!").contentType("application/xml")
                .body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/receivingSchool"));
        sending(school).queryParam("receivingSchool", "ABCD1234").contentType("application/xml")
                .body(Dossiers.oso("POVO", Pupils.bsn(), school).bytes())
                .when().post(DOSSIERS)
                .then().statusCode(400).body("errors[0].pointer", equalTo("/receivingSchool"));
    }

    @Test
    void the_profiles_name_their_versions_and_mandatory_sections() {
        ValidatableResponse profiles = sending(TestSchools.dutch()).when().get("/api/v1/profiles").then().statusCode(200);

        profiles.body("id", hasItem("oso-gegevensset"))
                .body("find { it.id == 'vl-baso' }.versions.version", org.hamcrest.Matchers.contains("1", "2"))
                .body("find { it.id == 'vl-baso' }.versions[0].sections.find { it.mandatory }.mandatoryReason",
                        notNullValue())
                .body("find { it.id == 'vl-baso' }.versions[0].forbidden.code", hasItem("not-whitelisted"))
                .body("find { it.id == 'oso-gegevensset' }.versions[0].mediaType", equalTo("application/xml"));
    }

    private static RequestSpecification sending(String school) {
        return Transfers.as(school, Roles.SENDING_SCHOOL);
    }

    /** Submits the dossier as {@code school}; answers its id. */
    private static String submit(String school, Dossier dossier) {
        return Transfers.submit(school, dossier, null).toString();
    }

    private long storedFor(String school) {
        return Transfers.dossierCount(pool, school);
    }

    /** Refusals of the school's submissions with this outcome in the audit log, chained or pending. */
    private long refusalsOf(String school, String outcome) {
        return pool.preparedQuery("SELECT (SELECT count(*) FROM audit_pending WHERE actor_school = $1 "
                        + "AND action = 'DOSSIER_REFUSED' AND outcome = $2) + (SELECT count(*) FROM audit_entry "
                        + "WHERE actor_school = $1 AND action = 'DOSSIER_REFUSED' AND outcome = $2) AS n")
                .execute(Tuple.of(school, outcome)).await().indefinitely().iterator().next().getLong("n");
    }

    private long revisionsOf(UUID id) {
        return pool.preparedQuery("SELECT count(*) AS n FROM dossier_revision WHERE dossier_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong("n");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
