package nl.overdracht.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.overdracht.profile.Violation;
import org.junit.jupiter.api.Test;

/** The answer to a submission carries the standard's warnings; without any it has no such member. */
class DossierStatusTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final DossierStatus status = new DossierStatus(UUID.randomUUID(), "oso-gegevensset", "2018.1", "POPO", 1,
            "AWAITING_ENROLMENT", "99ZZ00", null, "00", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, null, null, null);

    @Test
    void warnings_are_listed_with_pointer_detail_and_code() throws Exception {
        DossierStatus warned = status.withWarnings(List.of(new Violation("/dossier/huidigeschool/leerling/roepnaam",
                "TST.RN01", "Een roepnaam wordt alleen doorgegeven als de leerling die zelf gebruikt.")));

        JsonNode answer = json.readTree(json.writeValueAsString(warned));

        assertThat(answer.path("warnings").get(0).path("pointer").asText()).isEqualTo("/dossier/huidigeschool/leerling/roepnaam");
        assertThat(answer.path("warnings").get(0).path("code").asText()).isEqualTo("TST.RN01");
        assertThat(answer.path("warnings").get(0).path("detail").asText()).startsWith("Een roepnaam");
        assertThat(json.readValue(json.writeValueAsString(warned), DossierStatus.class)).isEqualTo(warned);
    }

    @Test
    void without_warnings_the_answer_has_no_warnings_member() throws Exception {
        assertThat(json.readTree(json.writeValueAsString(status.withWarnings(List.of()))).has("warnings")).isFalse();
    }
}
