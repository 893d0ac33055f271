package dev.segmentation.text;

import dev.segmentation.FittedModel;
import dev.segmentation.features.SparseMatrix;
import dev.segmentation.InvalidDataException;
import dev.segmentation.Provenance;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted vocabulary: turns texts into sparse term-count rows. Tokens outside the vocabulary are ignored;
 * an empty text gives an all-zero row. Created by {@link CountVectorizer#fit(List)}.
 *
 * <p>Instances are immutable and safe for concurrent use. Null is never accepted or returned.
 */
public final class CountVectorizerModel implements FittedModel {
    private final Provenance provenance;

    private final Tokenizer tokenizer;
    private final String[] vocabulary;

    CountVectorizerModel(Tokenizer tokenizer, String[] vocabulary) {
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary.clone();
        this.provenance = Provenance.notRecorded();
    }

    /**
     * The terms, sorted; term j is column j.
     *
     * @return a copy of the vocabulary
     */
    public String[] vocabulary() {
        return vocabulary.clone();
    }

    /**
     * The vocabulary size.
     *
     * @return the number of columns {@link #transform(List)} produces
     */
    public int size() {
        return vocabulary.length;
    }

    /**
     * The column of a term.
     *
     * @param term the term
     * @return its column, or -1 if not in the vocabulary
     */
    public int indexOf(String term) {
        Objects.requireNonNull(term, "term");
        int j = Arrays.binarySearch(vocabulary, term);
        return j >= 0 ? j : -1;
    }

    /**
     * The tokenizer used in fitting and transforming.
     *
     * @return the tokenizer
     */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Counts the vocabulary terms of each text. O(total tokens * log V).
     *
     * @param texts the texts; not modified
     * @return one CSR row per text with {@link #size()} columns, values the counts
     * @throws InvalidDataException if a text is null (naming its row)
     */
    public SparseMatrix transform(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        int[] rowStart = new int[texts.size() + 1];
        int[] idx = new int[16];
        double[] val = new double[16];
        int nnz = 0;
        int[] cols = new int[16];
        for (int i = 0; i < texts.size(); i++) {
            List<String> tokens = tokenizer.tokenize(text(texts, i));
            if (cols.length < tokens.size()) {
                cols = new int[tokens.size()];
            }
            int m = 0;
            for (String t : tokens) {
                int j = Arrays.binarySearch(vocabulary, t);
                if (j >= 0) {
                    cols[m++] = j;
                }
            }
            Arrays.sort(cols, 0, m);
            if (idx.length < nnz + m) {
                int cap = Math.max(nnz + m, idx.length * 2);
                idx = Arrays.copyOf(idx, cap);
                val = Arrays.copyOf(val, cap);
            }
            for (int k = 0; k < m; k++) {
                if (k > 0 && cols[k] == cols[k - 1]) {
                    val[nnz - 1] += 1.0;
                } else {
                    idx[nnz] = cols[k];
                    val[nnz++] = 1.0;
                }
            }
            rowStart[i + 1] = nnz;
        }
        return new SparseMatrix(vocabulary.length, rowStart, Arrays.copyOf(idx, nnz), Arrays.copyOf(val, nnz));
    }

    static String text(List<String> texts, int i) {
        String t = texts.get(i);
        if (t == null) {
            throw new InvalidDataException("row " + i + ", column text: value must be a string, found null",
                    i, "text", null);
        }
        return t;
    }

    @Override
    public String toString() {
        return "CountVectorizerModel{size=" + vocabulary.length + ", tokenizer=" + tokenizer + "}";
    }

    /**
     * Rebuilds a fitted vectorizer (as read by {@code dev.segmentation.persist}).
     *
     * @param tokenizer the tokenizer, not null
     * @param vocabulary the terms, sorted ascending and distinct (term j is column j), none null. Not modified.
     * @return the model
     * @throws IllegalArgumentException if the vocabulary is not sorted and distinct
     */
    public static CountVectorizerModel of(Tokenizer tokenizer, List<String> vocabulary) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(vocabulary, "vocabulary");
        String[] v = vocabulary.toArray(new String[0]);
        for (int j = 0; j < v.length; j++) {
            Objects.requireNonNull(v[j], "vocabulary element");
            if (j > 0 && v[j - 1].compareTo(v[j]) >= 0) {
                throw new IllegalArgumentException("vocabulary must be sorted and distinct, found \"" + v[j - 1]
                        + "\" before \"" + v[j] + "\"");
            }
        }
        return new CountVectorizerModel(tokenizer, v);
    }

    /**
     * Returns how this model was made.
     *
     * @return the trainer's record, or {@link Provenance#notRecorded()} for a model made from given values
     */
    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The copy made by {@link #withProvenance}: the same learned values, another provenance. */
    private CountVectorizerModel(CountVectorizerModel source, Provenance provenance) {
        this.tokenizer = source.tokenizer;
        this.vocabulary = source.vocabulary;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Returns a copy of this model carrying the given provenance; it scores bit-identically.
     *
     * @param provenance the record
     * @return a new model
     */
    @Override
    public CountVectorizerModel withProvenance(Provenance provenance) {
        return new CountVectorizerModel(this, provenance);
    }
}
