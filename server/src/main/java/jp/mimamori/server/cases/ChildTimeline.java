package jp.mimamori.server.cases;

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
import jp.mimamori.server.audit.CurrentActor;
import jp.mimamori.server.ingest.SourceDefinitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One page per child: the centre's consultations, case events and referrals together with what every
 * department's current extract says about the child (household, allowances, aid, health checks,
 * vaccinations, attendance, disability, public assistance), newest first, each entry labelled with its
 * source. Centre roles only; every open is audited with the child's reference.
 */
@Service
@CentreOnly
public class ChildTimeline {

    /** Fields that identify the person rather than say something about them: shown in the header, not per entry. */
    private static final Set<String> IDENTITY_FIELDS = Set.of("record_id", "name", "kana", "birth_date", "sex", "address");

    public record Entry(LocalDate date, String sourceJa, String kind, String title, String text, String link) {
    }

    public record Page(ChildDirectory.Child child, List<ChildDirectory.Hit> household, List<CaseService.Summary> openCase, List<Entry> entries) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ChildDirectory children;
    private final ConsultationService consultations;
    private final CaseService cases;
    private final SourceDefinitions definitions;

    public ChildTimeline(JdbcClient jdbc, AuditLog audit, ChildDirectory children, ConsultationService consultations, CaseService cases,
                         SourceDefinitions definitions) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.children = children;
        this.consultations = consultations;
        this.cases = cases;
        this.definitions = definitions;
    }

    @Transactional
    public Page page(String ref, String purpose) {
        ChildDirectory.Child child = children.find(ref).orElseThrow(() -> new ChildNotFoundException(ref));
        List<Entry> entries = new ArrayList<>();
        ZoneId jst = ConsultationService.JST;
        if (child.subjectId() != null) {
            for (ConsultationService.View v : consultations.forSubject(child.subjectId())) {
                entries.add(new Entry(v.receivedAt().atZoneSameInstant(jst).toLocalDate(), "こども総合相談", "consultation",
                        "相談 " + v.no() + "（" + v.channel() + "・" + v.contact() + "・緊急度 " + v.urgency().labelJa() + "）",
                        String.join("、", v.types()) + "：" + v.content(), "/center/consultations/" + v.no()));
            }
            List<String> caseNos = new ArrayList<>();
            List<CaseService.Event> events = cases.eventsForSubject(child.subjectId(), caseNos);
            for (int i = 0; i < events.size(); i++) {
                CaseService.Event e = events.get(i);
                entries.add(new Entry(e.at().atZoneSameInstant(jst).toLocalDate(), "ケース " + caseNos.get(i), "case", e.detail(),
                        e.note() == null ? "" : e.note(), "/center/cases/" + caseNos.get(i)));
            }
            for (CaseService.Referral r : cases.referralsForSubject(child.subjectId())) {
                entries.add(new Entry(r.onDate(), "TO".equals(r.direction()) ? "つなぎ（" + r.agency() + "へ）" : "関係機関から（" + r.agency() + "）",
                        "referral", r.basis().label(), r.content() + (r.reply() == null ? "" : " ／ 回答（" + r.repliedOn() + "）: " + r.reply()),
                        r.caseNo() == null ? null : "/center/cases/" + r.caseNo()));
            }
        }
        if (child.personId() != null) {
            entries.addAll(linkedRecords(child.personId()));
        }
        entries.sort(Comparator.comparing(Entry::date, Comparator.nullsLast(Comparator.reverseOrder())));
        List<CaseService.Summary> open = jdbc.sql("select case_no from case_file where child_id = :s and status <> 'CLOSED'")
                .param("s", child.subjectId() == null ? -1 : child.subjectId()).query(String.class).list().stream()
                .map(no -> new CaseService.Summary(0, no, child.ref(), child.name(), CaseStatus.RECEIVED, null, null, null, null, null, Yotaikyo.NONE))
                .toList();
        audit.record(new AuditLog.Event(CurrentActor.name(), CurrentActor.role(), AuditAction.CHILD_TIMELINE_VIEWED, child.ref(),
                purpose == null || purpose.isBlank() ? null : purpose.strip(), entries.size() + " entries", CurrentActor.remoteAddr()));
        return new Page(child, children.household(child.householdId()), open, entries);
    }

    /** What each department's current extract says about the person, one entry per row. */
    private List<Entry> linkedRecords(String personId) {
        record Field(String source, LocalDate month, long load, long line, String key, String value) {
        }
        List<Field> fields = jdbc.sql("""
                select l.source_code, l.month, l.id, r.line_no, e.key, e.value
                from record_link k
                join extract_load l on l.current and l.source_code = k.source_code
                join extract_row r on r.load_id = l.id and r.record_id = k.record_id
                cross join jsonb_each_text(r.fields) e
                where k.run_id = (select max(id) from link_run where finished_at is not null) and k.person_id = :p
                order by l.source_code, r.line_no""")
                .param("p", personId)
                .query((rs, i) -> new Field(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6)))
                .list();
        List<Entry> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= fields.size(); i++) {
            if (i == fields.size() || fields.get(i).load() != fields.get(from).load() || fields.get(i).line() != fields.get(from).line()) {
                Field first = fields.get(from);
                SourceSystem source = SourceSystem.fromCode(first.source()).orElse(null);
                if (source != null) {
                    Map<String, String> values = new java.util.HashMap<>();
                    fields.subList(from, i).forEach(f -> values.put(f.key(), f.value()));
                    out.add(entry(source, first.month(), values));
                }
                from = i;
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
            text.append(text.length() == 0 ? "" : "、").append(c.name()).append(": ")
                    .append("true".equals(v) ? "あり" : "false".equals(v) ? "なし" : v);
        }
        return new Entry(when != null ? when : month, source.nameJa(), "record", source.departmentJa() + "（" + month.toString().substring(0, 7) + "月分）",
                text.toString(), null);
    }
}
