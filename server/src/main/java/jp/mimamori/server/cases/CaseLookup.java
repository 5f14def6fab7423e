package jp.mimamori.server.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.access.Refused;
import jp.mimamori.server.audit.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds a case (ケース) by its number for whoever acts, and says who may see one: every read and change
 * of a case, whichever service makes it, comes through {@link #find}, so the 制限ケース rule is in one place.
 */
@Component
@CentreOnly
class CaseLookup {

    private final JdbcClient jdbc;

    CaseLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The case, if the actor may open it. */
    CaseFiles.Summary find(Actor actor, String caseNo) {
        CaseFiles.Summary s = jdbc.sql(SUMMARY + " where c.case_no = :no").param("no", caseNo == null ? "" : caseNo.strip().toUpperCase())
                .query(CaseLookup::summary).optional().orElseThrow(() -> new ChildNotFoundException(caseNo));
        requireVisible(actor, s);
        return s;
    }

    /**
     * 制限ケース: only the assigned caseworker and the centre's supervisors (and the administrator, who has
     * every right of the centre) may open a restricted case. Anyone else is refused with 403, audited with
     * the reason by the access-denied handler, whichever page or action asked.
     */
    static void requireVisible(Actor actor, CaseFiles.Summary s) {
        if (s.restricted() && !actor.supervises() && !s.caseworker().equals(actor.name())) {
            throw new Refused("このケースは制限ケースです。担当者と統括者のみが開けます",
                    "this is a restricted case: only its caseworker and the centre's supervisors may open it");
        }
    }

    /**
     * SQL that is true when whoever is acting may see the case aliased {@code c} (params {@code :me}, {@code :sup}):
     * lists, timelines and purposes use it so that a restricted case is not even seen by anyone else.
     */
    static final String VISIBLE = "(not c.restricted or c.caseworker = :me or :sup)";

    static void requireOpen(CaseFiles.Summary s) {
        if (s.status() == CaseStatus.CLOSED) {
            throw new InvalidInputException(List.of(new FieldError("status", "終結したケースは変更できません", "a closed case cannot be changed")));
        }
    }

    static final String SUMMARY = """
            select c.*, coalesce(s.person_id, 'L' || s.id) as child_ref, s.name as child_name
            from case_file c join child_subject s on s.id = c.child_id""";

    static CaseFiles.Summary summary(ResultSet rs, int i) throws SQLException {
        return new CaseFiles.Summary(rs.getLong("id"), rs.getString("case_no"), rs.getString("child_ref"), rs.getString("child_name"),
                CaseStatus.valueOf(rs.getString("status")), rs.getString("caseworker"), rs.getObject("opened_at", OffsetDateTime.class),
                rs.getString("next_action"), rs.getObject("next_due", LocalDate.class), rs.getObject("last_contact_at", OffsetDateTime.class),
                Yotaikyo.valueOf(rs.getString("yotaikyo")), rs.getBoolean("restricted"));
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
