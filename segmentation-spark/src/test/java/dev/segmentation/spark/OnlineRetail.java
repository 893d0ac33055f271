package dev.segmentation.spark;

import dev.segmentation.data.CsvPreset;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;

/**
 * The Online Retail log as the single-JVM {@code run} reads it ({@link CsvPreset#ONLINE_RETAIL} run options), read
 * once per test JVM and shared by the test classes (a read of the 540,000-line file costs seconds each time).
 * Every call goes through {@link SharedData#file}, so a test still skips (or fails when the data are required)
 * when the file is absent.
 */
final class OnlineRetail {
    private static TransactionLog log;

    private OnlineRetail() {
    }

    static synchronized TransactionLog log() {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        if (log == null) {
            log = TransactionCsv.read(file, CsvPreset.ONLINE_RETAIL.runOptions(file)).log();
        }
        return log;
    }
}
