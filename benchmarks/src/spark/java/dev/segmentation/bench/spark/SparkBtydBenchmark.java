package dev.segmentation.bench.spark;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.spark.SparkBtyd;
import dev.segmentation.spark.SparkBtydSummary;
import dev.segmentation.spark.SparkGammaGamma;
import java.time.Duration;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BG/NBD and Gamma-Gamma fitted in Spark ({@code local[2]}) on an n-customer BTYD summary cached in the session,
 * the aggregation included: {@link SparkBtyd#fit} builds the (frequency, recency, T) histogram per partition (one
 * job over every summary row) and fits on the driver; {@link SparkGammaGamma#fit} builds the (frequency, mean
 * spend) statistics per partition (one more job) and fits. {@code both} is the two in sequence (the goal: under
 * 10 s at 10 M customers).
 *
 * <p>Data: the CDNOW-like cohort of the single-JVM {@code BtydFitBenchmark} (BG/NBD r 0.25, alpha 4.4, a 0.8,
 * b 2.4 in weeks; first purchases over the 84 days of a quarter; whole days in weeks), each customer drawn from
 * its own {@code SplittableRandom(42 + id)}, and for repeat customers a mean spend from Gamma-Gamma (p 6, q 4,
 * v 15) rounded to cents; {@code spark.range(n)} in 2 partitions, cached once per JVM. The fitted parameters are
 * printed after each trial ({@code # fit ...}).
 *
 * <p>Run: {@code java -Xmx6g -cp benchmarks/target/classes:$(cat benchmarks/target/spark-classpath.txt)
 * org.openjdk.jmh.Main SparkBtydBenchmark -f 0 -p customers=10000000}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
public class SparkBtydBenchmark {
    @Param({"10000000"})
    public long customers;

    @Param({"both", "bgnbd", "gammagamma"})
    public String fit;

    private SparkBtydSummary summary;
    private BgNbdModel bg;
    private GammaGammaModel gg;

    static final StructType SCHEMA = new StructType().add("customer_id", DataTypes.StringType, false)
            .add("frequency", DataTypes.DoubleType, false).add("recency", DataTypes.DoubleType, false)
            .add("T", DataTypes.DoubleType, false).add("monetary_value", DataTypes.DoubleType, false);

    @Setup(Level.Trial)
    public void setUp() {
        SparkSession spark = SparkBench.session();
        long n = customers;
        summary = SparkBtydSummary.of(SparkBench.cached("btyd-" + n, () -> spark.range(0, n, 1, 2)
                .mapPartitions((MapPartitionsFunction<Long, Row>) ids -> cohort(ids), Encoders.row(SCHEMA))),
                Duration.ofDays(7));
    }

    @Benchmark
    public Object fit() {
        switch (fit) {
            case "both" -> {
                bg = SparkBtyd.fit(BgNbd.builder().build(), summary);
                gg = SparkGammaGamma.fit(GammaGamma.builder().build(), summary);
            }
            case "bgnbd" -> bg = SparkBtyd.fit(BgNbd.builder().build(), summary);
            case "gammagamma" -> gg = SparkGammaGamma.fit(GammaGamma.builder().build(), summary);
            default -> throw new IllegalArgumentException("fit must be both, bgnbd or gammagamma, found " + fit);
        }
        return gg != null ? gg : bg;
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n# fit %s customers=%d bgnbd=%s gammagamma=%s%n", fit, customers, bg, gg);
    }

    /** Lazily, one row per id: a partition is never held as a list. */
    private static Iterator<Row> cohort(Iterator<Long> ids) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                return customer(ids.next());
            }
        };
    }

    private static Row customer(long id) {
        SplittableRandom rnd = new SplittableRandom(42 + id);
        int ageDays = 273 - rnd.nextInt(84);
        double lambda = gamma(rnd, 0.25, 4.4);
        double ga = gamma(rnd, 0.8, 1);
        double p = ga / (ga + gamma(rnd, 2.4, 1));
        double t = 0;
        int count = 0;
        int lastDay = 0;
        while (true) {
            t += -Math.log(1 - rnd.nextDouble()) / lambda;
            int day = (int) Math.floor(t * 7);
            if (day > ageDays) {
                break;
            }
            count++;
            lastDay = day;
            if (rnd.nextDouble() < p) {
                break;
            }
        }
        double spend = 0;
        if (count > 0) {
            double nu = gamma(rnd, 4, 15);
            double sum = 0;
            for (int k = 0; k < count; k++) {
                sum += gamma(rnd, 6, nu);
            }
            spend = Math.max(0.01, Math.round(sum / count * 100) / 100.0);
        }
        return RowFactory.create(Long.toString(id), (double) count, lastDay / 7.0, ageDays / 7.0, spend);
    }

    private static double gamma(SplittableRandom rnd, double shape, double rate) {
        if (shape < 1) {
            return gamma(rnd, shape + 1, rate) * Math.pow(rnd.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rnd.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            if (Math.log(rnd.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v / rate;
            }
        }
    }
}
