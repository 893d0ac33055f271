package dev.segmentation.internal;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.InvalidDataException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Not API. The one reader of small CSV tables with a header line (numeric tables, review tables, BTYD
 * summaries, customer files) shared by the library and its command line, so that every such file is read
 * the same way:
 * <ul>
 *   <li>a UTF-8 byte order mark ({@code U+FEFF}) at the start is skipped (as Excel writes it), so it never
 *       leaks into the first header name;</li>
 *   <li>a file whose name ends in {@code .gz} is gunzipped;</li>
 *   <li>blank lines are skipped; every other record must have as many fields as the header, else
 *       {@code <file>: line <n>: record must have <k> fields like the header, found <m>};</li>
 *   <li>broken quoting is reported as {@code <file>: line <n>: record must be valid CSV ..., found: ...} with
 *       the 1-based line where the record starts (never FastCSV's bare "Exception when reading record");</li>
 *   <li>a header column that a caller asks for must occur exactly once ({@link #column}); a repeated name is
 *       bad data naming both 1-based column positions;</li>
 *   <li>I/O errors name the file and the reason ({@link #reason}).</li>
 * </ul>
 * Not thread-safe; one instance per read.
 */
public final class CsvSource implements Closeable {
    private static final char BOM = '\uFEFF';
    private static final Pattern STARTED = Pattern.compile("started in line (\\d+)");

    private final Path file;
    private final Reader reader;
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final List<String> header;
    private final long headerLine;
    private final boolean editorStyle;
    private long line;

    private CsvSource(Path file, Reader reader, boolean editorStyle) {
        this.file = file;
        this.editorStyle = editorStyle;
        this.reader = reader;
        this.csv = CsvReader.builder().skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(reader);
        this.records = csv.iterator();
        CsvRecord first = nextRecord();
        if (first == null) {
            close();
            throw new InvalidDataException(at(1) + "file must start with a header line, found an empty file", 1, null,
                    null);
        }
        this.header = List.copyOf(first.getFields());
        this.headerLine = first.getStartingLineNumber();
    }

    /**
     * Opens a CSV file with a header line and reads the header.
     *
     * @param file the file; {@code .gz} names are gunzipped; not null
     * @param charset the charset (never guessed); not null
     * @return the open source, positioned after the header
     * @throws InvalidDataException if the file is empty or its first record is not valid CSV
     * @throws UncheckedIOException {@code cannot read <file>: <reason>} if the file cannot be read
     */
    public static CsvSource open(Path file, Charset charset) {
        return open(file, charset, true);
    }

    /**
     * Opens a CSV file with a header line and reads the header, with a choice of location style.
     *
     * @param file the file; {@code .gz} names are gunzipped; not null
     * @param charset the charset (never guessed); not null
     * @param editorStyle true for {@code <file>:<line>: } (as compilers and editors show it), false for
     *     {@code <file>: line <line>: } (the library's data-file style)
     * @return the open source, positioned after the header
     * @throws InvalidDataException if the file is empty or its first record is not valid CSV
     * @throws UncheckedIOException {@code cannot read <file>: <reason>} if the file cannot be read
     */
    public static CsvSource open(Path file, Charset charset, boolean editorStyle) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(charset, "charset");
        Reader r;
        try {
            r = reader(file, charset);
        } catch (IOException e) {
            throw readFailure(file, e);
        }
        return new CsvSource(file, r, editorStyle);
    }

    /**
     * Opens a file as characters with a leading byte order mark skipped (gunzipped when the name ends in
     * {@code .gz}).
     *
     * @param file the file; not null
     * @param charset the charset; not null
     * @return a buffered reader; the caller closes it
     * @throws IOException if the file cannot be opened
     */
    public static Reader reader(Path file, Charset charset) throws IOException {
        InputStream s = Files.newInputStream(file);
        try {
            if (file.getFileName() != null
                    && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                s = new GZIPInputStream(s, 1 << 16);
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return skipBom(new BufferedReader(new InputStreamReader(s, charset), 1 << 16));
    }

    /**
     * Wraps a reader so that a byte order mark as its first character is skipped.
     *
     * @param in the reader; not null
     * @return a reader without the mark
     * @throws IOException if the first character cannot be read
     */
    public static Reader skipBom(Reader in) throws IOException {
        PushbackReader p = new PushbackReader(in, 1);
        int c = p.read();
        if (c >= 0 && c != BOM) {
            p.unread(c);
        }
        return p;
    }

    /**
     * Returns the file being read.
     *
     * @return the path as given
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the header fields (a leading byte order mark removed).
     *
     * @return an unmodifiable list
     */
    public List<String> header() {
        return header;
    }

    /**
     * Returns the 0-based index of a header column that must occur exactly once.
     *
     * @param option how the user named the column (an option such as {@code --label}, or {@code column}), for
     *     the message
     * @param name the header name; not null
     * @return the index
     * @throws InvalidDataException {@code <file>: line 1: <option> must name a header column [a, b], found "x"}
     *     or {@code <file>: line 1: header must name column "a" once, found it as columns 1 and 3}
     */
    public int column(String option, String name) {
        int i = indexOnce(name);
        if (i < 0) {
            throw new InvalidDataException(at(headerLine) + option + " must name a header column "
                    + header + ", found \"" + name + "\"", headerLine, name, null);
        }
        return i;
    }

    /**
     * Returns the 0-based index of a header name, or -1 when absent.
     *
     * @param name the header name; not null
     * @return the index or -1
     * @throws InvalidDataException if the name occurs more than once
     */
    public int indexOnce(String name) {
        int found = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equals(name)) {
                if (found >= 0) {
                    throw duplicate(name, found, i);
                }
                found = i;
            }
        }
        return found;
    }

    /**
     * Checks that no header name occurs twice (for readers that use every column).
     *
     * @throws InvalidDataException naming the first repeated name and both 1-based positions
     */
    public void requireDistinctHeader() {
        for (int i = 0; i < header.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (header.get(i).equals(header.get(j))) {
                    throw duplicate(header.get(i), j, i);
                }
            }
        }
    }

    private InvalidDataException duplicate(String name, int first, int second) {
        return new InvalidDataException(at(headerLine) + "header must name column \"" + name
                + "\" once, found it as columns " + (first + 1) + " and " + (second + 1), headerLine, name, null);
    }

    /**
     * Returns the next data record, or null at the end of the file.
     *
     * @return the record, with exactly {@code header().size()} fields
     * @throws InvalidDataException naming the file and line for a record of another width or broken quoting
     * @throws UncheckedIOException if the file cannot be read
     */
    public CsvRecord next() {
        CsvRecord r = nextRecord();
        if (r == null) {
            return null;
        }
        if (r.getFieldCount() != header.size()) {
            throw new InvalidDataException(at(line) + "record must have " + header.size()
                    + " fields like the header (check the quoting), found " + r.getFieldCount(), line, null, null);
        }
        return r;
    }

    /**
     * Returns the location prefix of messages about a line: {@code <file>:<line>: } or
     * {@code <file>: line <line>: }.
     *
     * @param line the 1-based line
     * @return the prefix, ending in a space
     */
    public String at(long line) {
        return editorStyle ? file + ":" + line + ": " : file + ": line " + line + ": ";
    }

    /**
     * Returns the 1-based line on which the last record returned starts.
     *
     * @return the line
     */
    public long line() {
        return line;
    }

    private CsvRecord nextRecord() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CsvRecord r = records.next();
            line = r.getStartingLineNumber();
            return r;
        } catch (CsvParseException e) {
            // FastCSV gives the line only in its message text ("... record that started in line 7")
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            Matcher m = STARTED.matcher(String.valueOf(e.getMessage()));
            long at = m.find() ? Long.parseLong(m.group(1)) : line + 1;
            throw new InvalidDataException(at(at) + "CSV quoting must be balanced (a quoted field ends with a quote "
                    + "followed by a separator or line end), found: " + cause.getMessage(), at, null, e);
        } catch (UncheckedIOException e) {
            throw readFailure(file, e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    /**
     * The error for a file that cannot be read: {@code cannot read <file>: <reason>} (an
     * {@link UncheckedIOException}), or an {@link InvalidDataException} for a broken gzip stream or bytes not
     * valid in the charset.
     *
     * @param file the file; not null
     * @param e the cause; not null
     * @return the exception to throw
     */
    public static RuntimeException readFailure(Path file, IOException e) {
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return new InvalidDataException(file + ": file must be a complete gzip stream as its name ends in .gz, "
                    + "found: " + e.getMessage(), e);
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return new InvalidDataException(file + ": bytes must be valid in the file's charset, found: " + e, e);
        }
        return new UncheckedIOException("cannot read " + file + ": " + reason(file, e), e);
    }

    /**
     * Says why an I/O operation on {@code file} failed, in words: {@code no such file}, {@code no such directory
     * d}, {@code not a directory d}, {@code permission denied}, {@code is a directory}, else the exception's own
     * message.
     *
     * @param file the file the operation was about; not null
     * @param e the failure; not null
     * @return the reason, without the file name at the front
     */
    public static String reason(Path file, IOException e) {
        Path parent = file.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || (e instanceof FileSystemException && "Not a directory".equals(((FileSystemException) e).getReason()))) {
            Path shown = file.getParent();
            for (Path p = parent; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    return "not a directory " + relativeLike(file, p);
                }
            }
            if (parent != null && !Files.isDirectory(parent)) {
                return "no such directory " + (shown == null ? parent : shown);
            }
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (Files.isDirectory(file)) {
            return "is a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Shows an ancestor of {@code file} the way the user wrote the file (relative stays relative). */
    private static String relativeLike(Path file, Path ancestorAbsolute) {
        List<Path> given = new ArrayList<>();
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            given.add(p);
        }
        for (Path p : given) {
            if (p.toAbsolutePath().normalize().equals(ancestorAbsolute.normalize())) {
                return p.toString();
            }
        }
        return ancestorAbsolute.toString();
    }
}
