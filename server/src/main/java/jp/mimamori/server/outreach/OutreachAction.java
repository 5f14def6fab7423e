package jp.mimamori.server.outreach;

/** What the caseworker is asked to do for an outreach item. */
public enum OutreachAction implements jp.mimamori.server.web.Labelled {
    VISIT("訪問", "home visit"), PHONE("電話", "telephone"), LETTER("通知文送付", "letter"), AGENCY("関係機関へ照会", "ask a partner agency");

    private final String labelJa;
    private final String labelEn;

    OutreachAction(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    @Override
    public String label() {
        return labelJa + " / " + labelEn;
    }
}
