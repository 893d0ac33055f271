package dev.segmentation.data;

import dev.segmentation.InvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * A strict decoding {@link Reader}: bytes that are not valid in the charset stop the read with an
 * {@link InvalidDataException} naming the line and the bytes, instead of turning silently into U+FFFD as
 * {@link java.io.InputStreamReader} does. Lines are counted on the decoded chars (LF, CRLF or a lone CR end a
 * line), so the line number is exact for any charset.
 *
 * <p>Single-threaded.
 */
final class DecodingReader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String source;
    private final ByteBuffer bytes;
    private boolean eof;
    private boolean flushed;
    private long newlines;
    private boolean lastWasCr;

    DecodingReader(InputStream in, Charset charset, String source, int bufferSize) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.source = source;
        this.bytes = ByteBuffer.allocate(bufferSize);
        this.bytes.flip();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (flushed) {
                return -1;
            }
            if (eof) {
                CoderResult r = decoder.decode(bytes, out, true);
                check(r, cbuf, off, out.position());
                r = decoder.flush(out);
                check(r, cbuf, off, out.position());
                flushed = !r.isOverflow();
                continue;
            }
            CoderResult r = decoder.decode(bytes, out, false);
            check(r, cbuf, off, out.position());
            if (r.isUnderflow() && out.position() == off) {
                fill();
            }
        }
        int n = out.position() - off;
        countLines(cbuf, off, n);
        return n;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void check(CoderResult r, char[] cbuf, int off, int end) {
        if (!r.isError()) {
            return;
        }
        countLines(cbuf, off, end - off);
        long line = newlines + 1;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < r.length() && bytes.position() + i < bytes.limit(); i++) {
            hex.append(hex.length() == 0 ? "" : " ")
                    .append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xff));
        }
        if (hex.length() == 0) {
            hex.append("a truncated sequence at the end of the file");
        }
        String what = r.isMalformed() ? "malformed" : "unmappable";
        throw new InvalidDataException(source + ": line " + line + ": bytes must be valid "
                + decoder.charset().name() + ", found " + what + " input " + hex
                + "; read the file with the charset it was written in", line, null, null);
    }

    private void countLines(char[] cbuf, int off, int n) {
        long count = 0;
        boolean cr = lastWasCr;
        for (int i = off, end = off + n; i < end; i++) {
            char c = cbuf[i];
            if (c == '\n') {
                if (!cr) {
                    count++;
                }
                cr = false;
            } else if (c == '\r') {
                count++;
                cr = true;
            } else {
                cr = false;
            }
        }
        newlines += count;
        lastWasCr = cr;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
