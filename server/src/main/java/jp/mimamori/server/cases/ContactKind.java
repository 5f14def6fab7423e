package jp.mimamori.server.cases;

import java.util.Arrays;
import java.util.List;

/**
 * 接触の種別 (kind of contact) with the family or about the child: a 訪問 (home visit), a 電話 (phone call),
 * a 来所 (the family came to the centre), a contact with a 関係機関 (another agency) and so on.
 * {@link #UNRECORDED} marks the free-note contacts of earlier versions, which had no kind: never offered on a form.
 */
public enum ContactKind {
    HOME_VISIT("訪問", "home visit"),
    PHONE("電話", "phone call"),
    CENTRE_VISIT("来所", "visit to the centre"),
    AGENCY("関係機関", "other agency"),
    SCHOOL_NURSERY("学校・園での面談", "meeting at school or nursery"),
    ONLINE("オンライン面談", "online meeting"),
    LETTER("文書・メール", "letter or e-mail"),
    OTHER("その他", "other"),
    UNRECORDED("種別未記録（移行分）", "kind not recorded (earlier note)");

    private final String labelJa;
    private final String labelEn;

    ContactKind(String labelJa, String labelEn) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String labelJa() {
        return labelJa;
    }

    public String label() {
        return labelJa + " / " + labelEn;
    }

    /** The kinds a caseworker may choose. */
    public static List<ContactKind> choices() {
        return Arrays.stream(values()).filter(k -> k != UNRECORDED).toList();
    }
}
