package jp.mimamori.server.cases;

/** Whether the family agreed to information being shared with other agencies, and in what form. */
public enum Consent {
    UNKNOWN("未確認", "not asked"), NONE("同意なし", "refused"), ORAL("口頭で同意", "oral consent"), WRITTEN("書面で同意", "written consent");

    private final String labelJa;
    private final String labelEn;

    Consent(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String label() {
        return labelJa + " / " + labelEn;
    }
}
