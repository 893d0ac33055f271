package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: netting cancellations against their orders (run's default with the online-retail preset) rebuilt the
 * log without the item descriptions, so the run's items had codes only.
 */
class NettedDescriptionsTest {
    @TempDir
    Path dir;

    @Test
    void nettingKeepsTheDescriptions() throws IOException {
        Path f = Files.writeString(dir.resolve("n.csv"),
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                        + "1,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,UK\n"
                        + "2,71053,WHITE METAL LANTERN,80,2010-12-01 09:00:00,3.39,17850.0,UK\n"
                        + "C3,71053,WHITE METAL LANTERN,-80,2010-12-01 09:12:00,3.39,17850.0,UK\n"
                        + "4,22423,REGENCY CAKESTAND 3 TIER,1,2010-12-02 10:00:00,12.75,13047.0,UK\n",
                StandardCharsets.UTF_8);
        CsvPreset preset = CsvPreset.named("online-retail");
        IngestResult r = TransactionCsv.read(f, preset.options(f).toBuilder().netCancellations(true).build());
        TransactionLog log = r.log();
        assertEquals(2, log.size(), "the cancelled order is netted");
        assertTrue(log.hasItemDescriptions());
        assertEquals(Optional.of("WHITE HANGING HEART T-LIGHT HOLDER"),
                log.itemDescription(log.itemIndex("85123A")));
        assertEquals(Optional.of("REGENCY CAKESTAND 3 TIER"), log.itemDescription(log.itemIndex("22423")));
        assertEquals(TransactionLog.NONE, log.itemIndex("71053"), "no rows left for the netted item");
    }
}
