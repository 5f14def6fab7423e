package jp.mimamori.server.outreach;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** outreach's purge port for retention (保存期間): a child's アウトリーチ items go with the centre's records about the child. */
@Component
public class OutreachRetention {

    private final JdbcClient jdbc;

    public OutreachRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes the person's outreach items; the number deleted. */
    public long purgePerson(String personId) {
        return jdbc.sql("delete from outreach_item where person_id = :p").param("p", personId).update();
    }
}
