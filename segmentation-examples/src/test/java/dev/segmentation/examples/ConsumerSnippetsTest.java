package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The consumer project that {@code segmentation-consumer-it} builds against the installed artifacts
 * ({@code src/it/quickstart}) runs the README's quickstart blocks verbatim, so that they cannot rot.
 */
class ConsumerSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path CONSUMER = Path.of("..", "segmentation-consumer-it", "src", "it", "quickstart", "src",
            "test", "java", "com", "example", "QuickstartTest.java");

    @Test
    void theConsumerRunsTheReadmeBlocksVerbatim() throws IOException {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("// BEGIN README (\\w+)\\n(.*?)\\n\\s*// END README \\1", Pattern.DOTALL)
                .matcher(Files.readString(CONSUMER));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            StringBuilder block = new StringBuilder();
            for (String line : m.group(2).split("\\n", -1)) {
                block.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
            }
            blocks.add(m.group(1));
            assertTrue(readme.contains("```java\n" + block + "```"),
                    "README.md must contain the block '" + m.group(1) + "' of the consumer project verbatim:\n"
                            + block);
        }
        assertEquals(List.of("quickstart", "pipeline"), blocks);
    }
}
