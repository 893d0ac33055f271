package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void onATerminalABarIsRedrawnInPlace() {
        StringWriter s = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(s), true);
        p.progress("churn", 0.0);
        p.progress("churn", 0.5);
        p.progress("churn", 0.501);
        p.progress("churn", 1.0);
        String out = s.toString();
        assertTrue(out.startsWith("\rchurn            [                              ]   0%"), out);
        assertTrue(out.contains("\rchurn            [###############               ]  50%"), out);
        assertEquals(3, out.split("\r", -1).length - 1, out);
        assertTrue(out.matches("(?s).*\\[#{30}\\] 100% [0-9,]+ ms\\R"), out);
    }

    @Test
    void elsewhereEachStageGetsAStartAndAnEndLine() {
        StringWriter s = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(s), false);
        p.progress("segments", 0.0);
        p.progress("segments", 0.4);
        p.progress("segments", 1.0);
        Map<String, Long> t = new LinkedHashMap<>();
        t.put("load", 1234L);
        t.put("total", 5L);
        p.timings(t);
        String[] lines = s.toString().split("\\R");
        assertEquals(3, lines.length, s.toString());
        assertEquals("segments ...", lines[0]);
        assertTrue(lines[1].matches("segments done in [0-9,]+ ms"), lines[1]);
        assertEquals("timings (ms): load 1,234, total 5", lines[2]);
    }
}
