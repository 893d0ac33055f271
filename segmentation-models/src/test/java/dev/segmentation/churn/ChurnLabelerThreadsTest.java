package dev.segmentation.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ChurnLabeler#label} on threads, labels from each customer's own rows (issue 19: the 1 M run labels the log
 * twice on one thread, with a pass over every row for the labels): the data set must be the one of the previous
 * single-threaded labeler, bit for bit, for any thread count. The digests were computed with that labeler at commit
 * 02bc3ce (20,000 simulated customers, five chunks; at 2023-03-01 only 3,249 have history), for the standard
 * features and for features of the caller's (the copied-history path).
 */
class ChurnLabelerThreadsTest {
    private static final TransactionLog LOG = RetailSimulator.builder().customers(20_000).seed(4).build().generate()
            .log();

    /** Row count and the last row's amount: any function of the history, on the path that copies it. */
    private static final ChurnFeatures CUSTOM = new ChurnFeatures() {
        @Override
        public List<String> names() {
            return List.of("rows", "last");
        }

        @Override
        public void compute(TransactionLog history, int customer, LocalDate cutoff, double[] out) {
            TransactionLog.CustomerRows r = history.rowsOf(customer);
            out[0] = r.size();
            out[1] = r.amount(r.size() - 1);
        }
    };

    static String digest(ChurnDataset ds) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(8);
        double[] row = null;
        for (int i = 0; i < ds.labels().length; i++) {
            md.update(ds.customerIds().get(i).getBytes(StandardCharsets.UTF_8));
            b.clear();
            b.putInt(ds.labels()[i]);
            md.update(b.array(), 0, 4);
            row = ds.features().row(i, row);
            for (double v : row) {
                b.clear();
                b.putDouble(v);
                md.update(b.array());
            }
        }
        return ds.labels().length + " " + HexFormat.of().formatHex(md.digest());
    }

    @Test
    void dataSetIsThatOfTheSingleThreadedLabelerForOneToFourThreads() throws Exception {
        String[][] expected = {
            {"2023-03-01", "30", "3249 7737a9fc3a0a7c615588c2d6cceab6f282e72eb33ac3463e43dad5ea4200f12d",
                "3249 f571cca3fbfc6c9e80521f71057dd886a9ceb55101e418b67022f9e87a17e451"},
            {"2023-03-01", "90", "3249 c8f4d37b7129d3b24e680a35410d29450e66a356c5563cbb5171962e400993f3",
                "3249 90c65653bfb257c1c660316bf0538a70a2386b1e5fc006a8edcafa1cf1ac865c"},
            {"2024-06-30", "30", "20000 200b7a5566f731cf9ffd0b589d9cf1258532cfd6f2b87e6300d3e53b6b57dbb3",
                "20000 b1d19d4118a65f818d58fadfdc414a3fd8384acbb1272ed4e2c728981e5d880a"},
            {"2024-06-30", "90", "20000 3a147cba55ad65371bf7607c3102e85c389df735018f9fc61b0007a01c074244",
                "20000 e8e5866506dd54da57947559692ae310b3c393c43b66d84ff47f22aeb1236e99"},
            {"2024-10-01", "30", "20000 2d697cc9f7e4d91d55775fd8f63ec70eb5e5b8b4ac2ab8e30594f950696b02a6",
                "20000 5b3c3c9a5f4dee1f350555081b8db432ad32bed5f9fe8e7cf6517c5492983456"},
            {"2024-10-01", "90", "20000 6cdcf0975db1abfed3de3ed89b9ed2940ac955b6f3f03de731ea4d2f16674afd",
                "20000 c80d3de0c0a2b02fd8b7fa786d789625046d6eb5bceb57b71f603ff50858f947"},
        };
        for (String[] e : expected) {
            for (int threads = 1; threads <= 4; threads++) {
                ChurnLabeler.Builder b = ChurnLabeler.builder().cutoff(LocalDate.parse(e[0]))
                        .horizonDays(Integer.parseInt(e[1])).threads(threads);
                String where = e[0] + ", " + e[1] + " days, " + threads + " thread(s)";
                assertEquals(e[2], digest(b.build().label(LOG)), where);
                assertEquals(e[3], digest(b.features(CUSTOM).build().label(LOG)), where + ", custom features");
            }
        }
    }

    /** Two customers with a non-finite feature in different chunks: the first in customer order is reported. */
    @Test
    void theFirstNonFiniteFeatureInCustomerOrderIsReportedForAnyThreadCount() {
        TransactionLog.Builder b = TransactionLog.builder();
        LocalDateTime t = LocalDateTime.of(2015, 1, 1, 10, 0);
        for (int c = 0; c < 9000; c++) {
            b.add(String.format("c%05d", c), "i" + c, "A", t, 1, c == 8500 || c == 300 ? 0.0 : 5.0, null, null);
        }
        b.add("c00000", "last", "A", LocalDateTime.of(2015, 6, 1, 10, 0), 1, 5.0, null, null);
        TransactionLog log = b.build();
        ChurnFeatures inverse = new ChurnFeatures() {
            @Override
            public List<String> names() {
                return List.of("inverse_spend");
            }

            @Override
            public void compute(TransactionLog history, int customer, LocalDate cutoff, double[] out) {
                out[0] = 1.0 / history.rowsOf(customer).amount(0);
            }
        };
        for (int threads = 1; threads <= 3; threads++) {
            ChurnLabeler labeler = ChurnLabeler.builder().cutoff(LocalDate.of(2015, 2, 1)).horizonDays(30)
                    .features(inverse).threads(threads).build();
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> labeler.label(log));
            assertEquals("customer c00300, feature inverse_spend: value must be finite, found Infinity",
                    e.getMessage());
            assertEquals(300, e.row());
        }
    }

    @Test
    void threadsBelowOneAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChurnLabeler.builder().threads(0));
        assertEquals("threads must be >= 1, found 0", e.getMessage());
    }
}
