package dev.segmentation.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.progress.CancelledException;
import dev.segmentation.testing.StdoutGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example program. */
class ExamplesTest {
    @Test
    void quickStartPrintsSegmentsAndWritesTheFiles(@TempDir Path dir) {
        String out = StdoutGuard.capture(() -> QuickStart.main(new String[] {dir.toString()}));
        assertEquals(5 + 2, out.strip().split("\n").length, out);
        assertTrue(out.contains("CustomerProfile{id="), out);
        assertTrue(Files.exists(dir.resolve("customers.csv")));
        assertTrue(Files.exists(dir.resolve("segments.csv")));
        assertTrue(Files.exists(dir.resolve("report.html")));
    }

    @Test
    void embeddedServiceAnswersFromTheCurrentResult() {
        String out = StdoutGuard.capture(() -> {
            try {
                EmbeddedService.main(new String[0]);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(out.startsWith("status: summaries 100%"), out);
        assertTrue(out.contains("unknown -> none"), out);
        assertEquals(2, out.split("CustomerProfile\\{").length - 1, out);
    }

    @Test
    void closingTheServiceCancelsARunningRefit() throws InterruptedException {
        TransactionLog log = RetailSimulator.builder().customers(3_000).seed(5).build().generate().log();
        EmbeddedService service = new EmbeddedService();
        Future<?> refit = service.refit(log);
        service.close();
        try {
            refit.get();
            // the refit may finish before the cancellation is seen; then it must have served a result
            assertTrue(service.profile(log.customerId(0)).isPresent());
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof CancelledException, e.toString());
            assertTrue(service.profile(log.customerId(0)).isEmpty());
        }
        assertThrows(Exception.class, () -> service.refit(log));
    }

    @Test
    void fitOneModelPrintsTheFitAndACustomer() {
        String out = StdoutGuard.capture(() -> FitOneModel.main(new String[0]));
        assertTrue(out.startsWith("fitted {r="), out);
        assertTrue(out.contains("converged true"), out);
        assertTrue(out.contains("-> P(alive) "), out);
    }
}
