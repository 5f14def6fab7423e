package jp.mimamori.server.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * ingest's read port over the departments' current loads (今月の抽出), for the features that read the
 * extracts without owning them. Queries that join the extracts with another feature's rows read the
 * typed columns of the {@code extract_record} view (V40) instead; this class answers what a view
 * column cannot: which month is current, and a record's every field as its definition named them.
 */
@Component
public class CurrentLoads {

    /** One department record's row of its source's current load, every field as stored (text). */
    public record Row(String source, LocalDate month, long loadId, long lineNo, String recordId, Map<String, String> fields) {
    }

    /** A department's record number in one source. */
    public record SourceRecord(String source, String recordId) {
    }

    private final JdbcClient jdbc;

    public CurrentLoads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest month of any source's current load; null before the first load. */
    public LocalDate latestMonth() {
        return jdbc.sql("select max(month) from extract_load where current").query(LocalDate.class).single();
    }

    /** The month of a source's current load, empty when it has none. */
    public Optional<LocalDate> currentMonth(String source) {
        return jdbc.sql("select month from extract_load where source_code = :s and current").param("s", source).query(LocalDate.class).optional();
    }

    /**
     * The months after {@code after} up to {@code upTo} for which a source has a stored load in use (loaded, not
     * withdrawn by a roll back, rows not deleted by retention): e.g. how many months of attendance there are to compare.
     */
    public int monthsStored(String source, LocalDate after, LocalDate upTo) {
        return jdbc.sql("""
                select count(distinct month) from extract_load where source_code = :s and status = 'LOADED' and purged_at is null
                  and withdrawn_at is null and month > :from and month <= :to""")
                .param("s", source).param("from", after).param("to", upTo).query(Integer.class).single();
    }

    /** The rows of the current loads holding these records, by source then line, every field of each. */
    public List<Row> rows(List<SourceRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        record Field(String source, LocalDate month, long load, long line, String recordId, String key, String value) {
        }
        List<Field> fields = jdbc.sql("""
                select l.source_code, l.month, l.id, r.line_no, r.record_id, e.key, e.value
                from unnest(:s::text[], :r::text[]) as w (source_code, record_id)
                join extract_load l on l.current and l.source_code = w.source_code
                join extract_row r on r.load_id = l.id and r.record_id = w.record_id
                cross join jsonb_each_text(r.fields) e
                order by l.source_code, r.line_no""")
                .param("s", records.stream().map(SourceRecord::source).toArray(String[]::new))
                .param("r", records.stream().map(SourceRecord::recordId).toArray(String[]::new))
                .query((rs, i) -> new Field(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)))
                .list();
        List<Row> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= fields.size(); i++) {
            if (i == fields.size() || fields.get(i).load() != fields.get(from).load() || fields.get(i).line() != fields.get(from).line()) {
                Field first = fields.get(from);
                Map<String, String> values = new LinkedHashMap<>();
                fields.subList(from, i).forEach(f -> values.put(f.key(), f.value()));
                out.add(new Row(first.source(), first.month(), first.load(), first.line(), first.recordId(), values));
                from = i;
            }
        }
        return out;
    }
}
