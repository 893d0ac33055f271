package dev.segmentation.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.RfmRule;
import dev.segmentation.cluster.RfmSegmenter;
import dev.segmentation.cluster.RfmSegmenterModel;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BtydLifetimeValueModel;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.clv.ParetoNbd;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.testing.SharedData;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.progress.CancellationToken;
import dev.segmentation.progress.CancelledException;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.Popularity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationTest {
    private static TransactionLog log;

    @BeforeAll
    static void simulate() {
        log = RetailSimulator.builder().customers(1500).seed(7).build().generate().log();
    }

    @Test
    void theClassJavadocExampleRuns() {
        // BEGIN pipeline
        SegmentationResult result = Segmentation.of(log)
                .asOf(LocalDate.of(2025, 1, 1))
                .features(f -> f.tenure().behaviour())
                .segments(KMeans.builder().k(6).seed(42))
                .churn(90, LogisticRegression.builder().l2(1.0))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).horizon(Period.ofYears(1)))
                .recommend(ItemKnn.builder().neighbors(50), 10)
                .run();
        // by original id: segment, RFM scores, P(churn), P(alive), expected purchases, CLV, top items
        Optional<CustomerProfile> p = result.customer(log.customerId(41));
        List<SegmentSummary> segments = result.segments();   // size, share, centre, mean CLV, churn rate, name
        // END pipeline
        assertEquals(10, p.orElseThrow().topItems().size());
        assertEquals(6, segments.size());
    }

    @Test
    void featuresOnlyGivesRfmScoresAndNaNElsewhere() {
        SegmentationResult r = Segmentation.of(log).run();
        assertEquals(log.activeCustomerCount(), r.size());
        assertEquals(List.of("features"), new ArrayList<>(r.timings().keySet()));
        assertTrue(r.segments().isEmpty());
        CustomerProfile p = r.customer(0);
        assertEquals(-1, p.segment());
        assertEquals("", p.segmentName());
        assertTrue(p.recencyScore() >= 1 && p.recencyScore() <= 5);
        assertTrue(Double.isNaN(p.clv()) && Double.isNaN(p.churnProbability()));
        assertTrue(p.topItems().isEmpty());
        assertEquals(p.toString(), r.customer(p.id()).orElseThrow().toString());
        assertTrue(r.customer("no such customer").isEmpty());
        assertEquals(LocalDate.from(log.lastDateTime()).plusDays(1), r.asOf());
    }

    @Test
    void kMeansSegmentsHaveSizesSharesCentresAndUniqueNames() {
        SegmentationResult r = Segmentation.of(log).segments(KMeans.builder().k(4).seed(1)).run();
        assertEquals(4, r.segments().size());
        assertTrue(r.segmentModel(KMeansModel.class).isPresent());
        int total = 0;
        double share = 0;
        Set<String> names = new HashSet<>();
        for (SegmentSummary s : r.segments()) {
            total += s.size();
            share += s.share();
            assertTrue(names.add(s.name()), s.name());
            assertEquals(r.features().names(), new ArrayList<>(s.centre().keySet()));
            assertEquals(5, s.topItems().size());
        }
        assertEquals(r.size(), total);
        assertEquals(1.0, share, 1e-12);
        // the centre is the profile's: the segment's encoded mean mapped back to original units
        int[] labels = r.segmentLabels();
        assertEquals(r.segments().get(2).profile().centre()[2], r.segments().get(2).centre().get("monetary"));
        assertEquals(2, r.segments().get(2).profile().label());
        assertEquals(r.segments().get(labels[0]).name(), r.customer(0).segmentName());
    }

    @Test
    void gaussianMixtureAndRfmCellsPlugIn() {
        SegmentationResult g = Segmentation.of(log)
                .segments(GaussianMixture.builder().k(3).seed(3)).run();
        assertTrue(g.segmentModel(GaussianMixtureModel.class).isPresent());
        assertEquals(3, g.segments().size());
        SegmentationResult c = Segmentation.of(log).segments(RfmSegmenter.builder()).run();
        assertTrue(c.segmentModel(RfmSegmenterModel.class).isPresent());
        List<String> names = new ArrayList<>();
        c.segments().forEach(s -> names.add(s.name()));
        assertTrue(names.contains(RfmRule.CHAMPIONS), names.toString());
        // without an encoder (RFM cells) the centre is the plain mean of the segment's customers
        SegmentSummary first = c.segments().get(0);
        int[] labels = c.segmentLabels();
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == first.segment()) {
                sum += c.features().get(i, "monetary");
            }
        }
        assertEquals(sum / first.size(), first.centre().get("monetary"), 1e-9 * sum / first.size());
        CustomerProfile p = c.customer(0);
        assertEquals(c.segmentModel(RfmSegmenterModel.class).orElseThrow().name(p.recencyScore(),
                RfmSegmenterModel.fm(p.frequencyScore(), p.monetaryScore())), p.segmentName());
    }

    @Test
    void lifetimeValueStageScoresEveryCustomer() {
        SegmentationResult r = Segmentation.of(log)
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder())).run();
        assertTrue(r.transactionModel().orElseThrow().converged());
        assertTrue(r.lifetimeValueModel(BtydLifetimeValueModel.class).map(BtydLifetimeValueModel::spend).isPresent());
        for (CustomerProfile p : r.customers()) {
            assertTrue(p.aliveProbability() >= 0 && p.aliveProbability() <= 1, p.toString());
            assertTrue(p.expectedPurchases() >= 0 && p.clv() >= 0, p.toString());
        }
        SegmentationResult pareto = Segmentation.of(log)
                .lifetimeValue(LifetimeValue.paretoNbd(ParetoNbd.builder())).run();
        assertEquals("paretonbd", pareto.transactionModel().orElseThrow().name());
    }

    @Test
    void repeatCustomersWithZeroSpendAreValuedByTheGammaGammaExpectation() {
        TransactionLog.Builder b = TransactionLog.builder();
        for (int row = 0; row < log.size(); row++) {
            b.add(log.customerId(log.customer(row)), log.dateTime(row), log.amount(row));
        }
        LocalDateTime t = log.firstDateTime().plusDays(30);
        b.add("zero", t, 0.0).add("zero", t.plusDays(60), 0.0);
        SegmentationResult r = Segmentation.of(b.build()).lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder())).run();
        SegmentationResult plain = Segmentation.of(log).lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder())).run();
        CustomerProfile zero = r.customer("zero").orElseThrow();
        GammaGammaModel spend = r.lifetimeValueModel(BtydLifetimeValueModel.class).orElseThrow().spend();
        double mean = spend.populationMeanSpend();
        assertTrue(zero.clv() > 0, zero.toString());
        // the zero-spend customer is left out of the spend fit: it equals the fit without them
        assertEquals(plain.lifetimeValueModel(BtydLifetimeValueModel.class).orElseThrow().spend().params(),
                spend.params());
        // issue 18: valued by E[Z | x, zbar = 0] as in Clv.compute and CustomerScorer (before: the population mean)
        double perPurchase = dev.segmentation.clv.Clv.spendPerPurchase(spend, 1, 0.0); // two purchase days: one repeat
        assertTrue(perPurchase < mean, perPurchase + " vs " + mean);
        assertEquals(zero.expectedPurchases() * perPurchase, zero.clv(), 0.1 * zero.clv());
    }

    @Test
    void churnStageGivesProbabilitiesThatRankTheTrainingLabels() {
        SegmentationResult r = Segmentation.of(log).churn(60, LogisticRegression.builder().l2(1.0)).run();
        assertTrue(r.churn().orElseThrow().converged());
        assertEquals(60, r.churnTraining().orElseThrow().horizonDays());
        for (CustomerProfile p : r.customers()) {
            assertTrue(p.churnProbability() > 0 && p.churnProbability() < 1, p.toString());
        }
    }

    @Test
    void recommendationsAreUnseenItemIds() {
        SegmentationResult r = Segmentation.of(log).recommend(ItemKnn.builder().neighbors(20), 5).run();
        CustomerProfile p = r.customer(3);
        assertEquals(5, p.topItems().size());
        int c = log.customerIndex(p.id());
        for (String item : p.topItems()) {
            int i = log.itemIndex(item);
            for (int k = 0; k < log.rowsOf(c).size(); k++) {
                assertTrue(log.item(log.rowsOf(c).row(k)) != i, item);
            }
        }
        SegmentationResult pop = Segmentation.of(log).recommend(Popularity.builder(), 3).run();
        assertEquals(3, pop.customer(0).topItems().size());
        SegmentationResult custom = Segmentation.of(log)
                .recommend(m -> Popularity.builder().build().fit(m), 2).run();
        assertEquals(pop.customer(0).topItems().subList(0, 2), custom.customer(0).topItems());
    }

    @Test
    void runsAreDeterministicAndProgressIsReportedPerStage() {
        List<String> events = new ArrayList<>();
        Segmentation s = full().progress((stage, f) -> events.add(stage + ":" + f));
        SegmentationResult a = s.run();
        List<String> first = List.copyOf(events);
        SegmentationResult b = full().run();
        assertArrayEquals(a.segmentLabels(), b.segmentLabels());
        for (int i = 0; i < a.size(); i += 97) {
            assertEquals(a.customer(i).toString(), b.customer(i).toString());
        }
        assertEquals(List.of("features", "segments", "lifetimeValue", "churn", "recommendations", "summaries"),
                new ArrayList<>(a.timings().keySet()));
        for (String stage : a.timings().keySet()) {
            assertTrue(first.contains(stage + ":0.0"), stage);
            assertTrue(first.contains(stage + ":1.0"), stage);
        }
    }

    @Test
    void aCancelledRunThrowsNamingTheStage() {
        CancellationToken token = new CancellationToken();
        CancelledException e = assertThrows(CancelledException.class, () -> full().cancellation(token)
                .progress((stage, f) -> {
                    if (stage.equals("churn")) {
                        token.cancel();
                    }
                }).run());
        assertEquals("cancelled during stage churn", e.getMessage());
    }

    @Test
    void csvExportHasStableHeaders(@TempDir Path dir) throws IOException {
        SegmentationResult r = full().run();
        r.writeCsv(dir);
        List<String> customers = Files.readAllLines(dir.resolve("customers.csv"), StandardCharsets.UTF_8);
        assertEquals("customer_id,segment,segment_name,r_score,f_score,m_score,recency,frequency,monetary,p_churn,"
                + "p_alive,expected_purchases,clv,top_items", customers.get(0));
        assertEquals(r.size() + 1, customers.size());
        CustomerProfile p = r.customer(0);
        String[] f = customers.get(1).split(",", -1);
        assertEquals(p.id(), f[0]);
        assertEquals(Double.toString(p.clv()), f[12]);
        assertEquals(String.join(" ", p.topItems()), f[13]);
        List<String> segments = Files.readAllLines(dir.resolve("segments.csv"), StandardCharsets.UTF_8);
        // issue 15: segments.csv gains the profile columns after top_items
        assertEquals("segment,name,size,share,centre_recency,centre_frequency,centre_monetary,mean_clv,churn_rate,"
                + "top_items,median_recency,median_frequency,median_monetary,revenue,revenue_share,clv_total,"
                + "value_at_risk,action,distinctive_items", segments.get(0));
        assertEquals(4, segments.size());
    }

    @Test
    void csvFieldsWithCommasAndQuotesAreQuoted(@TempDir Path dir) throws IOException {
        TransactionLog.Builder b = TransactionLog.builder();
        LocalDateTime t = LocalDateTime.of(2020, 1, 1, 10, 0);
        b.add("a,\"b\"", t, 10).add("c", t.plusDays(3), 5).add("a,\"b\"", t.plusDays(9), 7);
        Segmentation.of(b.build()).run().writeCustomersCsv(dir.resolve("c.csv"));
        assertTrue(Files.readAllLines(dir.resolve("c.csv")).get(1).startsWith("\"a,\"\"b\"\"\",,,"));
    }

    private static Segmentation full() {
        return Segmentation.of(log).segments(KMeans.builder().k(3).seed(5))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()))
                .churn(90, LogisticRegression.builder())
                .recommend(Popularity.builder(), 3);
    }

    // ---- bad configuration: run() fails before any fit, naming the stage ----

    @Test
    void badSegmentsSettingNamesTheStage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> full().segments(KMeans.builder().initialCentroids(new double[2][3]).nInit(10)).run());
        assertEquals("segments: nInit must be 1 when initialCentroids are given, found 10", e.getMessage());
    }

    @Test
    void kAboveTheCustomersIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(log).segments(KMeans.builder().k(100_000)).run());
        assertEquals("segments: k must be <= the number of customers " + log.activeCustomerCount()
                + ", found 100000", e.getMessage());
    }

    @Test
    void badChurnSettingsNameTheStage() {
        assertEquals("churn: horizonDays must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(log).churn(0, LogisticRegression.builder()).run()).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(log).churn(100_000, LogisticRegression.builder()).run());
        long days = ChronoUnit.DAYS.between(log.firstDateTime().toLocalDate(), log.lastDateTime().toLocalDate());
        assertEquals("churn: horizonDays must be < " + days
                + " (the days from the first purchase to the last observed day), found 100000", e.getMessage());
    }

    @Test
    void badLifetimeValueSettingsNameTheStage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Segmentation.of(log)
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).annualDiscountRate(-0.5)).run());
        assertEquals("lifetimeValue: annualDiscountRate must be finite and >= 0, found -0.5", e.getMessage());
        assertEquals("lifetimeValue: unit must be positive, found PT0S", assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(log).lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder()).unit(Duration.ZERO))
                        .run()).getMessage());
    }

    @Test
    void badRecommendationsSettingsNameTheStage() {
        assertEquals("recommendations: n must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> Segmentation.of(log).recommend(Popularity.builder(), 0).run()).getMessage());
        TransactionLog noItems = TransactionLog.builder()
                .add("a", LocalDateTime.of(2020, 1, 1, 0, 0), 1).add("a", LocalDateTime.of(2020, 2, 1, 0, 0), 1)
                .build();
        assertEquals("recommendations: log must have item ids, found none",
                assertThrows(IllegalArgumentException.class,
                        () -> Segmentation.of(noItems).recommend(Popularity.builder(), 3).run()).getMessage());
    }

    @Test
    void badFeaturesAndDatesAreRefused() {
        assertEquals("features: features must return the builder, found null",
                assertThrows(IllegalArgumentException.class,
                        () -> Segmentation.of(log).features(f -> null).run()).getMessage());
        LocalDate first = log.firstDateTime().toLocalDate();
        assertEquals("asOf must be after the first purchase date " + first + ", found " + first,
                assertThrows(IllegalArgumentException.class,
                        () -> Segmentation.of(log).asOf(first).run()).getMessage());
        LocalDate late = log.lastDateTime().toLocalDate().plusDays(5);
        assertEquals("asOf must be on or before the day after the last purchase "
                + log.lastDateTime().toLocalDate().plusDays(1) + ", found " + late,
                assertThrows(IllegalArgumentException.class,
                        () -> Segmentation.of(log).asOf(late).run()).getMessage());
        assertEquals("log must have at least one row, found 0", assertThrows(InvalidDataException.class,
                () -> Segmentation.of(TransactionLog.builder().build()).run()).getMessage());
    }

    @Test
    void anEarlierAsOfIgnoresLaterRows() {
        LocalDate asOf = log.lastDateTime().toLocalDate().minusDays(100);
        SegmentationResult r = Segmentation.of(log).asOf(asOf).churn(30, LogisticRegression.builder()).run();
        assertEquals(asOf, r.asOf());
        assertTrue(r.log().lastDateTime().toLocalDate().isBefore(asOf));
        assertTrue(r.size() <= log.activeCustomerCount());
        assertFalse(r.customers().isEmpty());
        Map<String, ?> t = r.timings();
        assertTrue(t.containsKey("churn"));
    }

    @Test
    void aCsvWithAPresetIsReadByTheCoreReader() {
        Path file = SharedData.file("cdnow/CDNOW_sample.txt");
        SegmentationResult r = Segmentation.of(file, "cdnow").segments(KMeans.builder().k(3).seed(1))
                .lifetimeValue(LifetimeValue.bgNbd(BgNbd.builder())).run();
        assertEquals(TransactionCsv.readPreset(file, "cdnow").log().activeCustomerCount(), r.size());
        assertTrue(r.transactionModel().orElseThrow().converged());
        assertEquals(3, r.segments().size());
    }

    @Test
    void lifetimeValueDescribesItsSettings() {
        assertEquals("LifetimeValue{transactionModel=" + BgNbd.builder().penalty(0.5).build()
                + ", spend=" + GammaGamma.builder().build() + ", horizon=P6M, annualDiscountRate=0.12, unit=PT168H}",
                LifetimeValue.bgNbd(BgNbd.builder().penalty(0.5)).horizon(Period.ofMonths(6))
                        .annualDiscountRate(0.12).toString());
    }

    @Test
    void nullsAreRefusedByName() {
        assertEquals("log", assertThrows(NullPointerException.class, () -> Segmentation.of(null)).getMessage());
        assertEquals("kMeans", assertThrows(NullPointerException.class,
                () -> Segmentation.of(log).segments((KMeans.Builder) null)).getMessage());
    }
}
