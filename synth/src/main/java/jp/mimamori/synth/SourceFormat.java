package jp.mimamori.synth;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.source.SourceSystem;

/**
 * How each department's system writes its extract: file, encoding, date notation, kana and address
 * style. This is the table in docs/synthetic-city.md; the ingest source definitions must match it.
 */
enum SourceFormat {
    JUKI(SourceSystem.JUKI, Encoding.CP932, DateNotation.ERA_COLUMN, Render.Kana.FULL_KATAKANA, Render.AddressStyle.KANJI_CHOME_HYPHEN),
    ZEI(SourceSystem.ZEI, Encoding.CP932, DateNotation.WAREKI_LETTER, Render.Kana.HALF_KATAKANA, Render.AddressStyle.FULLWIDTH_HYPHEN),
    TEATE(SourceSystem.TEATE, Encoding.UTF8_BOM, DateNotation.SLASH, Render.Kana.FULL_KATAKANA, Render.AddressStyle.KANJI_FULL),
    KOSODATE(SourceSystem.KOSODATE, Encoding.UTF8, DateNotation.ISO, Render.Kana.HIRAGANA, Render.AddressStyle.KANJI_FULL),
    GAKUREI(SourceSystem.GAKUREI, Encoding.CP932, DateNotation.WAREKI_KANJI, Render.Kana.FULL_KATAKANA, Render.AddressStyle.KANJI_FULL),
    SHOGAI(SourceSystem.SHOGAI, Encoding.CP932, DateNotation.WAREKI_LETTER_PADDED, Render.Kana.HALF_KATAKANA, Render.AddressStyle.FULLWIDTH_HYPHEN),
    KENKO(SourceSystem.KENKO, Encoding.CP932, DateNotation.COMPACT, Render.Kana.FULL_KATAKANA, Render.AddressStyle.FULLWIDTH_HYPHEN),
    SEIHO(SourceSystem.SEIHO, Encoding.CP932, DateNotation.WAREKI_KANJI, Render.Kana.FULL_KATAKANA, Render.AddressStyle.KANJI_CHOME_HYPHEN),
    KOMU(SourceSystem.KOMU, Encoding.UTF8, DateNotation.ISO, Render.Kana.FULL_KATAKANA, Render.AddressStyle.KANJI_FULL),
    SOUDAN(SourceSystem.SOUDAN, Encoding.UTF8, DateNotation.ISO, Render.Kana.FULL_KATAKANA, Render.AddressStyle.KANJI_FULL);

    enum Encoding {
        CP932(Charset.forName("windows-31j"), false, "CP932"),
        UTF8(StandardCharsets.UTF_8, false, "UTF-8"),
        UTF8_BOM(StandardCharsets.UTF_8, true, "UTF-8 (BOM)");

        final Charset charset;
        final boolean bom;
        final String label;

        Encoding(Charset charset, boolean bom, String label) {
            this.charset = charset;
            this.bom = bom;
            this.label = label;
        }
    }

    final SourceSystem source;
    final Encoding encoding;
    final DateNotation dates;
    final Render.Kana kana;
    final Render.AddressStyle address;

    SourceFormat(SourceSystem source, Encoding encoding, DateNotation dates, Render.Kana kana, Render.AddressStyle address) {
        this.source = source;
        this.encoding = encoding;
        this.dates = dates;
        this.kana = kana;
        this.address = address;
    }

    String fileName() {
        return source.code() + ".csv";
    }
}
