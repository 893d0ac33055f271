package dev.segmentation.recommend;

import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A temporal train/test split of a log: train is every row before the start of {@code cut}, test every row from
 * {@code cut} through the end of {@code lastTestDay}; the evaluation users are the customers with rows in both.
 * Both logs share the source's dictionaries, so their customer and item indices agree. Times are read as UTC.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class TemporalSplit {
    private final TransactionLog train;
    private final TransactionLog test;
    private final int[] users;
    private final int[] coldStartUsers;

    private TemporalSplit(TransactionLog train, TransactionLog test, int[] users, int[] coldStartUsers) {
        this.train = train;
        this.test = test;
        this.users = users;
        this.coldStartUsers = coldStartUsers;
    }

    /**
     * Splits a log.
     *
     * @param log the transactions; not null. Not modified.
     * @param cut the first test day; not null
     * @param lastTestDay the last test day, on or after {@code cut}; not null
     * @return the split
     * @throws IllegalArgumentException if {@code lastTestDay} is before {@code cut}
     */
    public static TemporalSplit of(TransactionLog log, LocalDate cut, LocalDate lastTestDay) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(cut, "cut");
        Objects.requireNonNull(lastTestDay, "lastTestDay");
        if (lastTestDay.isBefore(cut)) {
            throw new IllegalArgumentException("lastTestDay must be on or after cut " + cut + ", found " + lastTestDay);
        }
        long from = cut.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long to = lastTestDay.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        TransactionLog train = log.filter(r -> log.epochSecond(r) < from);
        TransactionLog test = log.filter(r -> log.epochSecond(r) >= from && log.epochSecond(r) < to);
        int n = 0;
        int cold = 0;
        int[] both = new int[log.customerCount()];
        int[] testOnly = new int[log.customerCount()];
        for (int c = 0; c < log.customerCount(); c++) {
            if (!test.rowsOf(c).isEmpty()) {
                if (!train.rowsOf(c).isEmpty()) {
                    both[n++] = c;
                } else {
                    testOnly[cold++] = c;
                }
            }
        }
        return new TemporalSplit(train, test, java.util.Arrays.copyOf(both, n), java.util.Arrays.copyOf(testOnly, cold));
    }

    /**
     * Returns the training rows.
     *
     * @return the log before the cut
     */
    public TransactionLog train() {
        return train;
    }

    /**
     * Returns the test rows.
     *
     * @return the log from the cut through the last test day
     */
    public TransactionLog test() {
        return test;
    }

    /**
     * Returns the customers with rows in both train and test, increasing.
     *
     * @return a new array of customer indices
     */
    public int[] users() {
        return users.clone();
    }

    /**
     * Returns the customers with rows in test but none in train (new customers, who get a recommender's
     * cold-start answer), increasing. They are evaluated apart from {@link #users()}.
     *
     * @return a new array of customer indices
     */
    public int[] coldStartUsers() {
        return coldStartUsers.clone();
    }

    @Override
    public String toString() {
        return "TemporalSplit{train=" + train.size() + ", test=" + test.size() + ", users=" + users.length
                + ", coldStartUsers=" + coldStartUsers.length + "}";
    }
}
