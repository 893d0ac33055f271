package dev.segmentation.cli;

import dev.segmentation.InvalidDataException;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.internal.ParamChecks;
import dev.segmentation.text.ComplementNaiveBayes;
import dev.segmentation.text.CountVectorizer;
import dev.segmentation.text.CountVectorizerModel;
import dev.segmentation.text.HashingVectorizer;
import dev.segmentation.text.MultinomialNaiveBayes;
import dev.segmentation.features.SparseMatrix;
import dev.segmentation.text.TextCrossValidation;
import dev.segmentation.text.TextCrossValidationResult;
import dev.segmentation.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiment evaluate}: k-fold evaluation of a review classifier (multinomial or complement Naive Bayes,
 * or L2 logistic regression) on counted or hashed word n-grams. Rows with an empty (blank) text are dropped and
 * counted ({@code droppedEmptyText}). With {@code --fold-key COL} the fold of a row is the integer value of that
 * column mod K, else seeded stratified folds. A counting vectorizer learns its vocabulary on each training fold;
 * the hashing vectorizer (unsigned counts, no normalization) is stateless. Prints {@code accuracy},
 * {@code macroF1}, {@code auc} (pooled out-of-fold log-odds), {@code folds} ({@code [{correct, n}]}) and
 * {@code negativeF1}, {@code positiveF1}, {@code rows}, {@code droppedEmptyText}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "k-fold evaluation of a review classifier; prints accuracy, macroF1, auc and folds as JSON.")
final class SentimentEvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SentimentInput in;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "The label column (name or index).")
    String label;

    @Option(names = "--positive", paramLabel = "V",
            description = "The label value meaning positive (1); without it the label must be 0 or 1.")
    String positive;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "nb, cnb or logistic.")
    String model;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Naive Bayes smoothing, > 0 (default 1 with --vectorizer count, 0.1 with hash).")
    Double alpha;

    @Option(names = "--l2", paramLabel = "L", defaultValue = "1.0",
            description = "Logistic L2 penalty on the summed loss, 1/C of scikit-learn (default ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--ngrams", paramLabel = "N", defaultValue = "1",
            description = "Word n-grams 1..N (default ${DEFAULT-VALUE}).")
    int ngrams;

    @Option(names = "--vectorizer", paramLabel = "V", defaultValue = "count",
            description = "count (vocabulary per training fold) or hash (default ${DEFAULT-VALUE}).")
    String vectorizer;

    @Option(names = "--hash-bits", paramLabel = "B", defaultValue = "20",
            description = "Hashed columns 2^B (default ${DEFAULT-VALUE}).")
    int hashBits;

    @Option(names = "--negation", description = "Mark negation scopes with NEG_ (off by default).")
    boolean negation;

    @Option(names = "--folds", required = true, paramLabel = "K", description = "Number of folds, >= 2.")
    int folds;

    @Option(names = "--fold-key", paramLabel = "COL",
            description = "Fold = integer value of this column (name or 0-based index) mod K; default: stratified"
                    + " folds from --seed.")
    String foldKey;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the stratified folds without --fold-key (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Logistic threads (default 1).")
    int threads;

    @Override
    public Integer call() {
        if (!List.of("nb", "cnb", "logistic").contains(model)) {
            throw new IllegalArgumentException("--model must be nb, cnb or logistic, found " + model);
        }
        if (!List.of("count", "hash").contains(vectorizer)) {
            throw new IllegalArgumentException("--vectorizer must be count or hash, found " + vectorizer);
        }
        boolean bayes = !model.equals("logistic");
        OptionRules.requireApplies(spec, "--alpha", bayes, "--model nb or cnb", "--model " + model);
        OptionRules.requireApplies(spec, "--l2", !bayes, "--model logistic", "--model " + model);
        OptionRules.requireApplies(spec, "--seed", foldKey == null, "stratified folds (without --fold-key)",
                "--fold-key " + foldKey);
        double a = alpha != null ? alpha : vectorizer.equals("hash") ? 0.1 : 1.0;
        ParamChecks.positive("--alpha", a);
        ParamChecks.nonNegative("--l2", l2);
        ParamChecks.atLeast("--ngrams", ngrams, 1);
        ParamChecks.atLeast("--folds", folds, 2);
        ParamChecks.requireArgument(hashBits >= 1 && hashBits <= 30, "--hash-bits must be in [1, 30], found %s",
                hashBits);
        ParamChecks.atLeast("--threads", threads, 1);
        Tokenizer tokenizer = Tokenizer.builder().ngrams(ngrams).negation(negation).build();
        LogisticRegression logistic = LogisticRegression.builder().l2(l2).threads(threads).build();
        SentimentInput.Table t = in.read();
        int textColumn = t.column("--text", in.text);
        SentimentLabels labels = new SentimentLabels(t, label, positive);
        int keyColumn = foldKey == null ? -1 : t.column("--fold-key", foldKey);
        List<String> texts = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        int dropped = 0;
        for (int r = 0; r < t.rows.size(); r++) {
            String text = t.get(r, textColumn);
            if (text.isBlank()) {
                dropped++;
                continue;
            }
            texts.add(text);
            y.add(labels.label(r));
            if (keyColumn >= 0) {
                String v = t.get(r, keyColumn).trim();
                try {
                    keys.add(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new InvalidDataException(t.at(r) + "fold key column \"" + foldKey + "\" must hold integers,"
                            + " found \"" + v + "\"", t.lines[r], foldKey, null);
                }
            }
        }
        labels.finish();
        int[] labelArray = y.stream().mapToInt(Integer::intValue).toArray();
        int[] fold = keyColumn >= 0
                ? TextCrossValidation.foldsByKey(keys.stream().mapToLong(Long::longValue).toArray(), folds)
                : TextCrossValidation.foldsStratified(labelArray, folds, seed);
        TextCrossValidation.Learner learner = (x, yy, test) -> switch (model) {
            case "nb" -> MultinomialNaiveBayes.builder().alpha(a).build().fit(x, yy).predictLogOdds(test);
            case "cnb" -> ComplementNaiveBayes.builder().alpha(a).build().fit(x, yy).predictLogOdds(test);
            default -> logistic.fit(x, yy).predictLogOdds(test);
        };
        TextCrossValidationResult cv;
        if (vectorizer.equals("hash")) {
            SparseMatrix x = HashingVectorizer.builder().tokenizer(tokenizer).bits(hashBits).alternateSign(false)
                    .l2Normalize(false).build().transform(texts);
            cv = TextCrossValidation.crossValidate(x, labelArray, fold, folds, learner);
        } else {
            CountVectorizer counts = CountVectorizer.builder().tokenizer(tokenizer).build();
            cv = TextCrossValidation.crossValidateTexts(texts, labelArray, fold, folds, (train, yy, test) -> {
                CountVectorizerModel vocab = counts.fit(train);
                return learner.fitAndScore(vocab.transform(train), yy, vocab.transform(test));
            });
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accuracy", cv.accuracy());
        out.put("macroF1", cv.macroF1());
        out.put("auc", cv.auc());
        List<Map<String, Object>> foldList = new ArrayList<>();
        int[] correct = cv.foldCorrect();
        int[] size = cv.foldSizes();
        for (int f = 0; f < correct.length; f++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("correct", correct[f]);
            m.put("n", size[f]);
            foldList.add(m);
        }
        out.put("folds", foldList);
        out.put("negativeF1", cv.f1(0));
        out.put("positiveF1", cv.f1(1));
        out.put("rows", texts.size());
        out.put("droppedEmptyText", dropped);
        Json.print(spec.commandLine().getOut(), out);
        return 0;
    }
}
