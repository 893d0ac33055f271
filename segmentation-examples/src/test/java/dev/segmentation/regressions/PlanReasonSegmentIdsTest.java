package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: plan's reason names the segments from the assignment's fields, not by parsing the reason text, so
 * segment ids that contain ", " or "]" are named right (parsing the text split "a, b" in two and stopped at the
 * "]" of "c]").
 */
class PlanReasonSegmentIdsTest {
    @TempDir
    Path dir;

    @Test
    void segmentIdsWithCommasAndBrackets() throws IOException {
        Path customers = Cli.write(dir.resolve("customers.csv"), """
                customer_id,segment,segment_name,recency
                A,"a, b",Lost,10
                B,c],Loyal,20
                C,d,Other,30
                """);
        Path config = Cli.write(dir.resolve("plan.json"), """
                {"campaigns": [{"name": "promo", "costPerContact": 1, "valuePerResponse": 10,
                  "defaultResponse": 0.5, "eligibleSegments": ["a, b", "c]"]}]}
                """);
        Path out = dir.resolve("plan.csv");
        Cli r = Cli.run("plan", "--config", config.toString(), "--customers", customers.toString(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("customer_id,campaign,expected_profit,reason",
                "A,promo,4.0,\"promo: segment Lost (a, b) in [Lost (a, b), Loyal (c])]; expected profit 0.5000 x 10.00 "
                        + "- 1.00 = 4.0000\"",
                "B,promo,4.0,\"promo: segment Loyal (c]) in [Lost (a, b), Loyal (c])]; expected profit 0.5000 x 10.00 "
                        + "- 1.00 = 4.0000\""), Files.readAllLines(out, StandardCharsets.UTF_8));
    }
}
