package nl.overdracht.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void what_the_caller_may_not_see_is_404_and_reads_the_same_each_time() {
        List<ApiException> problems = List.of(Problems.noSuchDossier(), Problems.noSuchDelivery(),
                Problems.noSuchSchool(), Problems.noSuchCertificate(), Problems.noSuchOpenObjection());

        assertThat(problems).allSatisfy(problem -> {
            assertThat(problem.type()).isEqualTo(ProblemType.NOT_FOUND);
            assertThat(problem.errors()).isEmpty();
        });
        assertThat(Problems.noSuchDossier().getMessage()).isEqualTo(Problems.noSuchDossier().getMessage());
        assertThat(problems).extracting(Throwable::getMessage).doesNotHaveDuplicates();
    }
}
