package dev.segmentation.bench.features;

import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import dev.segmentation.features.CustomerFeatureTable;
import dev.segmentation.features.CustomerFeatures;
import dev.segmentation.features.PurchasePeriod;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Customer summaries on a synthetic log: {@link BtydSummarizer} (the BTYD summary, with and without a holdout)
 * and {@link CustomerFeatures} (RFM only, and every group), by default on 1 million customers and 10 million
 * rows.
 *
 * <p>The log is built once per fork from a fixed seed: orders of 1 to 4 lines (one invoice, one timestamp)
 * arrive in time order over two years, each from a uniformly drawn customer (so a customer's rows are scattered
 * through the columns, as in a real log); 10,000 items, 3 channels, 20 categories, log-normal amounts.
 *
 * <p>There is no JVM library that computes these summaries (Smile has none; the reference, Python lifetimes on
 * pandas, cannot run in the same JMH process), so the BTYD summary is compared with {@code impl = naive}: the
 * straightforward Java a developer would write without the log's per-customer index, a
 * {@code HashMap<customer, TreeMap<day, spend>>} filled in one pass over the rows, then read per customer.
 *
 * <p>Run (from the repository root):
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar SummaryBenchmark -f 1 -wi 3 -i 5
 * </pre>
 * Smaller logs: {@code -p customers=100000 -p rows=1000000}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SummaryBenchmark {
    /** The synthetic log and the configured summarizers, shared by all benchmarks of a fork. */
    @State(Scope.Benchmark)
    public static class Data {
        /** Number of customers. */
        @Param({"1000000"})
        public int customers;
        /** Number of rows (order lines). */
        @Param({"10000000"})
        public int rows;

        TransactionLog log;
        BtydSummarizer daily;
        BtydSummarizer weeklyWithHoldout;
        CustomerFeatures rfm;
        CustomerFeatures all;
        LocalDate end;

        /** Builds the log from seed 42. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rng = new SplittableRandom(42);
            String[] customerIds = new String[customers];
            for (int c = 0; c < customers; c++) {
                customerIds[c] = "C" + c;
            }
            String[] items = new String[10_000];
            for (int i = 0; i < items.length; i++) {
                items[i] = "I" + i;
            }
            String[] channels = {"web", "store", "phone"};
            String[] categories = new String[20];
            for (int i = 0; i < categories.length; i++) {
                categories[i] = "cat" + i;
            }
            LocalDate start = LocalDate.of(2020, 1, 1);
            long startSecond = start.toEpochDay() * 86_400L;
            long span = 730L * 86_400L;
            TransactionLog.Builder b = TransactionLog.builder();
            b.markNonProduct(items[0]);
            int order = 0;
            while (b.size() < rows) {
                long t = startSecond + (long) ((double) b.size() / rows * span);
                String customer = customerIds[rng.nextInt(customers)];
                String invoice = Integer.toString(order++);
                String channel = channels[rng.nextInt(channels.length)];
                int lines = 1 + rng.nextInt(4);
                for (int l = 0; l < lines && b.size() < rows; l++) {
                    int item = rng.nextInt(items.length);
                    double quantity = 1 + rng.nextInt(5);
                    double amount = Math.exp(2 + 0.8 * gaussian(rng));
                    b.add(customer, invoice, items[item], t, quantity, amount, channel,
                            categories[item % categories.length]);
                }
            }
            log = b.build();
            end = start.plusDays(729);
            daily = BtydSummarizer.builder().end(end).period(PurchasePeriod.DAY).unit(Duration.ofDays(7)).build();
            weeklyWithHoldout = BtydSummarizer.builder().end(end).calibrationEnd(start.plusDays(546))
                    .period(PurchasePeriod.WEEK).build();
            rfm = CustomerFeatures.builder().asOf(end.plusDays(1)).rfm().build();
            all = CustomerFeatures.builder().asOf(end.plusDays(1)).rfm().tenure().behaviour().categoryShares()
                    .channelShares().build();
        }

        private static double gaussian(SplittableRandom rng) {
            double u = rng.nextDouble();
            double v = rng.nextDouble();
            return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
        }
    }

    /** Which implementation of the daily BTYD summary to run. */
    @State(Scope.Benchmark)
    public static class Impl {
        /** {@code segmentation} (the library) or {@code naive} (hash map of tree maps). */
        @Param({"segmentation", "naive"})
        public String impl;
    }

    /**
     * The daily BTYD summary in weeks (the CDNOW setting), by the library or the naive baseline.
     *
     * @param d the data
     * @param i the implementation
     * @param bh the sink
     */
    @Benchmark
    public void btydSummary(Data d, Impl i, Blackhole bh) {
        if ("segmentation".equals(i.impl)) {
            bh.consume(d.daily.summarize(d.log));
        } else {
            bh.consume(naiveDailySummary(d.log, d.end.toEpochDay()));
        }
    }

    /**
     * The weekly BTYD summary with a 26-week holdout.
     *
     * @param d the data
     * @return the summary
     */
    @Benchmark
    public BtydSummary btydSummaryWeeklyWithHoldout(Data d) {
        return d.weeklyWithHoldout.summarize(d.log);
    }

    /** The lifetime-value stage's two summaries (issue 19): two passes, or one. */
    @State(Scope.Benchmark)
    public static class Passes {
        /** {@code two} (summarize, then the summarizer with the calibration end) or {@code one}. */
        @Param({"two", "one"})
        public String passes;
    }

    /**
     * The daily summary in weeks and its calibration/holdout split at day 546, as the lifetime-value stage's holdout
     * choice needs them: two calls or {@link BtydSummarizer#summarizeWithCalibration} (the same summaries).
     *
     * @param d the data
     * @param p two passes or one
     * @param bh the sink
     */
    @Benchmark
    public void btydSummaryAndCalibration(Data d, Passes p, Blackhole bh) {
        LocalDate calibrationEnd = d.end.minusDays(183);
        if ("one".equals(p.passes)) {
            bh.consume(d.daily.summarizeWithCalibration(d.log, calibrationEnd));
        } else {
            bh.consume(d.daily.summarize(d.log));
            bh.consume(d.daily.toBuilder().calibrationEnd(calibrationEnd).build().summarize(d.log));
        }
    }

    /**
     * Marketing RFM (distinct invoices per customer need a sort of each customer's keys).
     *
     * @param d the data
     * @return the table
     */
    @Benchmark
    public CustomerFeatureTable customerFeaturesRfm(Data d) {
        return d.rfm.compute(d.log);
    }

    /**
     * Every feature group: RFM, tenure, behaviour, 20 category and 3 channel shares.
     *
     * @param d the data
     * @return the table
     */
    @Benchmark
    public CustomerFeatureTable customerFeaturesAll(Data d) {
        return d.all.compute(d.log);
    }

    /** The baseline: frequency, recency, T (weeks) and monetary from a map of per-customer sorted day maps. */
    static double[][] naiveDailySummary(TransactionLog log, long endDay) {
        Map<Integer, TreeMap<Long, Double>> byCustomer = new HashMap<>();
        for (int r = 0; r < log.size(); r++) {
            long day = log.epochDay(r);
            if (day <= endDay) {
                byCustomer.computeIfAbsent(log.customer(r), k -> new TreeMap<>()).merge(day, log.amount(r),
                        Double::sum);
            }
        }
        int n = byCustomer.size();
        double[][] out = new double[4][n];
        int i = 0;
        for (TreeMap<Long, Double> days : byCustomer.values()) {
            long first = days.firstKey();
            int x = days.size() - 1;
            double repeat = 0;
            for (Map.Entry<Long, Double> e : days.tailMap(first, false).entrySet()) {
                repeat += e.getValue();
            }
            out[0][i] = x;
            out[1][i] = (days.lastKey() - first) / 7.0;
            out[2][i] = (endDay - first) / 7.0;
            out[3][i] = x == 0 ? 0 : repeat / x;
            i++;
        }
        return out;
    }
}
