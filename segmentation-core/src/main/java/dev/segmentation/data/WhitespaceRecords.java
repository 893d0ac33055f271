package dev.segmentation.data;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Splits a whitespace-separated text file (such as CDNOW's {@code .txt} logs) into records: one record per
 * line, fields separated by runs of spaces and tabs, leading and trailing blanks ignored, {@code \r} before
 * {@code \n} ignored (so CRLF and LF files read the same), blank lines skipped. There is no quoting: a field
 * cannot contain a blank. Single-threaded.
 */
final class WhitespaceRecords {
    private WhitespaceRecords() {
    }

    /** Feeds every non-blank line of {@code reader} to {@code session}, numbering lines from 1. */
    static void parse(Reader reader, IngestSession session) throws IOException {
        char[] buf = new char[1 << 16];
        int start = 0;
        int end = 0;
        boolean eof = false;
        long line = 0;
        int scanned = 0;
        while (true) {
            int nl = -1;
            for (int i = Math.max(start, scanned); i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0) {
                if (eof) {
                    if (start < end) {
                        line(buf, start, end, ++line, session);
                    }
                    return;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                scanned = end;
                int n = reader.read(buf, end, buf.length - end);
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
                continue;
            }
            line(buf, start, nl, ++line, session);
            start = nl + 1;
            scanned = start;
        }
    }

    private static void line(char[] b, int from, int to, long line, IngestSession session) {
        int fields = 0;
        int i = from;
        while (true) {
            while (i < to && isBlank(b[i])) {
                i++;
            }
            if (i == to) {
                break;
            }
            int s = i;
            while (i < to && !isBlank(b[i])) {
                i++;
            }
            if (fields == 0) {
                session.begin(line);
            }
            session.field(fields++, b, s, i - s);
        }
        if (fields > 0) {
            session.end(fields);
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
