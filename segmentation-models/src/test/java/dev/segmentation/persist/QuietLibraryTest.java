package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.testing.StdoutGuard;
import org.junit.jupiter.api.Test;

/** No library code prints: fitting, scoring, saving and loading every model type leaves stdout and stderr empty. */
class QuietLibraryTest {
    @Test
    void fittingScoringAndPersistingPrintNothing() {
        String printed = StdoutGuard.capture(() -> {
            for (ModelCases.Case c : ModelCases.all()) {
                Object m = c.fit().apply(2);
                c.score().apply(ModelJson.fromJson(ModelJson.toJson(m)));
                try {
                    ModelJson.fromJson("{\"format\":\"segmentation-model\",\"version\":9}");
                } catch (ModelFormatException expected) {
                    // refusals are exceptions, not output
                }
            }
        });
        assertEquals("", printed);
    }
}
