package dev.segmentation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the command line's CSV readers (numeric tables, review tables, BTYD summaries, transaction files):
 * random, truncated and mutated files (with netting and duplicate dropping for transaction files) either work (exit 0, the output file written) or are refused with exit 1
 * or 2 and exactly one line {@code error: ...} on stderr that is not a bare Java exception, and no output
 * file (issue 17).
 */
class CsvReadersFuzzTest {
    private static Path root;
    private static int counter;

    /** One reader under test: a valid fixture and the command that reads a file into {@code out}. */
    private record Reader(String name, String fixture, Function<Path[], String[]> command) {
    }

    private static final List<Reader> READERS = List.of(
            new Reader("cluster", "a,b,c\n1,2,3\n4,5,6\n7,8,10\n2,2,2\n9,1,4\n",
                    p -> new String[] {"cluster", "--input", p[0].toString(), "--k", "2", "--out", p[1].toString()}),
            new Reader("churn", "y,x1,x2\n0,1,2\n1,5,1\n0,2,2\n1,4,0\n0,1.5,3\n1,3,1\n",
                    p -> new String[] {"churn", "fit", "--input", p[0].toString(), "--label", "y", "--save",
                        p[1].toString()}),
            new Reader("sentiment", "text,g,label\ngood fine,a,1\nbad awful,b,0\ngreat,a,1\npoor,b,0\n",
                    p -> new String[] {"sentiment", "themes", "--input", p[0].toString(), "--text", "text",
                        "--group", "g"}),
            new Reader("clv", "customer_id,frequency,recency,T\na,2,30,40\nb,0,0,40\nc,1,10,35\nd,4,33,38\ne,0,0,20\n",
                    p -> new String[] {"clv", "score", "--model", "bgnbd", "--params", "r=0.24,alpha=4.4,a=0.79,b=2.4",
                        "--summary", p[0].toString(), "--horizon", "10", "--out", p[1].toString()}),
            new Reader("spend", "customer_id,frequency,monetary_value\na,2,30\nb,0,0\nc,1,10\nd,4,33\ne,3,20\n",
                    p -> new String[] {"spend", "fit", "--summary", p[0].toString(), "--save", p[1].toString()}),
            new Reader("ingest", "i,s,q,d,p,c\n1,A,2,2011-01-01 10:00:00,1.5,7\nC2,A,-2,2011-01-01 10:05:00,1.5,7\n"
                    + "3,B,1,2011-01-02 09:00:00,2,8\n3,B,1,2011-01-02 09:00:00,2,8\n",
                    p -> new String[] {"ingest", "--input", p[0].toString(), "--customer", "c", "--date", "d",
                        "--unit-price", "p", "--quantity", "q", "--invoice", "i", "--item", "s",
                        "--date-format", "yyyy-MM-dd HH:mm:ss", "--net-cancellations", "--drop-duplicates",
                        "--as-of", "2011-12-31"}),
            new Reader("summary", "c,d,a\nx,2020-01-01,1\nx,2020-01-05,2.5\ny,2020-01-02,3\nx,2020-02-01,1\n",
                    p -> new String[] {"summary", "--input", p[0].toString(), "--customer", "c", "--date", "d",
                        "--amount", "a", "--end", "2020-12-31", "--out", p[1].toString()}));

    @BeforeContainer
    static void makeRoot() throws IOException {
        root = Files.createTempDirectory("csv-fuzz");
    }

    @AfterContainer
    static void removeRoot() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs one reader on one text; asserts the documented outcomes. */
    private static void readsOrRefuses(int reader, String text) {
        Reader r = READERS.get(reader);
        Path dir = root.resolve(r.name() + (counter++));
        try {
            Files.createDirectories(dir);
            Path in = dir.resolve("in.csv");
            Files.writeString(in, text, StandardCharsets.UTF_8);
            Path out = dir.resolve("out.file");
            CliRun run = CliRun.of(r.command().apply(new Path[] {in, out}));
            String err = run.err().strip();
            if (run.code() == 0) {
                assertEquals(!r.name().equals("sentiment") && !r.name().equals("ingest"), Files.exists(out), "the output of a run that worked");
                return;
            }
            assertTrue(run.code() == 1 || run.code() == 2, "exit " + run.code() + ": " + err);
            assertTrue(err.startsWith("error: "), err);
            assertEquals(-1, err.indexOf('\n'), "one line: " + err);
            assertFalse(err.contains("\tat ") || err.contains("Exception:") || err.matches("error: \\w+(Exception|Error)"),
                    "no Java exception text: " + err);
            assertFalse(Files.exists(out), "no output file after: " + err);
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(1, s.count(), "no temporary file left after: " + err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 100)
    void randomText(@ForAll("reader") int reader, @ForAll("noise") String text) {
        readsOrRefuses(reader, text);
    }

    @Property(tries = 100)
    void truncatedFixtures(@ForAll("reader") int reader, @ForAll("fraction") double cut) {
        String text = READERS.get(reader).fixture();
        readsOrRefuses(reader, text.substring(0, (int) (cut * text.length())));
    }

    @Property(tries = 300)
    void mutatedFixtures(@ForAll("reader") int reader, @ForAll("fraction") double at,
            @ForAll("replacement") String replacement, @ForAll("fraction") double length) {
        String text = READERS.get(reader).fixture();
        int from = (int) (at * text.length());
        int to = Math.min(text.length(), from + (int) (length * 8));
        readsOrRefuses(reader, text.substring(0, from) + replacement + text.substring(to));
    }

    @Provide
    Arbitrary<Integer> reader() {
        return Arbitraries.integers().between(0, READERS.size() - 1);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(120),
                Arbitraries.strings().withChars("abcxy,\"\n\r\t 0123456789.-eE\uFEFF").ofMaxLength(120));
    }

    @Provide
    Arbitrary<Double> fraction() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> replacement() {
        return Arbitraries.oneOf(Arbitraries.of("", ",", "\"", "\n", "\r\n", "\uFEFF", "NaN", "Infinity", "-1", "1e308",
                "-0", "1e-320", ",,", "\"\"", "a", "2020-13-45", "\u00a3", "\n\n", "x,y"),
                Arbitraries.strings().ofMaxLength(5));
    }
}
