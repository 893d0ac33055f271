package dev.segmentation.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "a non-converged model is saved by --save and scored by clv score without a word". */
class NonConvergedModelTest {
    @TempDir
    Path dir;

    @Test
    void saveNeedsAnExplicitFlag() throws IOException {
        // perfectly separated classes: the unpenalized logistic fit cannot converge
        Path f = Cli.write(dir.resolve("sep.csv"), "x,y\n1,0\n2,0\n3,1\n4,1\n");
        Path m = dir.resolve("m.json");
        Cli r = Cli.run("churn", "fit", "--input", f.toString(), "--label", "y", "--l2", "0", "--save", m.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().strip().startsWith("error: --save must be given a converged fit, found a "
                + "logistic-regression fit that did not converge after "), r.err());
        Cli.assertNoFile(m);
        Cli ok = Cli.run("churn", "fit", "--input", f.toString(), "--label", "y", "--l2", "0", "--save",
                m.toString(), "--allow-non-converged").ok();
        assertTrue(Files.exists(m));
        JsonNode w = ok.json().get("warnings");
        assertEquals(1, w.size());
        assertTrue(w.get(0).asText().startsWith("the logistic-regression fit did not converge"), w.toString());
        assertTrue(ok.err().startsWith("warning: the logistic-regression fit did not converge"), ok.err());
    }

    @Test
    void scoringAModelFileRecordingANonConvergedFitWarns() throws IOException {
        Path model = Cli.write(dir.resolve("b.json"), "{\"format\": \"segmentation-model\", \"version\": 1, "
                + "\"type\": \"bgnbd\", \"unit\": \"P7D\", \"params\": {\"r\": 0.24, \"alpha\": 4.4, \"a\": 0.79, "
                + "\"b\": 2.4}, \"fit\": {\"logLikelihood\": -10.0, \"converged\": false}}");
        Path s = Cli.write(dir.resolve("s.csv"), "customer_id,frequency,recency,T\nx,1,2,3\n");
        Cli r = Cli.run("clv", "score", "--model-file", model.toString(), "--summary", s.toString(), "--horizon", "10",
                "--out", dir.resolve("o.csv").toString()).ok();
        String warning = "--model-file " + model + " holds a bgnbd fit that did not converge (saved with "
                + "--allow-non-converged); its scores may be far from the maximum-likelihood model's";
        assertEquals(warning, r.json().get("warnings").get(0).asText());
        assertEquals("warning: " + warning, r.err().strip());
        Cli given = Cli.run("clv", "score", "--model", "bgnbd", "--params", "r=0.24,alpha=4.4,a=0.79,b=2.4",
                "--summary", s.toString(), "--horizon", "10", "--out", dir.resolve("p.csv").toString()).ok();
        assertEquals(0, given.json().get("warnings").size());
    }
}
