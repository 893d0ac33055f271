package dev.segmentation.features;

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
import org.junit.jupiter.api.Test;

/**
 * {@link CustomerFeatures#compute} on threads (issue 19: the 1 M run's features stage ran on one thread): the table
 * must be the one of the single-threaded loop, bit for bit, whatever the thread count. The digests were computed
 * with that loop at commit 02bc3ce (20,000 simulated customers, five chunks; at 2023-03-01 only 3,189 of them have
 * a row before the as-of date, so chunks hold different numbers of rows).
 */
class CustomerFeaturesThreadsTest {
    private static final TransactionLog LOG = RetailSimulator.builder().customers(20_000).seed(3).build().generate()
            .log();

    static String digest(CustomerFeatureTable t) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(8);
        for (int i = 0; i < t.size(); i++) {
            md.update(t.id(i).getBytes(StandardCharsets.UTF_8));
            for (String c : t.names()) {
                b.clear();
                b.putDouble(t.get(i, c));
                md.update(b.array());
            }
        }
        return t.size() + " " + t.names().size() + " " + HexFormat.of().formatHex(md.digest());
    }

    @Test
    void tableIsThatOfTheSingleThreadedLoopForOneToFourThreads() throws Exception {
        String[][] expected = {
            {"2023-03-01", "3189 19 d88cd83fece980ff114bf9bdf9a98f548b27735150284e111f6caa98e20395b1"},
            {"2024-06-30", "20000 19 f2d0e75172b9f78bdeb22d288ca7b1be56e6b745a7c2c36347255f2d13e7cd7e"},
            {"2025-01-01", "20000 19 4abb2cb4efe5e0496c2d0d72c55ac590114b359af34f1157f4f642e4eb7d85e2"},
        };
        for (String[] e : expected) {
            for (int threads = 1; threads <= 4; threads++) {
                CustomerFeatureTable t = CustomerFeatures.builder().asOf(LocalDate.parse(e[0])).rfm().tenure()
                        .behaviour().categoryShares().channelShares().threads(threads).build().compute(LOG);
                assertEquals(e[1], digest(t), e[0] + ", " + threads + " thread(s)");
            }
        }
    }

    /** Two bad rows in different chunks: the first in customer order is reported, as by one thread. */
    @Test
    void theFirstBadRowInCustomerOrderIsReportedForAnyThreadCount() {
        TransactionLog.Builder b = TransactionLog.builder();
        LocalDateTime t = LocalDateTime.of(2015, 1, 1, 10, 0);
        for (int c = 0; c < 9000; c++) {
            double amount = c == 8500 || c == 300 ? -1.0 : 5.0;
            b.add(String.format("c%05d", c), "i" + c, "A", t, 1, amount, null, null);
        }
        TransactionLog log = b.build();
        for (int threads = 1; threads <= 3; threads++) {
            CustomerFeatures f = CustomerFeatures.builder().asOf(LocalDate.of(2015, 2, 1)).rfm().threads(threads)
                    .build();
            InvalidDataException e = assertThrows(InvalidDataException.class, () -> f.compute(log));
            assertEquals("row 300 (customer c00300): amount must be >= 0, found -1.0", e.getMessage());
        }
    }

    @Test
    void threadsBelowOneAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CustomerFeatures.builder().threads(0));
        assertEquals("threads must be >= 1, found 0", e.getMessage());
    }
}
