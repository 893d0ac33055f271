package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.data.TransactionCsv;
import dev.segmentation.data.TransactionLog;
import dev.segmentation.recommend.InteractionMatrix;
import dev.segmentation.recommend.Popularity;
import dev.segmentation.recommend.PopularityModel;
import dev.segmentation.recommend.RankingMetrics;
import dev.segmentation.recommend.TemporalSplit;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** {@code recommend evaluate} on Online Retail (issue 6's setting): the JSON agrees with the library. */
class RecommendCommandTest {
    private static String[] args(Path file, String model, boolean exclude, String... more) {
        String[] base = {"recommend", "evaluate", "--input", file.toString(), "--preset", "online-retail",
            "--split-date", "2011-11-01", "--end", "2011-12-09", "--model", model, "--k", "10"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length + (exclude ? 1 : 0));
        System.arraycopy(more, 0, all, base.length, more.length);
        if (exclude) {
            all[all.length - 1] = "--exclude-seen";
        }
        return all;
    }

    @Test
    void onlineRetailPopularityMatchesTheLibraryAndAlsDoublesIt() {
        Path file = SharedData.file("online-retail/online_retail.csv.gz");
        CliRun pop = CliRun.of(args(file, "popularity", true));
        assertEquals(0, pop.code(), pop.err());
        JsonNode p = pop.json();
        TransactionLog log = TransactionCsv.readPreset(file, "online-retail").log();
        TemporalSplit split = TemporalSplit.of(log, LocalDate.of(2011, 11, 1), LocalDate.of(2011, 12, 9));
        InteractionMatrix train = InteractionMatrix.builder().build(split.train());
        InteractionMatrix test = InteractionMatrix.builder().build(split.test());
        PopularityModel model = Popularity.builder().build().fit(train);
        RankingMetrics m = RankingMetrics.evaluate(model, test, split.users(), 10, true);
        assertEquals(m.users(), p.get("users").asInt());
        assertEquals(m.recall(), p.get("recall").asDouble());
        assertEquals(m.precision(), p.get("precision").asDouble());
        assertEquals(m.ndcg(), p.get("ndcg").asDouble());
        assertEquals(m.hitRate(), p.get("hitRate").asDouble());
        assertEquals(m.map(), p.get("map").asDouble());
        RankingMetrics cold = RankingMetrics.evaluate(model, test, split.coldStartUsers(), 10, true);
        assertEquals(cold.users(), p.get("coldStartUsers").asInt());
        assertEquals(cold.recall(), p.get("coldStart").get("recall").asDouble());
        int catalogue = 0;
        for (int j = 0; j < train.items(); j++) {
            catalogue += train.customersOf(j) > 0 ? 1 : 0;
        }
        assertEquals((double) m.distinctItems() / catalogue, p.get("coverage").asDouble());
        assertTrue(p.get("fitMillis").asLong() >= 0);

        CliRun als = CliRun.of(args(file, "als", true, "--factors", "16", "--iterations", "5", "--threads", "2"));
        assertEquals(0, als.code(), als.err());
        JsonNode a = als.json();
        assertEquals("als", a.get("model").asText());
        assertEquals(m.users(), a.get("users").asInt());
        assertTrue(a.get("recall").asDouble() >= 2 * m.recall(), a + " vs " + p);
        assertEquals(p.get("coldStart").toString(), a.get("coldStart").toString());
    }

    @Test
    void usageErrors() {
        Path file = Path.of("missing.csv");
        CliRun r = CliRun.of(args(file, "svd", false));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--model must be popularity, itemknn or als, found \"svd\""), r.err());
        CliRun k = CliRun.of("recommend", "evaluate", "--input", "x.csv", "--preset", "online-retail",
                "--split-date", "2011-11-01", "--model", "als", "--k", "0");
        assertEquals(2, k.code());
        assertTrue(k.err().contains("--k must be >= 1, found 0"), k.err());
        CliRun w = CliRun.of("recommend", "evaluate", "--input", "x.csv", "--preset", "online-retail",
                "--split-date", "2011-11-01", "--model", "als", "--weighting", "tfidf");
        assertEquals(2, w.code());
        assertTrue(w.err().contains("--weighting must be binary, count, quantity or log, found \"tfidf\""), w.err());
        CliRun none = CliRun.of("recommend");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("missing subcommand: evaluate"), none.err());
    }
}
