package jp.mimamori.server.cases;

/**
 * On what basis information passed to another agency (つなぎ): the family's consent, or a statute
 * (要対協 members share under 児童福祉法 25条の3 without consent). Information received is RECEIVED.
 */
public enum ReferralBasis {
    CONSENT_WRITTEN("書面同意", "written consent"),
    CONSENT_ORAL("口頭同意", "oral consent"),
    STATUTORY_YOTAIKYO("法令（要対協・児童福祉法25条の3）", "statutory: regional council"),
    STATUTORY_OTHER("法令（その他）", "statutory: other"),
    RECEIVED("関係機関からの情報提供", "information received");

    private final String labelJa;
    private final String labelEn;

    ReferralBasis(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String label() {
        return labelJa + " / " + labelEn;
    }
}
