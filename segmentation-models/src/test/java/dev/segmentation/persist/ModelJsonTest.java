package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.clv.BgNbdModel;
import dev.segmentation.features.StandardizerModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON format: round trips, the version-1 fixtures, and refusals with exact messages. */
class ModelJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<ModelCases.Case> cases() {
        return ModelCases.all().stream();
    }

    /** Reads a fixture from {@code src/test/resources/persist/v1/}. */
    static String fixture(String type) throws IOException {
        try (InputStream in = ModelJsonTest.class.getResourceAsStream("/persist/v1/" + type + ".json")) {
            if (in == null) {
                throw new IOException("no fixture for " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripKeepsEveryFieldAndScoresIdentically(ModelCases.Case c) {
        Object m = c.fit().apply(1);
        String json = ModelJson.toJson(m);
        Object back = ModelJson.fromJson(json);
        assertEquals(m.getClass(), back.getClass());
        assertEquals(json, ModelJson.toJson(back));
        assertArrayEquals(c.score().apply(m), c.score().apply(back));
    }

    /**
     * Version-1 files must keep loading and scoring as the model fitted today from the same data does. A document
     * without a type registered {@code since(3)} is written back byte for byte; one with such a type (its trainer
     * description now lives in the provenance) is written back as version 3, which then reads back unchanged.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void versionOneFixturesKeepLoadingAndScoring(ModelCases.Case c) throws IOException {
        String text = fixture(c.type());
        Object loaded = ModelJson.fromJson(text);
        String back = ModelJson.toJson(loaded);
        if (Codecs.since(Codecs.STANDARD, JSON.readTree(text)) < 3) {
            assertEquals(text, back);
        } else {
            assertEquals(3, JSON.readTree(back).get("version").asInt(), back);
            assertEquals(back, ModelJson.toJson(ModelJson.fromJson(back)));
        }
        assertArrayEquals(c.score().apply(c.fit().apply(1)), c.score().apply(loaded));
    }

    /** Regenerates the fixtures; deliberately not a test (run by hand only when a new format version is released). */
    static void regenerateFixtures(Path dir) throws IOException {
        for (ModelCases.Case c : ModelCases.all()) {
            Files.writeString(dir.resolve(c.type() + ".json"), ModelJson.toJson(c.fit().apply(1)));
        }
    }

    /** Entry point for {@link #regenerateFixtures}: {@code args[0]} is the target directory. */
    public static void main(String[] args) throws IOException {
        regenerateFixtures(Path.of(args[0]));
    }

    @Test
    void typedReadAndFiles(@TempDir Path dir) {
        KMeansModel km = (KMeansModel) ModelCases.all().stream().filter(c -> c.type().equals("kmeans")).findFirst()
                .orElseThrow().fit().apply(1);
        Path file = dir.resolve("km.json");
        ModelJson.write(km, file);
        assertEquals(km.inertia(), ModelJson.read(file, KMeansModel.class).inertia());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelJson.read(file, StandardizerModel.class));
        assertEquals(file + ": $.type must name a StandardizerModel, found \"kmeans\"", e.getMessage());
        Path missing = dir.resolve("nope.json");
        assertEquals(missing + ": model file not found",
                assertThrows(ModelFormatException.class, () -> ModelJson.read(missing)).getMessage());
    }

    @Test
    void bundleKeepsNamesOrderAndModels() {
        BgNbdModel clv = BgNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, Duration.ofDays(7));
        Object std = ModelCases.all().get(0).fit().apply(1);
        ModelBundle b = ModelBundle.builder().put("scale", std).put("clv", clv).build();
        ModelBundle back = ModelJson.read(new StringReader(ModelJson.toJson(b)), ModelBundle.class);
        assertEquals(List.of("scale", "clv"), back.names());
        assertEquals(clv.params(), back.get("clv", BgNbdModel.class).params());
        assertEquals(ModelJson.toJson(b), ModelJson.toJson(back));
        assertEquals("model \"clv\" must be a KMeansModel, found BgNbdModel",
                assertThrows(IllegalArgumentException.class, () -> back.get("clv", KMeansModel.class)).getMessage());
        assertEquals("name must be unique, found \"clv\" twice", assertThrows(IllegalArgumentException.class,
                () -> ModelBundle.builder().put("clv", clv).put("clv", clv)).getMessage());
    }

    @Test
    void writingAnUnknownTypeIsRefused() {
        assertEquals(false, ModelJson.persistable("x"));
        assertEquals(true, ModelJson.persistable(BgNbdModel.of(0.24, 4.4, 0.79, 2.4, Duration.ofDays(7))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelJson.toJson("x"));
        assertEquals("model must be one of the persistable types " + Codecs.STANDARD + ", found java.lang.String",
                e.getMessage());
    }

    private static String refusal(String json) {
        return assertThrows(ModelFormatException.class, () -> ModelJson.fromJson(json)).getMessage();
    }

    private static final String BG = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"bgnbd\","
            + "\"unit\":\"P7D\",\"params\":{\"r\":0.24,\"alpha\":4.4,\"a\":0.79,\"b\":2.4}}";

    @Test
    void aMinimalHandWrittenDocumentLoads() {
        BgNbdModel m = assertInstanceOf(BgNbdModel.class, ModelJson.fromJson(BG));
        assertEquals(0.24, m.r());
        assertEquals(Duration.ofDays(7), m.unit());
    }

    @Test
    void refusalsNameThePathExactly() {
        assertEquals("model: $ must be a JSON document, found invalid JSON at line 1, column 2 (Unexpected "
                + "character ('x' (code 120)): was expecting double-quote to start field name)", refusal("{x"));
        assertEquals("model: $ must be a JSON object, found []", refusal("[]"));
        assertEquals("model: $ must be a JSON object, found an empty document", refusal(""));
        assertEquals("model: $.format must be \"segmentation-model\", found \"dev.segmentation/bgnbd\"",
                refusal(BG.replace("segmentation-model", "dev.segmentation/bgnbd")));
        assertEquals("model: $.version: unsupported format version 4; this build reads up to 3",
                refusal(BG.replace("\"version\":1", "\"version\":4")));
        assertEquals("model: $.version must be an integer, found \"1\"",
                refusal(BG.replace("\"version\":1", "\"version\":\"1\"")));
        assertEquals("model: $.type must be one of " + Codecs.STANDARD + ", found \"svm\"",
                refusal(BG.replace("bgnbd", "svm")));
        assertEquals("model: $.params.b is missing", refusal(BG.replace(",\"b\":2.4", "")));
        assertEquals("model: $.params must hold exactly [r, alpha, a, b], found {\"r\":0.24,\"alpha\":4.4,\"a\":"
                + "0.79,\"b\":2.4,\"c\":1}", refusal(BG.replace("2.4}", "2.4,\"c\":1}")));
        assertEquals("model: $.params.r must be a finite number, found null", refusal(BG.replace("0.24", "null")));
        assertEquals("model: $.params.r must be a finite number, found \"Infinity\"", refusal(BG.replace("0.24",
                "1e400")));
        assertEquals("model: $ is not a valid bgnbd model: r must be finite and > 0, found -0.24",
                refusal(BG.replace("0.24", "-0.24")));
        assertEquals("model: $.unit must be an ISO-8601 duration such as \"P7D\", found \"week\"",
                refusal(BG.replace("P7D", "week")));
    }

    @Test
    void dimensionAndConstraintRefusals() throws IOException {
        String km = fixture("kmeans");
        String bad = km.replaceFirst("\"names\" : \\[ \"recency\", \"frequency\", \"monetary\" \\]",
                "\"names\" : [ \"recency\", \"frequency\" ]");
        assertEquals("model: $ is not a valid kmeans model: centroids[0] must have length 2 (one per feature), "
                + "found 3", refusal(bad));
        String std = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"standardizer\",\"columns\":[\"a\"],"
                + "\"means\":[1.0],\"scales\":[0.0]}";
        assertEquals("model: $ is not a valid standardizer model: scales[0] must be finite and > 0, found 0.0",
                refusal(std));
        assertEquals("model: $.means[0] must be a finite number, found \"x\"", refusal(std.replace("[1.0]",
                "[\"x\"]")));
        assertEquals("model: $.columns[0] must be a string, found 3", refusal(std.replace("[\"a\"]", "[3]")));
        String nb = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"naive-bayes\",\"trainer\":\"t\","
                + "\"classes\":[1,0],\"logPriors\":[-0.7,-0.7],\"featureLogProbabilities\":[[-1.0],[-2.0]]}";
        assertEquals("model: $ is not a valid naive-bayes model: classes must be sorted and distinct, found 1 before 0",
                refusal(nb));
        assertEquals("model: $ is not a valid naive-bayes model: featureLogProbabilities[1] must have length 1 (one "
                + "per feature), found 2", refusal(nb.replace("[1,0]", "[0,1]").replace("[-2.0]", "[-2.0,-1.0]")));
        String cv = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"count-vectorizer\",\"tokenizer\":"
                + "{\"normalize\":true,\"lowercase\":true,\"tokenPattern\":\"\\\\w+\",\"ngrams\":1},"
                + "\"vocabulary\":[\"b\",\"a\"]}";
        assertEquals("model: $ is not a valid count-vectorizer model: vocabulary must be sorted and distinct, found "
                + "\"b\" before \"a\"", refusal(cv));
        String pop = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"popularity\",\"matrix\":{"
                + "\"customers\":1,\"items\":2,\"rowPtr\":[0,1],\"cols\":[2],\"values\":[1.0]}}";
        assertEquals("model: $ is not a valid popularity model: row 0, column item: item must be in [0, 2), found 2",
                refusal(pop));
        String knn = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"item-knn\",\"trainer\":\"t\","
                + "\"shrink\":0.0,\"matrix\":{\"customers\":1,\"items\":2,\"rowPtr\":[0,2],\"cols\":[0,1],"
                + "\"values\":[1.0,1.0]},\"neighbors\":[[1],[1]],\"similarities\":[[1.0],[1.0]]}";
        assertEquals("model: $ is not a valid item-knn model: neighbors[1][0] must be another item in [0, 2), found 1",
                refusal(knn));
    }

    @Test
    void recommenderAndSparseLogisticRefusals() {
        String m2 = "\"matrix\":{\"customers\":2,\"items\":2,\"rowPtr\":[0,1,2],\"cols\":[0,1],\"values\":[1.0,2.0]}";
        String als = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"implicit-als\",\"trainer\":\"t\","
                + m2 + ",\"userFactors\":[[0.1,0.2],[0.3,0.4]],\"itemFactors\":[[0.5,0.6],[0.7,0.8]],"
                + "\"lossHistory\":[3.0,2.0],\"converged\":false}";
        assertInstanceOf(dev.segmentation.recommend.ImplicitAlsModel.class, ModelJson.fromJson(als));
        assertEquals("model: $ is not a valid implicit-als model: userFactors must have 2 rows (one per customer), "
                + "found 1", refusal(als.replace("[[0.1,0.2],[0.3,0.4]]", "[[0.1,0.2]]")));
        assertEquals("model: $ is not a valid implicit-als model: itemFactors[1] must have length 2 (one per "
                + "factor), found 1", refusal(als.replace("[0.7,0.8]", "[0.7]")));
        assertEquals("model: $ is not a valid implicit-als model: factors must be >= 1, found 0",
                refusal(als.replace("[[0.1,0.2],[0.3,0.4]]", "[[],[]]").replace("[[0.5,0.6],[0.7,0.8]]", "[[],[]]")));
        assertEquals("model: $ is not a valid implicit-als model: lossHistory length must be >= 1, found 0",
                refusal(als.replace("[3.0,2.0]", "[]")));
        assertEquals("model: $.userFactors[0][1] must be a finite number, found null",
                refusal(als.replace("0.2]", "null]")));
        String seg = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"segment-popularity\","
                + m2 + ",\"segments\":[0,-1]}";
        assertInstanceOf(dev.segmentation.recommend.SegmentPopularityModel.class, ModelJson.fromJson(seg));
        assertEquals("model: $ is not a valid segment-popularity model: segments length must be customers = 2, "
                + "found 1", refusal(seg.replace("[0,-1]", "[0]")));
        assertEquals("model: $ is not a valid segment-popularity model: row 1, column segment: segment must be "
                + ">= -1, found -2", refusal(seg.replace("[0,-1]", "[0,-2]")));
        assertEquals("model: $.segments[0] must be a 64-bit integer, found 0.5", refusal(seg.replace("[0,-1]",
                "[0.5,-1]")));
        String slr = "{\"format\":\"segmentation-model\",\"version\":1,\"type\":\"sparse-logistic-regression\","
                + "\"trainer\":\"t\",\"intercept\":0.5,\"coefficients\":[1.0,-2.0],\"logLikelihood\":null,"
                + "\"objective\":-3.0,\"iterations\":4,\"converged\":true,\"objectiveHistory\":[null,-3.0],"
                + "\"rows\":10}";
        assertInstanceOf(dev.segmentation.churn.SparseLogisticRegressionModel.class, ModelJson.fromJson(slr));
        assertEquals("model: $ is not a valid sparse-logistic-regression model: iterations must be >= 0, found -1",
                refusal(slr.replace("\"iterations\":4", "\"iterations\":-1")));
        assertEquals("model: $ is not a valid sparse-logistic-regression model: rows must be >= 0, found -10",
                refusal(slr.replace("\"rows\":10", "\"rows\":-10")));
        assertEquals("model: $.coefficients[1] must be a finite number, found null",
                refusal(slr.replace("-2.0]", "null]")));
        assertEquals("model: $.intercept is missing", refusal(slr.replace("\"intercept\":0.5,", "")));
    }
}
