package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HashingVectorizerTest {

    private static int h(String s, int seed) {
        return HashingVectorizer.murmur3(s.getBytes(StandardCharsets.UTF_8), seed);
    }

    @Test
    void murmur3ReferenceVectors() {
        // SMHasher / Wikipedia MurmurHash3_x86_32 vectors
        assertEquals(0, h("", 0));
        assertEquals(0x514E28B7, h("", 1));
        assertEquals(0x81F16F39, h("", 0xffffffff));
        assertEquals(0xBA6BD213, h("test", 0));
        assertEquals(0x704B81DC, h("test", 0x9747b28c));
        assertEquals(0xC0363E43, h("Hello, world!", 0));
        assertEquals(0x24884CBA, h("Hello, world!", 0x9747b28c));
        assertEquals(0x2E4FF723, h("The quick brown fox jumps over the lazy dog", 0));
        assertEquals(0x248BFA47, h("hello", 0));
        assertEquals(0xB3DD93FA, h("abc", 0));
        // scikit-learn utils/tests/test_murmurhash.py: murmurhash3_32(b"foo", 0) and seed 42
        assertEquals(-156908512, h("foo", 0));
        assertEquals(-1322301282, h("foo", 42));
    }

    @Test
    void columnsAndSigns() {
        HashingVectorizer v = HashingVectorizer.builder().bits(10).l2Normalize(false).build();
        SparseMatrix x = v.transform(List.of("foo foo", "", "foo"));
        // foo hashes to -156908512: column 156908512 mod 1024, sign -1
        int col = 156908512 % 1024;
        assertArrayEquals(new int[] {0, 1, 1, 2}, x.rowStart());
        assertArrayEquals(new int[] {col, col}, x.indices());
        assertArrayEquals(new double[] {-2, -1}, x.values());
        assertEquals(Integer.MAX_VALUE - 1023 & 1023, HashingVectorizer.column(Integer.MIN_VALUE, 1024));
        SparseMatrix n = HashingVectorizer.builder().bits(10).build().transform(List.of("foo foo"));
        assertArrayEquals(new double[] {-1}, n.values());
        assertEquals("HashingVectorizer{tokenizer=" + Tokenizer.defaults() + ", bits=10, alternateSign=true,"
                + " l2Normalize=false}", v.toString());
        assertEquals("bits must be in [1, 30], found 0",
                assertThrows(IllegalArgumentException.class, () -> HashingVectorizer.builder().bits(0)).getMessage());
    }

    @Property(tries = 100)
    void unsignedCountsEqualTokenCountsAndRowsHaveUnitNorm(@ForAll String text,
            @ForAll @IntRange(min = 1, max = 20) int bits) {
        int tokens = Tokenizer.defaults().tokenize(text).size();
        SparseMatrix counts = HashingVectorizer.builder().bits(bits).alternateSign(false).l2Normalize(false).build()
                .transform(List.of(text));
        double sum = 0;
        for (double v : counts.values()) {
            sum += v;
        }
        assertEquals(tokens, sum);
        SparseMatrix unit = HashingVectorizer.builder().bits(bits).build().transform(List.of(text, text));
        double ss = 0;
        for (double v : unit.rowValues(0)) {
            ss += v * v;
        }
        assertEquals(unit.nonZeros() == 0 ? 0.0 : 1.0, ss, 1e-12);
        assertArrayEquals(unit.rowValues(0), unit.rowValues(1));
    }
}
