package dev.segmentation.data;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A simulated transaction log together with its ground truth, as made by {@link RetailSimulator#generate()}.
 *
 * <p>Customer {@code i} of the truth is customer index {@code i} of {@link #log()} (id {@code log().customerId(i)}),
 * for {@code 0 <= i < customerCount()}; every simulated customer has at least one row (the first purchase).
 * Per customer the truth holds the segment, the BG/NBD purchase rate {@code lambda} and dropout probability
 * {@code p}, the Gamma-Gamma spend rate {@code nu}, the acquisition time, whether the customer is alive at the
 * end of observation and, if not, the time of death (the time of the repeat purchase after which the customer
 * dropped out), the number of repeat purchase occasions, and the category taste. Times are in the simulator's
 * {@link RetailSimulator#unit() unit} since the start of {@link RetailSimulator#start()}; the settings and
 * the per-segment parameters used are those of {@link #simulator()}.
 *
 * <p>The single-customer accessors are O(1); the array accessors return new arrays aligned with the log's
 * customer indices (for ARI, AUC or parameter-recovery checks), O(customers).
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class SimulatedRetail {
    private final RetailSimulator simulator;
    private final TransactionLog log;
    private final double endUnits;
    private final int[] segment;
    private final double[] acquisition;
    private final double[] lambda;
    private final double[] dropout;
    private final double[] nu;
    private final double[] death;
    private final int[] repeats;
    private final double[] taste;
    private final int categories;

    /** Takes ownership of the arrays (no copy); only the simulator creates instances. */
    SimulatedRetail(RetailSimulator simulator, TransactionLog log, double endUnits, int[] segment,
            double[] acquisition, double[] lambda, double[] dropout, double[] nu, double[] death, int[] repeats,
            double[] taste) {
        this.simulator = simulator;
        this.log = log;
        this.endUnits = endUnits;
        this.segment = segment;
        this.acquisition = acquisition;
        this.lambda = lambda;
        this.dropout = dropout;
        this.nu = nu;
        this.death = death;
        this.repeats = repeats;
        this.taste = taste;
        this.categories = simulator.categories().size();
    }

    /**
     * Returns the simulated transaction log.
     *
     * @return the log
     */
    public TransactionLog log() {
        return log;
    }

    /**
     * Returns the simulator that made this result: all global settings and, through
     * {@link RetailSimulator#segments()}, each segment's parameters.
     *
     * @return the simulator
     */
    public RetailSimulator simulator() {
        return simulator;
    }

    /**
     * Returns the segments, in the order that {@link #segment(int)} indexes.
     *
     * @return an immutable list
     */
    public List<SegmentProfile> segments() {
        return simulator.segments();
    }

    /**
     * Returns the number of simulated customers, equal to {@code log().customerCount()}.
     *
     * @return the customer count
     */
    public int customerCount() {
        return segment.length;
    }

    /**
     * Returns the observation end in units since the start: the end of the last observed day.
     *
     * @return the end time in units
     */
    public double endTime() {
        return endUnits;
    }

    /**
     * Returns a customer's segment.
     *
     * @param customer a log customer index, {@code 0 <= customer < customerCount()}
     * @return the index into {@link #segments()}
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public int segment(int customer) {
        return segment[Objects.checkIndex(customer, segment.length)];
    }

    /**
     * Returns a customer's BG/NBD purchase rate {@code lambda}, in purchases per unit while alive.
     *
     * @param customer a log customer index
     * @return lambda, {@code >= 0}
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public double lambda(int customer) {
        return lambda[Objects.checkIndex(customer, segment.length)];
    }

    /**
     * Returns a customer's BG/NBD dropout probability {@code p} after each repeat purchase.
     *
     * @param customer a log customer index
     * @return p, in {@code [0, 1]}
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public double dropoutProbability(int customer) {
        return dropout[Objects.checkIndex(customer, segment.length)];
    }

    /**
     * Returns a customer's Gamma-Gamma spend rate {@code nu}; the customer's mean spend per occasion is
     * {@code p / nu} with the segment's {@code p}.
     *
     * @param customer a log customer index
     * @return nu, &gt; 0
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public double spendRate(int customer) {
        return nu[Objects.checkIndex(customer, segment.length)];
    }

    /**
     * Returns a customer's mean spend per occasion, {@code p / nu}.
     *
     * @param customer a log customer index
     * @return the expected spend per occasion
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public double meanSpend(int customer) {
        return simulator.segments().get(segment(customer)).p() / nu[customer];
    }

    /**
     * Returns a customer's acquisition (first purchase) time in units since the start.
     *
     * @param customer a log customer index
     * @return the time, in {@code [0, endTime())}
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public double acquisitionTime(int customer) {
        return acquisition[Objects.checkIndex(customer, segment.length)];
    }

    /**
     * Returns a customer's observation length {@code T = endTime() - acquisitionTime(customer)} in units, the
     * {@code t} at which the BG/NBD expectations for this customer apply.
     *
     * @param customer a log customer index
     * @return T, &gt; 0
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public double observationLength(int customer) {
        return endUnits - acquisitionTime(customer);
    }

    /**
     * Tells whether a customer is still active at the end of observation.
     *
     * @param customer a log customer index
     * @return true if the customer had not dropped out by the end
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public boolean alive(int customer) {
        return Double.isNaN(death[Objects.checkIndex(customer, segment.length)]);
    }

    /**
     * Returns the time of a customer's dropout in units since the start: the time of the repeat purchase after
     * which the customer became inactive.
     *
     * @param customer a log customer index
     * @return the time of death, or NaN if the customer is alive at the end
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public double deathTime(int customer) {
        return death[Objects.checkIndex(customer, segment.length)];
    }

    /**
     * Returns the date-time of a customer's dropout, the same wall-clock second as that last purchase's row.
     *
     * @param customer a log customer index
     * @return the date-time, or empty if the customer is alive at the end
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public Optional<LocalDateTime> deathDateTime(int customer) {
        double t = deathTime(customer);
        return Double.isNaN(t) ? Optional.empty() : Optional.of(toDateTime(t));
    }

    /**
     * Returns the date-time of a customer's acquisition, the same wall-clock second as the first row.
     *
     * @param customer a log customer index
     * @return the date-time
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public LocalDateTime acquisitionDateTime(int customer) {
        return toDateTime(acquisitionTime(customer));
    }

    private LocalDateTime toDateTime(double units) {
        long startEpoch = simulator.start().toEpochDay() * 86_400L;
        double unitSeconds = simulator.unit().getSeconds() + simulator.unit().getNano() * 1e-9;
        long endExclusive = (simulator.end().toEpochDay() + 1) * 86_400L;
        long t = Math.min(startEpoch + (long) Math.floor(units * unitSeconds), endExclusive - 1);
        return LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
    }

    /**
     * Returns a customer's number of repeat purchase occasions (invoices after the first) within the
     * observation: the BG/NBD {@code x} before any grouping of same-day purchases.
     *
     * @param customer a log customer index
     * @return the count, {@code >= 0}
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public int repeatPurchases(int customer) {
        return repeats[Objects.checkIndex(customer, segment.length)];
    }

    /**
     * Returns a customer's category taste: the probability of each simulator category for each line.
     *
     * @param customer a log customer index
     * @return a new array, one probability per category (in log category index order), summing to 1
     * @throws IndexOutOfBoundsException if the customer is out of range
     */
    public double[] categoryTaste(int customer) {
        Objects.checkIndex(customer, segment.length);
        double[] out = new double[categories];
        System.arraycopy(taste, customer * categories, out, 0, categories);
        return out;
    }

    /**
     * Returns every customer's segment, aligned with the log's customer indices.
     *
     * @return a new array of segment indices (labels for ARI and similar checks)
     */
    public int[] segmentLabels() {
        return segment.clone();
    }

    /**
     * Returns every customer's purchase rate {@code lambda}, aligned with the log's customer indices.
     *
     * @return a new array
     */
    public double[] lambdas() {
        return lambda.clone();
    }

    /**
     * Returns every customer's dropout probability {@code p}, aligned with the log's customer indices.
     *
     * @return a new array
     */
    public double[] dropoutProbabilities() {
        return dropout.clone();
    }

    /**
     * Returns every customer's spend rate {@code nu}, aligned with the log's customer indices.
     *
     * @return a new array
     */
    public double[] spendRates() {
        return nu.clone();
    }

    /**
     * Returns every customer's acquisition time in units since the start, aligned with the log's customer
     * indices.
     *
     * @return a new array
     */
    public double[] acquisitionTimes() {
        return acquisition.clone();
    }

    /**
     * Returns every customer's time of death in units since the start (NaN for customers alive at the end),
     * aligned with the log's customer indices.
     *
     * @return a new array
     */
    public double[] deathTimes() {
        return death.clone();
    }

    /**
     * Returns whether each customer is alive at the end, aligned with the log's customer indices.
     *
     * @return a new array, true where alive
     */
    public boolean[] aliveAtEnd() {
        boolean[] out = new boolean[death.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isNaN(death[i]);
        }
        return out;
    }

    /**
     * Returns every customer's number of repeat purchase occasions, aligned with the log's customer indices.
     *
     * @return a new array
     */
    public int[] repeatPurchaseCounts() {
        return repeats.clone();
    }

    @Override
    public String toString() {
        int alive = 0;
        for (double d : death) {
            if (Double.isNaN(d)) {
                alive++;
            }
        }
        return "SimulatedRetail{rows=" + log.size() + ", customers=" + segment.length + ", invoices="
                + log.invoiceCount() + ", alive=" + alive + ", segments=" + simulator.segments().size() + "}";
    }
}
