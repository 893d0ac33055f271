package dev.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.features.BtydSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input through the models' entry points, with the exact messages (issue 4, "Must show: bad input"). */
class BadInputTest {
    private static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path dir;

    private BtydSummary fromCsv(String body) throws IOException {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, "ID,frequency,recency,T,monetary\n" + body, StandardCharsets.UTF_8);
        return BtydSummary.readCsv(f, StandardCharsets.UTF_8, WEEK, "ID", "frequency", "recency", "T", "monetary");
    }

    private void fitAll(String body, String message) {
        for (Runnable fit : new Runnable[] {
            () -> BgNbd.builder().build().fit(uncheckedCsv(body)),
            () -> ModifiedBgNbd.builder().build().fit(uncheckedCsv(body)),
            () -> ParetoNbd.builder().build().fit(uncheckedCsv(body)),
            () -> GammaGamma.builder().build().fit(uncheckedCsv(body))}) {
            InvalidDataException e = assertThrows(InvalidDataException.class, fit::run);
            assertEquals(message, e.getMessage());
        }
    }

    private BtydSummary uncheckedCsv(String body) {
        try {
            return fromCsv(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void recencyAboveT() {
        fitAll("a,1,2,3,10\nb,2,5,3,10\n", "row 1 (customer b): recency must be <= T = 3.0, found 5.0");
    }

    @Test
    void negativeValues() {
        fitAll("a,-1,0,3,0\n", "row 0 (customer a): frequency must be a finite number >= 0, found -1.0");
        fitAll("a,1,-2,3,5\n", "row 0 (customer a): recency must be a finite number >= 0, found -2.0");
        fitAll("a,1,2,-3,5\n", "row 0 (customer a): T must be a finite number >= 0, found -3.0");
        fitAll("a,1,2,3,-5\n", "row 0 (customer a): monetary must be a finite number >= 0, found -5.0");
    }

    @Test
    void nonIntegerFrequency() {
        fitAll("a,1,2,3,4\nb,0,0,3,0\nc,1.5,2,3,4\n", "row 2 (customer c): frequency must be an integer, found 1.5");
    }

    @Test
    void emptySummary() {
        BtydSummary empty = BtydSummary.of(new String[0], new double[0], new double[0], new double[0], null, WEEK);
        String msg = "summary must have at least one customer, found 0";
        assertEquals(msg, assertThrows(InvalidDataException.class, () -> BgNbd.builder().build().fit(empty))
                .getMessage());
        assertEquals(msg, assertThrows(InvalidDataException.class,
                () -> ModifiedBgNbd.builder().build().fit(empty)).getMessage());
        assertEquals(msg, assertThrows(InvalidDataException.class, () -> ParetoNbd.builder().build().fit(empty))
                .getMessage());
        assertEquals(msg, assertThrows(InvalidDataException.class, () -> GammaGamma.builder().build().fit(empty))
                .getMessage());
    }

    @Test
    void noRepeatCustomersForGammaGamma() throws IOException {
        BtydSummary s = fromCsv("a,0,0,3,0\nb,0,0,5,0\n");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> GammaGamma.builder().build().fit(s));
        assertEquals("summary must have at least one repeat customer (frequency > 0) for Gamma-Gamma, found none "
                + "among 2 customers", e.getMessage());
    }

    @Test
    void zeroSpendOfRepeatCustomer() throws IOException {
        BtydSummary s = fromCsv("a,2,1,3,10\nb,1,2,5,0\n");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> GammaGamma.builder().build().fit(s));
        assertEquals("row 1 (customer b): monetary must be > 0 for a repeat customer (frequency 1.0), found 0.0",
                e.getMessage());
        assertEquals(1, e.row());
        assertEquals("monetary", e.column());
    }

    @Test
    void histogramBuilderNamesTheEntry() {
        BtydHistogram.Builder b = BtydHistogram.builder(WEEK).add(1, 2, 3, 1);
        assertEquals("entry 1: recency must be <= T = 3.0, found 4.0",
                assertThrows(InvalidDataException.class, () -> b.add(1, 4, 3, 1)).getMessage());
        assertEquals("entry 1: frequency must be a non-negative integer, found 0.5",
                assertThrows(InvalidDataException.class, () -> b.add(0.5, 1, 3, 1)).getMessage());
        assertEquals("entry 1: weight must be finite and > 0, found 0.0",
                assertThrows(InvalidDataException.class, () -> b.add(1, 1, 3, 0)).getMessage());
        assertEquals("summary must have at least one customer, found 0", assertThrows(InvalidDataException.class,
                () -> BgNbd.builder().build().fit(BtydHistogram.builder(WEEK).build())).getMessage());
    }

    @Test
    void singleCustomerArguments() {
        BgNbdModel m = BgNbdModel.of(0.24, 4.4, 0.79, 2.4, WEEK);
        assertEquals("recency must be <= T = 3.0, found 5.0", assertThrows(IllegalArgumentException.class,
                () -> m.probabilityAlive(1, 5, 3)).getMessage());
        assertEquals("frequency must be a non-negative integer, found 1.5", assertThrows(
                IllegalArgumentException.class, () -> m.conditionalExpectedPurchases(1, 1.5, 1, 3)).getMessage());
        assertEquals("T must be finite and >= 0, found NaN", assertThrows(IllegalArgumentException.class,
                () -> m.logLikelihood(0, 0, Double.NaN)).getMessage());
        assertEquals("t must be finite and >= 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> m.expectedPurchases(-1)).getMessage());
        assertEquals("n must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> m.probabilityOfPurchases(-1, 2)).getMessage());
        assertEquals("alpha must be finite and > 0, found 0.0", assertThrows(IllegalArgumentException.class,
                () -> BgNbdModel.of(0.24, 0, 0.79, 2.4, WEEK)).getMessage());
        assertEquals("beta must be finite and > 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> ParetoNbdModel.of(0.5, 10, 0.6, -1, WEEK)).getMessage());
    }

    @Test
    void builderArguments() {
        assertEquals("penalty must be finite and >= 0, found -1.0", assertThrows(
                IllegalArgumentException.class, () -> BgNbd.builder().penalty(-1)).getMessage());
        assertEquals("tolerance must be finite and > 0, found 0.0", assertThrows(
                IllegalArgumentException.class, () -> ParetoNbd.builder().tolerance(0)).getMessage());
        assertEquals("maxIterations must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> GammaGamma.builder().maxIterations(0)).getMessage());
        assertEquals("penalty must be finite and >= 0, found NaN", assertThrows(
                IllegalArgumentException.class, () -> ModifiedBgNbd.builder().penalty(Double.NaN)).getMessage());
    }

    @Test
    void trainersListEveryHyperparameter() {
        assertEquals("BgNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true}",
                BgNbd.builder().build().toString());
        assertEquals("ModifiedBgNbd{penalty=0.1, tolerance=1.0E-6, maxIterations=50, compress=false}",
                ModifiedBgNbd.builder().penalty(0.1).tolerance(1e-6).maxIterations(50).compress(false).build()
                        .toString());
        assertEquals("ParetoNbd{penalty=0.0, tolerance=1.0E-8, maxIterations=1000, compress=true}",
                ParetoNbd.builder().build().toBuilder().build().toString());
        assertEquals("GammaGamma{penalty=0.0, tolerance=1.0E-8, maxIterations=1000}",
                GammaGamma.builder().build().toString());
    }

    @Test
    void severalHorizonsNeedRoomAndValidHorizons() {
        BgNbdModel m = BgNbdModel.of(0.24, 4.41, 0.79, 2.43, Duration.ofDays(7));
        assertEquals("out must have length >= 3, found 2", assertThrows(IllegalArgumentException.class,
                () -> m.conditionalExpectedPurchases(new double[] {1, 2, 3}, 2, 30, 38, new double[2])).getMessage());
        assertEquals("t must be finite and >= 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> m.conditionalExpectedPurchases(new double[] {1, -1}, 2, 30, 38, new double[2])).getMessage());
    }
}
