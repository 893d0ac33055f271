package dev.segmentation.cluster;

import java.util.Arrays;
import java.util.Objects;

/**
 * The minimum-cost one-to-one assignment of rows to columns of a cost matrix (the linear assignment problem),
 * solved exactly by the Hungarian algorithm (Kuhn 1955; Munkres 1957) in its O(n^2 m) shortest-augmenting-path
 * form with row and column potentials (Jonker and Volgenant 1987; the formulation of Burkard, Dell'Amico and
 * Martello, <i>Assignment Problems</i>, 2009, sec. 4.4).
 *
 * <p>With {@code n} rows and {@code m} columns, {@code min(n, m)} pairs are formed: every row is assigned when
 * {@code n <= m}, every column when {@code n > m}. Ties between optimal assignments are broken deterministically
 * (the same matrix always gives the same answer). The segment pipeline uses it to give names to segments
 * ({@link SegmentArchetypes}) and to match a new fit's segments to a previous fit's.
 *
 * <p>Stateless and safe for concurrent use. Null is never accepted or returned.
 */
public final class OptimalAssignment {
    private OptimalAssignment() {
    }

    /**
     * Solves the assignment problem.
     *
     * @param cost {@code n x m} costs, every row of the same length {@code m >= 1}, every value finite (use a
     *     large finite cost to forbid a pair). Not modified.
     * @return for each row, the column assigned to it, or -1 if the row is left out (only when {@code n > m})
     * @throws IllegalArgumentException if the matrix has no rows, rows of different or zero length, or a
     *     non-finite value ({@code "cost[1][2] must be finite, found NaN"})
     */
    public static int[] minimize(double[][] cost) {
        Objects.requireNonNull(cost, "cost");
        int n = cost.length;
        if (n == 0) {
            throw new IllegalArgumentException("cost must have >= 1 rows, found 0");
        }
        int m = cost[0].length;
        if (m == 0) {
            throw new IllegalArgumentException("cost must have >= 1 columns, found 0");
        }
        for (int i = 0; i < n; i++) {
            if (cost[i].length != m) {
                throw new IllegalArgumentException("cost[" + i + "] length must be " + m + ", found "
                        + cost[i].length);
            }
            for (int j = 0; j < m; j++) {
                if (!Double.isFinite(cost[i][j])) {
                    throw new IllegalArgumentException("cost[" + i + "][" + j + "] must be finite, found "
                            + cost[i][j]);
                }
            }
        }
        if (n <= m) {
            return solve(cost, n, m, false);
        }
        int[] byColumn = solve(cost, m, n, true);
        int[] out = new int[n];
        Arrays.fill(out, -1);
        for (int j = 0; j < m; j++) {
            out[byColumn[j]] = j;
        }
        return out;
    }

    /** Rows {@code <=} columns; {@code transposed} reads {@code a[j][i]} as the cost of row i, column j. */
    private static int[] solve(double[][] a, int n, int m, boolean transposed) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double c = transposed ? a[j - 1][i0 - 1] : a[i0 - 1][j - 1];
                        double cur = c - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] out = new int[n];
        Arrays.fill(out, -1);
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                out[p[j] - 1] = j - 1;
            }
        }
        return out;
    }
}
