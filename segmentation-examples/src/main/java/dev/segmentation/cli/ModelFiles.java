package dev.segmentation.cli;

import dev.segmentation.persist.ModelJson;
import java.nio.file.Path;

/**
 * The model files written by {@code --save} and read by {@code --model-file}: the library's versioned JSON
 * format ({@link ModelJson}, documented in {@code dev.segmentation.persist}), never Java serialization.
 *
 * <pre>{@code
 * {"format": "segmentation-model", "version": 1, "type": "bgnbd", "unit": "P7D",
 *  "params": {"r": 0.2426, "alpha": 4.4135, "a": 0.7929, "b": 2.4258}, "fit": {"logLikelihood": -9582.43, ...}}
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

    /** Reads a model of the expected class from {@code file}. */
    static <T> T read(Path file, Class<T> type) {
        return ModelJson.read(file, type);
    }
}
