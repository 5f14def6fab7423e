package jp.mimamori.core.source;

import java.util.Optional;

/**
 * The department systems whose monthly extracts Mimamori takes in, plus the centre's own
 * consultation record. The code is the stable identifier used in file names, configuration and
 * the role of a department uploader.
 */
public enum SourceSystem {
    JUKI("juki", "住民記録", "市民課", "Resident registry"),
    ZEI("zei", "税・収納", "税務課", "Tax and collection"),
    TEATE("teate", "児童手当・医療", "子ども子育て支援課", "Child allowances and medical subsidies"),
    KOSODATE("kosodate", "子ども子育て支援", "子ども子育て支援課", "Nursery, kindergarten and after-school enrolment"),
    GAKUREI("gakurei", "学齢簿・就学援助", "学務係", "School register and school-expense aid"),
    SHOGAI("shogai", "障害福祉", "障害福祉課", "Disability welfare"),
    KENKO("kenko", "健康管理", "健康課", "Maternal and child health"),
    SEIHO("seiho", "生活保護", "生活福祉課", "Public assistance"),
    KOMU("komu", "校務支援", "学校（教育委員会）", "School attendance"),
    SOUDAN("soudan", "こども総合相談", "子ども家庭支援センター", "Child consultations");

    private final String code;
    private final String nameJa;
    private final String departmentJa;
    private final String nameEn;

    SourceSystem(String code, String nameJa, String departmentJa, String nameEn) {
        this.code = code;
        this.nameJa = nameJa;
        this.departmentJa = departmentJa;
        this.nameEn = nameEn;
    }

    public String code() { return code; }

    public String nameJa() { return nameJa; }

    public String departmentJa() { return departmentJa; }

    public String nameEn() { return nameEn; }

    public static Optional<SourceSystem> fromCode(String code) {
        for (SourceSystem s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
