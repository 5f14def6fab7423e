package jp.mimamori.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void dataSurvivesARestartAndAStalePidFileDoesNotBlockTheNextStart() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false); Connection c = DriverManager.getConnection(db.jdbcUrl());
             Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('見守り')");
        }
        // What a SIGKILLed run leaves behind: a pid file naming a process that no longer exists.
        Files.writeString(dir.resolve("postmaster.pid"), "2147483646\n" + dir + "\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false); Connection c = DriverManager.getConnection(db.jdbcUrl());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("select v from kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("見守り");
        }
    }

    @Test
    void aSecondServerOnTheSameFolderIsRefusedWithAClearMessage() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, false)) {
            assertThat(db.port()).isPositive();
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir, 0, false))
                    .hasMessageContaining("使用中").hasMessageContaining("in use");
        }
    }
}
