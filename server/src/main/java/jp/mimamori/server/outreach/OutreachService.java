package jp.mimamori.server.outreach;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.access.FieldError;
import jp.mimamori.server.access.InvalidInputException;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SupervisorOnly;
import jp.mimamori.server.access.UserRepository;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
import jp.mimamori.server.crypto.FieldCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outreach worklist (プッシュ型支援): each assessment proposes the children the rules flag and the
 * model ranks highest (families who have not come forward), with their reasons; the supervisor
 * approves, dismisses with a reason (not proposed again for {@code mimamori.outreach.dismiss-days},
 * default 180, unless a new rule flags the child or the score rises markedly), or assigns to a
 * caseworker with an action; the caseworker records the outcome, and 支援につながった becomes a positive
 * label for the next training. Nothing is sent or decided automatically. Centre roles; decisions are
 * the supervisor's; every view and change is audited.
 */
@Service
@CentreOnly
public class OutreachService {

    public record Item(long id, String personId, String name, String kana, LocalDate birth, String address, LocalDate asOf, Double score, Integer rank,
                       String reasons, boolean openCase, String status, String assignee, OutreachAction action, OutreachOutcome outcome,
                       String dismissReason) {
    }

    /** A child proposed by the assessment: its score and rank (null when only a rule flagged it), reasons and the rules that flagged it. */
    public record Proposal(String personId, Double score, Integer rank, String reasons, Set<String> ruleCodes, boolean openCase) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final UserRepository users;
    private final int dismissDays;

    public OutreachService(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, UserRepository users,
                           @Value("${mimamori.outreach.dismiss-days:180}") int dismissDays) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.cipher = cipher;
        this.users = users;
        this.dismissDays = dismissDays;
    }

    /**
     * Files this month's proposals (called by the assessment, in its transaction, as the administrator):
     * a child already in an outreach that is under way is not proposed twice; a dismissed child only
     * when something new happened.
     */
    @Transactional
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    public int propose(long run, LocalDate asOf, List<Proposal> proposals) {
        int filed = 0;
        for (Proposal p : proposals) {
            boolean underWay = jdbc.sql("select count(*) from outreach_item where person_id = :p and status in ('APPROVED', 'ASSIGNED')")
                    .param("p", p.personId()).query(Long.class).single() > 0;
            if (underWay) {
                continue;
            }
            var dismissed = jdbc.sql("""
                    select score, rule_codes from outreach_item where person_id = :p and status = 'DISMISSED' and dismissed_until > :d
                    order by id desc limit 1""").param("p", p.personId()).param("d", asOf)
                    .query((rs, i) -> Map.entry(rs.getObject(1) == null ? 0.0 : rs.getDouble(1), Set.of(rs.getString(2).split(",")))).optional();
            if (dismissed.isPresent()) {
                boolean newRule = !dismissed.get().getValue().containsAll(p.ruleCodes());
                boolean risen = p.score() != null && p.score() > dismissed.get().getKey() + 0.1;
                if (!newRule && !risen) {
                    continue;
                }
            }
            jdbc.sql("""
                    insert into outreach_item (assess_run, person_id, as_of, score, rank, reasons, rule_codes, open_case)
                    values (:r, :p, :d, :s, :k, :why, :codes, :oc)""")
                    .param("r", run).param("p", p.personId()).param("d", asOf).param("s", p.score()).param("k", p.rank()).param("why", p.reasons())
                    .param("codes", String.join(",", p.ruleCodes())).param("oc", p.openCase()).update();
            filed++;
        }
        return filed;
    }

    /** Children whose outreach connected them to support: positives for the next training. */
    public Set<String> connected() {
        return new HashSet<>(jdbc.sql("select person_id from outreach_item where outcome = 'CONNECTED'").query(String.class).list());
    }

    /** The supervisor's worklist (everything not closed), or a caseworker's own assignments. */
    @Transactional
    public List<Item> worklist(boolean everyone) {
        List<Item> items = jdbc.sql(SELECT + (everyone ? " where o.status in ('PROPOSED', 'APPROVED', 'ASSIGNED')"
                        : " where o.status = 'ASSIGNED' and o.assignee = :me") + " order by o.rule_codes = '', o.rank nulls last, o.id")
                .param("me", CurrentActor.name()).query(OutreachService::item).list();
        audit.record(CurrentActor.event(AuditAction.OUTREACH_VIEWED, "outreach", (everyone ? "worklist" : "own assignments") + ": " + items.size()
                + " children " + items.stream().map(Item::personId).limit(100).toList()));
        return items;
    }

    @SupervisorOnly
    @Transactional
    public void approve(long id) {
        change(id, "PROPOSED", "update outreach_item set status = 'APPROVED', decided_by = :u, decided_at = now() where id = :id", "approved");
    }

    @SupervisorOnly
    @Transactional
    public void dismiss(long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError("reason", "見送りの理由を入力してください", "enter why the child is not contacted")));
        }
        Item it = get(id);
        if (!it.status().equals("PROPOSED") && !it.status().equals("APPROVED")) {
            throw new InvalidInputException(List.of(new FieldError("status", "この項目は見送りできません（" + it.status() + "）", "this item cannot be dismissed now")));
        }
        jdbc.sql("""
                update outreach_item set status = 'DISMISSED', dismiss_reason = :r, dismissed_until = as_of + make_interval(days => :d),
                       decided_by = :u, decided_at = now() where id = :id""")
                .param("r", reason.strip()).param("d", dismissDays).param("u", CurrentActor.name()).param("id", id).update();
        audit.record(CurrentActor.event(AuditAction.OUTREACH_DECIDED, "outreach:" + id, "dismissed: " + reason.strip() + " (child " + it.personId() + ")"));
    }

    @SupervisorOnly
    @Transactional
    public void assign(long id, String caseworker, OutreachAction action) {
        Item it = get(id);
        List<FieldError> errors = new ArrayList<>();
        if (!it.status().equals("PROPOSED") && !it.status().equals("APPROVED")) {
            errors.add(new FieldError("status", "この項目は割り当てできません（" + it.status() + "）", "this item cannot be assigned now"));
        }
        var account = users.find(caseworker == null ? "" : caseworker.strip())
                .filter(a -> a.enabled() && (a.role() == Role.CENTER_CASEWORKER || a.role() == Role.CENTER_SUPERVISOR));
        if (account.isEmpty()) {
            errors.add(new FieldError("assignee", "センター職員の利用者IDを指定してください", "name a centre staff member's user id"));
        }
        if (action == null) {
            errors.add(new FieldError("action", "対応方法を選んでください", "choose the action"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("""
                update outreach_item set status = 'ASSIGNED', assignee = :a, action = :act, decided_by = :u, decided_at = now() where id = :id""")
                .param("a", account.get().username()).param("act", action.name()).param("u", CurrentActor.name()).param("id", id).update();
        audit.record(CurrentActor.event(AuditAction.OUTREACH_DECIDED, "outreach:" + id, "assigned to " + account.get().username() + ": " + action
                + " (child " + it.personId() + ")"));
    }

    /** The assigned caseworker (or a supervisor) records what happened. */
    @Transactional
    public void recordOutcome(long id, OutreachOutcome outcome, String note) {
        Item it = get(id);
        boolean supervisor = CurrentActor.supervises();
        List<FieldError> errors = new ArrayList<>();
        if (!it.status().equals("ASSIGNED")) {
            errors.add(new FieldError("status", "割り当て済みの項目ではありません", "this item is not assigned"));
        } else if (!supervisor && !CurrentActor.name().equals(it.assignee())) {
            // Not a mistake in a form but another caseworker's family: refused and audited like any access refusal.
            throw new jp.mimamori.server.access.Refused("担当者のみ記録できます（outreach " + id + "）",
                    "only the assigned caseworker records the outcome (outreach " + id + ")");
        }
        if (outcome == null) {
            errors.add(new FieldError("outcome", "結果を選んでください", "choose the outcome"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("""
                update outreach_item set status = 'DONE', outcome = :o, outcome_note_enc = :n, outcome_by = :u, outcome_at = now() where id = :id""")
                .param("o", outcome.name()).param("n", cipher.encrypt(note == null || note.isBlank() ? null : note.strip()))
                .param("u", CurrentActor.name()).param("id", id).update();
        audit.record(CurrentActor.event(AuditAction.OUTREACH_OUTCOME, "outreach:" + id, outcome + " (child " + it.personId() + ")"));
    }

    /** Whether an outreach under way names this person: a purpose to open the child's record. */
    public boolean underWayFor(long id, String personId) {
        return jdbc.sql("select count(*) from outreach_item where id = :id and person_id = :p and status in ('APPROVED', 'ASSIGNED')")
                .param("id", id).param("p", personId).query(Long.class).single() > 0;
    }

    Item get(long id) {
        return jdbc.sql(SELECT + " where o.id = :id").param("id", id).query(OutreachService::item).optional()
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "見つかりません / not found: outreach " + id));
    }

    private void change(long id, String from, String sql, String what) {
        Item it = get(id);
        if (!it.status().equals(from)) {
            throw new InvalidInputException(List.of(new FieldError("status", "この項目の状態では実行できません（" + it.status() + "）", "not possible in state " + it.status())));
        }
        jdbc.sql(sql).param("u", CurrentActor.name()).param("id", id).update();
        audit.record(CurrentActor.event(AuditAction.OUTREACH_DECIDED, "outreach:" + id, what + " (child " + it.personId() + ")"));
    }

    private static final String SELECT = """
            select o.*, p.name, p.kana, p.birth_date, p.address from outreach_item o left join person_profile p on p.person_id = o.person_id""";

    private static Item item(ResultSet rs, int i) throws SQLException {
        String action = rs.getString("action");
        String outcome = rs.getString("outcome");
        double score = rs.getDouble("score");
        Double s = rs.wasNull() ? null : score;
        int rank = rs.getInt("rank");
        Integer k = rs.wasNull() ? null : rank;
        return new Item(rs.getLong("id"), rs.getString("person_id"), rs.getString("name"), rs.getString("kana"), rs.getObject("birth_date", LocalDate.class),
                rs.getString("address"), rs.getObject("as_of", LocalDate.class), s, k, rs.getString("reasons"), rs.getBoolean("open_case"),
                rs.getString("status"), rs.getString("assignee"), action == null ? null : OutreachAction.valueOf(action),
                outcome == null ? null : OutreachOutcome.valueOf(outcome), rs.getString("dismiss_reason"));
    }
}
