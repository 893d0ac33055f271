package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --save} and {@code --model-file}: versioned model files, and clear refusals of bad ones (cli.md). */
class ModelFileTest {
    @TempDir
    Path dir;

    private static String summary() {
        return SharedData.file("cdnow/cdnow_customers_summary.csv").toString();
    }

    private CliRun score(Path model) {
        return CliRun.of("clv", "score", "--model-file", model.toString(), "--summary", summary(), "--columns",
                "ID,frequency,recency,T", "--horizon", "39", "--out", dir.resolve("scores.csv").toString());
    }

    @Test
    void aSavedBgNbdModelScoresLikeItsParameters() throws IOException {
        Path model = dir.resolve("bgnbd.json");
        CliRun fit = CliRun.of("clv", "fit", "--model", "bgnbd", "--summary", summary(), "--columns",
                "ID,frequency,recency,T", "--save", model.toString());
        assertEquals(0, fit.code(), fit.err());
        JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.toFile());
        assertEquals("dev.segmentation/bgnbd", saved.get("format").asText());
        assertEquals(1, saved.get("version").asInt());
        assertEquals("week", saved.get("unit").asText());

        CliRun fromFile = score(model);
        assertEquals(0, fromFile.code(), fromFile.err());
        List<String> a = Files.readAllLines(dir.resolve("scores.csv"), StandardCharsets.UTF_8);
        JsonNode p = fit.json().get("params");
        CliRun fromParams = CliRun.of("clv", "score", "--model", "bgnbd", "--params",
                "r=" + p.get("r").asDouble() + ",alpha=" + p.get("alpha").asDouble() + ",a=" + p.get("a").asDouble()
                        + ",b=" + p.get("b").asDouble(),
                "--summary", summary(), "--columns", "ID,frequency,recency,T", "--horizon", "39", "--out",
                dir.resolve("scores.csv").toString());
        assertEquals(0, fromParams.code(), fromParams.err());
        assertEquals(a, Files.readAllLines(dir.resolve("scores.csv"), StandardCharsets.UTF_8));
        assertEquals(2358, a.size());
    }

    @Test
    void spendFitSavesAGammaGammaModel() throws IOException {
        Path model = dir.resolve("gg.json");
        CliRun fit = CliRun.of("spend", "fit", "--summary",
                SharedData.file("cdnow/cdnow_customers_summary_with_transactions.csv").toString(), "--columns",
                "ID,x,zbar", "--save", model.toString());
        assertEquals(0, fit.code(), fit.err());
        String text = Files.readString(model);
        assertTrue(text.contains("\"format\" : \"dev.segmentation/gammagamma\""), text);
    }

    @Test
    void truncatedFileIsRefusedWithOneLine() throws IOException {
        Path model = dir.resolve("broken.json");
        Files.writeString(model, "{\"format\": \"dev.segmentation/bgnbd\", \"version\": 1, \"params\": {\"r\": 0.2");
        CliRun r = score(model);
        assertEquals(1, r.code());
        assertEquals("error: " + model + ": not a segmentation model file (invalid JSON at line 1)", r.err().strip());
    }

    @Test
    void foreignFormatIsRefused() throws IOException {
        Path model = dir.resolve("other.json");
        Files.writeString(model, "{\"format\": \"dev.segmentation/gammagamma\", \"version\": 1, "
                + "\"params\": {\"p\": 1, \"q\": 2, \"v\": 3}}");
        CliRun r = score(model);
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + model + ": format must be one of "), r.err());
        assertTrue(r.err().strip().endsWith("found \"dev.segmentation/gammagamma\""), r.err());
    }

    @Test
    void newerVersionIsRefused() throws IOException {
        Path model = dir.resolve("v3.json");
        Files.writeString(model, "{\"format\": \"dev.segmentation/bgnbd\", \"version\": 3, "
                + "\"params\": {\"r\": 1, \"alpha\": 2, \"a\": 3, \"b\": 4}}");
        CliRun r = score(model);
        assertEquals(1, r.code());
        assertEquals("error: " + model + ": unsupported bgnbd format version 3; this build reads up to 1",
                r.err().strip());
    }

    @Test
    void nonPositiveParameterIsRefused() throws IOException {
        Path model = dir.resolve("neg.json");
        Files.writeString(model, "{\"format\": \"dev.segmentation/bgnbd\", \"version\": 1, "
                + "\"params\": {\"r\": -1, \"alpha\": 2, \"a\": 3, \"b\": 4}}");
        CliRun r = score(model);
        assertEquals(1, r.code());
        assertEquals("error: " + model + ": params.r must be a finite number > 0, found -1", r.err().strip());
    }

    @Test
    void modelFileAndParamsTogetherIsAUsageError() {
        CliRun r = CliRun.of("clv", "score", "--model-file", "m.json", "--model", "bgnbd", "--summary", "s.csv",
                "--horizon", "1", "--out", dir.resolve("o.csv").toString());
        assertEquals(2, r.code());
        assertEquals("error: --model-file replaces --model and --params; give one or the other", r.err().strip());
    }
}
