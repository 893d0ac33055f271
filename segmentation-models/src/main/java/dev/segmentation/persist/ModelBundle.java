package dev.segmentation.persist;

import dev.segmentation.FittedModel;
import dev.segmentation.internal.ParamChecks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named fitted models saved and loaded together, e.g. a pipeline result's encoder, segmenter, churn model and
 * lifetime-value models in one file ({@code "type": "bundle"}). Names keep their insertion order.
 *
 * <pre>{@code
 * ModelBundle bundle = ModelBundle.builder().put("encoder", encoder).put("segments", kmeans)
 *         .put("churn", logistic).put("clv", bgNbd).build();
 * ModelJson.write(bundle, path);
 * KMeansModel segments = ModelJson.read(path, ModelBundle.class).get("segments", KMeansModel.class);
 * }</pre>
 *
 * <p>Instances are immutable and safe for concurrent use (the models they hold are). Null is never accepted or
 * returned.
 */
public final class ModelBundle {
    private final Map<String, Object> models;

    private ModelBundle(Map<String, Object> models) {
        this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /**
     * Starts an empty builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the model names in insertion order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return List.copyOf(models.keySet());
    }

    /**
     * Returns the models by name, in insertion order.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> models() {
        return models;
    }

    /**
     * Returns one model, typed.
     *
     * @param <T> the model type
     * @param name the name
     * @param type the expected class
     * @return the model
     * @throws IllegalArgumentException if there is no such name or the model is of another class
     */
    public <T> T get(String name, Class<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Object m = models.get(name);
        ParamChecks.requireArgument(m != null, "name must be one of %s, found \"%s\"", names(), name);
        ParamChecks.requireArgument(type.isInstance(m), "model \"%s\" must be a %s, found %s", name,
                type.getSimpleName(), m.getClass().getSimpleName());
        return type.cast(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelBundle b && models.keySet().equals(b.models.keySet());
    }

    @Override
    public int hashCode() {
        return models.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "ModelBundle" + names();
    }

    /** Mutable, single-threaded builder of a {@link ModelBundle}; {@link #build()} does not change it. */
    public static final class Builder {
        private final Map<String, Object> models = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a model under a new name.
         *
         * @param name a non-empty name not used yet
         * @param model a persistable model (see {@link ModelJson}) or any {@link FittedModel}, e.g. a model family
         *     defined outside the library; writing the bundle then needs its type registered
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or taken, or the model is neither persistable nor
         *     a fitted model
         */
        public Builder put(String name, Object model) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
            ParamChecks.requireArgument(!name.isEmpty(), "name must be non-empty, found \"\"");
            ParamChecks.requireArgument(!models.containsKey(name), "name must be unique, found \"%s\" twice", name);
            ParamChecks.requireArgument(model instanceof FittedModel || Codecs.STANDARD.typeOf(model) != null,
                    "model must be one of the persistable types %s, found %s", Codecs.STANDARD,
                    model.getClass().getName());
            models.put(name, model);
            return this;
        }

        /**
         * Builds the bundle.
         *
         * @return an immutable bundle
         */
        public ModelBundle build() {
            return new ModelBundle(models);
        }
    }
}
