package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.churn.LogisticRegressionModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.clv.BgNbdModel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The javadoc examples of {@link ModelJson} and {@link ModelBundle}, compiled and run (style.md G9). */
class PersistSnippetsTest {
    @Test
    void modelJsonExample(@TempDir Path dir) {
        KMeansModel kmeansModel = KMeans.builder().k(3).seed(1).build().fit(ModelCases.X);
        Path file = dir.resolve("segments.json");
        // region ModelJson
        ModelJson.write(kmeansModel, file);
        KMeansModel back = ModelJson.read(file, KMeansModel.class);
        // endregion
        assertEquals(kmeansModel.inertia(), back.inertia());
    }

    @Test
    void modelBundleExample(@TempDir Path dir) {
        Object encoder = ModelCases.all().get(0).fit().apply(1);
        KMeansModel kmeans = KMeans.builder().k(3).seed(1).build().fit(ModelCases.X);
        LogisticRegressionModel logistic = dev.segmentation.churn.LogisticRegression.builder().build()
                .fit(ModelCases.X, ModelCases.Y);
        BgNbdModel bgNbd = BgNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, Duration.ofDays(7));
        Path path = dir.resolve("pipeline.json");
        // region ModelBundle
        ModelBundle bundle = ModelBundle.builder().put("encoder", encoder).put("segments", kmeans)
                .put("churn", logistic).put("clv", bgNbd).build();
        ModelJson.write(bundle, path);
        KMeansModel segments = ModelJson.read(path, ModelBundle.class).get("segments", KMeansModel.class);
        // endregion
        assertEquals(kmeans.inertia(), segments.inertia());
    }
}
