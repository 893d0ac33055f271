package dev.segmentation.features;

import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import java.util.List;
import java.util.Objects;

/**
 * A fitted {@link EncoderPipeline}: applies its fitted steps in order, and their inverses in reverse order.
 * It is invertible only if every step is (an empty pipeline is the identity and invertible).
 *
 * <p>Instances are immutable and safe for concurrent use when their steps are (every transform of this
 * package is). Null is never accepted or returned.
 */
public final class EncoderPipelineModel implements FeatureTransform, FittedModel {
    private final Provenance provenance;

    private final List<FeatureTransform> steps;

    EncoderPipelineModel(List<FeatureTransform> steps) {
        this.steps = List.copyOf(steps);
        this.provenance = Provenance.notRecorded();
    }

    /**
     * Rebuilds a fitted pipeline from its fitted steps (as read by {@code dev.segmentation.persist}).
     *
     * @param steps the fitted steps, applied in order; not null and without null elements. Not modified.
     * @return the model
     */
    public static EncoderPipelineModel of(List<FeatureTransform> steps) {
        Objects.requireNonNull(steps, "steps");
        for (FeatureTransform t : steps) {
            Objects.requireNonNull(t, "steps element");
        }
        return new EncoderPipelineModel(steps);
    }

    /**
     * Returns the fitted steps.
     *
     * @return the transforms in application order
     */
    public List<FeatureTransform> steps() {
        return steps;
    }

    /**
     * Applies every step in order.
     *
     * @param x features the first step accepts. Not modified.
     * @return a new, encoded matrix
     * @throws dev.segmentation.InvalidDataException as the first step that refuses its input does
     */
    @Override
    public FeatureMatrix transform(FeatureMatrix x) {
        Objects.requireNonNull(x, "x");
        FeatureMatrix current = x;
        for (FeatureTransform t : steps) {
            current = t.transform(current);
        }
        return current == x ? FeatureMatrix.of(x.names(), x.rows(), x.toArray()) : current;
    }

    /**
     * Tells whether every step is invertible.
     *
     * @return true if {@link #inverseTransform} is supported
     */
    @Override
    public boolean invertible() {
        for (FeatureTransform t : steps) {
            if (!t.invertible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applies every step's inverse, last step first.
     *
     * @param y encoded features, as {@link #transform} returns them. Not modified.
     * @return a new matrix in original units
     * @throws UnsupportedOperationException if a step is not invertible, naming it
     * @throws dev.segmentation.InvalidDataException as the first inverse that refuses its input does
     */
    @Override
    public FeatureMatrix inverseTransform(FeatureMatrix y) {
        Objects.requireNonNull(y, "y");
        for (int s = 0; s < steps.size(); s++) {
            if (!steps.get(s).invertible()) {
                throw new UnsupportedOperationException("every step must be invertible, found step " + s + " "
                        + steps.get(s) + " that is not");
            }
        }
        FeatureMatrix current = y;
        for (int s = steps.size() - 1; s >= 0; s--) {
            current = steps.get(s).inverseTransform(current);
        }
        return current == y ? FeatureMatrix.of(y.names(), y.rows(), y.toArray()) : current;
    }

    /**
     * Describes the fitted steps.
     *
     * @return e.g. {@code EncoderPipelineModel{steps=[Log1pModel{...}, StandardizerModel{...}]}}
     */
    @Override
    public String toString() {
        return "EncoderPipelineModel{steps=" + steps + "}";
    }

    /**
     * Returns how this model was made.
     *
     * @return the trainer's record, or {@link Provenance#notRecorded()} for a model made from given values
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private EncoderPipelineModel(EncoderPipelineModel source, Provenance provenance) {
        this.steps = source.steps;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public EncoderPipelineModel withProvenance(Provenance provenance) {
        return new EncoderPipelineModel(this, provenance);
    }
}
