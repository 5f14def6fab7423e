package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sql.DataSource;
import jp.mimamori.server.MimamoriTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A COPY written row by row: every row arrives as written across many chunks (quotes, nulls, Japanese and a
 * character outside the BMP included), and a COPY that is not ended leaves nothing.
 */
@MimamoriTest
class CopyRowsTest {

    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void everyRowArrivesAcrossChunksAndAnUnendedCopyLeavesNothing() {
        List<String> rows = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("create temporary table copy_rows_test (n int, name text, note text) on commit drop").update();
            long written;
            try (Copy.Rows out = Copy.rows(dataSource, "COPY copy_rows_test (n, name, note) FROM STDIN WITH (FORMAT csv)")) {
                for (int i = 0; i < 30_000; i++) {
                    out.row(i, i % 7 == 0 ? "𠮷野 \"はな\"" : "髙橋,太郎", i % 3 == 0 ? null : "行" + i);
                }
                written = out.end();
            }
            assertThat(written).isEqualTo(30_000);
            return jdbc.sql("select n || '|' || name || '|' || coalesce(note, 'NULL') from copy_rows_test order by n").query(String.class).list();
        });
        assertThat(rows).hasSize(30_000);
        assertThat(rows.get(0)).isEqualTo("0|𠮷野 \"はな\"|NULL");
        assertThat(rows.get(1)).isEqualTo("1|髙橋,太郎|行1");
        assertThat(rows.get(29_999)).isEqualTo("29999|髙橋,太郎|行29999");
        assertThat(rows.get(29_997)).isEqualTo("29997|髙橋,太郎|NULL");

        // Closed without end(): the COPY is cancelled, and the transaction (rolled back by the failure that
        // left it unended) keeps nothing.
        long before = jdbc.sql("select count(*) from record_identity").query(Long.class).single();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            try (Copy.Rows out = Copy.rows(dataSource, "COPY record_identity (source_code, record_id, person_id) FROM STDIN WITH (FORMAT csv)")) {
                for (int i = 0; i < 100_000; i++) {
                    out.row("copytest", "R" + i, "P000000000000");
                }
                throw new IllegalStateException("stopped before the end");
            }
        })).hasMessage("stopped before the end");
        assertThat(jdbc.sql("select count(*) from record_identity").query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from record_identity where source_code = 'copytest'").query(Long.class).single()).isZero();
    }
}
