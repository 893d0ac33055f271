package dev.segmentation.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.segmentation.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model files written by {@code --save} and read by {@code --model-file}: a small, versioned JSON document
 * per fitted parametric model, never Java serialization.
 *
 * <pre>{@code
 * {"format": "dev.segmentation/bgnbd", "version": 1, "unit": "week",
 *  "params": {"r": 0.2426, "alpha": 4.4135, "a": 0.7929, "b": 2.4258}, "logLikelihood": -9582.43, ...}
 * }</pre>
 *
 * Reading checks everything (format name, version, every parameter present, finite and positive) and refuses
 * anything else with an {@link InvalidDataException} whose one-line message names the file.
 */
final class ModelFiles {
    /** The newest format version this build writes and reads. */
    static final int VERSION = 1;
    private static final String PREFIX = "dev.segmentation/";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {
    }

    /** A model file's content: the model name, its parameters and the time unit name (or null). */
    record Loaded(String model, Map<String, Double> params, String unit) {
    }

    /** Writes {@code format}, {@code version}, {@code unit} (if not null), {@code params} and the extras. */
    static void write(Path file, String model, String unit, Map<String, Double> params, Map<String, Object> extra) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", PREFIX + model);
        doc.put("version", VERSION);
        if (unit != null) {
            doc.put("unit", unit);
        }
        doc.put("params", params);
        doc.putAll(extra);
        writeDocument(file, doc);
    }

    /** Writes a model document that already holds its {@code format} and {@code version} fields. */
    static void writeDocument(Path file, Map<String, Object> doc) {
        try {
            MAPPER.writeValue(file.toFile(), doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model file of one of {@code models}, each with its required parameter names.
     *
     * @throws InvalidDataException if the file is not such a model file, naming the file and the reason
     */
    static Loaded read(Path file, Map<String, List<String>> models) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file + ": model file not found");
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot read the model file: " + e.getMessage(), e);
        }
        JsonNode doc;
        try {
            doc = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidDataException(file + ": not a segmentation model file (invalid JSON at line "
                    + e.getLocation().getLineNr() + ")", e);
        }
        if (doc == null || !doc.isObject() || !doc.path("format").isTextual()) {
            throw new InvalidDataException(file + ": not a segmentation model file (no \"format\" field)");
        }
        String format = doc.get("format").asText();
        String model = format.startsWith(PREFIX) ? format.substring(PREFIX.length()) : null;
        if (model == null || !models.containsKey(model)) {
            throw new InvalidDataException(file + ": format must be one of "
                    + models.keySet().stream().map(m -> PREFIX + m).toList() + ", found \"" + format + "\"");
        }
        JsonNode version = doc.path("version");
        if (!version.isInt()) {
            throw new InvalidDataException(file + ": version must be an integer, found " + version);
        }
        if (version.asInt() > VERSION || version.asInt() < 1) {
            throw new InvalidDataException(file + ": unsupported " + model + " format version " + version.asInt()
                    + "; this build reads up to " + VERSION);
        }
        JsonNode params = doc.path("params");
        if (!params.isObject()) {
            throw new InvalidDataException(file + ": params must be an object, found " + params);
        }
        Map<String, Double> p = new LinkedHashMap<>();
        for (String name : models.get(model)) {
            JsonNode v = params.path(name);
            if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
                throw new InvalidDataException(file + ": params." + name + " must be a finite number > 0, found "
                        + (v.isMissingNode() ? "none" : v.toString()));
            }
            p.put(name, v.asDouble());
        }
        for (Iterator<String> it = params.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!p.containsKey(name)) {
                throw new InvalidDataException(file + ": params must be " + models.get(model) + ", found \"" + name
                        + "\" too");
            }
        }
        JsonNode unit = doc.path("unit");
        return new Loaded(model, p, unit.isTextual() ? unit.asText() : null);
    }
}
