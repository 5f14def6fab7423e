package jp.mimamori.server.outreach;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.access.SupervisorOnly;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.crypto.FieldCipher;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
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
                       String reasons, boolean openCase, OutreachStatus status, String assignee, OutreachAction action, OutreachOutcome outcome,
                       String dismissReason, String ruleCodes, String decidedBy, OffsetDateTime decidedAt, String outcomeBy, OffsetDateTime outcomeAt) {
        /** Flagged by a rule (as well as, or instead of, ranked by the model). */
        public boolean byRule() {
            return ruleCodes != null && !ruleCodes.isBlank();
        }
    }

    /** Which items a list shows: a status (or every open one), rule- or model-flagged, a town, an age band. */
    public record Filter(String status, String kind, String town, jp.mimamori.server.cases.ChildDirectory.AgeBand age) {
        public static final Filter OPEN = new Filter(null, null, null, null);
    }

    /** Statuses as staff read them, by stored code (the audit's and the filter's text). */
    public static final Map<String, String> STATUS = java.util.Arrays.stream(OutreachStatus.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(OutreachStatus::name, OutreachStatus::label));

    /** One page of a worklist; an item's place in the whole list (1-based) is its rank as the list shows it. */
    public record Page(List<Item> items, long total, int page, int size) {
        public long position(int index) {
            return (long) page * size + index + 1;
        }

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    /** Items on a page: one screen's worth of cards, so that a 300-item month is six short pages, not one 650 KB page. */
    public static final int PAGE = 50;

    /** A child proposed by the assessment: its score and rank (null when only a rule flagged it), reasons and the rules that flagged it. */
    public record Proposal(String personId, Double score, Integer rank, String reasons, Set<String> ruleCodes, boolean openCase) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final FieldCipher cipher;
    private final jp.mimamori.server.access.CentreStaff staff;
    private final int dismissDays;
    private final jp.mimamori.server.time.Times times;

    public OutreachService(JdbcClient jdbc, AuditLog audit, FieldCipher cipher, jp.mimamori.server.access.CentreStaff staff,
                           @Value("${mimamori.outreach.dismiss-days:180}") int dismissDays, jp.mimamori.server.time.Times times) {
        this.times = times;
        this.jdbc = jdbc;
        this.audit = audit;
        this.cipher = cipher;
        this.staff = staff;
        this.dismissDays = dismissDays;
    }

    /**
     * Files this month's proposals (from the assessment's event, in its transaction, as the administrator):
     * a child already in an outreach that is under way is not proposed twice; a dismissed child only
     * when something new happened.
     */
    @Transactional
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    public int propose(long run, LocalDate asOf, List<Proposal> proposals) {
        int filed = 0;
        for (Proposal p : proposals) {
            boolean underWay = jdbc.sql("select count(*) from outreach_item where person_id = :p and status in (:underWay)")
                    .param("p", p.personId()).param("underWay", codes(OutreachStatus.UNDER_WAY)).query(Long.class).single() > 0;
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

    /** The supervisor's worklist (everything not closed), or a caseworker's own assignments: the first page. */
    @Transactional
    public List<Item> worklist(Actor actor, boolean everyone) {
        return worklist(actor, everyone, Filter.OPEN, 0, 10_000).items();
    }

    /**
     * One page of the worklist in its own order: rule-flagged children first (a rule is a reason a person
     * wrote down), then by the model's rank, then by when they were filed. A caseworker sees only their own
     * assignments whatever the filter says. Audited with the children shown.
     */
    @Transactional
    public Page worklist(Actor actor, boolean everyone, Filter f, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        if (f.status() == null) {
            where.add("o.status in (:open)");
            params.put("open", codes(everyone ? OutreachStatus.OPEN : Set.of(OutreachStatus.ASSIGNED)));
        } else {
            where.add("o.status = :status");
            params.put("status", f.status());
        }
        if (!everyone) {
            where.add("o.assignee = :me");
            params.put("me", actor.name());
        }
        if ("rule".equals(f.kind())) {
            where.add("o.rule_codes <> ''");
        } else if ("model".equals(f.kind())) {
            where.add("o.rank is not null");
        }
        if (f.town() != null) {
            where.add("(p.address_key like :townKey escape '\\' or p.address like :townText escape '\\')");
            params.put("townKey", jp.mimamori.core.text.JapaneseText.nameKey(f.town()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "|%");
            params.put("townText", "%" + f.town().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.age() != null) {
            LocalDate today = times.today();
            where.add("p.birth_date > :bornAfter and p.birth_date <= :bornBy");
            params.put("bornAfter", today.minusYears(f.age().to() + 1L));
            params.put("bornBy", today.minusYears(f.age().from()));
        }
        String cond = " where " + String.join(" and ", where);
        var count = jdbc.sql("select count(*) from outreach_item o left join identity_person_v p on p.person_id = o.person_id" + cond);
        var rows = jdbc.sql(SELECT + cond + " order by o.rule_codes = '', o.rank nulls last, o.id offset :o limit :n");
        for (var e : params.entrySet()) {
            count = count.param(e.getKey(), e.getValue());
            rows = rows.param(e.getKey(), e.getValue());
        }
        long total = count.query(Long.class).single();
        List<Item> items = rows.param("o", (long) page * size).param("n", size).query(OutreachService::item).list();
        audit.record(actor.event(AuditAction.OUTREACH_VIEWED, "outreach", (everyone ? "worklist" : "own assignments")
                + (f.status() == null ? "" : " status=" + f.status()) + (f.kind() == null ? "" : " kind=" + f.kind())
                + (f.town() == null ? "" : " town=" + f.town()) + (f.age() == null ? "" : " age=" + f.age().code())
                + " page " + (page + 1) + ": " + items.size() + " of " + total + " children " + items.stream().map(Item::personId).limit(100).toList()));
        return new Page(items, total, page, size);
    }

    /** Centre staff an item can be assigned to (enabled caseworkers and supervisors), by display name. */
    public List<jp.mimamori.server.access.UserAccount> assignable() {
        return staff.assignable();
    }

    /** One item as the list shows it (for the item's own redraw after an action). */
    @Transactional
    public Item one(Actor actor, long id) {
        Item it = get(id);
        if (!actor.supervises() && !actor.name().equals(it.assignee())) {
            throw new jp.mimamori.server.access.Refused("担当者のみ表示できます（outreach " + id + "）", "only the assigned caseworker sees this item (outreach " + id + ")");
        }
        audit.record(actor.event(AuditAction.OUTREACH_VIEWED, "outreach:" + id, "item (child " + it.personId() + ")"));
        return it;
    }

    @SupervisorOnly
    @Transactional
    public void approve(Actor actor, long id) {
        change(actor, id, OutreachStatus.APPROVED, "update outreach_item set status = 'APPROVED', decided_by = :u, decided_at = now() where id = :id", "approved");
    }

    @SupervisorOnly
    @Transactional
    public void dismiss(Actor actor, long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError("reason", "見送りの理由を入力してください", "enter why the child is not contacted")));
        }
        Item it = get(id);
        if (!it.status().canMoveTo(OutreachStatus.DISMISSED)) {
            throw new InvalidInputException(List.of(new FieldError("status", "この項目は見送りできません（" + it.status().label() + "）", "this item cannot be dismissed now")));
        }
        jdbc.sql("""
                update outreach_item set status = 'DISMISSED', dismiss_reason = :r, dismissed_until = as_of + make_interval(days => :d),
                       decided_by = :u, decided_at = now() where id = :id""")
                .param("r", reason.strip()).param("d", dismissDays).param("u", actor.name()).param("id", id).update();
        audit.record(actor.event(AuditAction.OUTREACH_DECIDED, "outreach:" + id, "dismissed: " + reason.strip() + " (child " + it.personId() + ")"));
    }

    @SupervisorOnly
    @Transactional
    public void assign(Actor actor, long id, String caseworker, OutreachAction action) {
        Item it = get(id);
        List<FieldError> errors = new ArrayList<>();
        if (!it.status().canMoveTo(OutreachStatus.ASSIGNED)) {
            errors.add(new FieldError("status", "この項目は割り当てできません（" + it.status().label() + "）", "this item cannot be assigned now"));
        }
        var account = staff.find(caseworker);
        if (account.isEmpty()) {
            errors.add(new FieldError("assignee", "担当する職員を選んでください", "choose the centre staff member"));
        }
        if (action == null) {
            errors.add(new FieldError("action", "対応方法を選んでください", "choose the action"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbc.sql("""
                update outreach_item set status = 'ASSIGNED', assignee = :a, action = :act, decided_by = :u, decided_at = now() where id = :id""")
                .param("a", account.get().username()).param("act", action.name()).param("u", actor.name()).param("id", id).update();
        audit.record(actor.event(AuditAction.OUTREACH_DECIDED, "outreach:" + id, "assigned to " + account.get().username() + ": " + action
                + " (child " + it.personId() + ")"));
    }

    /** What a bulk action did: how many items, and why each of the others was not done. */
    public record Bulk(int done, List<FieldError> errors) {
    }

    /**
     * Approves (or assigns to one caseworker with one action) each of the items, each as if done alone and
     * audited alone; an item that cannot be done is reported with its reason and the others still are.
     */
    @SupervisorOnly
    @Transactional
    public Bulk bulk(Actor actor, List<Long> ids, boolean assign, String caseworker, OutreachAction action) {
        int done = 0;
        List<FieldError> errors = new ArrayList<>();
        for (Long id : new java.util.LinkedHashSet<>(ids)) {
            try {
                if (assign) {
                    assign(actor, id, caseworker, action);
                } else {
                    approve(actor, id);
                }
                done++;
            } catch (InvalidInputException e) {
                for (FieldError fe : e.errors()) {
                    errors.add(new FieldError("item-" + id, "項目 " + id + "：" + fe.messageJa(), "item " + id + ": " + fe.messageEn()));
                }
            } catch (org.springframework.web.server.ResponseStatusException e) {
                errors.add(new FieldError("item-" + id, "項目 " + id + " は見つかりません", "item " + id + " not found"));
            }
        }
        return new Bulk(done, errors);
    }

    /** The assigned caseworker (or a supervisor) records what happened. */
    @Transactional
    public void recordOutcome(Actor actor, long id, OutreachOutcome outcome, String note) {
        Item it = get(id);
        boolean supervisor = actor.supervises();
        List<FieldError> errors = new ArrayList<>();
        if (!it.status().canMoveTo(OutreachStatus.DONE)) {
            errors.add(new FieldError("status", "割り当て済みの項目ではありません", "this item is not assigned"));
        } else if (!supervisor && !actor.name().equals(it.assignee())) {
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
                .param("u", actor.name()).param("id", id).update();
        audit.record(actor.event(AuditAction.OUTREACH_OUTCOME, "outreach:" + id, outcome + " (child " + it.personId() + ")"));
    }

    /**
     * Whether an outreach reference is a purpose to open this person's record: {@code 123} an outreach
     * under way (approved or assigned) for the child; {@code DECIDE-123} a proposal still to be decided,
     * for a supervisor deciding it (a purpose of its own in the audit, not a break-glass).
     */
    public boolean permits(Actor actor, String reference, String personId) {
        if (reference == null || personId == null) {
            return false;
        }
        if (reference.matches("\\d{1,18}")) {
            return underWayFor(Long.parseLong(reference), personId);
        }
        if (reference.matches("DECIDE-\\d{1,18}") && actor.supervises()) {
            return jdbc.sql("select count(*) from outreach_item where id = :id and person_id = :p and status = 'PROPOSED'")
                    .param("id", Long.parseLong(reference.substring("DECIDE-".length()))).param("p", personId).query(Long.class).single() > 0;
        }
        return false;
    }

    /** Whether an outreach under way names this person: a purpose to open the child's record. */
    public boolean underWayFor(long id, String personId) {
        return jdbc.sql("select count(*) from outreach_item where id = :id and person_id = :p and status in (:underWay)")
                .param("id", id).param("p", personId).param("underWay", codes(OutreachStatus.UNDER_WAY)).query(Long.class).single() > 0;
    }

    /** States as stored, for an SQL {@code in (…)}. */
    private static List<String> codes(Set<OutreachStatus> states) {
        return states.stream().map(Enum::name).sorted().toList();
    }

    Item get(long id) {
        return jdbc.sql(SELECT + " where o.id = :id").param("id", id).query(OutreachService::item).optional()
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                        "見つかりません / not found: outreach " + id));
    }

    /** Moves an item to {@code to} with {@code sql}, refusing a move {@link OutreachStatus} does not allow. */
    private void change(Actor actor, long id, OutreachStatus to, String sql, String what) {
        Item it = get(id);
        if (!it.status().canMoveTo(to)) {
            throw new InvalidInputException(List.of(new FieldError("status", "この項目の状態では実行できません（" + it.status().label() + "）", "not possible in this state")));
        }
        jdbc.sql(sql).param("u", actor.name()).param("id", id).update();
        audit.record(actor.event(AuditAction.OUTREACH_DECIDED, "outreach:" + id, what + " (child " + it.personId() + ")"));
    }

    private static final String SELECT = """
            select o.*, p.name, p.kana, p.birth_date, p.address from outreach_item o left join identity_person_v p on p.person_id = o.person_id""";

    private static Item item(ResultSet rs, int i) throws SQLException {
        String action = rs.getString("action");
        String outcome = rs.getString("outcome");
        double score = rs.getDouble("score");
        Double s = rs.wasNull() ? null : score;
        int rank = rs.getInt("rank");
        Integer k = rs.wasNull() ? null : rank;
        return new Item(rs.getLong("id"), rs.getString("person_id"), rs.getString("name"), rs.getString("kana"), rs.getObject("birth_date", LocalDate.class),
                rs.getString("address"), rs.getObject("as_of", LocalDate.class), s, k, rs.getString("reasons"), rs.getBoolean("open_case"),
                OutreachStatus.valueOf(rs.getString("status")), rs.getString("assignee"), action == null ? null : OutreachAction.valueOf(action),
                outcome == null ? null : OutreachOutcome.valueOf(outcome), rs.getString("dismiss_reason"), rs.getString("rule_codes"),
                rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class), rs.getString("outcome_by"),
                rs.getObject("outcome_at", OffsetDateTime.class));
    }
}
