package dev.segmentation.text;

import dev.segmentation.features.SparseMatrix;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Learns a vocabulary from training texts: the trainer of a {@link CountVectorizerModel}. The vocabulary is
 * every distinct token (or n-gram) the {@link Tokenizer} produces on the training texts, sorted by
 * {@link String#compareTo} (code-unit order, which equals scikit-learn's sorted order for text in the Basic
 * Multilingual Plane); column j counts occurrences of the j-th term (scikit-learn
 * {@code CountVectorizer}, {@code min_df=1}, {@code max_df=1.0}).
 *
 * <pre>{@code
 * CountVectorizerModel vocab = CountVectorizer.builder().build().fit(trainTexts);
 * SparseMatrix x = vocab.transform(trainTexts);
 * }</pre>
 *
 * <p>Cost O(total tokens * log V). Instances are immutable and safe for concurrent use. Null is never
 * accepted or returned.
 */
public final class CountVectorizer {
    private final Tokenizer tokenizer;

    private CountVectorizer(Builder b) {
        this.tokenizer = b.tokenizer;
    }

    /**
     * Returns a new builder (default tokenizer {@link Tokenizer#defaults()}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The tokenizer.
     *
     * @return the tokenizer
     */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Learns the sorted vocabulary of the texts.
     *
     * @param texts training texts; not modified. Empty texts contribute nothing.
     * @return the fitted vocabulary
     * @throws InvalidDataException if a text is null (naming its row) or no text has a token
     */
    public CountVectorizerModel fit(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        TreeSet<String> terms = new TreeSet<>();
        for (int i = 0; i < texts.size(); i++) {
            terms.addAll(tokenizer.tokenize(CountVectorizerModel.text(texts, i)));
        }
        if (terms.isEmpty()) {
            throw new InvalidDataException("empty vocabulary: none of the " + texts.size()
                    + " texts contains a token");
        }
        return new CountVectorizerModel(tokenizer, terms.toArray(new String[0]))
                .withProvenance(Provenance.builder(this).rows(texts.size()).notIterative().build());
    }

    @Override
    public String toString() {
        return "CountVectorizer{tokenizer=" + tokenizer + "}";
    }

    /** Mutable, single-threaded builder of a {@link CountVectorizer}. */
    public static final class Builder {
        private Tokenizer tokenizer = Tokenizer.defaults();

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
         * Builds the trainer; the builder is not changed.
         *
         * @return a new immutable trainer
         */
        public CountVectorizer build() {
            return new CountVectorizer(this);
        }
    }
}
