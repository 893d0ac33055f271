package dev.segmentation.clv;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.SimulatedRetail;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The lifetime-value benchmarks' fixture: the simulator's log (seed 42, two generator threads) summarized in weeks
 * up to its last day, as {@code run --customers N} builds it, whole or with the last quarter of the observed span
 * held out (as the holdout model choice cuts it).
 */
final class SimulatedSummaries {
    /** The summaries' time unit. */
    static final Duration WEEK = Duration.ofDays(7);

    private SimulatedSummaries() {
    }

    /**
     * The summary of every customer up to the simulator's last day.
     *
     * @param customers simulated customers
     * @return the summary
     */
    static BtydSummary whole(int customers) {
        SimulatedRetail sim = simulate(customers);
        return BtydSummarizer.builder().end(sim.simulator().end()).unit(WEEK).build().summarize(sim.log());
    }

    /**
     * The calibration summary with its holdout counts: the last quarter of the days from the first line to the
     * simulator's last day held out.
     *
     * @param customers simulated customers
     * @return the summary with holdout columns
     */
    static BtydSummary withHoldout(int customers) {
        SimulatedRetail sim = simulate(customers);
        LocalDate last = sim.simulator().end();
        int span = (int) ChronoUnit.DAYS.between(sim.log().firstDateTime().toLocalDate(), last);
        return BtydSummarizer.builder().end(last).calibrationEnd(last.minusDays(span / 4)).unit(WEEK).build()
                .summarize(sim.log());
    }

    private static SimulatedRetail simulate(int customers) {
        return RetailSimulator.builder().customers(customers).seed(42).threads(2).build().generate();
    }
}
