package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The consumer project that {@code segmentation-consumer-it} builds against the installed artifacts
 * ({@code src/it/quickstart}) runs the README's quickstart blocks verbatim, so that they cannot rot.
 */
class ConsumerSnippetsTest {
    private static final Path CONSUMER = Path.of("..", "segmentation-consumer-it", "src", "it", "quickstart", "src",
            "test", "java", "com", "example", "QuickstartTest.java");

    @Test
    void theConsumerRunsTheReadmeBlocksVerbatim() throws IOException {
        assertEquals(List.of("quickstart", "pipeline"),
                ReadmeSnippetsTest.assertBlocksInReadme(CONSUMER, "the consumer project"));
    }
}
