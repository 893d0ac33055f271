package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.testing.SharedData;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFM on the cleaned Online Retail rows as of 2011-12-10, against {@code shared/docs/reference-numbers.md}:
 * R min 1, mean 93.0595, median 51, max 374; F mean 4.2720, max 209; M mean 2054.2665, max 280,206.02 (the
 * reference's 4 decimals are the tolerance).
 */
class OnlineRetailFeaturesTest {
    private static TransactionLog log;

    @BeforeAll
    static void read() {
        log = TransactionCsv.readPreset(SharedData.file("online-retail/online_retail.csv.gz"), "online-retail").log();
    }

    @Test
    void rfmMatchesTheReference() {
        assertEquals(397_884, log.size());
        CustomerFeatureTable t = CustomerFeatures.builder().asOf(LocalDate.of(2011, 12, 10)).rfm().tenure()
                .behaviour().channelShares().build().compute(log);
        assertEquals(4338, t.size());
        double[] r = t.column(CustomerFeatures.RECENCY);
        double[] f = t.column(CustomerFeatures.FREQUENCY);
        double[] m = t.column(CustomerFeatures.MONETARY);
        assertEquals(1, min(r));
        assertEquals(93.0595, mean(r), 5e-5);
        assertEquals(51, median(r));
        assertEquals(374, max(r));
        assertEquals(4.2720, mean(f), 5e-5);
        assertEquals(209, max(f));
        assertEquals(18_532, sum(f)); // every invoice counted once
        assertEquals(2054.2665, mean(m), 5e-5);
        assertEquals(280_206.02, max(m), 5e-3);
        assertEquals(8_911_407.904, sum(m), 1e-3); // the cleaned revenue
        t.matrix().requireFinite();
        double[] tenure = t.column(CustomerFeatures.TENURE);
        for (int i = 0; i < t.size(); i++) {
            assertEquals(true, r[i] <= tenure[i], "recency <= tenure");
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double mean(double[] v) {
        return sum(v) / v.length;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
