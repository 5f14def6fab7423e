package jp.mimamori.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * 異体字 (variant kanji) folded to one standard form, for matching names. NFKC does not merge 髙/高,
 * 齋/斎 or 邊/辺, so the pairs come from a table (variant-kanji.tsv beside this class): the 常用漢字表's
 * old/new forms and the name variants of the MJ縮退マップ and the 人名用漢字表.
 */
public final class VariantKanji {

    private static final Map<Integer, Integer> TABLE = load();

    private VariantKanji() {
    }

    public static int fold(int codePoint) {
        Integer to = TABLE.get(codePoint);
        return to == null ? codePoint : to;
    }

    public static int size() {
        return TABLE.size();
    }

    private static Map<Integer, Integer> load() {
        Map<Integer, Integer> m = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                VariantKanji.class.getResourceAsStream("variant-kanji.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t");
                m.put(c[0].codePointAt(0), c[1].codePointAt(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
