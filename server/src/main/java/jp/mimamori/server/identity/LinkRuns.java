package jp.mimamori.server.identity;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * identity's read port for "which 名寄せ (linkage) run is current": other features ask here instead of
 * working out the latest finished {@code link_run} in their own SQL, so that what "latest" means (a
 * run counts once it has finished; a failed or running one never does) lives with the table's owner.
 */
@Component
public class LinkRuns {

    private final JdbcClient jdbc;

    public LinkRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest finished run, empty before the first run. */
    public Optional<Long> latest() {
        return jdbc.sql("select max(id) from link_run where finished_at is not null").query(Long.class).optional();
    }

    /**
     * The latest finished run's id for binding into a query that joins {@code record_link} on it: a value
     * that matches no run before the first one, as the old {@code (select max(id) …)} sub-select matched none.
     */
    public long latestOrNone() {
        return latest().orElse(-1L);
    }
}
