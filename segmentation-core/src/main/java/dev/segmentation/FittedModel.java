package dev.segmentation;

/**
 * A model produced by a trainer's {@code fit}: every fitted model class of the library implements it, so that each
 * carries one {@link Provenance} record saying how it was made (trainer and settings, library version, the training
 * data's size, column names and fingerprint, iterations, convergence, objective history).
 *
 * <p>Implementations are immutable values: {@link #withProvenance(Provenance)} returns a copy and leaves this model
 * unchanged. A model made from given parameters (a static factory {@code of(...)}) or loaded from a file that did not
 * record one has {@link Provenance#notRecorded()}, except where the factory takes a trainer description (k-means,
 * mixtures, RFM, logistic regressions, text and recommender models, population stability): their provenance is
 * {@link Provenance#fromDescription(String)} of it, and their {@code trainer()} is {@link Provenance#description()}.
 */
public interface FittedModel {
    /**
     * Returns how this model was made.
     *
     * @return the provenance; {@link Provenance#notRecorded()} when nothing was recorded
     */
    Provenance provenance();

    /**
     * Returns a copy of this model that carries the given provenance; every learned value is the same, so the copy
     * scores bit-identically. Used by the trainers where they build a model and by {@code dev.segmentation.persist}
     * when it reads one.
     *
     * @param provenance the record; not null
     * @return a new model of the same class
     */
    FittedModel withProvenance(Provenance provenance);
}
