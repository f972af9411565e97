package nl.overdracht.feedback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What of one row of outcome counts (one school year and advice level, one count per outcome code)
 * may be shown, so that nobody who knows how many pupils the row holds learns one pupil's outcome
 * or one hidden count:
 * <ol>
 *   <li>a row of fewer than k pupils is withheld whole: no total, no cell;</li>
 *   <li>a row in which every pupil has the same outcome is withheld whole, for showing it would tell
 *       each pupil's outcome;</li>
 *   <li>otherwise the total is shown and every cell under k is hidden (primary suppression);</li>
 *   <li>where the hidden cells could be worked out from the total by subtraction (one hidden cell;
 *       hidden cells that add up to 0; or hidden cells that must all be k-1), every cell of the row is
 *       hidden and only its total shown (complementary suppression). Hiding only the next smallest
 *       cell is not enough against someone who knows this rule: which cell was chosen tells its size.</li>
 * </ol>
 * Every shown cell counts k pupils or more. Rows are independent: the API offers no totals across
 * rows or codes, so no cell can be derived from another row.
 */
final class OutcomeSuppression {

    /** One row as published: {@code total} null when the row is withheld; a null count is a hidden cell. */
    record Published(Integer total, List<Integer> counts) {

        boolean withheld() {
            return total == null;
        }
    }

    private OutcomeSuppression() {
    }

    /** @param counts the row's count per code, in the codes' order */
    static Published publish(int[] counts, int k) {
        int total = Arrays.stream(counts).sum();
        int largest = Arrays.stream(counts).max().orElse(0);
        List<Integer> hiddenRow = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            hiddenRow.add(null);
        }
        if (total < k || largest == total) {
            return new Published(null, hiddenRow);
        }
        boolean[] hidden = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            hidden[i] = counts[i] < k;
        }
        if (derivable(counts, hidden, k)) {
            Arrays.fill(hidden, true);
        }
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            shown.add(hidden[i] ? null : counts[i]);
        }
        return new Published(total, shown);
    }

    /**
     * Whether the hidden cells could be told from the total: the one hidden cell is the total minus the
     * shown ones; hidden cells that add up to 0 are each 0; m hidden cells under k that add up to m(k-1)
     * are each k-1.
     */
    private static boolean derivable(int[] counts, boolean[] hidden, int k) {
        int m = 0;
        int rest = 0;
        boolean anyShown = false;
        for (int i = 0; i < counts.length; i++) {
            if (hidden[i]) {
                m++;
                rest += counts[i];
            } else {
                anyShown = true;
            }
        }
        if (m == 0 || !anyShown) {
            return false;
        }
        return m == 1 || rest == 0 || rest == m * (k - 1);
    }
}
