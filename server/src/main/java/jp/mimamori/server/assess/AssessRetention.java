package jp.mimamori.server.assess;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * assess's purge port for retention (保存期間): a child's indicators, flags and scores go with the
 * centre's records about the child. Called by {@code retention.RetentionService} after outreach has
 * removed its items (which name the scores).
 */
@Component
public class AssessRetention {

    private final JdbcClient jdbc;

    public AssessRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes every assessment row about the person; the number deleted. */
    public long purgePerson(String personId) {
        long n = 0;
        for (String table : List.of("child_score", "rule_flag", "child_indicator")) {
            n += jdbc.sql("delete from " + table + " where person_id = :p").param("p", personId).update();
        }
        return n;
    }
}
