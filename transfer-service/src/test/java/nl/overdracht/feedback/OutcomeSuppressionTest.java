package nl.overdracht.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proof over every possible row, not examples: for every way of spreading up to {@link #MAX_PUPILS}
 * pupils over five outcome codes, an observer who knows the row's number of pupils and sees what is
 * published cannot tell one hidden count, nor one pupil's outcome. Rows are the whole of what the
 * API offers (no totals across rows or codes), so this covers every combination of its queries.
 */
class OutcomeSuppressionTest {

    private static final int CODES = 5;
    private static final int MAX_PUPILS = 30;

    @Test
    void no_row_of_up_to_thirty_pupils_reveals_a_hidden_count_or_a_pupils_outcome_for_k_5_and_6() {
        for (int k : new int[] {5, 6}) {
            // The tables an observer cannot tell apart: same number of pupils, same publication.
            Map<String, List<int[]>> alike = new HashMap<>();
            List<int[]> rows = new ArrayList<>();
            for (int total = 0; total <= MAX_PUPILS; total++) {
                spread(total, new int[CODES], 0, rows);
            }
            for (int[] row : rows) {
                OutcomeSuppression.Published published = OutcomeSuppression.publish(row, k);
                for (int i = 0; i < CODES; i++) {
                    Integer shown = published.counts().get(i);
                    assertThat(shown == null || (shown == row[i] && shown >= k)).as("k=%d %s", k, Arrays.toString(row))
                            .isTrue();
                }
                if (published.total() != null) {
                    assertThat(published.total()).isEqualTo(Arrays.stream(row).sum()).isGreaterThanOrEqualTo(k);
                }
                alike.computeIfAbsent(Arrays.stream(row).sum() + " " + published, key -> new ArrayList<>()).add(row);
            }
            for (List<int[]> group : alike.values()) {
                int total = Arrays.stream(group.get(0)).sum();
                OutcomeSuppression.Published published = OutcomeSuppression.publish(group.get(0), k);
                for (int i = 0; i < CODES; i++) {
                    int code = i;
                    if (published.counts().get(i) == null && total > 0) {
                        assertThat(group.stream().mapToInt(row -> row[code]).distinct().count())
                                .as("k=%d: hidden cell %d of %s can be worked out", k, i, Arrays.toString(group.get(0)))
                                .isGreaterThan(1);
                    }
                    // A pupil's outcome is told when every indistinguishable row puts all pupils in one code.
                    assertThat(total > 0 && group.stream().allMatch(row -> row[code] == total))
                            .as("k=%d: every pupil of %s has outcome %d", k, Arrays.toString(group.get(0)), i).isFalse();
                }
            }
        }
    }

    @Test
    void twelve_pupils_show_the_cells_of_five_or_more_and_hide_the_rest() {
        OutcomeSuppression.Published published = OutcomeSuppression.publish(new int[] {6, 3, 2, 1, 0}, 5);

        assertThat(published.total()).isEqualTo(12);
        assertThat(published.counts()).containsExactly(6, null, null, null, null);
    }

    @Test
    void one_cell_under_k_beside_a_shown_total_hides_every_cell_of_the_row() {
        OutcomeSuppression.Published published = OutcomeSuppression.publish(new int[] {7, 6, 5, 5, 2}, 5);

        assertThat(published.total()).isEqualTo(25);
        assertThat(published.counts()).containsOnlyNulls();
    }

    @Test
    void a_row_under_k_and_a_row_where_every_pupil_fares_alike_are_withheld_whole() {
        assertThat(OutcomeSuppression.publish(new int[] {4, 0, 0, 0, 0}, 5).withheld()).isTrue();
        assertThat(OutcomeSuppression.publish(new int[] {0, 0, 12, 0, 0}, 5).withheld()).isTrue();
        assertThat(OutcomeSuppression.publish(new int[] {0, 0, 12, 0, 0}, 5).counts()).containsOnlyNulls();
    }

    private static void spread(int left, int[] row, int at, List<int[]> out) {
        if (at == row.length - 1) {
            row[at] = left;
            out.add(row.clone());
            return;
        }
        for (int n = 0; n <= left; n++) {
            row[at] = n;
            spread(left - n, row, at + 1, out);
        }
    }
}
