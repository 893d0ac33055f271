package dev.segmentation.features;

import static dev.segmentation.features.EncoderFixtures.abc;
import static dev.segmentation.features.EncoderFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderPipelineTest {
    private static final FeatureMatrix RFM = FeatureMatrix.ofRows(List.of("recency", "frequency", "monetary"),
            new double[][] {{1, 5, 300}, {30, 1, 20}, {200, 2, 75}, {12, 9, 1200}, {90, 1, 15}});

    @Test
    void eachStepIsFittedOnTheOutputOfTheStepsBefore() {
        EncoderPipelineModel p = EncoderPipeline.builder()
                .add(Log1p.builder().build())
                .add(Standardizer.builder().build())
                .build().fit(RFM);
        FeatureMatrix logged = Log1p.builder().build().fit(RFM).transform(RFM);
        StandardizerModel z = Standardizer.builder().build().fit(logged);
        assertArrayEquals(z.transform(logged).toArray(), p.transform(RFM).toArray());
        assertEquals(2, p.steps().size());
        assertInstanceOf(Log1pModel.class, p.steps().get(0));
        assertArrayEquals(z.means(), ((StandardizerModel) p.steps().get(1)).means());
    }

    @Test
    void inverseRunsInReverseOrder() {
        EncoderPipelineModel p = EncoderPipeline.builder()
                .add(Log1p.builder().columns("frequency", "monetary").build())
                .add(Standardizer.builder().build())
                .add(MinMaxScaler.builder().range(-1, 1).build())
                .build().fit(RFM);
        assertTrue(p.invertible());
        assertClose(RFM.toArray(), p.inverseTransform(p.transform(RFM)).toArray(), 1e-13);
    }

    @Test
    void invertibleOnlyIfEveryStepIs() {
        EncoderPipelineModel p = EncoderPipeline.builder()
                .add(Standardizer.builder().build())
                .add(QuantileBinner.builder().bins(3).build())
                .build().fit(RFM);
        assertFalse(p.invertible());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> p.inverseTransform(RFM));
        assertTrue(e.getMessage().startsWith("every step must be invertible, found step 1 QuantileBinnerModel{bins=3"),
                e.getMessage());
    }

    @Test
    void emptyPipelineIsTheIdentity() {
        EncoderPipelineModel p = EncoderPipeline.builder().build().fit(abc());
        assertTrue(p.invertible());
        FeatureMatrix y = p.transform(abc());
        assertArrayEquals(abc().toArray(), y.toArray());
        assertEquals(abc().names(), y.names());
        assertArrayEquals(abc().toArray(), p.inverseTransform(y).toArray());
        assertNotSame(y, p.transform(y));
    }

    @Test
    void pipelinesNest() {
        EncoderPipeline inner = EncoderPipeline.builder().add(Log1p.builder().build()).build();
        EncoderPipelineModel p = EncoderPipeline.builder().add(inner).add(Standardizer.builder().build()).build()
                .fit(RFM);
        assertInstanceOf(EncoderPipelineModel.class, p.steps().get(0));
        assertClose(RFM.toArray(), p.inverseTransform(p.transform(RFM)).toArray(), 1e-13);
    }

    @Test
    void toStringListsEveryStep() {
        EncoderPipeline p = EncoderPipeline.builder().add(Log1p.builder().build())
                .add(Standardizer.builder().build()).build();
        assertEquals("EncoderPipeline{steps=[Log1p{columns=all}, Standardizer{columns=all, sampleSd=false}]}",
                p.toString());
        assertEquals("EncoderPipeline{steps=[]}", EncoderPipeline.builder().build().toString());
        EncoderPipeline longer = p.toBuilder().add(QuantileBinner.builder().build()).build();
        assertEquals(3, longer.steps().size());
        assertEquals(2, p.steps().size(), "toBuilder makes a variant without changing the original");
        assertThrows(UnsupportedOperationException.class, () -> p.steps().add(Log1p.builder().build()));
    }

    @Test
    void badDataIsReportedByTheStepThatRefusesIt() {
        FeatureMatrix negative = FeatureMatrix.ofRows(List.of("recency", "monetary"), new double[][] {{4, -3}});
        EncoderPipeline p = EncoderPipeline.builder().add(Standardizer.builder().columns("recency").build())
                .add(Log1p.builder().build()).build();
        assertEquals("row 0, column monetary: value must be > -1, found -3.0",
                assertThrows(InvalidDataException.class, () -> p.fit(negative)).getMessage());
        assertThrows(NullPointerException.class, () -> EncoderPipeline.builder().add(null));
    }
}
