package dev.segmentation.spark;

import dev.segmentation.data.TransactionLog;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A single-JVM log as lines in SparkIngest.LINE_SCHEMA (line = row + 1, each line with its item's description),
 * in the given number of partitions.
 */
final class Lines {
    private Lines() {
    }

    static Dataset<Row> of(SparkSession spark, TransactionLog log, int partitions) {
        List<Row> rows = new ArrayList<>(log.size());
        for (int r = 0; r < log.size(); r++) {
            int item = log.item(r);
            int invoice = log.invoice(r);
            int channel = log.channel(r);
            int category = log.category(r);
            rows.add(RowFactory.create((long) r + 1, log.customerId(log.customer(r)),
                    invoice < 0 ? null : log.invoiceId(invoice), item < 0 ? null : log.itemId(item),
                    log.epochSecond(r), log.quantity(r), log.amount(r), channel < 0 ? null : log.channelId(channel),
                    category < 0 ? null : log.categoryId(category), item >= 0 && log.isNonProduct(item),
                    item < 0 ? null : log.itemDescription(item).orElse(null)));
        }
        return spark.createDataFrame(rows, SparkIngest.LINE_SCHEMA).repartition(partitions);
    }
}
