package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeansModel;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Format version 3: the eleven types that kept a {@code trainer} field of their own (and k-means and the mixture
 * their {@code dataFingerprint}) keep it only in the provenance; their {@code trainer()} is the provenance's
 * {@link Provenance#description()}. Version-1 and version-2 files of those types keep loading and scoring
 * identically.
 */
class ModelJsonVersionThreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<ModelCases.Case> cases() {
        return ModelCases.all().stream();
    }

    /** The cases whose document is version 3: they hold a type registered {@code since(3)}. */
    static Stream<ModelCases.Case> versionThreeCases() {
        return ModelCases.all().stream().filter(c -> version(ModelJson.toJson(c.fit().apply(1))) == 3);
    }

    /** Reads a fixture from {@code src/test/resources/persist/<dir>/}. */
    static String fixture(String dir, String name) throws IOException {
        try (InputStream in = ModelJsonVersionThreeTest.class.getResourceAsStream("/persist/" + dir + "/" + name
                + ".json")) {
            if (in == null) {
                throw new IOException("no " + dir + " fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int version(String json) {
        try {
            return JSON.readTree(json).get("version").asInt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Regenerates the version-3 fixtures; deliberately not a test (run by hand only when a version is released). */
    static void regenerateFixtures(Path dir) throws IOException {
        for (ModelCases.Case c : ModelCases.all()) {
            String json = ModelJson.toJson(c.fit().apply(1));
            if (version(json) == 3) {
                Files.writeString(dir.resolve(c.type() + ".json"), json);
            }
        }
    }

    /** Entry point for {@link #regenerateFixtures}: {@code args[0]} is the target directory. */
    public static void main(String[] args) throws IOException {
        regenerateFixtures(Path.of(args[0]));
    }

    /** The eleven types that moved, and nothing else, are registered since version 3. */
    @Test
    void elevenTypesAreRegisteredSinceVersionThree() {
        List<String> since3 = new ArrayList<>();
        for (String name : Codecs.STANDARD.names()) {
            if (Codecs.STANDARD.named(name).since == 3) {
                since3.add(name);
            }
        }
        assertEquals(List.of("kmeans", "mini-batch-kmeans", "gaussian-mixture", "rfm-segmenter",
                "logistic-regression", "tfidf", "naive-bayes", "item-knn", "implicit-als", "sparse-logistic-regression",
                "population-stability"), since3);
    }

    /** Every type round-trips: the same document, the same scores, the same provenance and trainer description. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyTypeRoundTrips(ModelCases.Case c) throws Exception {
        Object m = c.fit().apply(4);
        String json = ModelJson.toJson(m);
        Object back = ModelJson.fromJson(json);
        assertEquals(json, ModelJson.toJson(back));
        assertArrayEquals(c.score().apply(m), c.score().apply(back));
        if (m instanceof FittedModel f) {
            assertEquals(f.provenance(), ((FittedModel) back).provenance());
        }
        assertEquals(trainer(m), trainer(back));
    }

    /** The {@code trainer()} of a model that has one, else null. */
    private static String trainer(Object m) throws Exception {
        Method t;
        try {
            t = m.getClass().getMethod("trainer");
        } catch (NoSuchMethodException e) {
            return null;
        }
        t.setAccessible(true); // some are declared in a package-private superclass
        return (String) t.invoke(m);
    }

    /**
     * Version-3 fixtures load, score as today's fit, report its provenance, and are what today's fit writes; the
     * trainer description and the fingerprint are only in the provenance.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("versionThreeCases")
    void versionThreeFixturesKeepLoadingAndHoldTheTrainerOnlyInTheProvenance(ModelCases.Case c) throws Exception {
        Object fresh = c.fit().apply(1);
        String text = fixture("v3", c.type());
        assertEquals(text, ModelJson.toJson(fresh));
        Object loaded = ModelJson.fromJson(text);
        assertEquals(text, ModelJson.toJson(loaded));
        assertArrayEquals(c.score().apply(fresh), c.score().apply(loaded));
        assertEquals(trainer(fresh), trainer(loaded));
        if (fresh instanceof FittedModel f) {
            assertEquals(f.provenance(), ((FittedModel) loaded).provenance());
            assertEquals(f.provenance().description(), trainer(loaded));
        }
        List<String> misplaced = new ArrayList<>();
        outsideProvenance(JSON.readTree(text), "$", misplaced);
        assertEquals(List.of(), misplaced);
    }

    /** Collects the paths of {@code trainer} and {@code dataFingerprint} fields that are not in a provenance. */
    private static void outsideProvenance(JsonNode n, String path, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("provenance")) {
                continue;
            }
            if (e.getKey().equals("trainer") || e.getKey().equals("dataFingerprint")) {
                out.add(path + "." + e.getKey());
            }
            outsideProvenance(e.getValue(), path + "." + e.getKey(), out);
        }
        for (int i = 0; n.isArray() && i < n.size(); i++) {
            outsideProvenance(n.get(i), path + "[" + i + "]", out);
        }
    }

    /**
     * Version-1 and version-2 files of the moved types load and score as the version-3 file does; their trainer
     * description is the file's {@code trainer} field without {@code threads}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("versionThreeCases")
    void olderVersionsOfTheMovedTypesReadAsVersionThree(ModelCases.Case c) throws Exception {
        Object v3 = ModelJson.fromJson(fixture("v3", c.type()));
        for (String dir : new String[] {"v1", "v2"}) {
            String text = fixture(dir, c.type());
            Object old = ModelJson.fromJson(text);
            assertArrayEquals(c.score().apply(v3), c.score().apply(old), dir);
            JsonNode field = JSON.readTree(text).get("trainer");
            if (field != null) {
                String description = trainer(old);
                assertEquals(Provenance.fromDescription(field.asText()).build().description(), description, dir);
                assertFalse(description.contains("threads="), description);
                assertEquals(trainer(v3), description, dir);
            }
            String back = ModelJson.toJson(old);
            assertEquals(3, version(back), dir);
            assertEquals(back, ModelJson.toJson(ModelJson.fromJson(back)), dir);
        }
    }

    /** K-means and the mixture answer {@code dataFingerprint()} from the provenance, whatever the file version. */
    @Test
    void fingerprintsComeFromTheProvenance() throws IOException {
        for (String dir : new String[] {"v1", "v2", "v3"}) {
            KMeansModel km = (KMeansModel) ModelJson.fromJson(fixture(dir, "kmeans"));
            assertEquals(Provenance.fingerprint(ModelCases.X), km.dataFingerprint(), dir);
            assertEquals(km.dataFingerprint(), km.provenance().dataFingerprint().getAsLong(), dir);
            GaussianMixtureModel gmm = (GaussianMixtureModel) ModelJson.fromJson(fixture(dir,
                    "gaussian-mixture-full"));
            assertEquals(gmm.dataFingerprint(), gmm.provenance().dataFingerprint().getAsLong(), dir);
        }
        KMeansModel fresh = (KMeansModel) versionThreeCases().filter(c -> c.type().equals("kmeans")).findFirst()
                .orElseThrow().fit().apply(1);
        assertTrue(fresh.trainer().startsWith("KMeans{k=3, "), fresh.trainer());
        assertEquals(fresh.provenance().description(), fresh.trainer());
    }

    /** A moved type made from given values (no provenance) is written as version 3 and reads back unrecorded. */
    @Test
    void aModelWithoutProvenanceReadsBackUnrecorded() {
        KMeansModel km = KMeansModel.of(List.of("a", "b"), new double[][] {{0, 0}, {1, 1}}, 2.5, 3, true,
                new long[] {4, 5}, List.of(), Provenance.UNKNOWN, 9, 0L).withProvenance(Provenance.notRecorded());
        assertEquals("unknown", km.trainer());
        String json = ModelJson.toJson(km);
        assertEquals(3, version(json));
        assertFalse(json.contains("provenance"), json);
        KMeansModel back = (KMeansModel) ModelJson.fromJson(json);
        assertEquals(Provenance.notRecorded(), back.provenance());
        assertEquals(json, ModelJson.toJson(back));
    }
}
