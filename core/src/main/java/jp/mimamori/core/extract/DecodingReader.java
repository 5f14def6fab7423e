package jp.mimamori.core.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Text of an extract file as its encoding says, streamed. A UTF-8 byte order mark is dropped, so the
 * first header name is never "\uFEFF宛名番号". For {@link FileEncoding#DETECT} the encoding is decided
 * where it matters, at the first byte above 0x7F, on up to {@link #WINDOW} bytes from there: a
 * sample of the file's start is not enough, because a CP932 file can begin with an ASCII header
 * and thousands of ASCII-only rows (codes and numbers, the names left empty) and only then hold
 * Japanese, and decoding it as UTF-8 would turn every later name into U+FFFD. Until that byte the
 * text is ASCII and reads the same either way.
 */
public final class DecodingReader extends Reader {

    /** How far past the first non-ASCII byte the decision looks: enough for any real extract's rows. */
    public static final int WINDOW = 1 << 16;

    private final InputStream in;
    private FileEncoding encoding;
    private Reader decoded;
    /** Bytes read ahead while the encoding is undecided (DETECT) or while looking for a BOM. */
    private byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean started;
    private boolean bom;

    DecodingReader(InputStream in, FileEncoding declared) {
        this.in = in;
        this.encoding = declared;
    }

    /**
     * The encoding the text is read in: the declared one, UTF8_BOM when the file starts with a BOM,
     * and for DETECT the decision: DETECT while no non-ASCII byte has been read yet, UTF8 for a file
     * that turned out to be ASCII throughout.
     */
    public FileEncoding encoding() {
        return encoding;
    }

    /** Whether the file began with a UTF-8 byte order mark (known once anything was read). */
    public boolean hadBom() {
        return bom;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!started) {
            start();
        }
        if (decoded != null) {
            return decoded.read(cbuf, off, len);
        }
        // DETECT, undecided: pass ASCII through until the first byte that is not.
        if (pos == lim && !fill()) {
            encoding = FileEncoding.UTF8;
            return -1;
        }
        int n = 0;
        while (n < len && pos < lim && buf[pos] >= 0) {
            cbuf[off + n++] = (char) buf[pos++];
        }
        if (n > 0) {
            return n;
        }
        decide();
        return decoded.read(cbuf, off, len);
    }

    private void start() throws IOException {
        started = true;
        while (lim < 3 && fill()) {
            // a BOM needs its three bytes
        }
        if (FileEncoding.startsWithBom(buf, 0, lim)) {
            bom = true;
            pos = 3;
            encoding = FileEncoding.UTF8_BOM;
        }
        if (encoding != FileEncoding.DETECT) {
            use(encoding);
        }
    }

    private void decide() throws IOException {
        // The window starts at a character boundary: everything before it was ASCII.
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
        if (buf.length < WINDOW) {
            buf = Arrays.copyOf(buf, WINDOW);
        }
        while (lim < WINDOW && fill()) {
            // read up to the window
        }
        encoding = FileEncoding.guess(buf, 0, lim, eof);
        use(encoding);
    }

    private void use(FileEncoding e) {
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, pos, lim - pos), in);
        decoded = new InputStreamReader(rest, e.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** Reads more bytes after {@code lim}; false at the end of the file. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos == lim) {
            pos = 0;
            lim = 0;
        }
        if (lim == buf.length) {
            return true;
        }
        int r = in.read(buf, lim, buf.length - lim);
        if (r < 0) {
            eof = true;
            return false;
        }
        lim += r;
        return true;
    }

    @Override
    public void close() throws IOException {
        if (decoded != null) {
            decoded.close();
        } else {
            in.close();
        }
    }
}
