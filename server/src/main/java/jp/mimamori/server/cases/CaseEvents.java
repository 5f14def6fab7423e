package jp.mimamori.server.cases;

import java.time.OffsetDateTime;
import java.util.List;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.crypto.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * ケース履歴 (a case's history, case_event): what happened to a case, by whom, as every concern of the
 * case writes it. Not audited on its own: the writer audits the change, the reader the page.
 */
@Component
public class CaseEvents {

    public record Event(OffsetDateTime at, String actor, String kind, String detail, String note) {
    }

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    CaseEvents(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    void record(Actor actor, long caseId, String kind, String detail, String note) {
        jdbc.sql("insert into case_event (case_id, actor, kind, detail, note_enc) values (:c, :a, :k, :d, :n)")
                .param("c", caseId).param("a", actor.name()).param("k", kind).param("d", detail).param("n", cipher.encrypt(note)).update();
    }

    List<Event> forCase(long caseId) {
        return jdbc.sql("select * from case_event where case_id = :id order by at desc, id desc").param("id", caseId)
                .query((rs, i) -> new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("kind"),
                        rs.getString("detail"), cipher.decrypt(rs.getBytes("note_enc")))).list();
    }

    /** Case events of a child's cases the actor may see, for its timeline; {@code caseNos} receives each event's case number. */
    List<Event> forSubject(Actor actor, long subjectId, List<String> caseNos) {
        return jdbc.sql("""
                select e.*, c.case_no from case_event e join case_file c on c.id = e.case_id where c.child_id = :s and """ + CaseLookup.VISIBLE + """
                order by e.at desc""")
                .param("s", subjectId).param("me", actor.name()).param("sup", actor.supervises()).query((rs, i) -> {
                    caseNos.add(rs.getString("case_no"));
                    return new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("kind"),
                            rs.getString("detail"), cipher.decrypt(rs.getBytes("note_enc")));
                }).list();
    }
}
