package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoders on the shared data sets, against the figures their READMEs publish
 * ({@code shared/data/cdnow/README.md}, {@code shared/data/telco-churn/README.md}).
 */
class EncoderRealDataTest {
    private static BtydSummary cdnow() {
        Path file = SharedData.file("cdnow/cdnow_customers_summary_with_transactions.csv");
        return BtydSummary.readCsv(file, StandardCharsets.UTF_8, Duration.ofDays(7), "ID", "x", "t_x", "T", "zbar");
    }

    private static FeatureMatrix rfm(BtydSummary s) {
        double[] data = new double[s.size() * 3];
        for (int i = 0; i < s.size(); i++) {
            data[3 * i] = s.T(i) - s.recency(i); // weeks since the last purchase: marketing recency
            data[3 * i + 1] = s.frequency(i);
            data[3 * i + 2] = s.monetary(i);
        }
        return FeatureMatrix.of(List.of("recency", "frequency", "monetary"), s.size(), data);
    }

    @Test
    void cdnowRepeatSpendStatisticsMatchTheReadme() {
        // README: over the 946 repeat buyers zbar has mean 35.0785518, sd 30.2835, min 2.99, median 27.50, max
        // 299.63. The sd is the sample sd (pandas' default); tolerances are half a unit of the last digit given.
        FeatureMatrix x = rfm(cdnow().repeatCustomers());
        assertEquals(946, x.rows());
        StandardizerModel z = Standardizer.builder().columns("monetary").sampleSd(true).build().fit(x);
        assertEquals(35.0785518, z.means()[0], 5e-8);
        assertEquals(30.2835, z.scales()[0], 5e-5);
        MinMaxScalerModel mm = MinMaxScaler.builder().columns("monetary").build().fit(x);
        assertEquals(2.99, mm.dataMin()[0]);
        assertEquals(299.63, mm.dataMax()[0]);
        assertEquals(27.50, RobustScaler.builder().columns("monetary").build().fit(x).centers()[0], 5e-3);
    }

    @Test
    void cdnowFrequencyScoresKeepTheNonRepeatersTogether() {
        // README: x = 0 for 1,411 of 2,357 customers; the file has 439 customers with x = 1 and 507 with x >= 2.
        // Ideal cuts 1 + floor(2356 k / 5) = 472, 943, 1414, 1885. 472 and 943 fall in the zeros [0, 1411), which
        // may not move to 0, so they move to 1411; 1414 is 3 into the ones [1411, 1850) -> 1411; 1885 is 35 into
        // the twos [1850, 2064) -> 1850. So x = 0 scores 1, x = 1 scores 4, x >= 2 scores 5; 2 and 3 are unused.
        FeatureMatrix x = rfm(cdnow());
        QuantileBinnerModel q = QuantileBinner.builder().columns("frequency").build().fit(x);
        double[] f = x.column(1);
        double[] s = q.transform(x).column(1);
        int[] counts = new int[6];
        for (int i = 0; i < f.length; i++) {
            counts[(int) s[i]]++;
            assertEquals(f[i] == 0 ? 1 : f[i] == 1 ? 4 : 5, s[i], "customer " + i + " with frequency " + f[i]);
        }
        assertArrayEquals(new int[] {0, 1411, 0, 0, 439, 507}, counts);
        assertArrayEquals(new double[] {0, 0, 0, 1}, q.edges("frequency"));
    }

    @Test
    void cdnowRfmScoresAreBalancedWithinTieGroups() {
        FeatureMatrix x = rfm(cdnow());
        QuantileBinnerModel q = QuantileBinner.builder().descending("recency").build().fit(x);
        FeatureMatrix s = q.transform(x);
        double[] negRecency = Arrays.stream(x.column(0)).map(v -> -v).toArray();
        EncoderFixtures.assertBalancedWithinOneTieGroup(negRecency, s.column(0), 5);
        EncoderFixtures.assertBalancedWithinOneTieGroup(x.column(1), s.column(1), 5);
        EncoderFixtures.assertBalancedWithinOneTieGroup(x.column(2), s.column(2), 5);
        double[] r = x.column(0);
        double[] rs = s.column(0);
        for (int i = 1; i < r.length; i++) {
            assertTrue(r[i] < r[0] ? rs[i] >= rs[0] : r[i] > r[0] ? rs[i] <= rs[0] : rs[i] == rs[0]);
        }
    }

    @Test
    void cdnowLogStandardizePipelineRoundTrips() {
        FeatureMatrix x = rfm(cdnow());
        EncoderPipelineModel p = EncoderPipeline.builder().add(Log1p.builder().build())
                .add(Standardizer.builder().build()).build().fit(x);
        FeatureMatrix z = p.transform(x);
        for (int j = 0; j < 3; j++) {
            assertEquals(0, Arrays.stream(z.column(j)).sum() / z.rows(), 1e-12);
        }
        double[] a = x.toArray();
        double[] b = p.inverseTransform(z).toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], EncoderFixtures.ROUND_TRIP * (1 + Math.abs(a[i])));
        }
    }

    private static List<String[]> telco() throws IOException {
        Path file = SharedData.file("telco-churn/Telco-Customer-Churn.csv");
        List<String[]> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.US_ASCII)) {
            for (CsvRecord rec : reader) {
                rows.add(rec.getFields().toArray(new String[0]));
            }
        }
        return rows;
    }

    private static String[] column(List<String[]> rows, String name) {
        int j = Arrays.asList(rows.get(0)).indexOf(name);
        return rows.stream().skip(1).map(r -> r[j]).toArray(String[]::new);
    }

    private static double[] sums(FeatureMatrix y) {
        double[] s = new double[y.columns()];
        for (int j = 0; j < y.columns(); j++) {
            s[j] = Arrays.stream(y.column(j)).sum();
        }
        return s;
    }

    @Test
    void telcoOneHotCodingMatchesTheReadmeCountsAndTheReferenceBaselines() throws IOException {
        List<String[]> rows = telco();
        String[] contract = column(rows, "Contract");
        assertEquals(7043, contract.length);
        OneHotEncoderModel full = OneHotEncoder.builder().column("Contract").build().fit(contract);
        FeatureMatrix y = full.transform(contract);
        assertEquals(List.of("Contract=Month-to-month", "Contract=One year", "Contract=Two year"), y.names());
        assertArrayEquals(new double[] {3875, 1473, 1695}, sums(y));
        assertArrayEquals(contract, full.inverseTransform(y));

        // reference-numbers.md, full-rank coding: Contract baseline Month-to-month, PaymentMethod baseline Bank
        // transfer (automatic) (both the first in sorted order), InternetService baseline No (fixed order).
        OneHotEncoderModel c = OneHotEncoder.builder().column("Contract").dropFirst(true).build().fit(contract);
        assertEquals(List.of("Contract=One year", "Contract=Two year"), c.encodedNames());
        String[] payment = column(rows, "PaymentMethod");
        OneHotEncoderModel p = OneHotEncoder.builder().column("PaymentMethod").dropFirst(true).build().fit(payment);
        assertEquals("Bank transfer (automatic)", p.categories().get(0));
        FeatureMatrix py = p.transform(payment);
        assertEquals(List.of("PaymentMethod=Credit card (automatic)", "PaymentMethod=Electronic check",
                "PaymentMethod=Mailed check"), py.names());
        assertArrayEquals(new double[] {1522, 2365, 1612}, sums(py));
        assertArrayEquals(payment, p.inverseTransform(py));
        String[] internet = column(rows, "InternetService");
        OneHotEncoderModel in = OneHotEncoder.builder().column("InternetService").categories("No", "DSL", "Fiber optic")
                .dropFirst(true).build().fit(internet);
        assertArrayEquals(new double[] {2421, 3096}, sums(in.transform(internet)));
    }

    @Test
    void telcoTenureScoresAreBalancedWithinTieGroups() throws IOException {
        double[] tenure = Arrays.stream(column(telco(), "tenure")).mapToDouble(Double::parseDouble).toArray();
        FeatureMatrix x = FeatureMatrix.of(List.of("tenure"), tenure.length, tenure);
        for (int bins : new int[] {4, 5, 10}) {
            double[] s = QuantileBinner.builder().bins(bins).build().fit(x).transform(x).column(0);
            EncoderFixtures.assertBalancedWithinOneTieGroup(tenure, s, bins);
        }
    }
}
