package dev.segmentation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.persist.ModelJson;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The model files written by {@code --save} and read by {@code --model-file}: the library's versioned JSON
 * format ({@link ModelJson}, documented in {@code dev.segmentation.persist}), never Java serialization.
 *
 * <pre>{@code
 * {"format": "segmentation-model", "version": 2, "type": "bgnbd", "unit": "P7D",
 *  "params": {"r": 0.2426, "alpha": 4.4135, "a": 0.7929, "b": 2.4258}, "fit": {"logLikelihood": -9582.43, ...},
 *  "provenance": {"trainer": "BgNbd", "settings": {...}, "rows": 2357, "iterations": 31, ...}}
 * }</pre>
 *
 * Reading checks everything (format name, version, type, every field present, finite and within its model's
 * constraints) and refuses anything else with a {@link dev.segmentation.persist.ModelFormatException} (an
 * {@link dev.segmentation.InvalidDataException}, exit code 1) whose one-line message names the file and the
 * JSON path.
 */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Writes a fitted model to {@code file}. */
    static void write(Path file, Object model) {
        ModelJson.write(model, file);
    }

    /**
     * Tells whether a model file records a fit that did not converge ({@code "fit": {"converged": false}} at the
     * top level, as {@code --save --allow-non-converged} writes it). The library does not restore that record,
     * so the command line reads it here to warn when such a model scores.
     *
     * @return true only for a recorded non-converged fit; false when converged, absent or unreadable
     */
    static boolean recordsNonConvergedFit(Path file) {
        try {
            JsonNode converged = new ObjectMapper().readTree(file.toFile()).path("fit").path("converged");
            return converged.isBoolean() && !converged.booleanValue();
        } catch (IOException | RuntimeException e) {
            return false; // the model reader reports what is wrong with the file
        }
    }

    /** Reads a model of the expected class from {@code file}. */
    static <T> T read(Path file, Class<T> type) {
        return ModelJson.read(file, type);
    }
}
