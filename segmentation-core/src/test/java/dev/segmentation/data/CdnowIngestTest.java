package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CDNOW figures of {@code shared/data/cdnow/README.md}: the sample has 6,919 rows, 2,357 customers and
 * $244,091.94; the master 69,659 rows, 23,570 customers and $2,500,315.63; both run 1997-01-01..1998-06-30.
 */
class CdnowIngestTest {
    /** Sums of two-decimal amounts, compared at the cent. */
    private static final double CENT = 0.005;

    @Test
    void sampleUsesTheSampleIdAsCustomer() {
        IngestResult r = TransactionCsv.readPreset(SharedData.file("cdnow/CDNOW_sample.txt"), "cdnow");
        IngestReport rep = r.report();
        assertEquals(6_919, rep.rowsRead());
        assertEquals(6_919, rep.rowsKept());
        assertEquals(2_357, rep.customers());
        assertEquals(244_091.94, rep.revenue(), CENT);
        assertEquals(LocalDate.of(1997, 1, 1), rep.firstDate().orElseThrow());
        assertEquals(LocalDate.of(1998, 6, 30), rep.lastDate().orElseThrow());
        TransactionLog log = r.log();
        Set<String> ids = new HashSet<>();
        for (int c = 0; c < log.customerCount(); c++) {
            ids.add(log.customerId(c));
        }
        for (int id = 1; id <= 2_357; id++) {
            assertEquals(true, ids.contains(Integer.toString(id)), "sample id " + id);
        }
        // First line: " 00004 0001 19970101  2   29.33".
        assertEquals("1", log.customerId(log.customer(0)));
        assertEquals(LocalDate.of(1997, 1, 1), log.date(0));
        assertEquals(2.0, log.quantity(0));
        assertEquals(29.33, log.amount(0));
    }

    @Test
    void masterHasAHeaderAndItsZeroPaddedIdsAreTrimmed() {
        IngestResult r = TransactionCsv.readPreset(SharedData.file("cdnow/CDNOW_master.txt"), "cdnow");
        IngestReport rep = r.report();
        assertEquals(69_659, rep.rowsRead());
        assertEquals(69_659, rep.rowsKept());
        assertEquals(23_570, rep.customers());
        assertEquals(2_500_315.63, rep.revenue(), CENT);
        assertEquals(LocalDate.of(1997, 1, 1), rep.firstDate().orElseThrow());
        assertEquals(LocalDate.of(1998, 6, 30), rep.lastDate().orElseThrow());
        assertEquals("1", r.log().customerId(0));
        assertEquals("23570", r.log().customerId(r.log().customerCount() - 1));
    }

    /** README: every sample row is in the master file, and these are all of the sampled customers' rows. */
    @Test
    void sampleRowsAreTheMasterRowsOfTheSampledCustomers() {
        Path samplePath = SharedData.file("cdnow/CDNOW_sample.txt");
        TransactionCsv.Options byMasterId = CsvPreset.CDNOW.options(samplePath).toBuilder()
                .mapping(ColumnMapping.of("master_id", "date", "dollar_value").quantity("number_of_cds")).build();
        TransactionLog sample = TransactionCsv.read(samplePath, byMasterId).log();
        TransactionLog master = TransactionCsv.readPreset(SharedData.file("cdnow/CDNOW_master.txt"), "cdnow").log();
        List<String> fromSample = rows(sample, null);
        Set<String> sampled = new HashSet<>();
        for (int c = 0; c < sample.customerCount(); c++) {
            sampled.add(sample.customerId(c));
        }
        List<String> fromMaster = rows(master, sampled);
        assertEquals(fromSample, fromMaster);
    }

    private static List<String> rows(TransactionLog log, Set<String> only) {
        List<String> out = new ArrayList<>();
        for (int row = 0; row < log.size(); row++) {
            String id = log.customerId(log.customer(row));
            if (only == null || only.contains(id)) {
                out.add(id + " " + log.date(row) + " " + log.quantity(row) + " " + log.amount(row));
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void presetIsWhitespaceSeparatedWithCdnowDates() {
        TransactionCsv.Options o = CsvPreset.CDNOW.options(SharedData.file("cdnow/CDNOW_master.txt"));
        assertEquals(true, o.whitespaceSeparated());
        assertEquals("yyyyMMdd", o.dateFormat());
        assertEquals(StandardCharsets.UTF_8, o.charset());
        assertEquals(List.of(), o.headerNames());
        assertEquals(BadRows.FAIL, o.badRows());
    }
}
