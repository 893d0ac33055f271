package dev.segmentation.spark.cli;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.spark.SparkSimulator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: writes the built-in simulator's lines ({@link SparkSimulator#TABLE_SCHEMA}) as Parquet,
 * generated inside partitions; the same lines as the single-JVM simulator for the seed. Prints JSON
 * ({@code customers}, {@code seed}, {@code rows}, {@code partitions}, {@code out}).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the built-in simulator's transaction lines as Parquet.",
            "Read them back with --format parquet --customer customer_id --date date --amount amount "
                + "--quantity quantity --invoice invoice --item item --channel channel --category category."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Sessions session;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "37000",
            description = "Number of customers (37,000 give about one million lines). Default: ${DEFAULT-VALUE}.")
    int customers;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions to generate in (the lines do not depend on it). Default: Spark's parallelism, "
                    + "or one per 40,000 customers if that is more.")
    Integer partitions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The Parquet directory to write.")
    String out;

    @Override
    public Integer call() {
        if (customers < 1) {
            throw new IllegalArgumentException("--customers must be >= 1, found " + customers);
        }
        RetailSimulator sim = RetailSimulator.builder().customers(customers).seed(seed).build();
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, found " + partitions);
        }
        SparkSession spark = session.start("simulate");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        int p = partitions != null ? partitions : SparkSimulator.partitions(spark, customers);
        Path tmp = Sessions.temporary(conf, out);
        try {
            SparkSimulator.table(spark, sim, p).write().parquet(tmp.toString());
            long rows = spark.read().parquet(tmp.toString()).count();
            Sessions.commit(conf, tmp, out);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("customers", customers);
            json.put("seed", seed);
            json.put("rows", rows);
            json.put("partitions", p);
            json.put("out", out);
            Sessions.print(spec.commandLine().getOut(), json);
            return 0;
        } finally {
            Sessions.discard(conf, tmp);
        }
    }
}
