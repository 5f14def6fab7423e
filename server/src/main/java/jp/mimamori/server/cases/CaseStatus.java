package jp.mimamori.server.cases;

/** ケースの状態 (case status), in the order a case usually moves through them. */
public enum CaseStatus {
    RECEIVED("受付", "received"),
    INVESTIGATION("調査", "investigation"),
    ASSESSMENT("アセスメント", "assessment"),
    SUPPORT("支援中", "in support"),
    MONITORING("見守り", "monitoring"),
    CLOSED("終結", "closed");

    private final String labelJa;
    private final String labelEn;

    CaseStatus(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String labelJa() {
        return labelJa;
    }

    public String label() {
        return labelJa + " / " + labelEn;
    }
}
