package jp.mimamori.core.link;

/**
 * The fields compared, each with its graded levels of agreement (as Splink's comparison levels and
 * Febrl's graded comparisons). Level 0 is the strongest agreement; the last level means "missing on
 * one side or both" and carries no weight. A level is evidence with its own estimated m and u: a
 * differing birth date is strong evidence against, never a veto.
 */
public enum Field {
    /** 姓 (surname). 類似 is Jaro–Winkler ≥ 0.92 on the written name or the reading, やや類似 ≥ 0.80. */
    SURNAME("姓", new String[] {"一致", "読み一致", "類似", "やや類似", "姓名入替", "不一致", "欠損"}),
    /** 名 (given name), the same levels. */
    GIVEN("名", new String[] {"一致", "読み一致", "類似", "やや類似", "姓名入替", "不一致", "欠損"}),
    /** 生年月日 (birth date). */
    BIRTH("生年月日", new String[] {"一致", "1桁違い", "日月入替", "年月一致", "1年以内", "不一致", "欠損"}),
    /** 性別 (sex). */
    SEX("性別", new String[] {"一致", "不一致", "欠損"}),
    /**
     * 住所 (address) by its parsed parts: 町名 (fuzzy), 丁目, 番, 号, room; an address that does not parse
     * (a foreign one) is compared by its words, on the same scale.
     */
    ADDRESS("住所", new String[] {"部屋まで一致", "番地まで一致", "丁目まで一致", "町名一致・類似", "不一致", "欠損"}),
    /** 郵便番号 (postcode). */
    POSTCODE("郵便番号", new String[] {"一致", "1桁違い・上位一致", "不一致", "欠損"}),
    /** 宛名番号・住民コード (the city's shared identifier, where a source carries it). */
    SHARED_ID("宛名番号", new String[] {"一致", "1桁違い・入替", "不一致", "欠損"});

    private final String labelJa;
    private final String[] levelsJa;

    Field(String labelJa, String[] levelsJa) {
        this.labelJa = labelJa;
        this.levelsJa = levelsJa;
    }

    public String labelJa() {
        return labelJa;
    }

    public int levels() {
        return levelsJa.length;
    }

    public String levelJa(int level) {
        return levelsJa[level];
    }

    public int missing() {
        return levelsJa.length - 1;
    }

    public boolean isMissing(int level) {
        return level == levelsJa.length - 1;
    }
}
