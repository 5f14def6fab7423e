package jp.mimamori.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.crypto.FieldCipher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The free-note contacts of a database made before typed contacts (schema version 19) become contacts
 * when V30 runs: a schema of its own is migrated to 19, given a case with a contact note as the old
 * page wrote it, and migrated to the end.
 */
@MimamoriTest
class ContactMigrationTest {

    @Autowired @FlywayDataSource DataSource owner;
    @Autowired FieldCipher cipher;

    @Test
    void anOldFreeNoteContactBecomesAContactOfAnUnrecordedKindWithItsTextAndDate() throws Exception {
        String schema = "contact_migration_test";
        try (Connection c = owner.getConnection()) {
            SingleConnectionDataSource one = new SingleConnectionDataSource(c, true);
            JdbcTemplate sql = new JdbcTemplate(one);
            sql.execute("drop schema if exists " + schema + " cascade");
            Flyway.configure().dataSource(one).schemas(schema).defaultSchema(schema).locations("classpath:db/migration").target("19").load().migrate();
            sql.execute("set search_path to " + schema);
            long child = sql.queryForObject("insert into child_subject (name, name_key, created_by) values ('見守 花子', 'みまもりはなこ', 't') returning id", Long.class);
            long caseId = sql.queryForObject("insert into case_file (case_no, child_id, status, caseworker) values ('C2025-00001', ?, 'SUPPORT', 'cw') returning id",
                    Long.class, child);
            sql.update("insert into case_event (case_id, at, actor, kind, detail, note_enc) values (?, timestamptz '2025-06-01 10:00+09', 'cw', 'CONTACT', "
                    + "'接触記録 / contact recorded', ?)", caseId, cipher.encrypt("家庭訪問、母と面談"));
            sql.update("insert into case_event (case_id, actor, kind, detail) values (?, 'cw', 'STATUS', '受付 → 支援中')", caseId);
            sql.update("insert into case_event (case_id, actor, kind, detail) values (?, 'cw', 'ASSESSMENT', 'リスクアセスメント / risk assessment: HIGH（2項目）')", caseId);

            Flyway.configure().dataSource(one).schemas(schema).defaultSchema(schema).locations("classpath:db/migration").load().migrate();
            sql.execute("set search_path to " + schema);
            var v = sql.queryForMap("select v.kind, v.version, v.recorded_by, v.contact_at = timestamptz '2025-06-01 10:00+09' as same_time, v.note_enc, v.met_enc "
                    + "from case_contact k join case_contact_version v on v.contact_id = k.id where k.case_id = ?", caseId);
            assertThat(v.get("kind")).isEqualTo("UNRECORDED");
            assertThat(v.get("version")).isEqualTo(1);
            assertThat(v.get("recorded_by")).isEqualTo("cw");
            assertThat(v.get("same_time")).isEqualTo(true);
            assertThat(cipher.decrypt((byte[]) v.get("note_enc"))).isEqualTo("家庭訪問、母と面談");
            assertThat(v.get("met_enc")).isNull();
            // The history keeps that a contact was recorded, not a second copy of the note; other events are untouched.
            assertThat(sql.queryForObject("select count(*) from case_event where note_enc is not null", Long.class)).isZero();
            assertThat(sql.queryForObject("select count(*) from case_event where kind = 'STATUS' and detail = '受付 → 支援中'", Long.class)).isEqualTo(1);
            assertThat(sql.queryForObject("select detail from case_event where kind = 'ASSESSMENT'", String.class))
                    .isEqualTo("リスクアセスメント / risk assessment: 高 / high（2項目）");
            sql.execute("set search_path to public");
            sql.execute("drop schema " + schema + " cascade");
        }
    }
}
