package dev.segmentation.persist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.internal.ParamChecks;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes and reads fitted models in the versioned JSON format described in the
 * {@linkplain dev.segmentation.persist package documentation}.
 *
 * <pre>{@code
 * ModelJson.write(kmeansModel, Path.of("segments.json"));
 * KMeansModel back = ModelJson.read(Path.of("segments.json"), KMeansModel.class);
 * }</pre>
 *
 * <p>Persistable (one registration each, in this order; {@code ModelJsonRegistryTest} checks this list against the
 * registry): {@code StandardizerModel}, {@code MinMaxScalerModel}, {@code RobustScalerModel}, {@code Log1pModel},
 * {@code QuantileBinnerModel}, {@code OneHotEncoderModel}, {@code EncoderPipelineModel}, {@code KMeansModel},
 * {@code MiniBatchKMeansModel}, {@code GaussianMixtureModel}, {@code RfmSegmenterModel}, {@code BgNbdModel},
 * {@code ModifiedBgNbdModel}, {@code ParetoNbdModel}, {@code GammaGammaModel}, {@code LogisticRegressionModel},
 * {@code CountVectorizerModel}, {@code TfIdfModel}, {@code MultinomialNaiveBayesModel}, {@code PopularityModel},
 * {@code ItemKnnModel}, {@code ItemKnnNeighborsModel}, {@code ImplicitAlsModel}, {@code SegmentPopularityModel},
 * {@code SparseLogisticRegressionModel}, {@link ModelBundle}, {@code SegmentCatalog},
 * {@code PopulationStabilityModel}. A model read back scores bit-identically to the one written, and a
 * {@link dev.segmentation.FittedModel} reports the same {@link dev.segmentation.Provenance}.
 *
 * <p>A document is written as version 3 when it holds (at its top or nested) a model of a type whose trainer
 * description now lives only in the provenance ({@code KMeansModel}, {@code MiniBatchKMeansModel},
 * {@code GaussianMixtureModel}, {@code RfmSegmenterModel}, {@code LogisticRegressionModel}, {@code TfIdfModel},
 * {@code MultinomialNaiveBayesModel}, {@code ItemKnnModel}, {@code ImplicitAlsModel},
 * {@code SparseLogisticRegressionModel}, {@code PopulationStabilityModel}); otherwise as version 2 when it (or a
 * model nested in it) carries a recorded provenance, and as version 1 otherwise, each then exactly what earlier
 * builds wrote and read. Files of versions 1 and 2 keep loading: their {@code trainer} field becomes the model's
 * provenance through {@link dev.segmentation.Provenance#fromDescription(String)} when they hold no
 * {@code provenance} object.
 *
 * <p>Reading validates everything and refuses with a {@link ModelFormatException} naming the source and the
 * JSON path; it never runs code named by the document. Documents are limited to 64 levels of nesting and 100 MB
 * of text. All methods are static, pure apart from their I/O, and safe for concurrent use. Null is never accepted
 * or returned.
 */
public final class ModelJson {
    /** The format name every document carries in {@code "format"}. */
    public static final String FORMAT = "segmentation-model";
    /**
     * The newest format version this build writes and reads (2: version 1 plus each model's provenance; 3: the
     * trainer description and data fingerprint only in the provenance).
     */
    public static final int VERSION = 3;

    private static final String READER_SOURCE = "model";
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                            .maxStringLength(100_000_000).build())
                    .build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ModelJson() {
    }

    /**
     * Tells whether a model is of a type this build can write (see {@code package-info} for the types).
     *
     * @param model any object
     * @return true if {@link #write(Object, Writer)} accepts it
     */
    public static boolean persistable(Object model) {
        Objects.requireNonNull(model, "model");
        return Codecs.STANDARD.typeOf(model) != null;
    }

    /**
     * Returns the type name a model is written under (the document's {@code "type"}), e.g. {@code "item-knn"} for
     * an {@link dev.segmentation.recommend.ItemKnnModel}: the one name of each persistable type.
     *
     * @param model a persistable fitted model or a {@link ModelBundle}; not null
     * @return the type name
     * @throws IllegalArgumentException if the model is not of a persistable type:
     *     {@code "model must be one of the persistable types [standardizer, ...], found java.lang.String"}
     */
    public static String typeName(Object model) {
        Objects.requireNonNull(model, "model");
        String name = Codecs.typeOf(model);
        ParamChecks.requireArgument(name != null, "model must be one of the persistable types %s, found %s",
                Codecs.STANDARD, model.getClass().getName());
        return name;
    }

    /**
     * Writes a model as a JSON document.
     *
     * @param model a persistable fitted model or a {@link ModelBundle}
     * @param out where to write; flushed, not closed
     * @throws IllegalArgumentException if the model is not of a persistable type
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Object model, Writer out) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(out, "out");
        write(model, out, Codecs.STANDARD);
    }

    /** {@link #write(Object, Writer)} with another registry (package-private: tests register example types). */
    static void write(Object model, Writer out, Registry registry) {
        try {
            MAPPER.writeValue(new NonClosingWriter(out), document(model, registry));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a model to a UTF-8 file, replacing it.
     *
     * @param model a persistable fitted model or a {@link ModelBundle}
     * @param file the file
     * @throws IllegalArgumentException if the model is not of a persistable type
     * @throws UncheckedIOException if writing fails, naming the file
     */
    public static void write(Object model, Path file) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        ObjectNode doc = document(model, Codecs.STANDARD);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            MAPPER.writeValue(w, doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns a model's JSON document as a string.
     *
     * @param model a persistable fitted model or a {@link ModelBundle}
     * @return the document
     * @throws IllegalArgumentException if the model is not of a persistable type
     */
    public static String toJson(Object model) {
        StringWriter w = new StringWriter();
        write(model, w);
        return w.toString();
    }

    /** {@link #toJson(Object)} with another registry (package-private: tests register example types). */
    static String toJson(Object model, Registry registry) {
        Objects.requireNonNull(model, "model");
        StringWriter w = new StringWriter();
        write(model, w, registry);
        return w.toString();
    }

    /** {@link #fromJson(String)} with another registry (package-private: tests register example types). */
    static Object fromJson(String json, Registry registry) {
        Objects.requireNonNull(json, "json");
        return parse(READER_SOURCE, new StringReader(json), registry);
    }

    /**
     * Reads a model from a JSON document.
     *
     * @param in the document; read to its end, not closed
     * @return the model, of the class its {@code type} names
     * @throws ModelFormatException if the document is not a valid model document (source named {@code model})
     */
    public static Object read(Reader in) {
        Objects.requireNonNull(in, "in");
        return parse(READER_SOURCE, in, Codecs.STANDARD);
    }

    /**
     * Reads a model of an expected class from a JSON document.
     *
     * @param <T> the model type
     * @param in the document; read to its end, not closed
     * @param type the expected class, e.g. {@code KMeansModel.class}
     * @return the model
     * @throws ModelFormatException if the document is not a valid model document or holds another type
     */
    public static <T> T read(Reader in, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return typed(READER_SOURCE, read(in), type);
    }

    /**
     * Reads a model from a JSON string.
     *
     * @param json the document
     * @return the model
     * @throws ModelFormatException if the document is not a valid model document
     */
    public static Object fromJson(String json) {
        Objects.requireNonNull(json, "json");
        return read(new StringReader(json));
    }

    /**
     * Reads a model from a UTF-8 file.
     *
     * @param file the file
     * @return the model, of the class its {@code type} names
     * @throws ModelFormatException if the file is missing or unreadable or not a valid model document, naming
     *     the file
     */
    public static Object read(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(source, r, Codecs.STANDARD);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(source + ": model file not found", "$", e);
        } catch (IOException | UncheckedIOException e) {
            throw new ModelFormatException(source + ": cannot read the model file: " + e.getMessage(), "$", e);
        }
    }

    /**
     * Reads a model of an expected class from a UTF-8 file.
     *
     * @param <T> the model type
     * @param file the file
     * @param type the expected class, e.g. {@code KMeansModel.class}
     * @return the model
     * @throws ModelFormatException if the file is not a valid model document or holds another type
     */
    public static <T> T read(Path file, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return typed(file.toString(), read(file), type);
    }

    private static <T> T typed(String source, Object m, Class<T> type) {
        if (!type.isInstance(m)) {
            throw new ModelFormatException(source + ": $.type must name a " + type.getSimpleName() + ", found \""
                    + Codecs.STANDARD.typeOf(m).name + "\"", "$.type", null);
        }
        return type.cast(m);
    }

    /**
     * The document of a model: version 3 when it holds a type registered {@code since(3)}, else version 2 when it
     * (or a nested model) has a recorded provenance, else version 1, each then exactly what a build of that
     * version wrote and can read.
     */
    private static ObjectNode document(Object model, Registry registry) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("format", FORMAT);
        doc.put("version", 1);
        Codecs.write(registry, model, doc);
        int version = Math.max(Codecs.hasProvenance(doc) ? 2 : 1, Codecs.since(registry, doc));
        doc.put("version", version);
        return doc;
    }

    private static Object parse(String source, Reader in, Registry registry) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ModelFormatException(source + ": $ must be a JSON document, found invalid JSON" + where + " ("
                    + reason(e) + ")", "$", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ModelFormatException(source + ": $ must be a JSON object, found an empty document", "$", null);
        }
        Doc doc = new Doc(registry, source, "$", root, 0);
        if (!root.isObject()) {
            throw doc.fail("$", "a JSON object", root);
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isTextual() || !FORMAT.equals(format.asText())) {
            throw doc.fail("$.format", "\"" + FORMAT + "\"", format);
        }
        int version = doc.integer("version");
        if (version < 1 || version > VERSION) {
            throw new ModelFormatException(source + ": $.version: unsupported format version " + version
                    + "; this build reads up to " + VERSION, "$.version", null);
        }
        return Codecs.nested(new Doc(registry, source, "$", root, version));
    }

    /** Jackson's reason in one line, without its source-location appendix. */
    private static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage().lines().findFirst().orElse("");
        int cut = m.indexOf(" (start marker");
        return cut < 0 ? m : m.substring(0, cut);
    }

    /** Lets Jackson close its generator without closing the caller's writer. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
