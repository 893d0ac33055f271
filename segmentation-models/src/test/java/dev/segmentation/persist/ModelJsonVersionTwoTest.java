package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.clv.BgNbd;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.clv.BtydModel;
import dev.segmentation.clv.GammaGamma;
import dev.segmentation.clv.GammaGammaModel;
import dev.segmentation.features.BtydSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Format version 2: the provenance of every fitted model, its fixtures, and what a version-1 file reports. */
class ModelJsonVersionTwoTest {
    static Stream<ModelCases.Case> cases() {
        return ModelCases.all().stream();
    }

    /** Reads a fixture from {@code src/test/resources/persist/v2/}. */
    static String fixture(String name) throws IOException {
        try (InputStream in = ModelJsonVersionTwoTest.class.getResourceAsStream("/persist/v2/" + name + ".json")) {
            if (in == null) {
                throw new IOException("no version-2 fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** 300 customers with repeat purchases at a per-customer rate, and a dropout; fixed seed. */
    static BtydSummary btydData() {
        SplittableRandom rng = new SplittableRandom(20261205L);
        int n = 300;
        String[] ids = new String[n];
        double[] f = new double[n];
        double[] r = new double[n];
        double[] t = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "c" + i;
            t[i] = 30 + rng.nextInt(10);
            double rate = 0.05 + 0.4 * rng.nextDouble();
            double life = t[i] * (rng.nextDouble() < 0.4 ? rng.nextDouble() : 1.0);
            int x = 0;
            double last = 0;
            for (double time = -Math.log(1 - rng.nextDouble()) / rate; time < life;
                    time += -Math.log(1 - rng.nextDouble()) / rate) {
                x++;
                last = Math.floor(time);
            }
            f[i] = x;
            r[i] = x == 0 ? 0 : Math.min(last, t[i]);
            m[i] = x == 0 ? 0 : 10 + 40 * rng.nextDouble();
        }
        return BtydSummary.of(ids, f, r, t, m, Duration.ofDays(7));
    }

    static BgNbdModel fittedBgNbd() {
        return BgNbd.builder().build().fit(btydData());
    }

    static GammaGammaModel fittedGammaGamma() {
        return GammaGamma.builder().build().fit(btydData());
    }

    /** Regenerates the version-2 fixtures; deliberately not a test (run by hand only when a version is released). */
    static void regenerateFixtures(Path dir) throws IOException {
        for (ModelCases.Case c : ModelCases.all()) {
            String json = ModelJson.toJson(c.fit().apply(1));
            if (json.contains("\"version\" : 2")) {
                Files.writeString(dir.resolve(c.type() + ".json"), json);
            }
        }
        Files.writeString(dir.resolve("bgnbd-fitted.json"), ModelJson.toJson(fittedBgNbd()));
        Files.writeString(dir.resolve("gamma-gamma-fitted.json"), ModelJson.toJson(fittedGammaGamma()));
    }

    /** Entry point for {@link #regenerateFixtures}: {@code args[0]} is the target directory. */
    public static void main(String[] args) throws IOException {
        regenerateFixtures(Path.of(args[0]));
    }

    /**
     * Version-2 files keep loading, scoring as today's fit and reporting the same provenance. A document without a
     * type registered {@code since(3)} is written back byte for byte; one with such a type is written back as
     * version 3, exactly as today's fit is written (the version-2 provenance holds everything that moved).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void versionTwoFixturesKeepLoadingScoringAndReportingProvenance(ModelCases.Case c) throws IOException {
        Object fresh = c.fit().apply(1);
        if (ModelJson.toJson(fresh).contains("\"version\" : 1")) {
            // made from given parameters (the BTYD cases): no provenance, written as version 1; see the fitted cases
            assertFalse(((FittedModel) fresh).provenance().recorded());
            return;
        }
        String text = fixture(c.type());
        Object loaded = ModelJson.fromJson(text);
        if (ModelJson.toJson(fresh).contains("\"version\" : 3")) {
            assertEquals(ModelJson.toJson(fresh), ModelJson.toJson(loaded));
        } else {
            assertEquals(text, ModelJson.toJson(loaded));
        }
        assertArrayEquals(c.score().apply(fresh), c.score().apply(loaded));
        if (fresh instanceof FittedModel f) {
            assertTrue(f.provenance().recorded(), c.type());
            assertEquals(f.provenance(), ((FittedModel) loaded).provenance());
        }
    }

    @Test
    void kmeansProvenanceSaysHowItWasFitted() {
        KMeansModel m = (KMeansModel) ModelCases.all().stream().filter(c -> c.type().equals("kmeans")).findFirst()
                .orElseThrow().fit().apply(4);
        Provenance p = m.provenance();
        assertEquals("KMeans", p.trainer());
        assertEquals("3", p.settings().get("k"));
        assertEquals("11", p.settings().get("seed"));
        assertFalse(p.settings().containsKey("threads"));
        assertEquals(ModelCases.X.rows(), p.rows().getAsLong());
        assertEquals(ModelCases.X.names(), p.columns());
        assertEquals(m.dataFingerprint(), p.dataFingerprint().getAsLong());
        assertEquals(Provenance.fingerprint(ModelCases.X), p.dataFingerprint().getAsLong());
        assertEquals(m.iterations(), p.iterations().getAsLong());
        assertEquals(m.converged() ? Provenance.Convergence.CONVERGED : Provenance.Convergence.NOT_CONVERGED,
                p.convergence());
        assertEquals(m.history().size(), p.objectiveHistory().length);
        assertEquals(m.history().get(m.history().size() - 1).inertia(),
                p.objectiveHistory()[p.objectiveHistory().length - 1]);
    }

    /** Issue 17: a loaded BTYD model reports what its fit reported, not converged=false and a NaN log-likelihood. */
    @Test
    void aFittedBgNbdReadFromVersionTwoReportsItsFit() throws IOException {
        BgNbdModel fit = fittedBgNbd();
        assertTrue(fit.converged(), fit.convergenceReason());
        for (String json : new String[] {ModelJson.toJson(fit), fixture("bgnbd-fitted")}) {
            BgNbdModel back = (BgNbdModel) ModelJson.fromJson(json);
            assertEquals(fit.params(), back.params());
            assertEquals(fit.converged(), back.converged());
            assertEquals(fit.iterations(), back.iterations());
            assertEquals(fit.convergenceReason(), back.convergenceReason());
            assertEquals(fit.logLikelihood(), back.logLikelihood());
            assertEquals(fit.provenance(), back.provenance());
            // standard errors are not kept (documented): null after a reload, and stable from then on
            assertTrue(back.standardErrorEstimates().isEmpty());
            String again = ModelJson.toJson(back);
            assertEquals(again, ModelJson.toJson(ModelJson.fromJson(again)));
            assertEquals(json.replaceAll("(?s)\"standardErrors\" : \\[[^]]*]", ""),
                    again.replaceAll("(?s)\"standardErrors\" : \\[[^]]*]", ""));
        }
        assertEquals("BgNbd", fit.provenance().trainer());
        assertEquals(300, fit.provenance().rows().getAsLong());
    }

    @Test
    void aFittedGammaGammaReadFromVersionTwoReportsItsFit() throws IOException {
        GammaGammaModel fit = fittedGammaGamma();
        for (String json : new String[] {ModelJson.toJson(fit), fixture("gamma-gamma-fitted")}) {
            GammaGammaModel back = (GammaGammaModel) ModelJson.fromJson(json);
            assertEquals(fit.params(), back.params());
            assertEquals(fit.converged(), back.converged());
            assertEquals(fit.iterations(), back.iterations());
            assertEquals(fit.convergenceReason(), back.convergenceReason());
            assertEquals(fit.logLikelihood(), back.logLikelihood());
            assertEquals(fit.provenance(), back.provenance());
            assertTrue(back.standardErrorEstimates().isEmpty());
            String again = ModelJson.toJson(back);
            assertEquals(json.replaceAll("(?s)\"standardErrors\" : \\[[^]]*]", ""),
                    again.replaceAll("(?s)\"standardErrors\" : \\[[^]]*]", ""));
        }
    }

    /** A version-1 file did not keep the fit: it says "not recorded" rather than inventing one. */
    @Test
    void aVersionOneBtydFileSaysNotRecorded() throws IOException {
        BtydModel v1 = (BtydModel) ModelJson.fromJson(ModelJsonTest.fixture("bgnbd"));
        assertFalse(v1.provenance().recorded());
        assertEquals(Provenance.Convergence.NOT_RECORDED, v1.provenance().convergence());
        assertEquals("unknown", v1.provenance().trainer());
        assertEquals("not fitted: made from given parameters", v1.convergenceReason());
        assertTrue(Double.isNaN(v1.logLikelihood()));
        // a version-1 k-means file kept its trainer and fingerprint in fields of its own: they become the record
        KMeansModel km = (KMeansModel) ModelJson.fromJson(ModelJsonTest.fixture("kmeans"));
        JsonNode kmV1 = new ObjectMapper().readTree(ModelJsonTest.fixture("kmeans"));
        assertEquals(Provenance.fromDescription(kmV1.get("trainer").asText())
                .dataFingerprint(kmV1.get("dataFingerprint").asLong()).build(), km.provenance());
        assertEquals(Provenance.UNKNOWN, km.provenance().libraryVersion());
        assertEquals(Provenance.Convergence.NOT_RECORDED, km.provenance().convergence());
        assertEquals(kmV1.get("dataFingerprint").asLong(), km.dataFingerprint());
    }

    private static String refusal(String json) {
        return assertThrows(ModelFormatException.class, () -> ModelJson.fromJson(json)).getMessage();
    }

    @Test
    void provenanceRefusalsNameThePath() throws IOException {
        String km = fixture("kmeans");
        assertEquals("model: $.provenance.convergence must be one of [CONVERGED, NOT_CONVERGED, NOT_ITERATIVE, "
                + "NOT_RECORDED], found \"YES\"", refusal(km.replaceFirst("\"convergence\" : \"\\w+\"",
                "\"convergence\" : \"YES\"")));
        assertEquals("model: $.provenance.dataFingerprint must be 16 lower-case hexadecimal digits or null, found "
                + "\"xyz\"", refusal(km.replaceFirst("\"dataFingerprint\" : \"[0-9a-f]+\"",
                "\"dataFingerprint\" : \"xyz\"")));
        assertEquals("model: $.provenance.rows must be an integer >= 0 or null, found -5",
                refusal(km.replaceFirst("\"rows\" : \\d+", "\"rows\" : -5")));
        assertEquals("model: $.provenance.settings.k must be a string, found 3",
                refusal(km.replaceFirst("\"k\" : \"3\"", "\"k\" : 3")));
        assertEquals("model: $.provenance.trainer is missing",
                refusal(km.replaceFirst("\"trainer\" : \"KMeans\",", "")));
    }
}
