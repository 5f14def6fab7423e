package jp.mimamori.core.assess;

/**
 * The per-child indicators of the assessment (issue 7), each computed from the linked data of one
 * month; exact definitions in docs/indicators.md. Household indicators count any member of the
 * child's 世帯 (resident-registry household) in the same run.
 */
public enum Indicator {
    HEALTH_CHECK_MISSED("乳幼児健診の未受診", "missed infant health checks", "件"),
    HEALTH_CHECK_3Y_MISSED("3歳児健診の未受診", "3-year health check missed", ""),
    VACCINATION_OVERDUE("予防接種の期限超過", "vaccinations past due", "件"),
    ABSENCE_30("直近1か月の欠席日数", "absence days in the latest month", "日"),
    ABSENCE_90("直近3か月の欠席日数", "absence days in the latest three months", "日"),
    ABSENCE_TREND("欠席日数の増加（前月比）", "absence days, change from the month before", "日"),
    NURSE_ROOM_DAYS("保健室登校日数", "days attending the nurse's room", "日"),
    PUBLIC_ASSISTANCE("生活保護受給世帯", "household on public assistance", ""),
    SCHOOL_AID("就学援助", "school-expense aid", ""),
    CHILD_REARING_ALLOWANCE("児童扶養手当（ひとり親）", "child-rearing allowance (single parent)", ""),
    TAX_ARREARS("世帯に税・保険料の滞納", "tax or insurance arrears in the household", ""),
    NON_TAXABLE("住民税非課税世帯", "household exempt from resident tax", ""),
    DISABILITY_CHILD("こどもの障害者手帳", "disability certificate of the child", ""),
    DISABILITY_PARENT("保護者の障害者手帳", "disability certificate of a parent", ""),
    RECENT_MOVE("1年以内の転入・転居", "moved in or within the city in the last year", ""),
    YOUNG_PARENT("出産時10代の保護者", "a parent under 20 at the child's birth", ""),
    YOUNG_SIBLINGS("未就学のきょうだい", "siblings under school age", "人"),
    SPECIFIED_PREGNANCY("特定妊婦の履歴（世帯）", "特定妊婦 history in the household", ""),
    CONSULTATIONS("過去の相談", "previous consultations", "件"),
    CHILDCARE("保育所・幼稚園等の利用", "nursery, kindergarten or after-school club", ""),
    MONTHS_UNSEEN("公的サービスとの最終接触からの月数", "months since the last contact with any public service", "か月");

    private final String labelJa;
    private final String labelEn;
    private final String unitJa;

    Indicator(String labelJa, String labelEn, String unitJa) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
        this.unitJa = unitJa;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    /** The unit a value is counted in (日, 件 …); empty for a flag, whose value is 1 (あり) or 0 (なし). */
    public String unitJa() {
        return unitJa;
    }

    /** How a value reads aloud: "直近3か月の欠席日数 24日", or the label alone for a flag that is set. */
    public String describe(double value) {
        return unitJa.isEmpty() ? labelJa : labelJa + " " + (long) value + unitJa;
    }
}
