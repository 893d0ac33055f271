package dev.segmentation.spark.cli;

import dev.segmentation.pipeline.CustomerCsvNumbers;
import dev.segmentation.pipeline.SegmentationResult;
import dev.segmentation.spark.SparkScoring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/**
 * What the Spark {@code run} and {@code score} share about their CSV output (issue 18): the {@code --single-csv}
 * option (a picocli mixin, listed where its {@code @Mixin} field stands, as
 * {@code dev.segmentation.internal.cli.RunOptions} for the two {@code run} commands), the check of
 * {@code --precision} and of {@code --out-dir} against {@code --input}, and the single {@code customers.csv} writer.
 *
 * <p>{@code --precision} and {@code --out-dir} stay declared in each command: their help texts differ ({@code run}'s
 * {@code --out-dir} has a default, {@code score}'s is required; {@code run}'s {@code --precision} names
 * {@code segments.csv} too), and the help of both commands is a stable contract ({@code ../shared/docs/cli.md}).
 */
final class CsvOutput {
    @Option(names = "--single-csv", description = "Also write one customers.csv with the single-JVM columns.")
    boolean singleCsv;

    /**
     * Checks {@code --precision} (a usage error, exit 2) and maps it to the writers' precision.
     *
     * @throws IllegalArgumentException "--precision must be rounded or full, found \"x\""
     */
    static SegmentationResult.Precision precision(String precision) {
        if (!List.of("rounded", "full").contains(precision)) {
            throw new IllegalArgumentException("--precision must be rounded or full, found \"" + precision + "\"");
        }
        return precision.equals("full") ? SegmentationResult.Precision.FULL : SegmentationResult.Precision.ROUNDED;
    }

    /**
     * Refuses an {@code --out-dir} that is the {@code --input} path (a usage error, exit 2).
     *
     * @throws IllegalArgumentException "--out-dir must not be the --input path, found DIR"
     */
    static void requireApart(String input, String outDir) {
        if (new Path(input).equals(new Path(outDir))) {
            throw new IllegalArgumentException("--out-dir must not be the --input path, found " + outDir);
        }
    }

    /**
     * With {@code --single-csv}, writes {@code customers.csv} beside {@code target} (the temporary is added to
     * {@code temporaries}, to be committed or discarded by the command) and returns the temporary; without it, null.
     */
    Path stageCustomersCsv(FileSystem fs, Configuration conf, String target, Dataset<Row> customers,
            SegmentationResult.Precision p, boolean described, List<Path> temporaries) throws IOException {
        if (!singleCsv) {
            return null;
        }
        Path tmp = Sessions.temporary(conf, target);
        temporaries.add(tmp);
        writeCustomersCsv(fs, tmp, customers, p, described);
        return tmp;
    }

    /**
     * One customers.csv: the lines are formatted in Spark and written as text by each partition's task, then the
     * header and the part files, in partition order, are streamed into the target (the rows are never held on the
     * driver). With
     * {@code described}, the last field is the customers' {@code top_item_descriptions} column, empty where the
     * Dataset has none.
     */
    static void writeCustomersCsv(FileSystem fs, Path target, Dataset<Row> customers,
            SegmentationResult.Precision p, boolean described) throws IOException {
        Path parts = new Path(target.getParent(), target.getName() + "-parts");
        // the Spark run's customers carry their items' descriptions; the field stays empty where they do not
        // (the Spark score)
        boolean carried = java.util.Arrays.asList(customers.columns())
                .contains(SegmentationResult.ITEM_DESCRIPTION_COLUMN);
        try {
            MapFunction<Row, String> line = r -> {
                StringBuilder b = new StringBuilder();
                b.append(csv(r.getString(0))).append(',').append(r.getInt(1)).append(',').append(csv(r.getString(2)))
                        .append(',').append(r.getInt(3)).append(',').append(r.getInt(4)).append(',')
                        .append(r.getInt(5));
                String[] names = {"recency", "frequency", "monetary", "p_churn", "p_alive", "expected_purchases",
                    "clv"};
                for (int j = 0; j < names.length; j++) {
                    double v = r.isNullAt(6 + j) ? Double.NaN : r.getDouble(6 + j);
                    b.append(',').append(CustomerCsvNumbers.format(names[j], v, p));
                }
                b.append(',').append(csv(r.getString(13)));
                if (described) {
                    b.append(',');
                    if (carried) {
                        b.append(csv(r.getString(14)));
                    }
                }
                return b.toString();
            };
            // formatted and written by every partition's task, then the parts streamed in partition order: the
            // bytes of one task writing the partitions one after the other
            customers.map(line, Encoders.STRING()).write().text(parts.toString());
            List<Path> files = new ArrayList<>();
            for (FileStatus st : fs.listStatus(parts)) {
                if (st.getPath().getName().startsWith("part-")) {
                    files.add(st.getPath());
                }
            }
            files.sort(Comparator.comparingLong(CsvOutput::partNumber));
            try (OutputStream o = Sessions.createPlain(fs, target)) {
                o.write((String.join(",", SparkScoring.CUSTOMER_SCHEMA.fieldNames())
                        + (described ? "," + SegmentationResult.ITEM_DESCRIPTION_COLUMN : "") + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                for (Path f : files) {
                    try (InputStream i = fs.open(f)) {
                        i.transferTo(o);
                    }
                }
            }
        } finally {
            fs.delete(parts, true);
        }
    }

    /** The partition number of a Spark part file's name ({@code part-00012-<uuid>-c000.txt}: 12). */
    static long partNumber(Path part) {
        String name = part.getName();
        int end = name.indexOf('-', "part-".length());
        return Long.parseLong(name.substring("part-".length(), end < 0 ? name.length() : end));
    }

    /** A CSV field as the single-JVM writer (FastCSV) writes it: quoted when it holds a comma, quote or newline. */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
