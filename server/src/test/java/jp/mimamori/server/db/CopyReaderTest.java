package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** COPY reads its data in place: every character, in order, across many reads, Japanese included. */
class CopyReaderTest {

    static String readAll(Reader r) throws IOException {
        StringWriter w = new StringWriter();
        r.transferTo(w);
        return w.toString();
    }

    @Test
    void theReaderGivesEveryCharacterOfTheBuilderAndOfAnyCharSequence() throws IOException {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            data.append(i).append(",髙橋 はなこ,").append(i % 7 == 0 ? "𠮷野" : "吉野").append('\n');
        }
        assertThat(readAll(Copy.reader(data))).isEqualTo(data.toString());
        assertThat(readAll(Copy.reader(java.nio.CharBuffer.wrap("a,b\n齋藤\n")))).isEqualTo("a,b\n齋藤\n");
        Reader empty = Copy.reader(new StringBuilder());
        assertThat(empty.read(new char[8], 0, 8)).isEqualTo(-1);
    }
}
