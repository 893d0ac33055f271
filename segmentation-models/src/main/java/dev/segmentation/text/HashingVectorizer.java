package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import dev.segmentation.InvalidDataException;
import dev.segmentation.internal.ParamChecks;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Feature hashing ("the hashing trick", Weinberger et al. 2009) with scikit-learn's
 * {@code HashingVectorizer} rule, so the same tokens land in the same columns as there.
 *
 * <h2>Rule</h2>
 * Each token (or n-gram) is encoded as UTF-8 and hashed with 32-bit MurmurHash3 (x86_32, seed 0; Appleby,
 * SMHasher) read as a signed int {@code h}. Its column is {@code |h| mod 2^bits} (for {@code h = -2^31},
 * {@code (2^31 - 1 - (2^bits - 1)) mod 2^bits}, as scikit-learn defines it), and with
 * {@link Builder#alternateSign(boolean) alternateSign} (default true) it adds {@code +1} if {@code h >= 0}
 * else {@code -1}, so collisions cancel in expectation. Duplicate columns within a row are summed. With
 * {@link Builder#l2Normalize(boolean) l2Normalize} (default true, scikit-learn's {@code norm='l2'}) each
 * non-zero row is then divided by its Euclidean norm. Turn both off for count features (Naive Bayes needs
 * non-negative values).
 *
 * <p>No fit: the output is a pure function of the text, identical across runs and JVMs. Cost O(total
 * token bytes). Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class HashingVectorizer {
    private final Tokenizer tokenizer;
    private final int bits;
    private final boolean alternateSign;
    private final boolean l2Normalize;

    private HashingVectorizer(Builder b) {
        this.tokenizer = b.tokenizer;
        this.bits = b.bits;
        this.alternateSign = b.alternateSign;
        this.l2Normalize = b.l2Normalize;
    }

    /**
     * Returns a new builder (default tokenizer, 20 bits, alternate sign, l2 normalization).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * 32-bit MurmurHash3 (x86_32) of the bytes, as a signed int (scikit-learn's {@code murmurhash3_32}
     * with {@code positive=False}).
     *
     * @param data the bytes; not modified
     * @param seed the seed
     * @return the hash
     */
    @SuppressWarnings("fallthrough") // the tail switch of MurmurHash3 falls through on purpose
    public static int murmur3(byte[] data, int seed) {
        Objects.requireNonNull(data, "data");
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = seed;
        int n = data.length & ~3;
        for (int i = 0; i < n; i += 4) {
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16
                    | (data[i + 3] & 0xff) << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        switch (data.length & 3) {
            case 3:
                k ^= (data[n + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (data[n + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= data[n] & 0xff;
                k *= c1;
                k = Integer.rotateLeft(k, 15);
                k *= c2;
                h ^= k;
                break;
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * The column of a hash value: {@code |h| mod columns}, with scikit-learn's value for {@code h = -2^31}.
     *
     * @param h the signed hash
     * @param columns the number of columns, a power of two
     * @return the column, in [0, columns)
     */
    static int column(int h, int columns) {
        if (h == Integer.MIN_VALUE) {
            return (Integer.MAX_VALUE - (columns - 1)) % columns;
        }
        return Math.abs(h) % columns;
    }

    /**
     * The number of columns, {@code 2^bits}.
     *
     * @return the number of columns
     */
    public int columns() {
        return 1 << bits;
    }

    /**
     * Hashes each text into one row.
     *
     * @param texts the texts; not modified. An empty text gives an all-zero row.
     * @return one CSR row per text with {@link #columns()} columns
     * @throws InvalidDataException if a text is null (naming its row)
     */
    public SparseMatrix transform(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        int columns = columns();
        int[] rowStart = new int[texts.size() + 1];
        int[] idx = new int[16];
        double[] val = new double[16];
        int nnz = 0;
        long[] keyed = new long[16];
        for (int i = 0; i < texts.size(); i++) {
            List<String> tokens = tokenizer.tokenize(CountVectorizerModel.text(texts, i));
            if (keyed.length < tokens.size()) {
                keyed = new long[tokens.size()];
            }
            int m = 0;
            for (String t : tokens) {
                int h = murmur3(t.getBytes(StandardCharsets.UTF_8), 0);
                // column in the high half, sign bit in the low bit: sorting groups each column
                keyed[m++] = ((long) column(h, columns) << 1) | (alternateSign && h < 0 ? 1 : 0);
            }
            Arrays.sort(keyed, 0, m);
            if (idx.length < nnz + m) {
                int cap = Math.max(nnz + m, idx.length * 2);
                idx = Arrays.copyOf(idx, cap);
                val = Arrays.copyOf(val, cap);
            }
            int first = nnz;
            for (int k = 0; k < m; k++) {
                int c = (int) (keyed[k] >>> 1);
                double v = (keyed[k] & 1) == 1 ? -1.0 : 1.0;
                if (nnz > first && idx[nnz - 1] == c) {
                    val[nnz - 1] += v;
                } else {
                    idx[nnz] = c;
                    val[nnz++] = v;
                }
            }
            // drop entries that cancelled to zero (scikit-learn's eliminate_zeros)
            int w = first;
            for (int p = first; p < nnz; p++) {
                if (val[p] != 0) {
                    idx[w] = idx[p];
                    val[w++] = val[p];
                }
            }
            nnz = w;
            if (l2Normalize && nnz > first) {
                double ss = 0;
                for (int p = first; p < nnz; p++) {
                    ss += val[p] * val[p];
                }
                double norm = Math.sqrt(ss);
                for (int p = first; p < nnz; p++) {
                    val[p] /= norm;
                }
            }
            rowStart[i + 1] = nnz;
        }
        return new SparseMatrix(columns, rowStart, Arrays.copyOf(idx, nnz), Arrays.copyOf(val, nnz));
    }

    @Override
    public String toString() {
        return "HashingVectorizer{tokenizer=" + tokenizer + ", bits=" + bits + ", alternateSign=" + alternateSign
                + ", l2Normalize=" + l2Normalize + "}";
    }

    /** Mutable, single-threaded builder of a {@link HashingVectorizer}. */
    public static final class Builder {
        private Tokenizer tokenizer = Tokenizer.defaults();
        private int bits = 20;
        private boolean alternateSign = true;
        private boolean l2Normalize = true;

        private Builder() {
        }

        /**
         * Sets the tokenizer. Default {@link Tokenizer#defaults()}.
         *
         * @param tokenizer the tokenizer
         * @return this builder
         */
        public Builder tokenizer(Tokenizer tokenizer) {
            this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
            return this;
        }

        /**
         * Sets the number of hash bits; there are {@code 2^bits} columns. Default 20 (scikit-learn's
         * {@code n_features=2**20}).
         *
         * @param bits in [1, 30]
         * @return this builder
         * @throws IllegalArgumentException if bits is outside [1, 30]
         */
        public Builder bits(int bits) {
            ParamChecks.inRange("bits", bits, 1, 30);
            this.bits = bits;
            return this;
        }

        /**
         * Sets whether a token with a negative hash adds -1 instead of +1. Default true.
         *
         * @param alternateSign true for signed hashing
         * @return this builder
         */
        public Builder alternateSign(boolean alternateSign) {
            this.alternateSign = alternateSign;
            return this;
        }

        /**
         * Sets whether each non-zero row is scaled to unit Euclidean norm. Default true.
         *
         * @param l2Normalize true to normalize rows
         * @return this builder
         */
        public Builder l2Normalize(boolean l2Normalize) {
            this.l2Normalize = l2Normalize;
            return this;
        }

        /**
         * Builds the vectorizer; the builder is not changed.
         *
         * @return a new immutable vectorizer
         */
        public HashingVectorizer build() {
            return new HashingVectorizer(this);
        }
    }
}
