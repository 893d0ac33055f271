package dev.segmentation.bench.text;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.churn.LogisticRegression;
import dev.segmentation.text.CountVectorizerModel;
import dev.segmentation.text.CountVectorizer;
import dev.segmentation.text.HashingVectorizer;
import dev.segmentation.text.MultinomialNaiveBayes;
import dev.segmentation.features.SparseMatrix;
import dev.segmentation.text.Tokenizer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Vectorize and fit a review classifier on the 22,641 non-empty clothing reviews
 * ({@code shared/data/reviews/womens_clothing_ecommerce_reviews.csv.gz}, {@code Recommended IND}), issue 10's
 * speed goals on 2 cores: NB under 1 s, logistic regression under 5 s. {@code vectorizer=count}: fit the
 * vocabulary, count unigrams; {@code vectorizer=hash}: hashed uni+bigrams into 2^20 columns (unsigned,
 * unnormalized). {@code model=nb}: multinomial NB, alpha 1 (count) or 0.1 (hash); {@code model=logistic}:
 * L2 logistic regression, l2 = 1 (scikit-learn's C = 1), sparse Newton-CG with {@code threads} threads.
 *
 * <p>Run:
 * <pre>
 * mvn -B -q -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar NaiveBayesFit -f 1 -wi 3 -i 5 -p threads=1,2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class NaiveBayesFitBenchmark {
    @Param({"count", "hash"})
    public String vectorizer;

    @Param({"nb", "logistic"})
    public String model;

    @Param({"1"})
    public int threads;

    @Param({"../shared/data/reviews/womens_clothing_ecommerce_reviews.csv.gz"})
    public String file;

    private List<String> texts;
    private int[] labels;

    /**
     * Reads the review texts and labels once.
     *
     * @throws IOException if the file cannot be read
     */
    @Setup(Level.Trial)
    public void read() throws IOException {
        texts = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(Path.of(file))),
                StandardCharsets.UTF_8); CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(in)) {
            boolean header = true;
            for (CsvRecord r : csv) {
                if (header) {
                    header = false;
                } else if (!r.getField(4).isEmpty()) {
                    texts.add(r.getField(4));
                    y.add(Integer.parseInt(r.getField(6)));
                }
            }
        }
        labels = y.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Vectorizes every review and fits the model.
     *
     * @return the fitted model
     */
    @Benchmark
    public Object vectorizeAndFit() {
        SparseMatrix x;
        double alpha;
        if (vectorizer.equals("count")) {
            CountVectorizerModel vocab = CountVectorizer.builder().build().fit(texts);
            x = vocab.transform(texts);
            alpha = 1.0;
        } else {
            x = HashingVectorizer.builder().tokenizer(Tokenizer.builder().ngrams(2).build()).alternateSign(false)
                    .l2Normalize(false).build().transform(texts);
            alpha = 0.1;
        }
        if (model.equals("logistic")) {
            return LogisticRegression.builder().l2(1).threads(threads).build().fit(x, labels);
        }
        return MultinomialNaiveBayes.builder().alpha(alpha).build().fit(x, labels);
    }
}
