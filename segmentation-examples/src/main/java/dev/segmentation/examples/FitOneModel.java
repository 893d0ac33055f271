package dev.segmentation.examples;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Fitting one model alone, without the pipeline: summarize a log into frequency, recency and T in weeks, fit
 * BG/NBD, and ask it about one customer. Every other model follows the same builder, {@code build()},
 * {@code fit} shape.
 *
 * <p>Run: {@code java -cp segmentation-examples/target/segmentation.jar dev.segmentation.examples.FitOneModel}.
 */
public final class FitOneModel {
    private FitOneModel() {
    }

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        TransactionLog log = RetailSimulator.builder().customers(5_000).seed(3).build().generate().log();
        LocalDate end = log.lastDateTime().toLocalDate();

        BtydSummary summary = BtydSummarizer.builder().end(end).unit(Duration.ofDays(7)).build().summarize(log);
        BgNbdModel model = BgNbd.builder().build().fit(summary);

        System.out.println("fitted " + model.params() + ", converged " + model.converged());
        int i = 0;
        System.out.printf(Locale.ROOT, "customer %s: x=%.0f, t_x=%.1f, T=%.1f weeks -> P(alive) %.3f, "
                        + "expected purchases next 52 weeks %.2f%n", summary.id(i), summary.frequency(i),
                summary.recency(i), summary.T(i),
                model.probabilityAlive(summary.frequency(i), summary.recency(i), summary.T(i)),
                model.conditionalExpectedPurchases(52, summary.frequency(i), summary.recency(i), summary.T(i)));
    }
}
