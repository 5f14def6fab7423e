package jp.mimamori.server.outreach;

/**
 * What came of an outreach. 支援につながった (CONNECTED) makes the child a positive example for the next
 * training, as a family who came forward is.
 */
public enum OutreachOutcome implements jp.mimamori.server.web.Labelled {
    MET("会えた", "met the family"), NOT_MET("会えなかった", "could not meet"), CONNECTED("支援につながった", "connected to support"),
    NOT_NEEDED("支援不要", "no support needed"), MOVED_OUT("転出", "moved out");

    private final String labelJa;
    private final String labelEn;

    OutreachOutcome(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    @Override
    public String label() {
        return labelJa + " / " + labelEn;
    }
}
