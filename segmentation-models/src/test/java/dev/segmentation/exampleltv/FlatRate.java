package dev.segmentation.exampleltv;

import dev.segmentation.Provenance;
import dev.segmentation.clv.LifetimeValueTrainer;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A lifetime-value family added outside the library (issue 18, "adding a model family touches its own package and
 * one registration line"): every customer buys again at the population's flat rate (repeat purchases per week of
 * age, summed over customers) and spends their own mean repeat spend, or the repeat buyers' mean spend without one.
 * Everything it needs is in this package; the pipeline takes it through the {@link LifetimeValueTrainer} seam, and
 * persistence needs one registration line ({@code dev.segmentation.persist.ExampleLifetimeValueFamilyTest}).
 * Immutable.
 */
public final class FlatRate implements LifetimeValueTrainer {
    private static final Duration WEEK = Duration.ofDays(7);

    @Override
    public FlatRateModel fit(TransactionLog log, LocalDate asOf) {
        Objects.requireNonNull(log, "log");
        LocalDate lastDay = asOf.minusDays(1);
        BtydSummary s = BtydSummarizer.builder().end(lastDay).unit(WEEK).build().summarize(log.onOrBefore(lastDay));
        double purchases = 0;
        double weeks = 0;
        double spend = 0;
        long repeat = 0;
        for (int i = 0; i < s.size(); i++) {
            purchases += s.frequency(i);
            weeks += s.T(i);
            if (s.frequency(i) > 0) {
                spend += s.monetary(i);
                repeat++;
            }
        }
        return FlatRateModel.of(WEEK, weeks > 0 ? purchases / weeks : 0, repeat > 0 ? spend / repeat : 0)
                .withProvenance(Provenance.builder(this).rows(s.size()).notIterative().build());
    }

    @Override
    public String toString() {
        return "FlatRate{}";
    }
}
