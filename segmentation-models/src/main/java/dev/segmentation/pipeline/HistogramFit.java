package dev.segmentation.pipeline;

import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydHistogram;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.ModifiedBgNbd;
import dev.segmentation.clv.ModifiedBgNbdModel;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.clv.ParetoNbdModel;
import dev.segmentation.features.BtydSummary;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A transaction-model trainer of the lifetime-value stage that can also fit a summary's compressed histogram,
 * so that the stage compresses each summary once for its ten or so fits (issue 19). {@link #apply(BtydSummary)}
 * is the trainer's {@code fit(summary)}; {@link #fit(Supplier, BtydSummary, Supplier)} fits the histogram the
 * caller compressed once when the trainer {@code compresses()} (then bit for bit the same fit), and the summary
 * otherwise. A plain function of a summary (a configured trainer of another kind) is fitted on the summary.
 */
final class HistogramFit implements Function<BtydSummary, BtydModel> {
    private final Function<BtydSummary, BtydModel> bySummary;
    /** The trainer's {@code fit(histogram)}, or null when its summary fit does not compress. */
    private final Function<BtydHistogram, BtydModel> byHistogram;
    /** The trainer's {@code fit(histogram)} whether or not its summary fit compresses (fits from aggregates). */
    private final Function<BtydHistogram, BtydModel> onHistogram;
    /**
     * The trainer's warm-started {@code fit(histogram, start)} for a start of its own model class, its plain
     * {@code fit(histogram)} for any other start.
     */
    private final BiFunction<BtydHistogram, BtydModel, BtydModel> warmOnHistogram;

    private HistogramFit(Function<BtydSummary, BtydModel> bySummary, Function<BtydHistogram, BtydModel> byHistogram,
            Function<BtydHistogram, BtydModel> onHistogram,
            BiFunction<BtydHistogram, BtydModel, BtydModel> warmOnHistogram) {
        this.bySummary = bySummary;
        this.byHistogram = byHistogram;
        this.onHistogram = onHistogram;
        this.warmOnHistogram = warmOnHistogram;
    }

    static HistogramFit of(BgNbd t) {
        return new HistogramFit(t::fit, t.compresses() ? t::fit : null, t::fit,
                (h, start) -> start instanceof BgNbdModel m ? t.fit(h, m) : t.fit(h));
    }

    static HistogramFit of(ModifiedBgNbd t) {
        return new HistogramFit(t::fit, t.compresses() ? t::fit : null, t::fit,
                (h, start) -> start instanceof ModifiedBgNbdModel m ? t.fit(h, m) : t.fit(h));
    }

    static HistogramFit of(ParetoNbd t) {
        return new HistogramFit(t::fit, t.compresses() ? t::fit : null, t::fit,
                (h, start) -> start instanceof ParetoNbdModel m ? t.fit(h, m) : t.fit(h));
    }

    @Override
    public BtydModel apply(BtydSummary summary) {
        return bySummary.apply(summary);
    }

    /**
     * Fits {@code fit} to the summary: to {@code histogram.get()} (the summary's compressed histogram, made at most
     * once by the caller) when {@code fit} is a {@link HistogramFit} whose trainer compresses, else to
     * {@code summary.get()}. Without a summary ({@code summary} null: the choice from aggregates, as in Spark), a
     * {@link HistogramFit} fits the histogram whether or not its trainer compresses, as the Spark fits do.
     *
     * @throws IllegalArgumentException if {@code summary} is null and {@code fit} is not a {@link HistogramFit}
     */
    static BtydModel fit(Function<BtydSummary, BtydModel> fit, Supplier<BtydSummary> summary,
            Supplier<BtydHistogram> histogram) {
        Objects.requireNonNull(fit, "fit");
        if (fit instanceof HistogramFit h && h.byHistogram != null) {
            return h.byHistogram.apply(histogram.get());
        }
        if (summary == null) {
            if (fit instanceof HistogramFit h) {
                return h.onHistogram.apply(histogram.get());
            }
            throw new IllegalArgumentException("lifetimeValue: a transaction model fitted from aggregates must be "
                    + "BG/NBD, MBG/NBD or Pareto/NBD, found " + fit);
        }
        return fit.apply(summary.get());
    }

    /**
     * {@link #fit(Function, Supplier, Supplier)} with a warm start (issue 19): where that fits a histogram with a
     * {@link HistogramFit}'s trainer, the optimizer starts from {@code start}'s parameters and curvature when
     * {@code start} is a model of the trainer's class ({@code BgNbd.fit(histogram, start)} and the like), so the fit
     * reaches the same optimum to the optimizer's tolerance in fewer iterations; otherwise (a summary fit, another
     * class, or {@code start} null) it is the cold fit of {@link #fit(Function, Supplier, Supplier)}.
     */
    static BtydModel fit(Function<BtydSummary, BtydModel> fit, Supplier<BtydSummary> summary,
            Supplier<BtydHistogram> histogram, BtydModel start) {
        if (start != null && fit instanceof HistogramFit h && (h.byHistogram != null || summary == null)) {
            return h.warmOnHistogram.apply(histogram.get(), start);
        }
        return fit(fit, summary, histogram);
    }

    /** A supplier that computes {@code s} once, on first use (single-threaded use). */
    static <T> Supplier<T> once(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
