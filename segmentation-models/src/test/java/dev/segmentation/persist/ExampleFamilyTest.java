package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.data.RetailSimulator;
import dev.segmentation.examplefamily.MedianSplit;
import dev.segmentation.examplefamily.MedianSplitModel;
import dev.segmentation.features.FeatureMatrix;
import dev.segmentation.pipeline.Segmentation;
import dev.segmentation.pipeline.SegmentationResult;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "adding a model family touches its own package and one registration line": the family
 * {@link MedianSplit} lives in its own (test) package {@code dev.segmentation.examplefamily}; the pipeline runs it
 * through the segmenter seam with no change, and the model file format takes it after the one line below.
 */
class ExampleFamilyTest {
    /** The one registration line of the new family. */
    static final Registry WITH_MEDIAN_SPLIT = Codecs.STANDARD.plus(ModelType.of("median-split", MedianSplitModel.class,
            MedianSplitModel::write, d -> MedianSplitModel.of(d.strings("names"), d.integer("column"),
                    d.number("threshold"), d.matrix("centres"))));

    @Test
    void theNewFamilyRunsInThePipelineAndIsSavedAfterOneRegistrationLine() {
        SegmentationResult result = Segmentation.of(
                RetailSimulator.builder().customers(400).seed(3).build().generate().log())
                .segments(new MedianSplit(0)).run();
        ClusterModel fitted = result.segmentModel().orElseThrow();
        assertEquals(2, fitted.k());
        FeatureMatrix encoded = result.encoder().transform(result.modelFeatures());
        int[] segments = fitted.predict(encoded);
        for (int i = 0; i < result.size(); i++) {
            assertEquals(result.customer(i).segment(), segments[i], result.customer(i).id());
        }

        MedianSplitModel model = new MedianSplit(0).fit(encoded);
        assertEquals("MedianSplit", model.provenance().trainer());
        assertEquals(encoded.rows(), model.provenance().rows().getAsLong());
        // the standard registry does not know it: not persistable, and a file of it is refused by name
        assertFalse(ModelJson.persistable(model));
        String json = ModelJson.toJson(model, WITH_MEDIAN_SPLIT);
        assertTrue(json.contains("\"type\" : \"median-split\""), json);
        assertEquals("model: $.type must be one of " + Codecs.STANDARD + ", found \"median-split\"",
                assertThrows(ModelFormatException.class, () -> ModelJson.fromJson(json)).getMessage());
        // with the line: read back, same provenance, same segments bit for bit, same file
        MedianSplitModel back = assertInstanceOf(MedianSplitModel.class, ModelJson.fromJson(json, WITH_MEDIAN_SPLIT));
        assertEquals(model.provenance(), back.provenance());
        assertEquals(model.threshold(), back.threshold());
        assertArrayEquals(model.predict(encoded), back.predict(encoded));
        assertArrayEquals(model.centres(), back.centres());
        assertEquals(json, ModelJson.toJson(back, WITH_MEDIAN_SPLIT));
        // its own factory's checks surface as a format error naming the field
        assertEquals("model: $ is not a valid median-split model: column must be in [0, " + encoded.columns()
                + "), found 99", assertThrows(ModelFormatException.class, () -> ModelJson.fromJson(
                        json.replace("\"column\" : 0", "\"column\" : 99"), WITH_MEDIAN_SPLIT)).getMessage());
    }
}
