package jp.mimamori.server.cases;

/** The centre's editable code tables. */
public enum CodeKind {
    CHANNEL("channel", "相談経路", "channel"),
    CONTACT("contact", "相談者", "who contacted"),
    CONSULTATION_TYPE("consultation_type", "相談種別", "consultation type"),
    RISK_ITEM("risk_item", "リスクチェック項目", "risk checklist item"),
    AGENCY("agency", "関係機関", "agency");

    private final String db;
    private final String labelJa;
    private final String labelEn;

    CodeKind(String db, String labelJa, String labelEn) {
        this.db = db;
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String db() {
        return db;
    }

    public String label() {
        return labelJa + " / " + labelEn;
    }

    public String labelJa() {
        return labelJa;
    }
}
