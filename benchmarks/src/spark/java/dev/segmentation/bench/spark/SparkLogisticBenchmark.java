package dev.segmentation.bench.spark;

import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.spark.SparkLogisticRegression;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
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
 * L2 logistic regression on the 1,000,000 x 20 rows of {@code shared/bench/gen_peer_data.py}
 * ({@code /tmp/peers-data/LR1M_X.bin}, {@code LR1M_y.bin}: the data of the single-JVM {@code LogisticFitBenchmark})
 * held by one Spark session in {@code local[2]}: {@link SparkLogisticRegression} against Spark MLlib's
 * {@code LogisticRegression}, both minimizing the same function.
 *
 * <p>Ours: {@code l2 = 1}, {@code standardize(false)}, i.e. {@code F = sum_i loss_i + (1/2) |beta|^2} (intercept
 * not penalized). MLlib: {@code regParam = 1/n}, {@code elasticNetParam = 0}, {@code standardization = false},
 * i.e. {@code F / n}. {@code mllib} uses MLlib's default tolerance (1e-6, L-BFGS), {@code mllib-tight} 1e-12 (to
 * see what reaching our objective costs it). After each trial the objective {@code F} of the last fit is computed
 * on the driver from the same arrays and printed ({@code # objective impl=... value=...}), so that "same optimum"
 * is checked, not assumed. Each fit includes its own preparation of the cached rows (ours sorts them by id into
 * fixed chunks; MLlib's makes its instance blocks).
 *
 * <p>Run: {@code java -Xmx6g -cp benchmarks/target/classes:$(cat benchmarks/target/spark-classpath.txt)
 * org.openjdk.jmh.Main SparkLogisticBenchmark -f 0} after {@code /usr/bin/python3 shared/bench/gen_peer_data.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 4)
public class SparkLogisticBenchmark {
    @Param({"segmentation", "mllib", "mllib-tight"})
    public String impl;

    @Param({"/tmp/peers-data/LR1M_X.bin"})
    public String dataFile;

    @Param({"/tmp/peers-data/LR1M_y.bin"})
    public String labelFile;

    @Param({"20"})
    public int columns;

    private static double[] x;
    private static int[] y;
    private Dataset<Row> rows;
    private List<String> names;
    private double intercept;
    private double[] beta;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SparkSession spark = SparkBench.session();
        if (x == null) {
            ByteBuffer bx = ByteBuffer.wrap(Files.readAllBytes(Path.of(dataFile))).order(ByteOrder.LITTLE_ENDIAN);
            x = new double[bx.remaining() / 8];
            bx.asDoubleBuffer().get(x);
            ByteBuffer by = ByteBuffer.wrap(Files.readAllBytes(Path.of(labelFile))).order(ByteOrder.LITTLE_ENDIAN);
            y = new int[by.remaining() / 4];
            by.asIntBuffer().get(y);
        }
        int d = columns;
        names = new ArrayList<>();
        StructType schema = new StructType().add("id", DataTypes.LongType, false);
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
            schema = schema.add("x" + j, DataTypes.DoubleType, false);
        }
        StructType fullSchema = schema.add("label", DataTypes.DoubleType, false);
        rows = SparkBench.cached("logistic-" + dataFile, () -> {
            List<Row> list = new ArrayList<>(y.length);
            for (int i = 0; i < y.length; i++) {
                Object[] v = new Object[d + 2];
                v[0] = (long) i;
                for (int j = 0; j < d; j++) {
                    v[1 + j] = x[i * d + j];
                }
                v[d + 1] = (double) y[i];
                list.add(RowFactory.create(v));
            }
            Dataset<Row> df = spark.createDataFrame(list, fullSchema).repartition(2);
            return new VectorAssembler().setInputCols(names.toArray(new String[0])).setOutputCol("features")
                    .transform(df);
        });
    }

    @Benchmark
    public double[] fit() {
        int n = y.length;
        switch (impl) {
            case "segmentation" -> {
                LogisticRegressionModel m = SparkLogisticRegression.fit(LogisticRegression.builder().l2(1.0)
                        .standardize(false).build(), rows, "id", names, "label", null);
                intercept = m.intercept();
                beta = m.coefficients();
            }
            case "mllib", "mllib-tight" -> {
                var lr = new org.apache.spark.ml.classification.LogisticRegression().setRegParam(1.0 / n)
                        .setElasticNetParam(0).setStandardization(false).setMaxIter(1000)
                        .setFeaturesCol("features").setLabelCol("label");
                if (impl.equals("mllib-tight")) {
                    lr.setTol(1e-12);
                }
                var m = lr.fit(rows);
                intercept = m.intercept();
                beta = m.coefficients().toArray();
            }
            default -> throw new IllegalArgumentException("impl must be segmentation, mllib or mllib-tight, found "
                    + impl);
        }
        return beta;
    }

    @TearDown(Level.Trial)
    public void report() {
        int d = columns;
        double f = 0;
        for (int i = 0; i < y.length; i++) {
            double eta = intercept;
            for (int j = 0; j < d; j++) {
                eta += x[i * d + j] * beta[j];
            }
            f += Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - y[i] * eta;
        }
        double penalty = 0;
        for (double b : beta) {
            penalty += b * b;
        }
        f += penalty / 2;
        System.out.printf("%n# objective impl=%s value=%.10f intercept=%.12f beta0=%.12f%n", impl, f, intercept,
                beta[0]);
    }
}
