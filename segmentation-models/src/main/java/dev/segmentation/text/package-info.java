/**
 * Review text and sentiment ("voice of the customer"): a {@link dev.segmentation.text.Tokenizer}
 * (Unicode NFKC, lower-casing, scikit-learn's default token rule, word n-grams), a
 * {@link dev.segmentation.text.CountVectorizer} that learns a sorted vocabulary and returns sparse CSR rows
 * ({@link dev.segmentation.features.SparseMatrix}), and multinomial Naive Bayes
 * ({@link dev.segmentation.text.MultinomialNaiveBayes}) with log-odds scores, a
 * {@link dev.segmentation.text.HashingVectorizer} (signed 32-bit MurmurHash3, as scikit-learn) and
 * {@link dev.segmentation.text.TfIdf} weighting (with log(1 + tf) as {@code sublinearTf}). Logistic regression
 * on these sparse rows is {@code dev.segmentation.churn.LogisticRegression#fit(SparseMatrix, int[])}, the same
 * solver family as the churn model. {@link dev.segmentation.text.TextCrossValidation} evaluates any of them by
 * k-fold (fold key or seed; accuracy, per-class and macro F1, ROC AUC on log-odds);
 * {@link dev.segmentation.text.Themes} finds each group's distinguishing terms (weighted log-odds with an
 * informative Dirichlet prior); {@link dev.segmentation.text.CustomerSentiment} turns review scores into
 * per-customer features.
 *
 * <p>Empty texts are accepted everywhere and give an all-zero row (as in scikit-learn); callers that
 * must drop them (the CLI) do so and count them. A {@code null} text is bad data and throws
 * {@link dev.segmentation.InvalidDataException} naming the row.
 */
package dev.segmentation.text;
