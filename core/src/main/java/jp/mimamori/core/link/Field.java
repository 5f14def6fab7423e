package jp.mimamori.core.link;

/**
 * The fields compared, each with its graded levels of agreement. Level 0 is the strongest agreement;
 * the last level of fields that can be absent means "missing" and carries no weight.
 */
public enum Field {
    SURNAME("姓", new String[] {"一致", "読み一致・1文字違い", "不一致", "欠損"}, true),
    GIVEN("名", new String[] {"一致", "読み一致・1文字違い", "不一致", "欠損"}, true),
    BIRTH("生年月日", new String[] {"一致", "1日違い・日月入替", "不一致", "欠損"}, true),
    SEX("性別", new String[] {"一致", "不一致", "欠損"}, true),
    ADDRESS("住所", new String[] {"番地まで一致", "丁目まで一致", "不一致", "欠損"}, true);

    private final String labelJa;
    private final String[] levelsJa;
    private final boolean hasMissing;

    Field(String labelJa, String[] levelsJa, boolean hasMissing) {
        this.labelJa = labelJa;
        this.levelsJa = levelsJa;
        this.hasMissing = hasMissing;
    }

    public String labelJa() { return labelJa; }

    public int levels() { return levelsJa.length; }

    public String levelJa(int level) { return levelsJa[level]; }

    public boolean isMissing(int level) {
        return hasMissing && level == levelsJa.length - 1;
    }
}
