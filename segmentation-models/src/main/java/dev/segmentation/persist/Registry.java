package dev.segmentation.persist;

import dev.segmentation.internal.ParamChecks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The persistable types, each registered once (name, class, writer, reader): the one list that
 * {@link ModelJson} writes and reads by, whose names in order are the documentation's list. Package-private: not
 * API. Immutable and safe for concurrent use.
 */
final class Registry {
    private final Map<String, ModelType<?>> byName;
    private final Map<Class<?>, ModelType<?>> byClass;

    private Registry(List<ModelType<?>> types) {
        Map<String, ModelType<?>> names = new LinkedHashMap<>();
        Map<Class<?>, ModelType<?>> classes = new LinkedHashMap<>();
        for (ModelType<?> t : types) {
            ParamChecks.requireArgument(names.put(t.name, t) == null, "type names must be distinct, found \"%s\" twice",
                    t.name);
            ParamChecks.requireArgument(classes.put(t.type, t) == null, "classes must be distinct, found %s twice",
                    t.type.getName());
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byClass = Collections.unmodifiableMap(classes);
    }

    /** A registry of the given types, in documentation order. */
    static Registry of(List<ModelType<?>> types) {
        return new Registry(types);
    }

    /** This registry and one more type, registered after the others. */
    Registry plus(ModelType<?> type) {
        List<ModelType<?>> all = new ArrayList<>(byName.values());
        all.add(Objects.requireNonNull(type, "type"));
        return new Registry(all);
    }

    /** The type of a model (by its exact class), or null if it is not persistable. */
    ModelType<?> typeOf(Object model) {
        return byClass.get(model.getClass());
    }

    /** The type of a name, or null. */
    ModelType<?> named(String name) {
        return byName.get(name);
    }

    /** The registered names, in order. */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The registered classes, in order. */
    List<Class<?>> classes() {
        return List.copyOf(byClass.keySet());
    }

    /** The names as the messages show them: {@code [standardizer, min-max-scaler, ...]}. */
    @Override
    public String toString() {
        return names().toString();
    }
}
