package jp.mimamori.core.text;

import com.ibm.icu.text.Normalizer2;

/**
 * Japanese text folding for storage and for matching. {@link #clean} is what ingest stores;
 * {@link #readingKey} and {@link #nameKey} are matching keys only and are never shown or stored as a name.
 */
public final class JapaneseText {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final String SMALL = "ァィゥェォッャュョヮヵヶ";
    private static final String LARGE = "アイウエオツヤユヨワカケ";
    /** The vowel each katakana ends in (ア イ ウ エ オ), for reading the long-vowel mark ー. */
    private static final String A_ROW = "アカサタナハマヤラワガザダバパャヮヵ";
    private static final String I_ROW = "イキシチニヒミリギジヂビピィヰ";
    private static final String U_ROW = "ウクスツヌフムユルグズヅブプュゥヴ";
    private static final String E_ROW = "エケセテネヘメレゲゼデベペェヱヶ";
    private static final String O_ROW = "オコソトノホモヨロヲゴゾドボポョォ";

    private JapaneseText() {
    }

    /** NFKC (full-width digits and letters to ASCII, half-width kana to full-width), trimmed, runs of spaces folded to one. */
    public static String clean(String v) {
        String s = NFKC.isNormalized(v) ? v : NFKC.normalize(v);
        s = s.strip();
        if (s.indexOf("  ") >= 0) {
            s = s.replaceAll(" {2,}", " ");
        }
        return s;
    }

    /** Hiragana to katakana, so that one reading has one written form. */
    public static String katakana(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'ぁ' && ch <= 'ゖ') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (ch + 0x60));
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * A reading folded so that the ways systems write the same reading meet: ｵｵﾀ, おおた, オオタ and
     * オータ; ユウキ and ユーキ; キョウコ and the old large-kana キヨウコ; ヂ/ジ, ヅ/ズ, ヴァ/バ. Spaces
     * and middle dots are dropped. Idempotent.
     */
    public static String readingKey(String kana) {
        String k = katakana(clean(kana));
        k = k.replace("ヴァ", "バ").replace("ヴィ", "ビ").replace("ヴェ", "ベ").replace("ヴォ", "ボ").replace("ヴ", "ブ");
        StringBuilder b = new StringBuilder(k.length());
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            // Spaces and dots go; so does a voicing mark NFKC could not compose (ｯﾞ): it is noise, and
            // keeping it would let small→large folding compose it on a second pass.
            if (c == ' ' || c == '・' || c == '=' || c == '＝' || (c >= '\u3099' && c <= '\u309C')) {
                continue;
            }
            int small = SMALL.indexOf(c);
            if (small >= 0) {
                c = LARGE.charAt(small);
            }
            switch (c) {
                case 'ヂ' -> c = 'ジ';
                case 'ヅ' -> c = 'ズ';
                case 'ヲ' -> c = 'オ';
                case 'ヰ' -> c = 'イ';
                case 'ヱ' -> c = 'エ';
                default -> { }
            }
            char prev = b.length() == 0 ? 0 : b.charAt(b.length() - 1);
            char v = vowel(prev);
            if (c == 'ー' || c == '-') {
                // The long mark repeats the vowel; a long o or e is written ウ or イ in most names (トウキョウ, ケイコ).
                c = v == 'オ' || v == 'ウ' ? 'ウ' : v == 'エ' || v == 'イ' ? 'イ' : v == 'ア' ? 'ア' : 0;
                if (c == 0) {
                    continue;
                }
            } else if (c == 'オ' && v == 'オ') {
                c = 'ウ'; // オオタ and オウタ and オータ meet
            }
            b.append(c);
        }
        return b.toString();
    }

    private static char vowel(char c) {
        if (c == 0) {
            return 0;
        }
        if (A_ROW.indexOf(c) >= 0) {
            return 'ア';
        }
        if (I_ROW.indexOf(c) >= 0) {
            return 'イ';
        }
        if (U_ROW.indexOf(c) >= 0) {
            return 'ウ';
        }
        if (E_ROW.indexOf(c) >= 0) {
            return 'エ';
        }
        if (O_ROW.indexOf(c) >= 0) {
            return 'オ';
        }
        return 0;
    }

    /**
     * A written name folded for matching: NFKC, spaces dropped, variant kanji to their standard form
     * (髙橋 → 高橋, 齋藤/齊藤/斉藤 → 斎藤, 渡邊/渡邉 → 渡辺), Latin letters upper-cased. Idempotent.
     */
    public static String nameKey(String name) {
        String s = clean(name);
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == ' ' || cp == '・') {
                return;
            }
            b.appendCodePoint(Character.isLetter(cp) && cp < 0x250 ? Character.toUpperCase(cp) : VariantKanji.fold(cp));
        });
        return b.toString();
    }
}
