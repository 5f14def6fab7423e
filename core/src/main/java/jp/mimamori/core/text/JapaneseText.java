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

    /**
     * NFKC (full-width digits and letters to ASCII, half-width kana to full-width), variation selectors
     * dropped, trimmed, runs of spaces folded to one.
     */
    public static String clean(String v) {
        String s = NFKC.isNormalized(v) ? v : NFKC.normalize(v);
        s = withoutVariationSelectors(s);
        s = s.strip();
        if (s.indexOf("  ") >= 0) {
            s = s.replaceAll(" {2,}", " ");
        }
        return s;
    }

    /**
     * Variation selectors (U+FE00–FE0F, and the 異体字セレクタ IVS U+E0100–E01EF that registry systems
     * append to name the exact glyph: 葛󠄀城) only choose a glyph; left in, 葛󠄀城 and 葛城 would never meet.
     */
    private static String withoutVariationSelectors(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            if (isVariationSelector(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        s.codePoints().skip(s.codePointCount(0, i)).filter(cp -> !isVariationSelector(cp)).forEach(b::appendCodePoint);
        return b.toString();
    }

    private static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
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
     * A written name folded for matching: NFKC, variation selectors and spaces dropped, variant kanji to
     * their standard form (髙橋 → 高橋, 齋藤/齊藤/斉藤 → 斎藤, 渡邊/渡邉 → 渡辺), the 踊り字 (iteration
     * marks) 々 ゝ ゞ ヽ ヾ written out as the character they repeat (佐々木 → 佐佐木, since registries
     * write both), the small ヶ/ヵ between kanji as ケ (一ヶ谷, 一ケ谷), Latin letters upper-cased.
     * Every character maps to at most one, so a prefix of the key is the key of the name's prefix
     * (but for a trailing ヶ, which no surname ends in).
     * Idempotent.
     */
    public static String nameKey(String name) {
        String s = clean(name);
        StringBuilder b = new StringBuilder(s.length());
        int prevSource = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ' || cp == '・') {
                continue;
            }
            int out;
            int last = b.length() == 0 ? 0 : b.codePointBefore(b.length());
            if ((cp == '々' || cp == '〻' || cp == 'ゝ' || cp == 'ヽ') && last != 0) {
                out = last;
            } else if ((cp == 'ゞ' || cp == 'ヾ') && last != 0) {
                out = voiced(last);
            } else if ((cp == 'ヶ' || cp == 'ヵ') && isHan(prevSource) && isHan(nextNameChar(s, i))) {
                out = 'ケ';
            } else if (Character.isLetter(cp) && cp < 0x250) {
                out = Character.toUpperCase(cp);
            } else {
                out = VariantKanji.fold(cp);
            }
            prevSource = cp;
            b.appendCodePoint(out);
        }
        return b.toString();
    }

    /** The next character {@link #nameKey} keeps (spaces and dots go), or 0 at the end. */
    private static int nextNameChar(String s, int i) {
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cp != ' ' && cp != '・') {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return 0;
    }

    /** True for a kanji, 々 and 〇 included (Unicode script Han). */
    static boolean isHan(int cp) {
        return cp != 0 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /** The voiced kana of ゞ/ヾ's predecessor (す → ず); the kana itself where it has no voiced form. */
    private static int voiced(int cp) {
        String plain = "かきくけこさしすせそたちつてとはひふへほカキクケコサシスセソタチツテトハヒフヘホウう";
        String voiced = "がぎぐげござじずぜぞだぢづでどばびぶべぼガギグゲゴザジズゼゾダヂヅデドバビブベボヴゔ";
        int i = plain.indexOf(cp);
        return i < 0 ? cp : voiced.charAt(i);
    }
}
