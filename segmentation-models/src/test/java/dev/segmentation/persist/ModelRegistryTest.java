package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.FittedModel;
import dev.segmentation.Provenance;
import dev.segmentation.internal.ParamChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one registry of persistable types: its list is the documentation's, and adding a model family is one
 * registration line (shown with {@link ExampleLevelModel}, a model defined only here).
 */
class ModelRegistryTest {
    /** Adding a model family to the format: this one registration line, plus the model's writer and reader. */
    static final Registry WITH_EXAMPLE = Codecs.STANDARD.plus(
            ModelType.of("example-level", ExampleLevelModel.class, ExampleLevelModel::write, ExampleLevelModel::read));

    /** A minimal fitted model: predicts one level for every row. Immutable. */
    static final class ExampleLevelModel implements FittedModel {
        private final double level;
        private final Provenance provenance;

        ExampleLevelModel(double level, Provenance provenance) {
            this.level = ParamChecks.finite("level", level);
            this.provenance = provenance;
        }

        /** Fits the level as the mean of the values. */
        static ExampleLevelModel fit(double[] values) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return new ExampleLevelModel(sum / values.length, Provenance.named("ExampleLevel")
                    .setting("statistic", "mean").rows(values.length).dataFingerprint(Provenance.fingerprint(values))
                    .notIterative().build());
        }

        double predict() {
            return level;
        }

        @Override
        public Provenance provenance() {
            return provenance;
        }

        @Override
        public ExampleLevelModel withProvenance(Provenance p) {
            return new ExampleLevelModel(level, p);
        }

        static void write(ExampleLevelModel m, ObjectNode out) {
            out.put("level", m.level);
        }

        static ExampleLevelModel read(Doc d) {
            return new ExampleLevelModel(d.number("level"), Provenance.notRecorded());
        }
    }

    @Test
    void anExampleFamilyRegisteredInOneLineIsSavedAndLoaded() {
        ExampleLevelModel m = ExampleLevelModel.fit(new double[] {1, 2, 6});
        String json = ModelJson.toJson(m, WITH_EXAMPLE);
        assertTrue(json.contains("\"version\" : 2"), json);
        assertTrue(json.contains("\"type\" : \"example-level\""), json);
        ExampleLevelModel back = assertInstanceOf(ExampleLevelModel.class, ModelJson.fromJson(json, WITH_EXAMPLE));
        assertEquals(3.0, back.predict());
        assertEquals(m.provenance(), back.provenance());
        assertEquals(json, ModelJson.toJson(back, WITH_EXAMPLE));
        // the standard registry does not know the example: it refuses by name, listing what it knows
        assertEquals("model: $.type must be one of " + Codecs.STANDARD + ", found \"example-level\"",
                assertThrows(ModelFormatException.class, () -> ModelJson.fromJson(json)).getMessage());
        assertEquals("model: $.level must be a finite number, found null", assertThrows(ModelFormatException.class,
                () -> ModelJson.fromJson(json.replace("\"level\" : 3.0", "\"level\" : null"), WITH_EXAMPLE))
                .getMessage());
    }

    @Test
    void aTypeIsRegisteredOnce() {
        assertEquals("type names must be distinct, found \"kmeans\" twice", assertThrows(
                IllegalArgumentException.class, () -> Codecs.STANDARD.plus(ModelType.of("kmeans",
                        ExampleLevelModel.class, ExampleLevelModel::write, ExampleLevelModel::read))).getMessage());
        assertEquals("classes must be distinct, found " + ExampleLevelModel.class.getName() + " twice",
                assertThrows(IllegalArgumentException.class, () -> WITH_EXAMPLE.plus(ModelType.of("other",
                        ExampleLevelModel.class, ExampleLevelModel::write, ExampleLevelModel::read))).getMessage());
    }

    @Test
    void everyFittedModelTypeCarriesProvenance() {
        for (Class<?> c : Codecs.STANDARD.classes()) {
            if (c != ModelBundle.class) {
                assertTrue(FittedModel.class.isAssignableFrom(c), c.getName() + " must be a FittedModel");
            }
        }
    }

    /** ModelJson's javadoc lists the registered classes, in registration order. */
    @Test
    void theModelJsonJavadocListIsTheRegistry() throws IOException {
        String src = Files.readString(Path.of("src/main/java/dev/segmentation/persist/ModelJson.java"),
                StandardCharsets.UTF_8);
        String list = src.substring(src.indexOf("<p>Persistable"), src.indexOf("A model read back"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("\\{@(?:code|link) (\\w+)}").matcher(list.substring(list.indexOf(":")));
        while (m.find()) {
            documented.add(m.group(1));
        }
        List<String> registered = Codecs.STANDARD.classes().stream().map(Class::getSimpleName).toList();
        assertEquals(registered, documented);
    }

    /** The package documentation names every registered type, in registration order. */
    @Test
    void thePackageDocumentationNamesEveryTypeInOrder() throws IOException {
        String doc = Files.readString(Path.of("src/main/java/dev/segmentation/persist/package-info.java"),
                StandardCharsets.UTF_8);
        String types = doc.substring(doc.indexOf("Types, in registration order:"));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("\\{@code ([a-z0-9-]+)}").matcher(types.substring(0, types.indexOf("<h2>")));
        while (m.find()) {
            if (Codecs.STANDARD.named(m.group(1)) != null && !documented.contains(m.group(1))) {
                documented.add(m.group(1));
            }
        }
        assertEquals(Codecs.STANDARD.names(), documented);
    }

    @Test
    void registeredNamesAreTheMessagesList() {
        assertEquals("[standardizer, min-max-scaler, robust-scaler, log1p, quantile-binner, one-hot-encoder, "
                + "encoder-pipeline, kmeans, mini-batch-kmeans, gaussian-mixture, rfm-segmenter, bgnbd, "
                + "modified-bgnbd, pareto-nbd, gamma-gamma, logistic-regression, count-vectorizer, tfidf, naive-bayes, "
                + "popularity, item-knn, item-knn-neighbors, implicit-als, segment-popularity, sparse-logistic-regression, bundle, "
                + "segment-catalog, population-stability]", Codecs.STANDARD.toString());
        assertEquals("kmeans", Codecs.typeOf(ModelCases.all().stream().filter(c -> c.type().equals("kmeans"))
                .findFirst().orElseThrow().fit().apply(1)));
    }
}
