package jp.mimamori.server.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which roles may reach which paths: the access matrix of shared/DESIGN.md in one place. The
 * security filter chain is built from it, the role × endpoint test checks every discovered endpoint
 * against it, and any path not listed here is refused to everyone.
 */
public final class AccessMatrix {

    public enum Audience { ANONYMOUS, ANY_SIGNED_IN, ROLES }

    public record Rule(String pattern, Audience audience, Set<Role> roles, String purposeJa) {

        public boolean allows(Role role) {
            return audience != Audience.ROLES || roles.contains(role);
        }
    }

    private static final Set<Role> CENTRE = EnumSet.of(Role.CENTER_CASEWORKER, Role.CENTER_SUPERVISOR, Role.ADMIN);

    public static final List<Rule> RULES = List.of(
            open("/login", "ログイン / sign in"),
            open("/oauth2/**", "市の認証基盤へ / to the city's OIDC provider"),
            open("/login/oauth2/**", "市の認証基盤から / back from the city's OIDC provider"),
            open("/css/**", "スタイル / stylesheets"),
            open("/js/**", "画面用スクリプト / page scripts"),
            open("/webjars/**", "同梱ライブラリ / bundled scripts"),
            // Browsers ask for it on every page: refusing it filled the audit log with ACCESS_DENIED rows nobody caused.
            open("/favicon.ico", "アイコン / the site's icon"),
            open("/error/**", "エラー表示 / error page"),
            new Rule("/", Audience.ANY_SIGNED_IN, Set.of(), "自分の権限 / who am I and what may I do"),
            new Rule("/me/**", Audience.ANY_SIGNED_IN, Set.of(), "自分のパスワード・サインアウト / own password and sessions"),
            roles("/admin/**", "利用者・監査の管理 / users and audit", Role.ADMIN),
            roles("/center/review/**", "名寄せ確認 / identity review queue", Role.CENTER_SUPERVISOR, Role.ADMIN),
            // The model holds no record, but it is the linkage's workings (and its name frequencies are counted from residents'
            // names): the centre's supervisor, who decides the review queue, and the administrator; not caseworkers.
            roles("/center/linkage/**", "名寄せモデル / linkage model and blocking", Role.CENTER_SUPERVISOR, Role.ADMIN),
            // 進行管理台帳: every registered child of the 要対協 on one sheet, for the supervisor who takes it to the 実務者会議.
            roles("/center/registers/**", "進行管理台帳 / the council's progress register", Role.CENTER_SUPERVISOR, Role.ADMIN),
            new Rule("/center/**", Audience.ROLES, CENTRE, "センター業務 / centre work"),
            roles("/dept/**", "データ登録 / department uploads", Role.DEPT_UPLOADER, Role.ADMIN),
            roles("/api/ingest/**", "データ登録API / upload API (HTTP Basic)", Role.DEPT_UPLOADER, Role.ADMIN),
            roles("/stats/**", "集計統計 / de-identified statistics", Role.ANALYST, Role.CENTER_SUPERVISOR, Role.ADMIN));

    private AccessMatrix() {
    }

    /** The rule that governs a path: the first whose pattern matches, as the filter chain applies them; null if none. */
    public static Rule ruleFor(String path) {
        org.springframework.http.server.PathContainer p = org.springframework.http.server.PathContainer.parsePath(path);
        for (Rule r : RULES) {
            if (org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse(r.pattern()).matches(p)) {
                return r;
            }
        }
        return null;
    }

    private static Rule open(String pattern, String purpose) {
        return new Rule(pattern, Audience.ANONYMOUS, Set.of(), purpose);
    }

    private static Rule roles(String pattern, String purpose, Role... roles) {
        return new Rule(pattern, Audience.ROLES, EnumSet.of(roles[0], roles), purpose);
    }
}
