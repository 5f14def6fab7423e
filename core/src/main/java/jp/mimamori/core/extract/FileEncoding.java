package jp.mimamori.core.extract;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The encodings municipal extracts come in. CP932 is decoded as windows-31j, never as "Shift_JIS",
 * whichever of its names a definition uses: vendors write Shift_JIS, SJIS or MS932 and mean the
 * Windows code page with ①, －, ～ and 﨑.
 */
public enum FileEncoding {
    CP932("CP932"), UTF8("UTF-8"), UTF8_BOM("UTF-8-BOM"), DETECT("detect");

    /** windows-31j (MS932): "Shift_JIS" breaks ①, －, ～ and 﨑. */
    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    /** Every name {@link #of} accepts, as written in the docs and in the error for an unknown one. */
    public static final List<String> ACCEPTED_NAMES = List.of(
            "CP932", "windows-31j", "MS932", "Shift_JIS", "SJIS", "cp943c", "UTF-8", "utf8", "UTF-8N", "UTF-8-BOM",
            "UTF-8 with BOM", "detect");

    /** The names above and their common spellings, compared without case, spaces, '-', '_' or brackets. */
    private static final Map<String, FileEncoding> ALIASES = Map.ofEntries(
            Map.entry("cp932", CP932), Map.entry("windows31j", CP932), Map.entry("ms932", CP932),
            Map.entry("shiftjis", CP932), Map.entry("sjis", CP932), Map.entry("xsjis", CP932), Map.entry("cp943c", CP932),
            Map.entry("cp943", CP932), Map.entry("ibm943", CP932), Map.entry("ibm943c", CP932), Map.entry("mskanji", CP932),
            Map.entry("windows932", CP932), Map.entry("cswindows31j", CP932), Map.entry("xmswin31j", CP932),
            Map.entry("utf8", UTF8), Map.entry("utf8n", UTF8), Map.entry("utf8nobom", UTF8), Map.entry("utf8withoutbom", UTF8),
            Map.entry("utf8bom", UTF8_BOM), Map.entry("utf8withbom", UTF8_BOM), Map.entry("utf8bom付き", UTF8_BOM),
            Map.entry("bom付きutf8", UTF8_BOM), Map.entry("utf8sig", UTF8_BOM),
            Map.entry("detect", DETECT), Map.entry("auto", DETECT));

    /**
     * UTF-8 that drops a byte order mark at the start. Whatever the definition says, a BOM is never
     * part of the first header name; a reader built on {@link #charset()} gets this for free.
     */
    private static final Charset UTF8_SKIPPING_BOM = new Utf8SkippingBom();

    private final String key;

    FileEncoding(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The encoding a definition names, in any of {@link #ACCEPTED_NAMES} or their usual spellings. */
    public static FileEncoding of(String key) {
        FileEncoding e = key == null ? null : ALIASES.get(fold(key));
        if (e == null) {
            throw new IllegalArgumentException("不明な文字コードです: " + key + "（使えるもの: " + String.join(", ", ACCEPTED_NAMES)
                    + "） / unknown encoding: " + key + " (use one of " + String.join(", ", ACCEPTED_NAMES) + ")");
        }
        return e;
    }

    private static String fold(String key) {
        return Normalizer.normalize(key, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("[\\s\\-_()\\[\\]（）]", "");
    }

    static boolean startsWithBom(byte[] b, int off, int length) {
        return length >= 3 && (b[off] & 0xFF) == 0xEF && (b[off + 1] & 0xFF) == 0xBB && (b[off + 2] & 0xFF) == 0xBF;
    }

    /**
     * For DETECT, from the first bytes of a file: a BOM means UTF-8 with BOM; valid UTF-8 with some
     * non-ASCII means UTF-8; bytes that are not UTF-8 mean CP932. A sample with no byte above 0x7F
     * says nothing (both encodings read it the same) and gives UTF8: {@link #reader} therefore decides
     * at the first non-ASCII byte of the whole file, not on a sample. The sample may end inside a
     * character; that is not held against UTF-8.
     */
    public static FileEncoding detect(byte[] head, int length) {
        if (startsWithBom(head, 0, length)) {
            return UTF8_BOM;
        }
        return guess(head, 0, length, false);
    }

    /** UTF8 or CP932 for bytes that begin at a character boundary; {@code complete} when they are the rest of the file. */
    static FileEncoding guess(byte[] b, int off, int length, boolean complete) {
        int end = off + length;
        if (!complete) {
            end -= incompleteTail(b, off, end);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, end - off));
            return UTF8;
        } catch (CharacterCodingException e) {
            return CP932;
        }
    }

    /** How many bytes at the end begin a UTF-8 sequence that the sample cut short (0 to 3). */
    private static int incompleteTail(byte[] b, int off, int end) {
        for (int back = 1; back <= 3 && end - back >= off; back++) {
            int c = b[end - back] & 0xFF;
            if (c < 0x80) {
                return 0;
            }
            if (c >= 0xC0) {
                int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
                return need > back ? back : 0;
            }
        }
        return 0;
    }

    /** The charset to decode with: windows-31j for CP932, otherwise UTF-8 with a leading BOM dropped. */
    public Charset charset() {
        return this == CP932 ? WINDOWS_31J : UTF8_SKIPPING_BOM;
    }

    /**
     * A reader over a whole file in this encoding: a UTF-8 BOM is dropped (under CP932 too, where it
     * can only mean the file is UTF-8), DETECT decides at the first non-ASCII byte, and bytes that are
     * not valid become U+FFFD so that the row holding them can be reported.
     */
    public DecodingReader reader(InputStream in) {
        return new DecodingReader(in, this);
    }

    private static final class Utf8SkippingBom extends Charset {

        Utf8SkippingBom() {
            super("X-UTF-8-skipping-BOM", new String[0]);
        }

        @Override
        public boolean contains(Charset cs) {
            return StandardCharsets.UTF_8.contains(cs);
        }

        @Override
        public CharsetDecoder newDecoder() {
            return new CharsetDecoder(this, 1.0f, 1.0f) {
                // The inner decoder reports; this one applies whatever action its user chose.
                final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
                boolean atStart = true;

                @Override
                protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
                    int from = out.position();
                    CoderResult r = utf8.decode(in, out, false);
                    if (atStart && out.position() > from) {
                        atStart = false;
                        if (out.get(from) == '\uFEFF') {
                            for (int i = from + 1; i < out.position(); i++) {
                                out.put(i - 1, out.get(i));
                            }
                            out.position(out.position() - 1);
                        }
                    } else if (atStart && r.isError()) {
                        atStart = false;
                    }
                    return r;
                }

                @Override
                protected void implReset() {
                    utf8.reset();
                    atStart = true;
                }
            };
        }

        @Override
        public CharsetEncoder newEncoder() {
            return StandardCharsets.UTF_8.newEncoder();
        }
    }
}
