package jp.mimamori.server.cases;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the demo needs of the cases feature's tables beyond its services (ケース記録のデモ用の種まき), kept here
 * so that only cases' own SQL touches them: which children a demo may open cases for, and setting a new
 * case's opening back by months (a demo city's cases cannot really have been opened months ago). Used by
 * the demo only; the services stay the way cases are made.
 */
@Component
public class CaseSeeding {

    private final JdbcClient jdbc;

    CaseSeeding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Cases held by any of these caseworkers (open or closed). */
    public long casesHeldBy(List<String> caseworkers) {
        return jdbc.sql("select count(*) from case_file where caseworker in (:c)").param("c", caseworkers).query(Long.class).single();
    }

    /**
     * Up to {@code count} children without an open case: first those the centre has consulted about (the
     * ledger's, by the order they were recorded), then children of the registry the centre has no record of.
     */
    public List<String> childrenWithoutOpenCase(int count) {
        List<String> refs = new ArrayList<>(jdbc.sql("""
                select coalesce(s.person_id, 'L' || s.id) from child_subject s
                where exists (select 1 from consultation_child cc where cc.child_id = s.id)
                  and not exists (select 1 from case_file c where c.child_id = s.id and c.status <> 'CLOSED')
                order by s.id limit :n""").param("n", count).query(String.class).list());
        if (refs.size() < count) {
            refs.addAll(jdbc.sql("""
                    select p.person_id from identity_person_v p where p.is_child and p.sources like '%juki%'
                      and not exists (select 1 from child_subject s where s.person_id = p.person_id)
                    order by p.person_id limit :n""").param("n", count - refs.size()).query(String.class).list());
        }
        return refs;
    }

    /** The first {@code limit} open cases of a caseworker, by case number. */
    public List<String> openCasesOf(String caseworker, int limit) {
        return jdbc.sql("select case_no from case_file where caseworker = :c and status <> 'CLOSED' order by case_no limit :n")
                .param("c", caseworker).param("n", limit).query(String.class).list();
    }

    /** Sets a case's opening (and its history's first entries) back to {@code openedAt}. */
    public void backdateOpening(String caseNo, OffsetDateTime openedAt) {
        jdbc.sql("update case_file set opened_at = :o, last_contact_at = :o where case_no = :n").param("o", openedAt).param("n", caseNo).update();
        jdbc.sql("update case_event set at = :o where case_id = (select id from case_file where case_no = :n)").param("o", openedAt).param("n", caseNo).update();
    }
}
