package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentimentCommandTest {
    @TempDir
    Path dir;

    /** 40 short reviews with an id, a department, a 0/1 label, and one row with an empty text. */
    private Path reviews() throws IOException {
        StringBuilder sb = new StringBuilder("id,text,dept,label\n");
        for (int i = 0; i < 40; i++) {
            boolean good = i % 2 == 0;
            String text = good ? "\"good, great \"\"fit\"\"\nlove it\"" : "\"bad awful, returned it\"";
            sb.append(i).append(',').append(text).append(',').append(i % 4 < 2 ? "tops" : "pants").append(',')
                    .append(good ? 1 : 0).append('\n');
        }
        sb.append("40,,tops,1\n");
        Path p = dir.resolve("reviews.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    /**
     * Must show: UCI amazon_cells_labelled.txt read as 1,000 rows (--format last-tab splits each line at its last
     * tab), folds by line number mod 10 (--fold-key line), count unigrams, multinomial NB alpha = 1: 819 / 1000.
     */
    @Test
    void uciAmazonNaiveBayesGives819() {
        Path amazon = SharedData.file("reviews/uci_sentiment_labelled_sentences/amazon_cells_labelled.txt");
        CliRun r = CliRun.of("sentiment", "evaluate", "--input", amazon.toString(), "--format", "last-tab", "--text",
                "text", "--label", "label", "--model", "nb", "--folds", "10", "--fold-key", "line");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(0.819, j.get("accuracy").asDouble(), 0.0);
        int[] expected = {81, 80, 83, 81, 78, 81, 83, 85, 83, 84};
        assertEquals(10, j.get("folds").size());
        for (int f = 0; f < 10; f++) {
            assertEquals(expected[f], j.get("folds").get(f).get("correct").asInt());
            assertEquals(100, j.get("folds").get(f).get("n").asInt());
        }
        assertEquals(1000, j.get("rows").asInt());
        assertTrue(j.get("auc").asDouble() > 0.85 && j.get("macroF1").asDouble() > 0.8, r.out());
    }

    @Test
    void evaluateDropsEmptyTextsAndPrintsTheContractFields() throws IOException {
        for (String model : new String[] {"nb", "cnb", "logistic"}) {
            for (String vec : new String[] {"count", "hash"}) {
                CliRun r = CliRun.of("sentiment", "evaluate", "--input", reviews().toString(), "--text", "text",
                        "--label", "3", "--model", model, "--vectorizer", vec, "--hash-bits", "10", "--ngrams", "2",
                        "--folds", "4", "--fold-key", "id");
                assertEquals(0, r.code(), r.err());
                JsonNode j = r.json();
                assertEquals(1.0, j.get("accuracy").asDouble(), 0.0, model + " " + vec);
                assertEquals(1.0, j.get("macroF1").asDouble(), 0.0);
                assertEquals(1.0, j.get("auc").asDouble(), 0.0);
                assertEquals(4, j.get("folds").size());
                assertEquals(10, j.get("folds").get(0).get("n").asInt());
                assertEquals(40, j.get("rows").asInt());
                assertEquals(1, j.get("droppedEmptyText").asInt());
            }
        }
        CliRun seeded = CliRun.of("sentiment", "evaluate", "--input", reviews().toString(), "--text", "text",
                "--label", "label", "--model", "nb", "--folds", "5", "--seed", "3");
        assertEquals(0, seeded.code(), seeded.err());
        assertEquals(5, seeded.json().get("folds").size());
    }

    @Test
    void themesPerGroup() throws IOException {
        CliRun r = CliRun.of("sentiment", "themes", "--input", reviews().toString(), "--text", "text", "--group",
                "dept", "--top", "3", "--label", "label");
        assertEquals(0, r.code(), r.err());
        JsonNode g = r.json().get("groups");
        assertEquals(2, g.size());
        assertEquals("pants", g.get(0).get("group").asText());
        assertEquals(20, g.get(0).get("size").asInt());
        assertEquals(0.5, g.get(0).get("negativeShare").asDouble(), 0.0);
        assertEquals(3, g.get(0).get("terms").size());
        assertTrue(g.get(0).get("terms").get(0).has("term") && g.get(0).get("terms").get(0).has("z"));
        assertEquals(1, r.json().get("droppedEmptyText").asInt());
    }

    @Test
    void badInputFailsWithOneLine() throws IOException {
        Path three = dir.resolve("three.csv");
        Files.writeString(three, "text,stars\ngood,5\nbad,1\nmeh,3\n");
        CliRun r = CliRun.of("sentiment", "evaluate", "--input", three.toString(), "--text", "text", "--label",
                "stars", "--positive", "5", "--model", "nb", "--folds", "2");
        assertEquals(1, r.code());
        assertEquals("error: " + three + ":4: label column \"stars\" must hold two values for a binary model, found a"
                + " third value \"3\" after \"5\" and \"1\"\n", r.err());

        CliRun alpha = CliRun.of("sentiment", "evaluate", "--input", reviews().toString(), "--text", "text",
                "--label", "label", "--model", "nb", "--alpha", "0", "--folds", "2");
        assertEquals(2, alpha.code()); // a bad option value is usage (issue 17), was 1
        assertEquals("error: --alpha must be finite and > 0, found 0.0\n", alpha.err());

        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "id,text,label\n0,\"good \"\"x\"\" fine\",1\n1,\"bad \"oops\" here,0\n2,ok,1\n");
        CliRun q = CliRun.of("sentiment", "evaluate", "--input", broken.toString(), "--text", "text", "--label",
                "label", "--model", "nb", "--folds", "2");
        assertEquals(1, q.code());
        assertEquals("error: " + broken + ":3: CSV quoting must be balanced (a quoted field ends with a quote followed"
                + " by a separator or line end), found: Unexpected character after closing quote: 'o' (0x6f)\n", q.err());

        Path unquoted = dir.resolve("unquoted.csv");
        Files.writeString(unquoted, "id,text,label\n0,fine,1\n1,bad, really,0\n");
        CliRun fields = CliRun.of("sentiment", "themes", "--input", unquoted.toString(), "--text", "text", "--group",
                "label");
        assertEquals(1, fields.code());
        assertEquals("error: " + unquoted + ":3: record must have 3 fields like the header (check the quoting), found 4\n",
                fields.err()); // the shared CSV reader's wording (issue 17)

        CliRun notBinary = CliRun.of("sentiment", "evaluate", "--input", three.toString(), "--text", "text",
                "--label", "stars", "--model", "nb", "--folds", "2");
        assertEquals(1, notBinary.code());
        assertEquals("error: " + three + ":2: label column \"stars\" must hold 0 or 1 (or name the positive value with"
                + " --positive), found \"5\"\n", notBinary.err());

        CliRun column = CliRun.of("sentiment", "themes", "--input", three.toString(), "--text", "body", "--group",
                "stars");
        assertEquals(1, column.code());
        assertEquals("error: " + three + ":1: --text must name a column [text, stars] or a 0-based index below 2,"
                + " found \"body\"\n", column.err());

        CliRun model = CliRun.of("sentiment", "evaluate", "--input", three.toString(), "--text", "text", "--label",
                "stars", "--model", "svm", "--folds", "2");
        assertEquals(2, model.code());
        assertEquals("error: --model must be nb, cnb or logistic, found svm\n", model.err());
    }
}
