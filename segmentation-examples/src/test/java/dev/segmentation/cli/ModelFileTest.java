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
        assertEquals("segmentation-model", saved.get("format").asText());
        assertEquals(2, saved.get("version").asInt()); // format 2: the fit's provenance (issue 18)
        assertEquals("bgnbd", saved.get("type").asText());
        assertEquals("PT168H", saved.get("unit").asText());
        assertEquals(fit.json().get("logLikelihood").asDouble(), saved.get("fit").get("logLikelihood").asDouble());

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
        assertTrue(text.contains("\"format\" : \"segmentation-model\""), text);
        assertTrue(text.contains("\"type\" : \"gamma-gamma\""), text);
    }

    @Test
    void truncatedFileIsRefusedWithOneLine() throws IOException {
        Path model = dir.resolve("broken.json");
        Files.writeString(model, "{\"format\": \"segmentation-model\", \"version\": 1, \"params\": {\"r\": 0.2");
        CliRun r = score(model);
        assertEquals(1, r.code());
        assertEquals("error: " + model + ": $ must be a JSON document, found invalid JSON at line 1, column 67 "
                + "(Unexpected end-of-input: expected close marker for Object)", r.err().strip());
    }

    @Test
    void foreignFormatIsRefused() throws IOException {
        Path model = dir.resolve("other.json");
        Files.writeString(model, "{\"format\": \"segmentation-model\", \"version\": 1, \"type\": \"gamma-gamma\", "
                + "\"params\": {\"p\": 1, \"q\": 2, \"v\": 3}}");
        CliRun r = score(model);
        assertEquals(1, r.code());
        assertEquals("error: " + model + ": $.type must name a BtydModel, found \"gamma-gamma\"", r.err().strip());
        Files.writeString(model, "{\"format\": \"dev.segmentation/bgnbd\", \"version\": 1}");
        CliRun old = score(model);
        assertEquals(1, old.code());
        assertEquals("error: " + model + ": $.format must be \"segmentation-model\", found \"dev.segmentation/bgnbd\"",
                old.err().strip());
    }

    @Test
    void newerVersionIsRefused() throws IOException {
        Path model = dir.resolve("v4.json");
        Files.writeString(model, "{\"format\": \"segmentation-model\", \"version\": 4, \"type\": \"bgnbd\", "
                + "\"unit\": \"P7D\", \"params\": {\"r\": 1, \"alpha\": 2, \"a\": 3, \"b\": 4}}");
        CliRun r = score(model);
        assertEquals(1, r.code());
        assertEquals("error: " + model + ": $.version: unsupported format version 4; this build reads up to 3",
                r.err().strip());
    }

    @Test
    void nonPositiveParameterIsRefused() throws IOException {
        Path model = dir.resolve("neg.json");
        Files.writeString(model, "{\"format\": \"segmentation-model\", \"version\": 1, \"type\": \"bgnbd\", "
                + "\"unit\": \"P7D\", \"params\": {\"r\": -1, \"alpha\": 2, \"a\": 3, \"b\": 4}}");
        CliRun r = score(model);
        assertEquals(1, r.code());
        assertEquals("error: " + model + ": $ is not a valid bgnbd model: r must be finite and > 0, found -1.0",
                r.err().strip());
    }

    @Test
    void modelFileAndParamsTogetherIsAUsageError() {
        CliRun r = CliRun.of("clv", "score", "--model-file", "m.json", "--model", "bgnbd", "--summary", "s.csv",
                "--horizon", "1", "--out", dir.resolve("o.csv").toString());
        assertEquals(2, r.code());
        assertEquals("error: --model-file replaces --model and --params; give one or the other", r.err().strip());
    }
}
