package jp.mimamori.core.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The encodings municipal extracts come in. CP932 is decoded as windows-31j, never as "Shift_JIS". */
public enum FileEncoding {
    CP932("CP932"), UTF8("UTF-8"), UTF8_BOM("UTF-8-BOM"), DETECT("detect");

    /** windows-31j (MS932): "Shift_JIS" breaks ①, －, ～ and 﨑. */
    public static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    private final String key;

    FileEncoding(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static FileEncoding of(String key) {
        for (FileEncoding e : values()) {
            if (e.key.equalsIgnoreCase(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException(key);
    }

    /** For DETECT: a BOM means UTF-8; a start that is valid UTF-8 with some non-ASCII means UTF-8; otherwise CP932. */
    public static FileEncoding detect(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return UTF8_BOM;
        }
        // Cut at the last newline so a multi-byte character split by the sample does not count as invalid.
        int end = length;
        while (end > 0 && head[end - 1] != '\n') {
            end--;
        }
        if (end == 0) {
            end = length;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
            return UTF8;
        } catch (CharacterCodingException e) {
            return CP932;
        }
    }

    public Charset charset() {
        return this == CP932 ? WINDOWS_31J : StandardCharsets.UTF_8;
    }
}
