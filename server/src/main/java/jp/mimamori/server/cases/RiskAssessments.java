package jp.mimamori.server.cases;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.crypto.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * リスクアセスメント (risk assessments, risk_assessment): a case's checklist against the centre's risk
 * items and the level judged, newest first. Centre roles; audited.
 */
@Service
@CentreOnly
public class RiskAssessments {

    public record Assessment(OffsetDateTime at, String by, List<String> checked, String level, String note) {

        /** The level as staff say it (低・中・高), never the stored value. */
        public String levelLabel() {
            return CaseSummaryPdf.level(level);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final CodeTable codes;
    private final CaseLookup cases;
    private final CaseEvents events;

    RiskAssessments(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, CodeTable codes, CaseLookup cases, CaseEvents events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cipher = cipher;
        this.codes = codes;
        this.cases = cases;
        this.events = events;
    }

    @Transactional
    public void assess(Actor actor, String caseNo, List<String> checked, String level, String note) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        CaseLookup.requireOpen(s);
        List<String> items = checked == null ? List.of() : checked;
        List<String> known = codes.active(CodeKind.RISK_ITEM).stream().map(CodeTable.Entry::code).toList();
        List<FieldError> errors = new ArrayList<>();
        if (!known.containsAll(items)) {
            errors.add(new FieldError("checked", "不明なチェック項目です", "unknown checklist item"));
        }
        if (level == null || !List.of("LOW", "MEDIUM", "HIGH").contains(level)) {
            errors.add(new FieldError("level", "リスクの程度を選んでください", "choose the risk level"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("insert into risk_assessment (case_id, assessed_by, checked, level, note_enc) values (:c, :by, :ch, :l, :n)")
                .param("c", s.id()).param("by", actor.name()).param("ch", items.toArray(String[]::new)).param("l", level)
                .param("n", cipher.encrypt(CaseLookup.blank(note))).update();
        events.record(actor, s.id(), "ASSESSMENT", "リスクアセスメント / risk assessment: " + CaseSummaryPdf.level(level) + "（" + items.size() + "項目）", null);
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "assessment " + level));
    }

    /** The case's assessments, newest first, with the checked items' labels; for the case page, which audits itself. */
    List<Assessment> forCase(long caseId) {
        return jdbc.sql("select * from risk_assessment where case_id = :id order by assessed_at desc").param("id", caseId)
                .query((rs, i) -> new Assessment(rs.getObject("assessed_at", OffsetDateTime.class), rs.getString("assessed_by"),
                        List.of((String[]) rs.getArray("checked").getArray()).stream().map(c -> codes.label(CodeKind.RISK_ITEM, c)).toList(),
                        rs.getString("level"), cipher.decrypt(rs.getBytes("note_enc")))).list();
    }
}
