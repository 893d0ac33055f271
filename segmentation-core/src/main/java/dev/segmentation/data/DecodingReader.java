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
 * {@link java.io.InputStreamReader} does.
 *
 * <p>Lines are not counted while reading (that would cost about a tenth of the ingestion time): on an error the
 * source is opened again and decoded up to the bad byte, counting LF, CRLF and lone CR line ends in the decoded
 * chars, so the line number is exact for any charset.
 *
 * <p>Single-threaded.
 */
final class DecodingReader extends Reader {
    /** Opens the source again from its start. */
    interface Source {
        InputStream open() throws IOException;
    }

    private final Source source;
    private final InputStream in;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final String name;
    private final ByteBuffer bytes;
    /** Bytes of the stream before {@code bytes.array()[0]}. */
    private long consumed;
    private boolean eof;
    private boolean flushed;

    DecodingReader(Source source, Charset charset, String name, int bufferSize) throws IOException {
        this.source = source;
        this.in = source.open();
        this.charset = charset;
        this.decoder = strict(charset);
        this.name = name;
        this.bytes = ByteBuffer.allocate(bufferSize);
        this.bytes.flip();
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
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
                check(decoder.decode(bytes, out, true));
                CoderResult r = decoder.flush(out);
                check(r);
                flushed = !r.isOverflow();
                continue;
            }
            CoderResult r = decoder.decode(bytes, out, false);
            check(r);
            if (r.isUnderflow() && out.position() == off) {
                fill();
            }
        }
        return out.position() - off;
    }

    private void fill() throws IOException {
        consumed += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void check(CoderResult r) {
        if (!r.isError()) {
            return;
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < r.length() && bytes.position() + i < bytes.limit(); i++) {
            hex.append(hex.length() == 0 ? "" : " ")
                    .append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xff));
        }
        if (hex.length() == 0) {
            hex.append("a truncated sequence at the end of the file");
        }
        long line = lineAt(consumed + bytes.position());
        String what = r.isMalformed() ? "malformed" : "unmappable";
        throw new InvalidDataException(name + (line > 0 ? ": line " + line : "") + ": bytes must be valid "
                + charset.name() + ", found " + what + " input " + hex
                + "; read the file with the charset it was written in", line, null, null);
    }

    /** The 1-based line of the byte at {@code offset}, by decoding the source again up to it; -1 if unreadable. */
    private long lineAt(long offset) {
        CharsetDecoder d = strict(charset);
        ByteBuffer bb = ByteBuffer.allocate(1 << 16);
        CharBuffer cb = CharBuffer.allocate(1 << 16);
        long lines = 0;
        boolean cr = false;
        long remaining = offset;
        try (InputStream again = source.open()) {
            bb.flip();
            while (true) {
                bb.compact();
                int n = remaining == 0 ? 0 : again.read(bb.array(), bb.position(),
                        (int) Math.min(bb.remaining(), remaining));
                if (n > 0) {
                    bb.position(bb.position() + n);
                    remaining -= n;
                }
                bb.flip();
                CoderResult r = d.decode(bb, cb, false);
                cb.flip();
                while (cb.hasRemaining()) {
                    char c = cb.get();
                    if (c == '\n') {
                        lines += cr ? 0 : 1;
                        cr = false;
                    } else {
                        cr = c == '\r';
                        lines += cr ? 1 : 0;
                    }
                }
                cb.clear();
                if (r.isError() || n < 0 || (remaining == 0 && r.isUnderflow())) {
                    return lines + 1;
                }
            }
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
