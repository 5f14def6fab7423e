package jp.mimamori.server.ingest;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * 取込のお知らせ (upload notices, table upload_notice): the answer to an upload that stored no load of its own (a
 * duplicate file, an empty file, a form without month or source), kept so that a reload still shows it. A
 * notice is read only by the person it was written for, and only with the load (or none) it was written about.
 */
@Repository
public class UploadNotices {

    /** A notice is for the page right after the upload; a month later nobody reloads that page. */
    static final int KEEP_DAYS = 30;

    public enum Kind { DUPLICATE, EMPTY, REFUSED }

    public record Notice(long id, Kind kind, String messageJa, String messageEn) {
        public String text() {
            return messageJa + " / " + messageEn;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public UploadNotices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public long add(String username, String sourceCode, Long loadId, Kind kind, String ja, String en) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("delete from upload_notice where created_at < :old").param("old", now.minus(KEEP_DAYS, ChronoUnit.DAYS)).update();
        return jdbc.sql("""
                insert into upload_notice (username, source_code, load_id, kind, message_ja, message_en, created_at)
                values (:u, :s, :l, :k, :ja, :en, :at) returning id""")
                .param("u", username).param("s", sourceCode, java.sql.Types.VARCHAR).param("l", loadId, java.sql.Types.BIGINT).param("k", kind.name())
                .param("ja", ja).param("en", en).param("at", now).query(Long.class).single();
    }

    /** The notice, if it was written for this person about this load ({@code loadId} null: about no load). */
    public Optional<Notice> find(Long id, String username, Long loadId) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select id, kind, message_ja, message_en from upload_notice
                where id = :id and username = :u and coalesce(load_id, -1) = :l""")
                .param("id", id).param("u", username).param("l", loadId == null ? -1L : loadId)
                .query((rs, i) -> new Notice(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4))).optional();
    }
}
