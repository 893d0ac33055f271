package dev.segmentation.churn;

import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.util.List;

/** The default features of {@link ChurnFeatures#standard()}. */
final class StandardChurnFeatures implements ChurnFeatures {
    static final StandardChurnFeatures INSTANCE = new StandardChurnFeatures();
    private static final List<String> NAMES = List.of("recency_days", "frequency", "monetary", "tenure_days",
            "avg_spend", "active_days_90", "mean_gap_days");
    private static final long SECONDS_PER_DAY = 86_400;

    private StandardChurnFeatures() {
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public void compute(TransactionLog history, int customer, LocalDate cutoff, double[] out) {
        TransactionLog.CustomerRows rows = history.rowsOf(customer);
        long cut = cutoff.toEpochDay();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long prevDay = Long.MIN_VALUE;
        int days = 0;
        int recentDays = 0;
        double monetary = 0;
        for (int k = 0; k < rows.size(); k++) {
            long day = Math.floorDiv(rows.epochSecond(k), SECONDS_PER_DAY);
            monetary += rows.amount(k);
            if (day != prevDay) {
                days++;
                if (day > cut - 90) {
                    recentDays++;
                }
                prevDay = day;
            }
            first = Math.min(first, day);
            last = Math.max(last, day);
        }
        double tenure = cut - first;
        out[0] = cut - last;
        out[1] = days;
        out[2] = monetary;
        out[3] = tenure;
        out[4] = monetary / days;
        out[5] = recentDays;
        out[6] = days > 1 ? (last - first) / (double) (days - 1) : tenure;
    }

    @Override
    public String toString() {
        return "ChurnFeatures.standard()" + NAMES;
    }
}
