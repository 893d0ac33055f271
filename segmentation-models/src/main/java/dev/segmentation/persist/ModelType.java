package dev.segmentation.persist;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One persistable type, registered once in {@link Registry}: its name in files ({@code "type"}), its class, how its
 * fields are written and how they are read back. Package-private: not API. Immutable.
 *
 * @param <T> the model class
 */
final class ModelType<T> {
    final String name;
    final Class<T> type;
    /** The first format version with this type's current fields: 1, or 3 for the types that lost {@code trainer}. */
    final int since;
    private final Writer<? super T> writer;
    private final Function<Doc, ? extends T> reader;

    /** Writes a model that holds other models, which it writes through the registry it is given. */
    @FunctionalInterface
    interface Writer<T> {
        void write(T model, ObjectNode out, Registry registry);
    }

    private ModelType(String name, Class<T> type, int since, Writer<? super T> writer,
            Function<Doc, ? extends T> reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.since = since;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * Describes a persistable type.
     *
     * @param name the type name written into {@code "type"}, e.g. {@code "kmeans"}
     * @param type the model class; a model is of this type when its class is exactly this one
     * @param writer writes the model's fields (not {@code type}, not its provenance) into an object
     * @param reader reads them back, through the model's own factory (which checks its constraints)
     */
    static <T> ModelType<T> of(String name, Class<T> type, BiConsumer<? super T, ObjectNode> writer,
            Function<Doc, ? extends T> reader) {
        Objects.requireNonNull(writer, "writer");
        return new ModelType<>(name, type, 1, (m, out, registry) -> writer.accept(m, out), reader);
    }

    /** Describes a persistable type that holds other models (a bundle, a pipeline). */
    static <T> ModelType<T> container(String name, Class<T> type, Writer<? super T> writer,
            Function<Doc, ? extends T> reader) {
        return new ModelType<>(name, type, 1, writer, reader);
    }

    /**
     * This type with the format version its current fields appeared in: a document holding it is written with at
     * least that version (version 3 for the types whose trainer description moved into the provenance).
     *
     * @param version the version, in {@code [1, ModelJson.VERSION]}
     */
    ModelType<T> since(int version) {
        if (version < 1 || version > ModelJson.VERSION) {
            throw new IllegalArgumentException("version must be in [1, " + ModelJson.VERSION + "], found " + version);
        }
        return new ModelType<>(name, type, version, writer, reader);
    }

    void write(Object model, ObjectNode out, Registry registry) {
        writer.write(type.cast(model), out, registry);
    }

    T read(Doc d) {
        return reader.apply(d);
    }

    @Override
    public String toString() {
        return name + "=" + type.getSimpleName();
    }
}
