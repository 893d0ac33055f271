package dev.segmentation.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.recommend.ImplicitAls;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.ItemKnn;
import dev.segmentation.recommend.Popularity;
import dev.segmentation.recommend.SegmentPopularity;
import org.junit.jupiter.api.Test;

/** Issue 18: a model's one name is its registered type name, which callers read instead of testing classes. */
class ModelTypeNameTest {
    @Test
    void theRegisteredNameOfEachRecommender() {
        InteractionMatrix x = InteractionMatrix.of(3, 3, new int[] {0, 2, 3, 4}, new int[] {0, 1, 1, 2},
                new double[] {1, 1, 1, 1});
        assertEquals("item-knn", ModelJson.typeName(ItemKnn.builder().build().fit(x)));
        assertEquals("implicit-als", ModelJson.typeName(ImplicitAls.builder().factors(2).iterations(1).build()
                .fit(x)));
        assertEquals("popularity", ModelJson.typeName(Popularity.builder().build().fit(x)));
        assertEquals("segment-popularity", ModelJson.typeName(SegmentPopularity.builder().build().fit(x,
                new int[] {0, 1, -1})));
        assertEquals("bundle", ModelJson.typeName(ModelBundle.builder().build()));
    }

    @Test
    void aTypeThatIsNotRegisteredIsRefused() {
        assertEquals("model must be one of the persistable types " + Codecs.STANDARD + ", found java.lang.String",
                assertThrows(IllegalArgumentException.class, () -> ModelJson.typeName("x")).getMessage());
        assertEquals("model", assertThrows(NullPointerException.class, () -> ModelJson.typeName(null))
                .getMessage());
    }
}
