package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void an_absent_limit_is_the_default_of_100() {
        assertThat(QueryParams.limit("limit", null)).isEqualTo(100).isEqualTo(QueryParams.DEFAULT_LIMIT);
    }

    @Test
    void a_limit_from_1_to_1000_is_taken_as_given() {
        assertThat(QueryParams.limit("limit", "1")).isEqualTo(1);
        assertThat(QueryParams.limit("limit", "1000")).isEqualTo(1000).isEqualTo(QueryParams.MAX_LIMIT);
    }

    @Test
    void a_limit_below_1_or_above_1000_is_a_400_naming_the_parameter_as_the_api_names_it() {
        assertInvalid(() -> QueryParams.limit("limit", "0"), "limit", "must be between 1 and 1000");
        assertInvalid(() -> QueryParams.limit("/limit", "1001"), "/limit", "must be between 1 and 1000");
    }

    @Test
    void a_number_that_is_not_a_whole_number_or_overflows_is_a_400_naming_the_parameter() {
        assertInvalid(() -> QueryParams.limit("/limit", "abc"), "/limit", "must be a whole number between 1 and 1000");
        assertInvalid(() -> QueryParams.limit("/limit", "1.5"), "/limit", "must be a whole number between 1 and 1000");
        assertInvalid(() -> QueryParams.limit("limit", "2147483648"), "limit", "must be between 1 and 1000");
        assertInvalid(() -> QueryParams.cursor("cursor", "9223372036854775808"), "cursor",
                "must be a whole number, 0 or more");
        assertInvalid(() -> QueryParams.sequence("from", "x"), "from", "must be a sequence number, 1 or more");
    }

    @Test
    void an_absent_cursor_starts_at_0_and_a_negative_one_is_a_400() {
        assertThat(QueryParams.cursor("cursor", null)).isZero();
        assertThat(QueryParams.cursor("cursor", "42")).isEqualTo(42);

        assertInvalid(() -> QueryParams.cursor("cursor", "-1"), "cursor", "must not be negative");
    }

    @Test
    void filters_are_null_when_absent_and_a_400_when_unreadable() {
        UUID id = UUID.randomUUID();
        assertThat(QueryParams.uuid("dossier", " " + id + " ")).isEqualTo(id);
        assertThat(QueryParams.uuid("dossier", "")).isNull();
        assertThat(QueryParams.instant("from", null)).isNull();
        assertThat(QueryParams.sequence("from", null)).isNull();

        assertInvalid(() -> QueryParams.uuid("dossier", "nope"), "dossier", "must be a UUID");
        assertInvalid(() -> QueryParams.instant("from", "yesterday"), "from",
                "must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
        assertInvalid(() -> QueryParams.sequence("to", "0"), "to", "must be a sequence number, 1 or more");
    }

    @Test
    void a_refusal_never_echoes_the_value() {
        assertThatThrownBy(() -> QueryParams.uuid("dossier", "<script>"))
                .hasMessageNotContaining("<script>")
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().get(0).detail())
                        .doesNotContain("<script>"));
    }

    private static void assertInvalid(Runnable parse, String name, String detail) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ProblemType.INVALID_REQUEST);
            assertThat(e.errors()).containsExactly(new Problem.FieldError(name, detail));
        });
    }
}
