package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.cli.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./mimamori backup} and {@code restore} with the real pg_dump and pg_restore on a real embedded
 * database: the restored database is exactly what was backed up (every audit row with its hash, the
 * chain intact by {@code audit verify}), and every file that is not a whole Mimamori backup is refused
 * with the current database unchanged.
 */
class BackupRestoreTest {

    @TempDir
    Path tmp;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void tools() {
        assumeTrue(PgTools.find().isPresent(), "pg_dump/pg_restore of PostgreSQL " + PgTools.MAJOR
                + " not installed: run tools/install-postgresql-client (.ci/run does) to run the backup tests");
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return CliRunner.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void aRestoreBringsBackExactlyTheBackedUpStateWithTheAuditChainIntact() throws Exception {
        Path data = tmp.resolve("data");
        assertThat(run("audit", "verify", "--data-dir", data.toString())).as(err.toString()).isZero();
        change(data, "insert into app_user (username, display_name, password_hash, role) values ('before-backup', 'before', 'x', 'ANALYST')", 3);

        Path backup = tmp.resolve("mimamori.backup");
        assertThat(run("backup", backup.toString(), "--data-dir", data.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("backup written", "not in the backup");
        List<String> atBackup = auditRows(data);
        assertThat(atBackup.get(atBackup.size() - 1)).contains(AuditAction.DATABASE_BACKED_UP.name());
        // A second backup to the same name is refused: a backup never overwrites one.
        assertThat(run("backup", backup.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("already exists", "既に存在");

        // Work goes on after the backup: rows added, a row deleted.
        change(data, "insert into app_user (username, display_name, password_hash, role) values ('after-backup', 'after', 'x', 'ANALYST')", 5);
        change(data, "delete from app_user where username = 'before-backup'", 0);
        assertThat(auditRows(data)).hasSize(atBackup.size() + 5);

        assertThat(run("restore", backup.toString(), "--data-dir", data.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("restored", "audit chain is intact", "mimamori_before_restore_");

        List<String> restored = auditRows(data);
        // Every row of the backup, byte for byte with its hash, then the restore's own row: nothing else.
        assertThat(restored.subList(0, atBackup.size())).isEqualTo(atBackup);
        assertThat(restored).hasSize(atBackup.size() + 1);
        assertThat(restored.get(restored.size() - 1)).contains(AuditAction.DATABASE_RESTORED.name());
        assertThat(users(data, "mimamori")).contains("before-backup").doesNotContain("after-backup");
        assertThat(run("audit", "verify", "--data-dir", data.toString())).as(out + " " + err).isZero();
        assertThat(out.toString()).contains("the audit chain is intact (" + restored.size() + " rows)");

        // The database the restore replaced is kept, with the work done after the backup.
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false, EmbeddedDatabase.Durability.DURABLE);
             Connection c = db.ownerConnection("postgres");
             ResultSet r = c.createStatement().executeQuery("select datname from pg_database where datname like 'mimamori_before_restore_%'")) {
            assertThat(r.next()).isTrue();
            String previous = r.getString(1);
            db.close();
            assertThat(users(data, previous)).contains("after-backup").doesNotContain("before-backup");
        }
        // And the application's role works on the restored database as before.
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false, EmbeddedDatabase.Durability.DURABLE); Connection app = db.appConnection();
             Statement s = app.createStatement(); ResultSet r = s.executeQuery("select count(*) from app_user")) {
            r.next();
            assertThat(r.getInt(1)).isPositive();
        }
    }

    @Test
    void aFileThatIsNotAWholeMimamoriBackupIsRefusedAndNothingChanges() throws Exception {
        Path data = tmp.resolve("data");
        assertThat(run("audit", "verify", "--data-dir", data.toString())).isZero();
        Path backup = tmp.resolve("good.backup");
        assertThat(run("backup", backup.toString(), "--data-dir", data.toString())).as(err.toString()).isZero();
        change(data, "insert into app_user (username, display_name, password_hash, role) values ('kept-user', 'kept', 'x', 'ANALYST')", 1);
        List<String> before = auditRows(data);

        byte[] good = Files.readAllBytes(backup);
        Path empty = Files.write(tmp.resolve("empty.backup"), new byte[0]);
        Path csv = Files.writeString(tmp.resolve("juki.csv"), "宛名番号,氏名\n1,山田太郎\n", StandardCharsets.UTF_8);
        Path garbage = Files.write(tmp.resolve("garbage.backup"), "PGDMP this is not really an archive".getBytes(StandardCharsets.US_ASCII));
        Path truncated = Files.write(tmp.resolve("truncated.backup"), Arrays.copyOf(good, good.length * 2 / 3));
        Path other = tmp.resolve("other-db.backup");
        otherDatabaseDump(data, other);

        for (Path f : List.of(empty, csv, garbage, other)) {
            assertThat(run("restore", f.toString(), "--data-dir", data.toString())).as(f.toString()).isEqualTo(2);
            assertThat(err.toString()).as(f.toString()).contains("Mimamoriのバックアップではありません", "is not a Mimamori backup", "Nothing was changed")
                    .doesNotContain("Exception", "\tat ");
        }
        assertThat(run("restore", truncated.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).containsAnyOf("is not a Mimamori backup", "cannot be restored").doesNotContain("\tat ");
        assertThat(run("restore", tmp.resolve("missing.backup").toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");

        assertThat(auditRows(data)).isEqualTo(before);
        assertThat(users(data, "mimamori")).contains("kept-user");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false, EmbeddedDatabase.Durability.DURABLE); Connection c = db.ownerConnection("postgres");
             ResultSet r = c.createStatement().executeQuery("select count(*) from pg_database where datname like 'mimamori_%'")) {
            r.next();
            assertThat(r.getInt(1)).as("no working or replaced database left behind").isZero();
        }
    }

    /** Runs {@code sql} and appends {@code auditRows} rows to the log, as the application would, on the stopped folder. */
    private static void change(Path data, String sql, int auditRows) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false, EmbeddedDatabase.Durability.DURABLE); Connection c = db.ownerConnection()) {
            c.createStatement().execute(sql);
            SingleConnectionDataSource ds = new SingleConnectionDataSource(c, true);
            AuditLog log = new AuditLog(JdbcClient.create(ds), java.time.Clock.systemUTC());
            for (int i = 0; i < auditRows; i++) {
                int n = i;
                new TransactionTemplate(new DataSourceTransactionManager(ds)).executeWithoutResult(t ->
                        log.record(new AuditLog.Event("t-backup", "ADMIN", AuditAction.AUDIT_VIEWED, "row " + n, null, sql, null)));
            }
        }
    }

    private static List<String> auditRows(Path data) throws Exception {
        List<String> rows = new ArrayList<>();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false, EmbeddedDatabase.Durability.DURABLE); Connection c = db.ownerConnection();
             ResultSet r = c.createStatement().executeQuery("select id, at, actor, action, target, detail, prev_hash, hash from audit_event order by id")) {
            while (r.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= 8; i++) {
                    b.append(r.getString(i)).append('|');
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    private static List<String> users(Path data, String database) throws Exception {
        List<String> names = new ArrayList<>();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false, EmbeddedDatabase.Durability.DURABLE); Connection c = db.ownerConnection(database);
             ResultSet r = c.createStatement().executeQuery("select username from app_user order by username")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    /** A genuine pg_dump archive, but of some other database: it must not replace Mimamori's. */
    private static void otherDatabaseDump(Path data, Path file) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0, false, EmbeddedDatabase.Durability.DURABLE)) {
            try (Connection c = db.ownerConnection("postgres")) {
                c.createStatement().execute("create database other_app");
            }
            try (Connection c = db.ownerConnection("other_app")) {
                c.createStatement().execute("create table audit_log (x int)");
            }
            PgTools.Result r = PgTools.require().run("pg_dump", List.of("--format=custom", "--host=127.0.0.1", "--port=" + db.port(),
                    "--username=postgres", "--dbname=other_app", "--file=" + file), db.ownerPassword(), null);
            assertThat(r.ok()).as(r.output()).isTrue();
            try (Connection c = db.ownerConnection("postgres")) {
                c.createStatement().execute("drop database other_app");
            }
        }
    }
}
