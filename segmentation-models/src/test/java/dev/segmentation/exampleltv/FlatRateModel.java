package dev.segmentation.exampleltv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.Provenance;
import dev.segmentation.clv.Clv;
import dev.segmentation.clv.LifetimeValueModel;
import dev.segmentation.internal.ParamChecks;
import java.time.Duration;
import java.util.Objects;

/**
 * P(alive) 1, {@code rate * t} expected purchases in the next t units, CLV of that curve at the customer's own mean
 * repeat spend (the population's without repeat purchases). Immutable and safe for concurrent use.
 */
public final class FlatRateModel implements LifetimeValueModel {
    private final Duration unit;
    private final double rate;
    private final double meanSpend;
    private final Provenance provenance;

    private FlatRateModel(Duration unit, double rate, double meanSpend, Provenance provenance) {
        this.unit = unit;
        this.rate = rate;
        this.meanSpend = meanSpend;
        this.provenance = provenance;
    }

    /**
     * A model from its values (the reader of its file fields).
     *
     * @param unit the time unit, positive
     * @param rate purchases per unit, finite and {@code >= 0}
     * @param meanSpend the population's spend per purchase, finite and {@code >= 0}
     * @return the model
     */
    public static FlatRateModel of(Duration unit, double rate, double meanSpend) {
        return new FlatRateModel(ParamChecks.positive("unit", unit), ParamChecks.nonNegative("rate", rate),
                ParamChecks.nonNegative("meanSpend", meanSpend), Provenance.notRecorded());
    }

    /** Writes the fields that {@link #of} reads (its own package's terms; the registry adds type and version). */
    public static void write(FlatRateModel m, ObjectNode out) {
        out.put("unitSeconds", m.unit.getSeconds());
        out.put("rate", m.rate);
        out.put("meanSpend", m.meanSpend);
    }

    /**
     * Returns the purchases per unit.
     *
     * @return the rate
     */
    public double rate() {
        return rate;
    }

    @Override
    public String name() {
        return "flat rate";
    }

    @Override
    public Duration unit() {
        return unit;
    }

    @Override
    public double probabilityAlive(double frequency, double recency, double T) {
        return 1.0;
    }

    @Override
    public double expectedPurchases(double t, double frequency, double recency, double T) {
        return rate * ParamChecks.nonNegative("t", t);
    }

    @Override
    public double value(Clv clv, double frequency, double recency, double T, double monetary) {
        double spend = frequency > 0 && monetary > 0 ? monetary : meanSpend;
        return clv.customerValue(unit, spend, (t, out) -> {
            for (int k = 0; k < t.length; k++) {
                out[k] = rate * t[k];
            }
        });
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public FlatRateModel withProvenance(Provenance p) {
        return new FlatRateModel(unit, rate, meanSpend, Objects.requireNonNull(p, "provenance"));
    }

    @Override
    public String toString() {
        return "FlatRateModel{unit=" + unit + ", rate=" + rate + ", meanSpend=" + meanSpend + "}";
    }
}
