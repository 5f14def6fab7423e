package jp.mimamori.server.cases;

/** 要保護児童対策地域協議会 (要対協) registration of a case and its category. */
public enum Yotaikyo {
    NONE("未登録", "not registered"),
    YOHOGO("要保護児童", "child requiring protection"),
    YOSHIEN("要支援児童", "child requiring support"),
    TOKUTEI_NINPU("特定妊婦", "expectant mother requiring support");

    private final String labelJa;
    private final String labelEn;

    Yotaikyo(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String label() {
        return labelJa + " / " + labelEn;
    }
}
