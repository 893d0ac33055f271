package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The simulated log against the theory of its own generating story, per segment.
 *
 * <p>Tolerance: every check allows {@value #Z} standard errors of its statistic (a two-sided false-alarm rate
 * of about 6e-5 per check), the standard error estimated from the simulated sample; the seed is fixed, so the
 * outcome is deterministic. The segments cover a {@code < 1} (the CDNOW regime), shapes below and above 1,
 * and very different purchase rates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetailSimulatorGroundTruthTest {
    private static final double Z = 4.0;

    private SimulatedRetail sim;

    @BeforeAll
    void simulate() {
        List<SegmentProfile> segments = List.of(
                SegmentProfile.builder("frequent").share(0.3).bgNbd(2.0, 8.0, 0.8, 6.0).gammaGamma(6.0, 4.0, 50.0)
                        .linesPerOrder(3.0).categoryTaste(5, 3, 1, 1).channelMix(1, 1).build(),
                SegmentProfile.builder("steady").share(0.5).bgNbd(0.7, 6.0, 1.6, 4.0).gammaGamma(4.0, 5.0, 40.0)
                        .linesPerOrder(2.0).categoryTaste(1, 1, 4, 0).channelMix(1, 3).build(),
                SegmentProfile.builder("rare").share(0.2).bgNbd(0.3, 12.0, 2.5, 3.0).gammaGamma(0.8, 3.0, 20.0)
                        .linesPerOrder(1.0).build());
        sim = RetailSimulator.builder().customers(40_000).seed(2024).start(LocalDate.of(2023, 1, 1))
                .acquisitionEnd(LocalDate.of(2023, 6, 30)).end(LocalDate.of(2024, 12, 31)).segments(segments)
                .categories(List.of("a", "b", "c", "d")).channels(List.of("web", "store")).itemsPerCategory(20)
                .zipfExponent(1.1).tasteConcentration(5.0).threads(2).build().generate();
    }

    /** Mean and standard error of the mean of the values where {@code in[i]}. */
    private static double[] meanAndSe(double[] x, boolean[] in) {
        double sum = 0.0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (in[i]) {
                sum += x[i];
                n++;
            }
        }
        double mean = sum / n;
        double ss = 0.0;
        for (int i = 0; i < x.length; i++) {
            if (in[i]) {
                ss += (x[i] - mean) * (x[i] - mean);
            }
        }
        return new double[] {mean, Math.sqrt(ss / (n - 1.0) / n)};
    }

    private boolean[] inSegment(int s) {
        boolean[] in = new boolean[sim.customerCount()];
        for (int c = 0; c < in.length; c++) {
            in[c] = sim.segment(c) == s;
        }
        return in;
    }

    @Test
    void segmentSharesMatchWithinSamplingError() {
        double[] shares = sim.simulator().segmentShares();
        int n = sim.customerCount();
        for (int s = 0; s < shares.length; s++) {
            int count = 0;
            for (int c = 0; c < n; c++) {
                count += sim.segment(c) == s ? 1 : 0;
            }
            double se = Math.sqrt(shares[s] * (1 - shares[s]) / n);
            assertEquals(shares[s], count / (double) n, Z * se, "share of segment " + s);
        }
    }

    @Test
    void customerParametersFollowTheirGammaAndBetaDistributions() {
        for (int s = 0; s < sim.segments().size(); s++) {
            SegmentProfile seg = sim.segments().get(s);
            boolean[] in = inSegment(s);
            double[] lambda = meanAndSe(sim.lambdas(), in);
            assertEquals(seg.r() / seg.alpha(), lambda[0], Z * lambda[1], seg.name() + " mean lambda");
            double[] p = meanAndSe(sim.dropoutProbabilities(), in);
            assertEquals(seg.a() / (seg.a() + seg.b()), p[0], Z * p[1], seg.name() + " mean p");
            double[] nu = meanAndSe(sim.spendRates(), in);
            assertEquals(seg.q() / seg.v(), nu[0], Z * nu[1], seg.name() + " mean nu");
        }
    }

    @Test
    void meanRepeatPurchasesMatchTheBgNbdExpectation() {
        // E[X(T_i)] by FHL (2005) eq. 9 at each customer's own observation length, averaged per segment.
        double[] repeats = new double[sim.customerCount()];
        for (int c = 0; c < repeats.length; c++) {
            repeats[c] = sim.repeatPurchases(c);
        }
        for (int s = 0; s < sim.segments().size(); s++) {
            SegmentProfile seg = sim.segments().get(s);
            boolean[] in = inSegment(s);
            double expected = 0.0;
            int n = 0;
            for (int c = 0; c < repeats.length; c++) {
                if (in[c]) {
                    expected += BtydTheory.expectedRepeats(seg.r(), seg.alpha(), seg.a(), seg.b(),
                            sim.observationLength(c));
                    n++;
                }
            }
            expected /= n;
            double[] observed = meanAndSe(repeats, in);
            assertEquals(expected, observed[0], Z * observed[1], seg.name() + " mean repeat purchases");
        }
    }

    @Test
    void shareOfDeadCustomersMatchesTheory() {
        // P(dead by T) = 1 - (alpha/(alpha+T))^r 2F1(r, b; a+b; T/(alpha+T)) per customer.
        for (int s = 0; s < sim.segments().size(); s++) {
            SegmentProfile seg = sim.segments().get(s);
            double expected = 0.0;
            double variance = 0.0;
            int dead = 0;
            int n = 0;
            for (int c = 0; c < sim.customerCount(); c++) {
                if (sim.segment(c) == s) {
                    double pDead = 1.0 - BtydTheory.probabilityAlive(seg.r(), seg.alpha(), seg.a(), seg.b(),
                            sim.observationLength(c));
                    expected += pDead;
                    variance += pDead * (1 - pDead);
                    dead += sim.alive(c) ? 0 : 1;
                    n++;
                }
            }
            assertEquals(expected / n, dead / (double) n, Z * Math.sqrt(variance) / n, seg.name() + " dead share");
        }
    }

    @Test
    void meanSpendPerOccasionMatchesTheGammaGammaMean() {
        // Per customer the mean invoice total over all occasions; its expectation is p * v / (q - 1).
        TransactionLog log = sim.log();
        double[] invoiceTotal = new double[log.invoiceCount()];
        int[] invoiceCustomer = new int[log.invoiceCount()];
        for (int row = 0; row < log.size(); row++) {
            invoiceTotal[log.invoice(row)] += log.amount(row);
            invoiceCustomer[log.invoice(row)] = log.customer(row);
        }
        double[] spendSum = new double[sim.customerCount()];
        int[] occasions = new int[sim.customerCount()];
        for (int i = 0; i < invoiceTotal.length; i++) {
            assertTrue(invoiceTotal[i] > 0.0);
            spendSum[invoiceCustomer[i]] += invoiceTotal[i];
            occasions[invoiceCustomer[i]]++;
        }
        double[] meanSpend = new double[sim.customerCount()];
        for (int c = 0; c < meanSpend.length; c++) {
            assertEquals(1 + sim.repeatPurchases(c), occasions[c], "occasions of customer " + c);
            meanSpend[c] = spendSum[c] / occasions[c];
        }
        for (int s = 0; s < sim.segments().size(); s++) {
            SegmentProfile seg = sim.segments().get(s);
            double[] observed = meanAndSe(meanSpend, inSegment(s));
            assertEquals(seg.meanSpend(), observed[0], Z * observed[1], seg.name() + " mean spend");
        }
    }

    @Test
    void linesFollowTheCustomersTasteAndItemsTheirZipfLaw() {
        // Given the truth, each line's category is an independent draw from the customer's taste, so
        // D_k = sum over lines of (1[category = k] - taste_k) has mean 0 and variance sum taste_k (1 - taste_k).
        // Likewise the rank within the category follows Zipf(1.1) over 20 items.
        TransactionLog log = sim.log();
        int nCat = log.categoryCount();
        int items = sim.simulator().itemsPerCategory();
        double s = sim.simulator().zipfExponent();
        double[] zipf = new double[items];
        double h = 0.0;
        for (int k = 0; k < items; k++) {
            zipf[k] = Math.pow(k + 1, -s);
            h += zipf[k];
        }
        double[] d = new double[nCat];
        double[] var = new double[nCat];
        int[] rankCount = new int[items];
        for (int row = 0; row < log.size(); row++) {
            double[] taste = sim.categoryTaste(log.customer(row));
            for (int k = 0; k < nCat; k++) {
                d[k] += (log.category(row) == k ? 1.0 : 0.0) - taste[k];
                var[k] += taste[k] * (1 - taste[k]);
            }
            rankCount[log.item(row) % items]++;
        }
        for (int k = 0; k < nCat; k++) {
            assertEquals(0.0, d[k], Z * Math.sqrt(var[k]) + 1e-9, "category " + k);
        }
        for (int k = 0; k < items; k++) {
            double p = zipf[k] / h;
            assertEquals(p, rankCount[k] / (double) log.size(), Z * Math.sqrt(p * (1 - p) / log.size()),
                    "rank " + (k + 1));
        }
    }

    @Test
    void customerTastesAverageToTheSegmentTaste() {
        // Dirichlet(c * taste) has mean taste; a zero-weight category stays at exactly zero.
        int nCat = sim.log().categoryCount();
        for (int s = 0; s < sim.segments().size(); s++) {
            SegmentProfile seg = sim.segments().get(s);
            double[] w = seg.categoryTaste().length == 0 ? new double[] {1, 1, 1, 1} : seg.categoryTaste();
            double total = java.util.Arrays.stream(w).sum();
            boolean[] in = inSegment(s);
            for (int k = 0; k < nCat; k++) {
                double[] taste = new double[sim.customerCount()];
                for (int c = 0; c < taste.length; c++) {
                    taste[c] = sim.categoryTaste(c)[k];
                    if (in[c] && w[k] == 0.0) {
                        assertEquals(0.0, taste[c]);
                    }
                }
                if (w[k] > 0.0) {
                    double[] observed = meanAndSe(taste, in);
                    assertEquals(w[k] / total, observed[0], Z * observed[1], seg.name() + " taste " + k);
                }
            }
        }
    }

    @Test
    void invoiceChannelsFollowTheSegmentMix() {
        TransactionLog log = sim.log();
        boolean[] seen = new boolean[log.invoiceCount()];
        int nSeg = sim.segments().size();
        double[][] d = new double[nSeg][2];
        double[] var = new double[nSeg];
        for (int row = 0; row < log.size(); row++) {
            int inv = log.invoice(row);
            if (seen[inv]) {
                continue;
            }
            seen[inv] = true;
            int s = sim.segment(log.customer(row));
            double[] mix = sim.segments().get(s).channelMix();
            double p0 = mix.length == 0 ? 0.5 : mix[0] / (mix[0] + mix[1]);
            d[s][0] += (log.channel(row) == 0 ? 1.0 : 0.0) - p0;
            var[s] += p0 * (1 - p0);
        }
        for (int s = 0; s < nSeg; s++) {
            assertEquals(0.0, d[s][0], Z * Math.sqrt(var[s]), "channel mix of segment " + s);
        }
    }

    @Test
    void deathIsTheLastPurchaseAndTimesLieInTheWindow() {
        TransactionLog log = sim.log();
        for (int c = 0; c < sim.customerCount(); c++) {
            TransactionLog.CustomerRows rows = log.rowsOf(c);
            assertEquals(sim.acquisitionDateTime(c), log.dateTime(rows.row(0)));
            assertTrue(sim.acquisitionTime(c) >= 0.0 && sim.observationLength(c) > 0.0);
            if (!sim.alive(c)) {
                assertEquals(sim.deathDateTime(c).orElseThrow(), log.dateTime(rows.row(rows.size() - 1)));
                assertTrue(sim.deathTime(c) > sim.acquisitionTime(c) && sim.deathTime(c) < sim.endTime());
            }
        }
    }
}
