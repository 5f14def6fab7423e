package jp.mimamori.server.cases;

import java.time.LocalDate;
import java.util.List;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.time.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 支援計画 (a case's support plan): its goals (support_goal), added and marked done. Centre roles; audited. */
@Service
@CentreOnly
public class CaseGoals {

    public record Goal(long id, String goal, LocalDate due, LocalDate doneOn) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CaseLookup cases;
    private final CaseEvents events;
    private final Times times;

    CaseGoals(JdbcClient jdbc, AuditLog audit, CaseLookup cases, CaseEvents events, Times times) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cases = cases;
        this.events = events;
        this.times = times;
    }

    @Transactional
    public void addGoal(Actor actor, String caseNo, String goal, LocalDate due) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        CaseLookup.requireOpen(s);
        if (goal == null || goal.isBlank() || goal.length() > 500) {
            throw new InvalidInputException(List.of(new FieldError("goal", "支援目標を500文字以内で入力してください", "enter the goal, at most 500 characters")));
        }
        jdbc.sql("insert into support_goal (case_id, goal, due, created_by) values (:c, :g, :d, :by)")
                .param("c", s.id()).param("g", goal.strip()).param("d", due).param("by", actor.name()).update();
        events.record(actor, s.id(), "PLAN", "支援目標を追加 / goal added", null);
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "goal added"));
    }

    @Transactional
    public void completeGoal(Actor actor, String caseNo, long goalId) {
        CaseFiles.Summary s = cases.find(actor, caseNo);
        // Today in the city, not the database session's current_date (UTC on many servers).
        int n = jdbc.sql("update support_goal set done_on = :today where id = :g and case_id = :c and done_on is null")
                .param("today", times.today()).param("g", goalId).param("c", s.id()).update();
        if (n == 0) {
            throw new ChildNotFoundException("goal " + goalId);
        }
        events.record(actor, s.id(), "PLAN", "支援目標を達成 / goal done", null);
        audit.record(actor.event(AuditAction.CASE_UPDATED, "case:" + caseNo, "goal " + goalId + " done"));
    }

    /** The case's goals, by due date; for the case page, which audits itself. */
    List<Goal> forCase(long caseId) {
        return jdbc.sql("select * from support_goal where case_id = :id order by due nulls last, id").param("id", caseId)
                .query((rs, i) -> new Goal(rs.getLong("id"), rs.getString("goal"), rs.getObject("due", LocalDate.class), rs.getObject("done_on", LocalDate.class))).list();
    }
}
