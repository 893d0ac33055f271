package dev.segmentation.clv;

import dev.segmentation.data.TransactionLog;
import java.time.LocalDate;

/**
 * The lifetime-value seam's trainer: fits a {@link LifetimeValueModel} on a transaction log as of a date. The
 * pipeline's lifetime-value stage takes any trainer ({@code Segmentation.lifetimeValue(trainer)}); the library's is
 * {@code dev.segmentation.pipeline.LifetimeValue} (a BTYD transaction model, given or chosen on a holdout, and the
 * Gamma-Gamma spend model), and {@code LifetimeValue.of(trainer)} gives any other trainer the stage's horizon and
 * discount rate, at which the pipeline scores the fitted model (and which its segment catalog records, so that a
 * saved bundle scores with the same settings).
 *
 * <pre>{@code
 * Segmentation.of(log).lifetimeValue(LifetimeValue.of(myTrainer).horizon(Period.ofMonths(6))).run();
 * }</pre>
 */
public interface LifetimeValueTrainer {
    /**
     * Fits the model on the purchases before a date.
     *
     * @param log the transactions; not null. Not modified.
     * @param asOf the first day not observed: purchases on or after it are not used; not null
     * @return the fitted model
     * @throws IllegalArgumentException if the date is out of the log's range or a setting is invalid
     * @throws dev.segmentation.InvalidDataException if the data cannot be fitted
     */
    LifetimeValueModel fit(TransactionLog log, LocalDate asOf);
}
