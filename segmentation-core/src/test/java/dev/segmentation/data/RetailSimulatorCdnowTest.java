package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real data: with the published CDNOW parameters, the simulator reproduces the CDNOW sample's aggregates.
 *
 * <p>The 2,357 customers of {@code CDNOW_sample.txt} were acquired 1997-01-01..1997-03-25 (about evenly per
 * month) and are summarized to 1997-09-30 in weeks ({@code cdnow_customers_summary_with_transactions.csv}). The
 * BG/NBD fit of Fader, Hardie and Lee (2005, Marketing Science) is r = 0.243, alpha = 4.414, a = 0.793,
 * b = 2.426 and their Gamma-Gamma fit (2005, JMR) p = 6.25, q = 3.74, v = 15.44 ({@code reference-numbers.md}).
 * Simulating 20 times as many customers under that story and summarizing the simulated log the same way
 * (distinct purchase days - 1; mean day total over the repeat days) must give the real mean frequency, share of
 * customers with no repeat purchase and mean spend of repeat buyers, within four standard errors of the
 * difference (real and simulated sampling error combined). This checks the simulator, the day grouping and the
 * published fits together: a simulator that misplaced dropout or spend would miss by many errors.
 */
class RetailSimulatorCdnowTest {
    private static final double Z = 4.0;

    /** Per customer {x, zbar} from rows of the CSV. */
    private static double[][] readSummary(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        double[][] out = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split(",");
            out[i - 1] = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[4])};
        }
        return out;
    }

    /** Per customer {x, zbar} from a simulated log: distinct days - 1, mean day total over repeat days. */
    private static double[][] summarize(TransactionLog log) {
        double[][] out = new double[log.customerCount()][];
        for (int c = 0; c < log.customerCount(); c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            long day = log.epochDay(rows.row(0));
            int x = 0;
            double repeatSpend = 0.0;
            for (int k = 1; k < rows.size(); k++) {
                long d = log.epochDay(rows.row(k));
                if (d != day) {
                    x++;
                    day = d;
                }
                if (x > 0) {
                    repeatSpend += rows.amount(k);
                }
            }
            out[c] = new double[] {x, x == 0 ? 0.0 : repeatSpend / x};
        }
        return out;
    }

    /** {mean, variance of the mean} of f over the customers where it is defined (not NaN). */
    private static double[] stat(double[][] s, java.util.function.ToDoubleFunction<double[]> f) {
        double sum = 0.0;
        double sq = 0.0;
        int n = 0;
        for (double[] row : s) {
            double v = f.applyAsDouble(row);
            if (!Double.isNaN(v)) {
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        return new double[] {mean, (sq / n - mean * mean) / (n - 1.0)};
    }

    private static void assertSame(String what, double[] real, double[] simulated) {
        double se = Math.sqrt(real[1] + simulated[1]);
        assertEquals(real[0], simulated[0], Z * se, what + ": real " + real[0] + ", simulated " + simulated[0]);
    }

    @Test
    void publishedParametersReproduceTheCdnowSample() throws IOException {
        double[][] real = readSummary(SharedData.file("cdnow/cdnow_customers_summary_with_transactions.csv"));
        assertEquals(2_357, real.length);
        SegmentProfile cdnow = SegmentProfile.builder("CDNOW 1997 cohort").bgNbd(0.243, 4.414, 0.793, 2.426)
                .gammaGamma(6.25, 3.74, 15.44).linesPerOrder(1.0).build();
        SimulatedRetail sim = RetailSimulator.builder().customers(20 * 2_357).seed(1997)
                .start(LocalDate.of(1997, 1, 1)).acquisitionEnd(LocalDate.of(1997, 3, 25))
                .end(LocalDate.of(1997, 9, 30)).unit(Duration.ofDays(7)).segments(cdnow).threads(2).build()
                .generate();
        double[][] simulated = summarize(sim.log());
        assertSame("mean frequency", stat(real, r -> r[0]), stat(simulated, r -> r[0]));
        assertSame("share with no repeat purchase", stat(real, r -> r[0] == 0 ? 1 : 0),
                stat(simulated, r -> r[0] == 0 ? 1 : 0));
        assertSame("mean spend of repeat buyers", stat(real, r -> r[0] > 0 ? r[1] : Double.NaN),
                stat(simulated, r -> r[0] > 0 ? r[1] : Double.NaN));
    }
}
