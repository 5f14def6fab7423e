package jp.mimamori.server.ingest;

import java.time.LocalDate;
import java.util.List;
import jp.mimamori.server.time.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * ingest's purge port for retention (保存期間): which superseded loads have outlived the extract period,
 * and the removal of their rows. The load's own record stays, marked purged, as proof of what was
 * received. Called by {@code retention.RetentionService}, which authorises, audits and reports.
 */
@Component
public class ExtractRetention {

    private final JdbcClient jdbc;
    private final Times times;

    public ExtractRetention(JdbcClient jdbc, Times times) {
        this.jdbc = jdbc;
        this.times = times;
    }

    /** Loads no longer current, not yet purged, uploaded more than {@code months} before {@code today} (city time). */
    public List<Long> expired(LocalDate today, int months) {
        return jdbc.sql("""
                select id from extract_load where not current and purged_at is null
                  and uploaded_at < (cast(:today as date) - make_interval(months => :m)) at time zone :zone
                order by id""").param("today", today).param("m", months).param("zone", times.zoneId()).query(Long.class).list();
    }

    /** How many extract rows a load holds (what purging it removes). */
    public long rows(long load) {
        return jdbc.sql("select count(*) from extract_row where load_id = :l").param("l", load).query(Long.class).single();
    }

    /** Removes a load's rows, quarantined rows and problems, and marks the load purged. */
    public void purge(long load) {
        jdbc.sql("delete from extract_row where load_id = :l").param("l", load).update();
        jdbc.sql("delete from quarantined_row where load_id = :l").param("l", load).update();
        jdbc.sql("delete from load_problem where load_id = :l").param("l", load).update();
        jdbc.sql("update extract_load set purged_at = now() where id = :l").param("l", load).update();
    }
}
