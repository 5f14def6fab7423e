package jp.mimamori.server.identity;

import java.util.List;
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

    /** A department's record that the latest run put with a person. */
    public record LinkedRecord(String source, String recordId) {
    }

    /** The records the latest finished run linked to a person, by source and record number. */
    public List<LinkedRecord> records(String personId) {
        return jdbc.sql("select source_code, record_id from record_link where run_id = :run and person_id = :p order by source_code, record_id")
                .param("run", latestOrNone()).param("p", personId)
                .query((rs, i) -> new LinkedRecord(rs.getString(1), rs.getString(2))).list();
    }
}
