package dev.segmentation.features;

import dev.segmentation.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trainer for a sequence of encoders fitted one after the other: each step is fitted on the output of the
 * steps before it, as scikit-learn's {@code Pipeline} of transformers. The result, an
 * {@link EncoderPipelineModel}, applies the fitted steps in order and inverts them in reverse order.
 *
 * <p>An empty pipeline is allowed and is the identity (useful for code that builds its steps conditionally).
 *
 * <p>Example (the RFM features of the Online Retail reference: log1p, then z-scores with the population sd):
 * <pre>{@code
 * EncoderPipelineModel enc = EncoderPipeline.builder()
 *         .add(Log1p.builder().build())
 *         .add(Standardizer.builder().build())
 *         .build().fit(rfm);
 * FeatureMatrix z = enc.transform(rfm);
 * FeatureMatrix centresInDays = enc.inverseTransform(centres);   // expm1(z * sd + mean)
 * }</pre>
 *
 * <p>Cost: the sum of the steps' fit costs plus one transform per step but the last.
 *
 * <p>Instances are immutable and safe for concurrent use when their steps are (every encoder of this package
 * is); {@link #fit} is pure. Null is never accepted.
 */
public final class EncoderPipeline implements FeatureEncoder {
    private final List<FeatureEncoder> steps;

    private EncoderPipeline(Builder b) {
        this.steps = List.copyOf(b.steps);
    }

    /**
     * Starts a builder with no steps.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this pipeline's steps, to make a variant (e.g. with one more step).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.steps.addAll(steps);
        return b;
    }

    /**
     * Returns the steps.
     *
     * @return the encoders in application order
     */
    public List<FeatureEncoder> steps() {
        return steps;
    }

    /**
     * Fits each step on the output of the fitted steps before it.
     *
     * @param x the training features. Not modified.
     * @return the fitted pipeline
     * @throws dev.segmentation.InvalidDataException as the first step that refuses its input does
     */
    @Override
    public EncoderPipelineModel fit(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        List<FeatureTransform> fitted = new ArrayList<>(steps.size());
        FeatureMatrix current = x;
        for (int s = 0; s < steps.size(); s++) {
            FeatureTransform t = Objects.requireNonNull(steps.get(s).fit(current), "fitted step");
            fitted.add(t);
            if (s + 1 < steps.size()) {
                current = t.transform(current);
            }
        }
        return new EncoderPipelineModel(fitted).withProvenance(Provenance.builder(this).data(x).notIterative().build());
    }

    /**
     * Lists every step with its hyperparameters, e.g.
     * {@code EncoderPipeline{steps=[Log1p{columns=all}, Standardizer{columns=all, sampleSd=false}]}}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "EncoderPipeline{steps=" + steps + "}";
    }

    /**
     * Mutable, single-threaded builder of {@link EncoderPipeline}. {@link #build()} does not change it.
     */
    public static final class Builder {
        private final List<FeatureEncoder> steps = new ArrayList<>();

        private Builder() {
        }

        /**
         * Appends a step.
         *
         * @param step an encoder, applied after the steps added before it; should be immutable
         * @return this builder
         */
        public Builder add(FeatureEncoder step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the immutable trainer
         */
        public EncoderPipeline build() {
            return new EncoderPipeline(this);
        }
    }
}
