package dev.segmentation.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 must-show: UCI Sentiment Labelled Sentences (Kotzias et al. 2015, CC BY 4.0), Amazon file,
 * folds by line number mod 10, count unigrams, multinomial NB alpha = 1: 819 / 1000 correct
 * (reference-numbers.md, "Reviews").
 */
class AmazonSentimentTest {

    @Test
    void tenFoldNaiveBayesMatchesTheReferenceExactly() throws IOException {
        String content = Files.readString(
                SharedData.file("reviews/uci_sentiment_labelled_sentences/amazon_cells_labelled.txt"),
                StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : content.split("\n")) {
            int tab = line.lastIndexOf('\t');
            texts.add(line.substring(0, tab));
            labels.add(Integer.parseInt(line.substring(tab + 1)));
        }
        assertEquals(1000, texts.size());
        int[] correct = new int[10];
        for (int f = 0; f < 10; f++) {
            List<String> trainText = new ArrayList<>();
            List<String> testText = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            List<Integer> testY = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                (i % 10 == f ? testText : trainText).add(texts.get(i));
                (i % 10 == f ? testY : trainY).add(labels.get(i));
            }
            CountVectorizerModel vocab = CountVectorizer.builder().build().fit(trainText);
            MultinomialNaiveBayesModel nb = MultinomialNaiveBayes.builder().alpha(1.0).build()
                    .fit(vocab.transform(trainText), trainY.stream().mapToInt(Integer::intValue).toArray());
            int[] pred = nb.predict(vocab.transform(testText));
            for (int i = 0; i < pred.length; i++) {
                correct[f] += pred[i] == testY.get(i) ? 1 : 0;
            }
        }
        assertArrayEquals(new int[] {81, 80, 83, 81, 78, 81, 83, 85, 83, 84}, correct);
        assertEquals(819, java.util.Arrays.stream(correct).sum());
    }

    /** The same 819 through {@link TextCrossValidation}: folds by line number mod 10, vocabulary per fold. */
    @Test
    void crossValidationGivesTheSameCounts() throws IOException {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : Files.readString(SharedData.file(
                "reviews/uci_sentiment_labelled_sentences/amazon_cells_labelled.txt"), StandardCharsets.UTF_8)
                .split("\n")) {
            int tab = line.lastIndexOf('\t');
            texts.add(line.substring(0, tab));
            labels.add(Integer.parseInt(line.substring(tab + 1)));
        }
        long[] lineNumbers = java.util.stream.LongStream.range(0, texts.size()).toArray();
        TextCrossValidationResult r = TextCrossValidation.crossValidateTexts(texts,
                labels.stream().mapToInt(Integer::intValue).toArray(), TextCrossValidation.foldsByKey(lineNumbers, 10),
                10, (train, y, test) -> {
                    CountVectorizerModel vocab = CountVectorizer.builder().build().fit(train);
                    return MultinomialNaiveBayes.builder().alpha(1.0).build().fit(vocab.transform(train), y)
                            .predictLogOdds(vocab.transform(test));
                });
        assertArrayEquals(new int[] {81, 80, 83, 81, 78, 81, 83, 85, 83, 84}, r.foldCorrect());
        assertEquals(0.819, r.accuracy(), 0.0);
    }
}
