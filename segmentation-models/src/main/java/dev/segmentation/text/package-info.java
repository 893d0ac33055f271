/**
 * Review text and sentiment ("voice of the customer"): a {@link dev.segmentation.text.Tokenizer}
 * (Unicode NFKC, lower-casing, scikit-learn's default token rule, word n-grams), a
 * {@link dev.segmentation.text.CountVectorizer} that learns a sorted vocabulary and returns sparse CSR rows
 * ({@link dev.segmentation.text.SparseMatrix}), and multinomial Naive Bayes
 * ({@link dev.segmentation.text.MultinomialNaiveBayes}) with log-odds scores, a
 * {@link dev.segmentation.text.HashingVectorizer} (signed 32-bit MurmurHash3, as scikit-learn) and
 * {@link dev.segmentation.text.TfIdf} weighting (with log(1 + tf) as {@code sublinearTf}).
 *
 * <p>Empty texts are accepted everywhere and give an all-zero row (as in scikit-learn); callers that
 * must drop them (the CLI) do so and count them. A {@code null} text is bad data and throws
 * {@link dev.segmentation.InvalidDataException} naming the row.
 */
package dev.segmentation.text;
