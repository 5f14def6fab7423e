package jp.mimamori.server.ingest;

import java.time.OffsetDateTime;
import java.util.Optional;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserAccount;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Accounts and table counts for ingest tests. */
final class IngestTestSupport {

    static final UserAccount ADMIN = new UserAccount(0, "t-ingest-admin", "test", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());

    private IngestTestSupport() {
    }

    static UserAccount uploader(SourceSystem s) {
        return new UserAccount(0, "t-" + s.code() + "-uploader", "test", Role.DEPT_UPLOADER, Optional.of(s), true, OffsetDateTime.now());
    }

    /** Everything a load could have changed: rows, quarantined rows, and which loads are current. */
    record Snapshot(long rows, long quarantined, String current) {
        static Snapshot of(JdbcClient jdbc) {
            return new Snapshot(
                    jdbc.sql("select count(*) from extract_row").query(Long.class).single(),
                    jdbc.sql("select count(*) from quarantined_row").query(Long.class).single(),
                    jdbc.sql("select coalesce(string_agg(id::text, ',' order by id), '') from extract_load where current").query(String.class).single());
        }
    }
}
