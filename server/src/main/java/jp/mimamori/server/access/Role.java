package jp.mimamori.server.access;

import java.util.List;

/**
 * The five roles of the reference plan's access matrix (shared/DESIGN.md): departments store only,
 * analysis results go to the centre only, the administrator has all rights.
 */
public enum Role {
    ADMIN("システム管理者", "Administrator", "情報システム課",
            List.of("利用者と取込元の管理 / manage users and sources", "すべての画面と機能 / every page and function", "監査ログの閲覧 / read the audit log"),
            List.of("— (すべての操作は監査されます / every action is audited)")),
    DEPT_UPLOADER("所管課データ登録者", "Department uploader", "所管課",
            List.of("自課のデータ抽出ファイルの登録 / upload your own department's extracts", "自課の取込結果の確認 / see your own load reports"),
            List.of("他課のデータ / another department's data", "名寄せ結果・こどもの情報 / linked profiles of children", "分析結果 / analysis results")),
    CENTER_CASEWORKER("センター相談員", "Centre caseworker", "子ども家庭支援センター",
            List.of("相談・ケースの記録 / record consultations and cases", "こどもの統合プロフィールと分析結果の閲覧 / view linked child profiles and analysis results",
                    "アウトリーチ対象への対応 / work the outreach list"),
            List.of("利用者管理 / user administration", "アウトリーチの承認 / approve outreach")),
    CENTER_SUPERVISOR("センター統括", "Centre supervisor", "子ども家庭支援センター",
            List.of("相談員の権限すべて / everything a caseworker may do", "アウトリーチの承認・ケースの割当 / approve outreach, assign cases",
                    "センターの監査ログ・報告 / the centre's audit log and reports",
                    "名寄せの確認とモデル / the 名寄せ review queue and the linkage model"),
            List.of("利用者管理 / user administration")),
    ANALYST("政策分析担当", "Policy analyst", "企画・政策担当",
            List.of("集計・匿名化された統計 / aggregated, de-identified statistics"),
            List.of("個人が特定できる情報 / any named child", "相談記録 / consultation records"));

    private final String labelJa;
    private final String labelEn;
    private final String usualDepartment;
    private final List<String> may;
    private final List<String> mayNot;

    Role(String labelJa, String labelEn, String usualDepartment, List<String> may, List<String> mayNot) {
        this.labelJa = labelJa;
        this.labelEn = labelEn;
        this.usualDepartment = usualDepartment;
        this.may = may;
        this.mayNot = mayNot;
    }

    public String labelJa() { return labelJa; }

    public String labelEn() { return labelEn; }

    public String usualDepartment() { return usualDepartment; }

    public List<String> may() { return may; }

    public List<String> mayNot() { return mayNot; }

    /** The Spring Security authority name. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isCentre() {
        return this == CENTER_CASEWORKER || this == CENTER_SUPERVISOR;
    }

    /** Whether the signed-in account leads the centre's decisions: CENTER_SUPERVISOR or ADMIN. */
    public static boolean supervises(org.springframework.security.core.Authentication auth) {
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_CENTER_SUPERVISOR") || a.getAuthority().equals("ROLE_ADMIN"));
    }
}
