package jp.mimamori.server.web;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.core.extract.BadRowPolicy;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.time.Times;
import org.springframework.stereotype.Component;

/**
 * The one place pages turn codes and enum values into words ({@code ${@labels.of(x)}},
 * {@code @labels.sex(code)}, {@code @labels.sources(codes)}, {@code @labels.age(date)}), so that no
 * template repeats its own table and no page shows an enum name, a source code or a sex code.
 */
@Component("labels")
public class Labels {

    /** Audit actions as the audit page shows them; kept here rather than on the enum so that every module's additions stay one line there. */
    static final Map<AuditAction, String> AUDIT = new EnumMap<>(AuditAction.class);

    static {
        put("ログイン成功", AuditAction.LOGIN_SUCCESS);
        put("ログイン失敗", AuditAction.LOGIN_FAILURE);
        put("ログアウト", AuditAction.LOGOUT);
        put("アクセス拒否", AuditAction.ACCESS_DENIED);
        put("利用者の作成", AuditAction.USER_CREATED);
        put("利用者の停止", AuditAction.USER_DISABLED);
        put("利用者の再開", AuditAction.USER_ENABLED);
        put("役割の変更", AuditAction.USER_ROLE_CHANGED);
        put("アカウントのロック", AuditAction.ACCOUNT_LOCKED);
        put("監査記録の閲覧", AuditAction.AUDIT_VIEWED);
        put("初期管理者の作成", AuditAction.INITIAL_ADMIN_CREATED);
        put("デモ利用者の作成", AuditAction.DEMO_USERS_CREATED);
        put("取込の受付", AuditAction.LOAD_ACCEPTED);
        put("取込の拒否", AuditAction.LOAD_REJECTED);
        put("重複ファイル", AuditAction.LOAD_DUPLICATE);
        put("取込結果の閲覧", AuditAction.LOAD_REPORT_VIEWED);
        put("取込の保留", AuditAction.LOAD_HELD);
        put("保留取込の確定", AuditAction.LOAD_CONFIRMED);
        put("保留取込の破棄", AuditAction.LOAD_DISCARDED);
        put("取込の取消", AuditAction.LOAD_ROLLED_BACK);
        put("アップロードの掃除", AuditAction.UPLOADS_SWEPT);
        put("名寄せの実行", AuditAction.LINK_RUN);
        put("名寄せ結果の出力", AuditAction.LINK_EXPORTED);
        put("名寄せ確認の閲覧", AuditAction.LINK_REVIEW_VIEWED);
        put("名寄せの判断", AuditAction.LINK_DECISION);
        put("名寄せの根拠の閲覧", AuditAction.LINK_EXPLAINED);
        put("名寄せモデルの閲覧", AuditAction.LINK_MODEL_VIEWED);
        put("名寄せ結果の取込", AuditAction.LINK_IMPORTED);
        put("こどもの検索", AuditAction.CHILD_SEARCHED);
        put("こどもの記録の閲覧", AuditAction.CHILD_TIMELINE_VIEWED);
        put("こどもの登録", AuditAction.CHILD_RECORDED);
        put("お知らせの閲覧", AuditAction.ALERTS_VIEWED);
        put("相談の記録", AuditAction.CONSULTATION_RECORDED);
        put("相談の閲覧", AuditAction.CONSULTATION_VIEWED);
        put("ケースの開始", AuditAction.CASE_OPENED);
        put("ケースの閲覧", AuditAction.CASE_VIEWED);
        put("ケース一覧の閲覧", AuditAction.CASE_LISTED);
        put("ケースの更新", AuditAction.CASE_UPDATED);
        put("ケースの終結", AuditAction.CASE_CLOSED);
        put("つなぎの記録", AuditAction.REFERRAL_RECORDED);
        put("台帳取込の確認", AuditAction.LEDGER_PREVIEWED);
        put("台帳の取込", AuditAction.LEDGER_IMPORTED);
        put("コード表の変更", AuditAction.CODE_CHANGED);
        put("利用目的なしの拒否", AuditAction.PURPOSE_REFUSED);
        put("緊急閲覧（ブレークグラス）", AuditAction.BREAK_GLASS);
        put("監査記録の出力", AuditAction.AUDIT_EXPORTED);
        put("セッションの失効", AuditAction.SESSIONS_REVOKED);
        put("パスワードの変更", AuditAction.PASSWORD_CHANGED);
        put("保存期間の処理", AuditAction.RETENTION_RUN);
        put("保存期間の試行", AuditAction.RETENTION_DRY_RUN);
        put("保存期間満了による削除", AuditAction.RETENTION_DELETED);
        put("匿名化データの出力", AuditAction.DEIDENTIFIED_EXPORT);
        put("分析の実行", AuditAction.ASSESS_RUN);
        put("分析結果の出力", AuditAction.SCORES_EXPORTED);
        put("アウトリーチ一覧の閲覧", AuditAction.OUTREACH_VIEWED);
        put("アウトリーチの決定", AuditAction.OUTREACH_DECIDED);
        put("アウトリーチ結果の記録", AuditAction.OUTREACH_OUTCOME);
        put("ルールの変更", AuditAction.RULE_CHANGED);
        put("通知文の変更", AuditAction.LETTER_TEMPLATE_CHANGED);
        put("通知文の印刷", AuditAction.LETTER_PRINTED);
        put("統計の閲覧", AuditAction.STATS_VIEWED);
        put("データベースのバックアップ", AuditAction.DATABASE_BACKED_UP);
        put("データベースの復元", AuditAction.DATABASE_RESTORED);
        put("不正な入力の拒否", AuditAction.INPUT_REFUSED);
    }

    private static void put(String label, AuditAction a) {
        AUDIT.put(a, label);
    }

    /**
     * An outreach item's statuses (kept as text in outreach_item.status, not as an enum) as staff read them.
     * Here rather than in outreach so that the shared labels depend on no feature: web → outreach closed cycles
     * through access, audit and assess (ArchitectureTest).
     */
    public static final Map<String, String> OUTREACH_STATUS = Map.of("PROPOSED", "提案", "APPROVED", "承認済み", "ASSIGNED", "割当済み",
            "DONE", "完了", "DISMISSED", "見送り");

    private final Times times;
    private final jp.mimamori.server.access.UserRepository users;

    public Labels(Times times, jp.mimamori.server.access.UserRepository users) {
        this.times = times;
        this.users = users;
    }

    /** A staff member by display name (a user id is what the database keeps, not what colleagues call each other); the id where no account has it. */
    public String staff(String username) {
        if (username == null || username.isBlank()) {
            return "";
        }
        return users.find(username).map(jp.mimamori.server.access.UserAccount::displayName).filter(n -> !n.isBlank()).orElse(username);
    }

    /** A role as stored (CENTER_CASEWORKER) in words; an actor that is no role (the system, a CLI) as it is written. */
    public String role(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        try {
            return jp.mimamori.server.access.Role.valueOf(name.strip()).labelJa();
        } catch (IllegalArgumentException e) {
            return name.startsWith("ROLE_") ? role(name.substring(5)) : "システム";
        }
    }

    /** An outreach item's status (PROPOSED …) as 提案 …. */
    public String outreachStatus(String status) {
        return status == null ? "" : OUTREACH_STATUS.getOrDefault(status, "その他");
    }

    /**
     * The words for any code staff may meet: a {@link Labelled} value's own label, an audit action's,
     * a source system's name; anything else unlabelled shows as {@code その他} rather than as its name.
     */
    public String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Labelled l) {
            return l.label();
        }
        if (value instanceof AuditAction a) {
            return audit(a);
        }
        if (value instanceof SourceSystem s) {
            return s.nameJa();
        }
        if (value instanceof BadRowPolicy p) {
            return p.label();
        }
        if (value instanceof Indicator i) {
            return i.labelJa();
        }
        return value instanceof Enum<?> ? "その他" : value.toString();
    }

    /** A load's bad-row policy as stored ({@code reject-file}) in words; an unknown key as a dash, never the key. */
    public String policy(String key) {
        return BadRowPolicy.labelOf(key);
    }

    /**
     * The model's inputs as an assessment run keeps them (indicator names, and AGE for the child's age) in words,
     * joined with 、; a name no indicator has any more shows as その他.
     */
    public String indicators(List<String> names) {
        if (names == null) {
            return "";
        }
        return names.stream().map(n -> {
            if ("AGE".equals(n)) {
                return "年齢";
            }
            try {
                return Indicator.valueOf(n).labelJa();
            } catch (IllegalArgumentException e) {
                return "その他";
            }
        }).collect(Collectors.joining("、"));
    }

    /** A case's change of caseworker as its history keeps it ({@code caseworker1 → caseworker2}), by display names. */
    public String staffChange(String stored) {
        if (stored == null || !stored.contains(" → ")) {
            return stored == null ? "" : stored;
        }
        String[] two = stored.split(" → ", 2);
        return "担当の変更 / caseworker: " + (two[0].isBlank() || "null".equals(two[0].strip()) ? "なし" : staff(two[0].strip())) + " → " + staff(two[1].strip());
    }

    public static String audit(AuditAction a) {
        return AUDIT.getOrDefault(a, "その他の操作");
    }

    /** An audit action stored as text (the audit table keeps the name). */
    public String auditAction(String name) {
        try {
            return audit(AuditAction.valueOf(name));
        } catch (IllegalArgumentException | NullPointerException e) {
            return "その他の操作";
        }
    }

    /**
     * Every code a stored text may carry (an audit row's target and detail: {@code status SUPPORT},
     * {@code assessment HIGH}, {@code juki:12~kenko:34}), found once on the classpath: the constants of
     * every enum of the server that says its own words ({@link Labelled}, or a {@code label()} or
     * {@code labelJa()} method); {@link #text} adds the audit actions, the outreach statuses and the source codes. Found by
     * reflection rather than listed here, so a new labelled enum is covered without an edit and this
     * class depends on no feature's enums.
     */
    static final Map<String, String> CODES = codes();

    private static final java.util.regex.Pattern UPPER_CODE = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?![A-Za-z0-9_])");
    private static final java.util.regex.Pattern SOURCE_CODE = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_./-])("
            + Arrays.stream(SourceSystem.values()).map(SourceSystem::code).collect(Collectors.joining("|")) + ")(?![A-Za-z0-9_./-])");

    private static final java.util.regex.Pattern POLICY_KEY = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_./-])("
            + Arrays.stream(BadRowPolicy.values()).map(BadRowPolicy::key).collect(Collectors.joining("|")) + ")(?![A-Za-z0-9_./-])");

    private static Map<String, String> codes() {
        Map<String, String> codes = new java.util.HashMap<>();
        var scan = new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition d) {
                return d.getMetadata().isIndependent();
            }
        };
        scan.addIncludeFilter((reader, factory) -> "java.lang.Enum".equals(reader.getClassMetadata().getSuperClassName()));
        for (var d : scan.findCandidateComponents("jp.mimamori.server")) {
            try {
                Class<?> c = Class.forName(d.getBeanClassName(), false, Labels.class.getClassLoader());
                java.lang.reflect.Method label = Labelled.class.isAssignableFrom(c) ? Labelled.class.getMethod("label") : null;
                for (String name : List.of("label", "labelJa")) {
                    if (label == null) {
                        try {
                            label = c.getMethod(name);
                        } catch (NoSuchMethodException e) {
                            // not this one
                        }
                    }
                }
                if (label == null || label.getReturnType() != String.class) {
                    continue;
                }
                for (Object constant : c.getEnumConstants()) {
                    codes.putIfAbsent(((Enum<?>) constant).name(), (String) label.invoke(constant));
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // an enum that cannot say its words is left as it is
            }
        }
        return Map.copyOf(codes);
    }

    /** A code in words: an enum's label, else an outreach status's (kept as text, not as an enum), else the code as it is. */
    private String codeInWords(String code) {
        String words = CODES.get(code);
        if (words != null) {
            return words;
        }
        String action = auditAction(code);
        if (!"その他の操作".equals(action)) {
            return action;
        }
        String status = outreachStatus(code);
        return "その他".equals(status) ? code : status;
    }

    /** A stored text (an audit row's target or detail) with each code in it in words; any other text as it is. */
    public String text(String stored) {
        if (stored == null || stored.isBlank()) {
            return stored == null ? "" : stored;
        }
        String words = UPPER_CODE.matcher(stored).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(codeInWords(m.group())));
        words = SOURCE_CODE.matcher(words).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(sourceOf(m.group(1))));
        return POLICY_KEY.matcher(BadRowPolicy.keysInWords(words)).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(BadRowPolicy.of(m.group(1)).labelJa()));
    }

    /** Sex as the sources write it (住民記録 1/2, the centre M/F) → 男/女; anything else 不明, none empty. */
    public static String sexOf(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return switch (code.strip()) {
            case "1", "M", "男" -> "男";
            case "2", "F", "女" -> "女";
            default -> "不明";
        };
    }

    public String sex(String code) {
        return sexOf(code);
    }

    /** A source code (juki) as its name (住民記録); an unknown code as it is, since it is a department's own. */
    public static String sourceOf(String code) {
        return code == null ? "" : SourceSystem.fromCode(code.strip()).map(SourceSystem::nameJa).orElse(code);
    }

    public String source(String code) {
        return sourceOf(code);
    }

    /** Several source codes ({@code juki kenko teate}, comma or space separated) as {@code 住民記録・健康管理・児童手当・医療}. */
    public String sources(String codes) {
        if (codes == null || codes.isBlank()) {
            return "";
        }
        return Arrays.stream(codes.strip().split("[\\s,、]+")).map(Labels::sourceOf).collect(Collectors.joining("、"));
    }

    /** Age in whole years today in the city ({@code 7歳}); empty for no date or one in the future. */
    public String age(LocalDate birth) {
        if (birth == null || birth.isAfter(times.today())) {
            return "";
        }
        return Period.between(birth, times.today()).getYears() + "歳";
    }

    /** {@link #age} of an ISO date kept as text (an extract's field). */
    public String ageText(String iso) {
        try {
            return iso == null || iso.isBlank() ? "" : age(LocalDate.parse(iso.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            return "";
        }
    }
}
