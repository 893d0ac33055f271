package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.features.Standardizer;
import dev.segmentation.features.StandardizerModel;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The provenance record: what a trainer's toString gives, what "not recorded" says, and its checks. */
class ProvenanceTest {
    private static final FeatureMatrix X = FeatureMatrix.ofRows(List.of("a", "b"),
            new double[][] {{1, 2}, {3, 5}, {4, 9}});

    @Test
    void theTrainersToStringGivesNameAndOrderedSettingsWithoutThreads() {
        Object trainer = new Object() {
            @Override
            public String toString() {
                return "Lloyd{k=3, columns=[a, b], nested={p=1, q=2}, threads=4, seed=7}";
            }
        };
        Provenance p = Provenance.builder(trainer).build();
        assertEquals("Lloyd", p.trainer());
        assertEquals(List.of("k", "columns", "nested", "seed"), List.copyOf(p.settings().keySet()));
        assertEquals(Map.of("k", "3", "columns", "[a, b]", "nested", "{p=1, q=2}", "seed", "7"), p.settings());
        assertEquals("odd shape", Provenance.builder("odd shape").build().trainer());
        assertEquals(Map.of(), Provenance.builder("odd shape").build().settings());
    }

    @Test
    void theDescriptionIsTheToStringWithoutThreadsAndParsesBack() {
        String toString = "Lloyd{k=3, columns=[a, b], nested={p=1, q=2}, threads=4, seed=7}";
        Provenance p = Provenance.builder(toString).rows(5).build();
        assertEquals("Lloyd{k=3, columns=[a, b], nested={p=1, q=2}, seed=7}", p.description());
        Provenance back = Provenance.fromDescription(p.description()).build();
        assertEquals(p.trainer(), back.trainer());
        assertEquals(p.settings(), back.settings());
        assertEquals(p.description(), back.description());
        assertEquals("unknown", back.libraryVersion());
        assertEquals(OptionalLong.empty(), back.rows());
        assertEquals(Provenance.Convergence.NOT_RECORDED, back.convergence());
        assertEquals(back, Provenance.fromDescription(toString).build());
        assertEquals("odd shape", Provenance.fromDescription("odd shape").build().description());
        assertEquals("unknown", Provenance.notRecorded().description());
        assertEquals(Provenance.notRecorded(), Provenance.fromDescription(Provenance.UNKNOWN).build());
    }

    @Test
    void notRecordedSaysSoEverywhere() {
        Provenance p = Provenance.notRecorded();
        assertFalse(p.recorded());
        assertEquals("unknown", p.trainer());
        assertEquals("unknown", p.libraryVersion());
        assertEquals(OptionalLong.empty(), p.rows());
        assertEquals(OptionalLong.empty(), p.iterations());
        assertEquals(OptionalLong.empty(), p.dataFingerprint());
        assertEquals(Provenance.Convergence.NOT_RECORDED, p.convergence());
        assertEquals("not recorded", p.stopReason());
        assertEquals(0, p.objectiveHistory().length);
        assertEquals("Provenance{not recorded}", p.toString());
    }

    @Test
    void anEncoderFitRecordsItsData() {
        StandardizerModel m = Standardizer.builder().build().fit(X);
        Provenance p = m.provenance();
        assertTrue(p.recorded());
        assertEquals("Standardizer", p.trainer());
        assertEquals(3, p.rows().getAsLong());
        assertEquals(List.of("a", "b"), p.columns());
        assertEquals(Provenance.fingerprint(X), p.dataFingerprint().getAsLong());
        assertEquals(Provenance.fingerprint(new double[] {1, 2, 3, 5, 4, 9}), p.dataFingerprint().getAsLong());
        assertEquals(Provenance.Convergence.NOT_ITERATIVE, p.convergence());
        assertEquals(0, p.iterations().getAsLong());
        // a model made from given values records nothing; withProvenance copies and leaves the original alone
        StandardizerModel given = StandardizerModel.of(List.of("a", "b"), m.means(), m.scales());
        assertFalse(given.provenance().recorded());
        StandardizerModel copy = given.withProvenance(p);
        assertEquals(p, copy.provenance());
        assertFalse(given.provenance().recorded());
        assertArrayEquals(m.transform(X).toArray(), copy.transform(X).toArray());
    }

    @Test
    void equalDataGiveEqualFingerprintsAndOtherDataAnother() {
        assertEquals(Provenance.fingerprint(new double[] {1, 2, 3}), Provenance.fingerprint(new double[] {1, 2, 3}));
        assertNotEquals(Provenance.fingerprint(new double[] {1, 2, 3}), Provenance.fingerprint(new double[] {1, 3, 2}));
        assertNotEquals(Provenance.fingerprint(new double[] {0}), Provenance.fingerprint(new double[] {0, 0}));
    }

    @Test
    void iterativeFitsRecordConvergenceAndHistory() {
        Provenance p = Provenance.named("Fitter").setting("tol", "1e-8").iterations(12, false)
                .stopReason("stopped after 12 iterations").objectiveHistory(new double[] {3, 2, Double.NaN}).build();
        assertEquals(Provenance.Convergence.NOT_CONVERGED, p.convergence());
        assertEquals("stopped after 12 iterations", p.stopReason());
        assertEquals(12, p.iterations().getAsLong());
        assertArrayEquals(new double[] {3, 2, Double.NaN}, p.objectiveHistory());
        double[] h = p.objectiveHistory();
        h[0] = 99;
        assertEquals(3.0, p.objectiveHistory()[0]);
        assertEquals(p, Provenance.named("Fitter").setting("tol", "1e-8").iterations(12, false)
                .stopReason("stopped after 12 iterations").objectiveHistory(new double[] {3, 2, Double.NaN}).build());
    }

    @Test
    void badArgumentsAreRefusedWithOneWording() {
        assertEquals("rows must be >= 0, found -1", assertThrows(IllegalArgumentException.class,
                () -> Provenance.named("T").rows(-1)).getMessage());
        assertEquals("iterations must be >= 0, found -2", assertThrows(IllegalArgumentException.class,
                () -> Provenance.named("T").iterations(-2, true)).getMessage());
        assertEquals("iterations must be >= -1, found -2", assertThrows(IllegalArgumentException.class,
                () -> Provenance.named("T").convergence(-2, Provenance.Convergence.NOT_RECORDED)).getMessage());
        assertEquals("trainerName must be non-empty, found \"\"", assertThrows(IllegalArgumentException.class,
                () -> Provenance.named("")).getMessage());
        assertEquals("reason must be non-empty, found \"\"", assertThrows(IllegalArgumentException.class,
                () -> Provenance.named("T").stopReason("")).getMessage());
    }
}
