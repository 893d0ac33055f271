package dev.segmentation.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared CSV reader: byte order mark, widths, quoting, repeated headers and I/O reasons (issue 17). */
class CsvSourceTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    private Path write(String content) throws IOException {
        return write("t.csv", content.getBytes(UTF_8));
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        byte[] body = "a,b\n1,2\n".getBytes(UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        try (CsvSource s = CsvSource.open(write("bom.csv", withBom), UTF_8)) {
            assertEquals(List.of("a", "b"), s.header());
            assertEquals(0, s.column("--columns", "a"));
            CsvRecord r = s.next();
            assertEquals(List.of("1", "2"), r.getFields());
            assertEquals(2, s.line());
            assertNull(s.next());
        }
    }

    @Test
    void recordsOfAnotherWidthNameTheirLineAndCounts() throws IOException {
        Path f = write("a,b\n1,2\n\n\n3,4,5\n");
        try (CsvSource s = CsvSource.open(f, UTF_8)) {
            s.next();
            InvalidDataException e = assertThrows(InvalidDataException.class, s::next);
            assertEquals(f + ":5: record must have 2 fields like the header (check the quoting), found 3",
                    e.getMessage());
            assertEquals(5, e.row());
        }
    }

    @Test
    void brokenQuotingNamesTheLineWhereTheRecordStarts() throws IOException {
        Path f = write("id,text,label\n0,\"good \"\"x\"\" fine\",1\n1,\"bad \"oops\" here,0\n");
        try (CsvSource s = CsvSource.open(f, UTF_8, false)) {
            s.next();
            InvalidDataException e = assertThrows(InvalidDataException.class, s::next);
            assertEquals(f + ": line 3: CSV quoting must be balanced (a quoted field ends with a quote followed by a "
                    + "separator or line end), found: Unexpected character after closing quote: 'o' (0x6f)",
                    e.getMessage());
        }
    }

    @Test
    void aRepeatedHeaderNameIsBadDataNamingBothPositions() throws IOException {
        Path f = write("a,b,a\n1,2,3\n");
        try (CsvSource s = CsvSource.open(f, UTF_8)) {
            assertEquals(1, s.column("--columns", "b"));
            assertEquals(f + ":1: header must name column \"a\" once, found it as columns 1 and 3",
                    assertThrows(InvalidDataException.class, () -> s.column("--columns", "a")).getMessage());
            assertEquals(f + ":1: header must name column \"a\" once, found it as columns 1 and 3",
                    assertThrows(InvalidDataException.class, s::requireDistinctHeader).getMessage());
            assertEquals(f + ":1: --label must name a header column [a, b, a], found \"z\"",
                    assertThrows(InvalidDataException.class, () -> s.column("--label", "z")).getMessage());
        }
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        Path empty = write("");
        assertEquals(empty + ":1: file must start with a header line, found an empty file",
                assertThrows(InvalidDataException.class, () -> CsvSource.open(empty, UTF_8)).getMessage());
        Path missing = dir.resolve("nodir").resolve("x.csv");
        assertEquals("cannot read " + missing + ": no such directory " + missing.getParent(),
                assertThrows(UncheckedIOException.class, () -> CsvSource.open(missing, UTF_8)).getMessage());
        Path absent = dir.resolve("absent.csv");
        assertEquals("cannot read " + absent + ": no such file",
                assertThrows(UncheckedIOException.class, () -> CsvSource.open(absent, UTF_8)).getMessage());
        Path notDir = dir.resolve("t.csv").resolve("x.csv");
        assertEquals("cannot read " + notDir + ": not a directory " + notDir.getParent(),
                assertThrows(UncheckedIOException.class, () -> CsvSource.open(notDir, UTF_8)).getMessage());
        assertEquals("cannot read " + dir + ": is a directory",
                assertThrows(UncheckedIOException.class, () -> CsvSource.open(dir, UTF_8)).getMessage());
    }
}
