package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.InvalidDataException;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.GammaGammaStats;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.features.BtydSummarizer;
import dev.segmentation.features.BtydSummary;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkGammaGammaTest {
    private static SparkSession spark;
    private static TransactionLog log;
    private static final BtydSummarizer SUMMARIZER = BtydSummarizer.builder().end(LocalDate.of(2024, 6, 30))
            .unit(Duration.ofDays(7)).build();

    @BeforeAll
    static void start() {
        spark = SparkTestSession.start("SparkGammaGammaTest");
        log = RetailSimulator.builder().customers(3_000).seed(13).start(LocalDate.of(2023, 1, 1))
                .end(LocalDate.of(2024, 6, 30)).build().generate().log();
    }

    @AfterAll
    static void stop() {
        SparkTestSession.release(spark);
    }

    static void assertSameStats(GammaGammaStats expected, GammaGammaStats actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.customers(), actual.customers());
        assertEquals(expected.repeatCustomers(), actual.repeatCustomers());
        for (int k = 0; k < expected.size(); k++) {
            assertArrayEquals(new double[] {expected.frequency(k), expected.meanSpend(k), expected.weight(k)},
                    new double[] {actual.frequency(k), actual.meanSpend(k), actual.weight(k)}, "pair " + k);
        }
    }

    /** Bit-identical: the merged statistics are the same sorted, counted pairs. */
    static void assertSameModel(GammaGammaModel expected, GammaGammaModel actual) {
        assertEquals(expected.params(), actual.params());
        assertEquals(expected.logLikelihood(), actual.logLikelihood());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void simulatorFitEqualsTheSingleJvmFitBitForBit(int partitions) {
        BtydSummary single = SUMMARIZER.summarize(log);
        SparkBtydSummary summary = SparkFeatures.btydSummary(Lines.of(spark, log, partitions), SUMMARIZER);
        assertSameStats(GammaGammaStats.accumulate(single), SparkGammaGamma.stats(summary));
        GammaGamma trainer = GammaGamma.builder().build();
        assertSameModel(trainer.fit(single), SparkGammaGamma.fit(trainer, summary));
    }

    @Test
    void onlineRetailFitEqualsTheSingleJvmFitWith1And3And7Partitions() {
        TransactionLog retail = OnlineRetail.log();
        BtydSummarizer summarizer = BtydSummarizer.builder().end(LocalDate.of(2011, 12, 9)).build();
        GammaGamma trainer = GammaGamma.builder().build();
        GammaGammaModel expected = trainer.fit(summarizer.summarize(retail));
        SparkBtydSummary summary = SparkFeatures.btydSummary(Lines.of(spark, retail, 3), summarizer);
        for (int partitions : new int[] {1, 3, 7}) {
            SparkBtydSummary repartitioned = SparkBtydSummary.of(summary.rows().repartition(partitions),
                    summary.unit());
            assertSameModel(expected, SparkGammaGamma.fit(trainer, repartitioned));
        }
    }

    @Test
    void anEmptySummaryAndABadSpendAreNamedAsInTheSingleJvm() {
        SparkBtydSummary summary = SparkFeatures.btydSummary(Lines.of(spark, log, 2), SUMMARIZER);
        SparkBtydSummary empty = SparkBtydSummary.of(summary.rows().limit(0), summary.unit());
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> SparkGammaGamma.fit(GammaGamma.builder().build(), empty));
        assertEquals("summary must have at least one customer, found 0", e.getMessage());
        SparkBtydSummary zeroSpend = SparkBtydSummary.of(summary.rows().withColumn("monetary_value",
                org.apache.spark.sql.functions.lit(0.0)).repartition(1), summary.unit());
        e = assertThrows(InvalidDataException.class, () -> SparkGammaGamma.fit(GammaGamma.builder().build(),
                zeroSpend));
        assertEquals(true, e.getMessage().matches("row \\d+ \\(customer .+\\): monetary must be > 0 for a repeat "
                + "customer \\(frequency [0-9.]+\\), found 0.0"), e.getMessage());
    }
}
