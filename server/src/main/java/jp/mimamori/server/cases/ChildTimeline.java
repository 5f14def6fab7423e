package jp.mimamori.server.cases;

import jp.mimamori.server.time.Times;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mimamori.core.extract.ColumnDef;
import jp.mimamori.core.extract.FieldType;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.identity.LinkRuns;
import jp.mimamori.server.ingest.CurrentLoads;
import jp.mimamori.server.ingest.SourceDefinitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One page per child: the centre's consultations, case events and referrals together with what every
 * department's current extract says about the child (household, allowances, aid, health checks,
 * vaccinations, attendance, disability, public assistance), newest first, each entry labelled with its
 * source. Centre roles only, and only for a purpose (see {@link #authorise}); every open is audited
 * with the child's reference and the purpose.
 */
@Service
@CentreOnly
public class ChildTimeline {

    /** Fields that identify the person rather than say something about them: shown in the header, not per entry. */
    private static final Set<String> IDENTITY_FIELDS = Set.of("record_id", "name", "kana", "birth_date", "sex", "address");

    public record Entry(LocalDate date, String sourceJa, String kind, String title, String text, String link) {
    }

    public record Page(ChildDirectory.Child child, List<ChildDirectory.Hit> household, List<String> openCases, List<Entry> entries,
                       Purpose purpose) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ChildDirectory children;
    private final ConsultationService consultations;
    private final CaseEvents events;
    private final CaseContacts contacts;
    private final Referrals referrals;
    private final SourceDefinitions definitions;
    private final jp.mimamori.server.outreach.OutreachService outreach;

    public ChildTimeline(JdbcClient jdbc, AuditLog audit, ChildDirectory children, ConsultationService consultations, CaseEvents events, CaseContacts contacts, Referrals referrals,
                         SourceDefinitions definitions, jp.mimamori.server.outreach.OutreachService outreach, Times times,
                         CaseAttachments attachments, LinkRuns linkRuns, CurrentLoads currentLoads) {
        this.linkRuns = linkRuns;
        this.currentLoads = currentLoads;
        this.attachments = attachments;
        this.times = times;
        this.outreach = outreach;
        this.jdbc = jdbc;
        this.audit = audit;
        this.children = children;
        this.consultations = consultations;
        this.events = events;
        this.contacts = contacts;
        this.referrals = referrals;
        this.definitions = definitions;
    }

    private final Times times;
    private final CaseAttachments attachments;
    private final LinkRuns linkRuns;
    private final CurrentLoads currentLoads;

    @Transactional
    public Page page(Actor actor, String ref, Purpose purpose) {
        ChildDirectory.Child child = children.find(ref).orElseThrow(() -> new ChildNotFoundException(ref));
        authorise(actor, child, purpose);
        List<Entry> entries = new ArrayList<>();
        ZoneId jst = times.zone();
        if (child.subjectId() != null) {
            for (ConsultationService.View v : consultations.forSubject(actor, child.subjectId())) {
                entries.add(new Entry(v.receivedAt().atZoneSameInstant(jst).toLocalDate(), "こども総合相談", "consultation",
                        "相談 " + v.no() + "（" + v.channel() + "・" + v.contact() + "・緊急度 " + v.urgency().labelJa() + "）",
                        String.join("、", v.types()) + "：" + v.content(), "/center/consultations/" + v.no()));
            }
            List<String> caseNos = new ArrayList<>();
            List<CaseEvents.Event> history = events.forSubject(actor, child.subjectId(), caseNos);
            for (int i = 0; i < history.size(); i++) {
                CaseEvents.Event e = history.get(i);
                entries.add(new Entry(e.at().atZoneSameInstant(jst).toLocalDate(), "ケース " + caseNos.get(i), "case", e.detail(),
                        e.note() == null ? "" : e.note(), "/center/cases/" + caseNos.get(i)));
            }
            List<String> contactCases = new ArrayList<>();
            List<CaseContacts.Contact> contactList = contacts.forSubject(actor, child.subjectId(), contactCases);
            for (int i = 0; i < contactList.size(); i++) {
                CaseContacts.Contact c = contactList.get(i);
                entries.add(new Entry(c.at().atZoneSameInstant(jst).toLocalDate(), "ケース " + contactCases.get(i), "case",
                        "接触 / contact：" + c.kind().label() + "（" + c.met() + "）" + (c.corrected() ? "【訂正あり / corrected】" : ""),
                        times.dateTime(c.at()) + "　" + c.note(), "/center/cases/" + contactCases.get(i)));
            }
            for (CaseAttachments.Attachment a : attachments.forSubject(actor, child.subjectId())) {
                entries.add(new Entry(a.uploadedAt().atZoneSameInstant(jst).toLocalDate(), "ケース " + a.caseNo(), "case",
                        "添付 / attachment：" + a.fileName() + "（" + a.sizeText() + "）", a.description() == null ? "" : a.description(),
                        "/center/cases/" + a.caseNo() + "#attachments"));
            }
            for (Referrals.Referral r : referrals.forSubject(actor, child.subjectId())) {
                entries.add(new Entry(r.onDate(), r.direction() == ReferralDirection.TO ? "つなぎ（" + r.agency() + "へ）" : "関係機関から（" + r.agency() + "）",
                        "referral", r.basis().label(), r.content() + (r.reply() == null ? "" : " ／ 回答（" + r.repliedOn() + "）: " + r.reply()),
                        r.caseNo() == null ? null : "/center/cases/" + r.caseNo()));
            }
        }
        if (child.personId() != null) {
            entries.addAll(linkedRecords(child.personId()));
        }
        entries.sort(Comparator.comparing(Entry::date, Comparator.nullsLast(Comparator.reverseOrder())));
        List<String> open = jdbc.sql("select case_no from case_file c where child_id = :s and status <> 'CLOSED' and " + CaseLookup.VISIBLE)
                .param("s", child.subjectId() == null ? -1 : child.subjectId()).param("me", actor.name()).param("sup", actor.supervises())
                .query(String.class).list();
        if (purpose.kind() == Purpose.Kind.BREAK_GLASS) {
            audit.record(actor.event(AuditAction.BREAK_GLASS, child.ref(), purpose.audit(), "緊急閲覧 / break-glass access to the child's timeline"));
        }
        audit.record(actor.event(AuditAction.CHILD_TIMELINE_VIEWED, child.ref(), purpose.audit(), entries.size() + " entries"));
        return new Page(child, withoutHiddenCases(actor, children.household(child.householdId())), open, entries, purpose);
    }

    /** The household's members as the directory lists them, but a 制限ケース (restricted case) this person may not open is not named. */
    private List<ChildDirectory.Hit> withoutHiddenCases(Actor actor, List<ChildDirectory.Hit> household) {
        List<ChildDirectory.Hit> out = new ArrayList<>();
        for (ChildDirectory.Hit h : household) {
            boolean hidden = h.openCaseNo() != null && jdbc.sql("select count(*) from case_file c where c.case_no = :no and not " + CaseLookup.VISIBLE)
                    .param("no", h.openCaseNo()).param("me", actor.name()).param("sup", actor.supervises()).query(Long.class).single() > 0;
            out.add(hidden ? new ChildDirectory.Hit(h.ref(), h.name(), h.kana(), h.birth(), h.sex(), h.address(), h.householdId(), h.child(), null,
                    h.sources(), h.leftOn()) : h);
        }
        return out;
    }

    static final int MIN_REASON = 10;

    /**
     * Purpose binding: an open case of the child or of its household, a consultation about the child or
     * its household, or a supervisor's or administrator's break-glass with a reason. Anything else is
     * refused, and the refusal is audited even though the caller's transaction rolls back.
     */
    private void authorise(Actor actor, ChildDirectory.Child child, Purpose purpose) {
        long subject = child.subjectId() == null ? -1 : child.subjectId();
        String household = child.householdId();
        String why;
        if (purpose == null) {
            why = "目的が指定されていません / no purpose given";
        } else {
            boolean ok = switch (purpose.kind()) {
                case CASE -> jdbc.sql("""
                        select count(*) from case_file c where c.case_no = :no and c.status <> 'CLOSED'
                          and (c.child_id = :s or (cast(:h as text) is not null and c.household_id = :h)) and """ + CaseLookup.VISIBLE)
                        .param("no", purpose.reference()).param("s", subject).param("h", household)
                        .param("me", actor.name()).param("sup", actor.supervises()).query(Long.class).single() > 0;
                case CONSULTATION -> jdbc.sql("""
                        select count(*) from consultation k join consultation_child cc on cc.consultation_id = k.id
                        left join child_subject s on s.id = cc.child_id left join identity_person_v p on p.person_id = s.person_id
                        where k.consultation_no = :no and (cc.child_id = :s or (cast(:h as text) is not null and p.household_id = :h))""")
                        .param("no", purpose.reference()).param("s", subject).param("h", household).query(Long.class).single() > 0;
                // An outreach under way, or (DECIDE-id) a supervisor deciding a proposal: OutreachService decides which.
                case OUTREACH -> outreach.permits(actor, purpose.reference(), child.personId());
                case BREAK_GLASS -> actor.supervises()
                        && purpose.reason() != null && purpose.reason().length() >= MIN_REASON;
            };
            if (ok) {
                return;
            }
            why = switch (purpose.kind()) {
                case CASE -> "この子または世帯の対応中ケースではありません / not an open case of this child or household: " + purpose.reference();
                case CONSULTATION -> "この子または世帯の相談ではありません / not a consultation about this child or household: " + purpose.reference();
                case OUTREACH -> "この子の進行中のアウトリーチではありません / not an outreach under way for this child: " + purpose.reference();
                case BREAK_GLASS -> "緊急閲覧は統括者・管理者のみ、理由" + MIN_REASON + "文字以上が必要です / break-glass is for supervisors and administrators, "
                        + "with a reason of at least " + MIN_REASON + " characters";
            };
        }
        audit.recordIndependently(actor.event(AuditAction.PURPOSE_REFUSED, child.ref(), purpose == null ? null : purpose.audit(), why));
        List<String> cases = jdbc.sql("select case_no from case_file c where child_id = :s and status <> 'CLOSED' and " + CaseLookup.VISIBLE)
                .param("s", subject).param("me", actor.name()).param("sup", actor.supervises()).query(String.class).list();
        List<String> consultations = jdbc.sql("""
                select k.consultation_no from consultation k join consultation_child cc on cc.consultation_id = k.id
                where cc.child_id = :s order by k.received_at desc limit 5""").param("s", subject).query(String.class).list();
        throw new PurposeRequiredException(child, cases, consultations, why);
    }

    /** What each department's current extract says about the person, one entry per row. */
    private List<Entry> linkedRecords(String personId) {
        // Through identity's and ingest's read ports: the records the latest run put with the person, then their current rows.
        List<LinkRuns.LinkedRecord> linked = linkRuns.records(personId);
        // The centre's own extract repeats consultations already shown from the centre's records.
        String[] soudan = linked.stream().filter(k -> k.source().equals("soudan")).map(LinkRuns.LinkedRecord::recordId).toArray(String[]::new);
        Set<String> imported = soudan.length == 0 ? Set.of() : Set.copyOf(jdbc.sql("select consultation_no from consultation where consultation_no = any(:n)")
                .param("n", soudan).query(String.class).list());
        List<CurrentLoads.SourceRecord> wanted = linked.stream()
                .filter(k -> !(k.source().equals("soudan") && imported.contains(k.recordId())))
                .map(k -> new CurrentLoads.SourceRecord(k.source(), k.recordId())).toList();
        List<Entry> out = new ArrayList<>();
        for (CurrentLoads.Row row : currentLoads.rows(wanted)) {
            SourceSystem source = SourceSystem.fromCode(row.source()).orElse(null);
            if (source != null) {
                out.add(entry(source, row.month(), row.fields()));
            }
        }
        return out;
    }

    private Entry entry(SourceSystem source, LocalDate month, Map<String, String> values) {
        List<ColumnDef> columns = definitions.get(source).map(d -> d.definition().columns()).orElse(List.of());
        LocalDate when = null;
        StringBuilder text = new StringBuilder();
        for (ColumnDef c : columns) {
            String v = values.get(c.field());
            if (IDENTITY_FIELDS.contains(c.field()) || v == null || v.isEmpty()) {
                continue;
            }
            if (c.type() == FieldType.DATE) {
                LocalDate d = LocalDate.parse(v);
                // The latest dated event in the row that has happened is when the entry belongs.
                if (!d.isAfter(month.plusMonths(1)) && (when == null || d.isAfter(when))) {
                    when = d;
                }
            }
            // Code columns hold the department's code (02); the definition says what it means (児童扶養手当).
            String shown = c.type() == FieldType.CODE && c.codes() != null ? c.codes().getOrDefault(v, v) : v;
            text.append(text.length() == 0 ? "" : "、").append(c.name()).append(": ")
                    .append("true".equals(shown) ? "あり" : "false".equals(shown) ? "なし" : shown);
        }
        return new Entry(when != null ? when : month, source.nameJa(), "record", source.departmentJa() + "（" + month.toString().substring(0, 7) + "月分）",
                text.toString(), null);
    }
}
