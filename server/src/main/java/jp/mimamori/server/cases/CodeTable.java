package jp.mimamori.server.cases;

import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.access.SupervisorOnly;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The centre's code tables (相談経路, 相談者, 相談種別, リスクチェック項目, 関係機関). Staff read them;
 * the supervisor adds entries, renames them or retires them (never deletes: old records keep their code).
 */
@Service
public class CodeTable {

    public record Entry(CodeKind kind, String code, String labelJa, String labelEn, int sort, boolean active) {
        public String label() {
            return labelJa + " / " + labelEn;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public CodeTable(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @CentreOnly
    public List<Entry> active(CodeKind kind) {
        return all(kind).stream().filter(Entry::active).toList();
    }

    @CentreOnly
    public List<Entry> all(CodeKind kind) {
        return jdbc.sql("select * from code_entry where kind = :k order by sort, code").param("k", kind.db())
                .query((rs, i) -> new Entry(kind, rs.getString("code"), rs.getString("label_ja"), rs.getString("label_en"),
                        rs.getInt("sort"), rs.getBoolean("active")))
                .list();
    }

    /** The label of a code, or the code itself where it has been removed from the table since. */
    @CentreOnly
    public String label(CodeKind kind, String code) {
        return jdbc.sql("select label_ja from code_entry where kind = :k and code = :c").param("k", kind.db()).param("c", code)
                .query(String.class).optional().orElse(code);
    }

    /** A label folded for matching what ledgers type: full/half width, bracket forms and spaces do not matter. */
    static String fold(String s) {
        return jp.mimamori.core.text.JapaneseText.clean(s).replace("(", "（").replace(")", "）").replace(" ", "");
    }

    @SupervisorOnly
    @Transactional
    public void save(Actor actor, CodeKind kind, String code, String labelJa, String labelEn, Integer sort, boolean active) {
        List<FieldError> errors = new ArrayList<>();
        if (code == null || !code.matches("[a-z0-9_]{1,40}")) {
            errors.add(new FieldError("code", "英小文字・数字・_ で40文字以内", "lower-case letters, digits and _ only, at most 40"));
        }
        if (labelJa == null || labelJa.isBlank() || labelJa.strip().length() > 60) {
            errors.add(new FieldError("labelJa", "日本語名は1〜60文字", "Japanese label must be 1 to 60 characters"));
        }
        if (labelEn == null || labelEn.isBlank() || labelEn.strip().length() > 80) {
            errors.add(new FieldError("labelEn", "英語名は1〜80文字", "English label must be 1 to 80 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int order = sort != null ? sort : jdbc.sql("select coalesce(max(sort), 0) + 1 from code_entry where kind = :k").param("k", kind.db()).query(Integer.class).single();
        jdbc.sql("""
                insert into code_entry (kind, code, label_ja, label_en, sort, active) values (:k, :c, :ja, :en, :s, :a)
                on conflict (kind, code) do update set label_ja = excluded.label_ja, label_en = excluded.label_en, sort = excluded.sort, active = excluded.active""")
                .param("k", kind.db()).param("c", code).param("ja", labelJa.strip()).param("en", labelEn.strip()).param("s", order).param("a", active)
                .update();
        audit.record(actor.event(AuditAction.CODE_CHANGED, "code_entry:" + kind.db() + ":" + code,
                labelJa.strip() + " / " + labelEn.strip() + (active ? "" : " (retired)")));
    }
}
