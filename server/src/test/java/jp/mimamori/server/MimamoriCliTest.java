package jp.mimamori.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimamoriCliTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return MimamoriCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsEveryCommandInEnglish() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "serve", "synth", "Usage: mimamori");
        assertThat(run("synth", "--help")).isZero();
        assertThat(out.toString()).contains("--residents", "--seed", "--month", "--out", "Deterministic");
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--regenerate", "demo login per role");
    }

    @Test
    void mistakesAreReportedInJapaneseAndEnglish(@TempDir Path tmp) {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("エラー / error", "--help");
        assertThat(run("synth", "--out", tmp.toString(), "--month", "2026-13")).isEqualTo(2);
        assertThat(err.toString()).contains("YYYY-MM", "月は");
        assertThat(run("synth", "--out", tmp.toString(), "--month", "2019-01", "--residents", "500")).isEqualTo(2);
        assertThat(err.toString()).contains("2023-04");
        assertThat(run("synth", "--out", tmp.toString(), "--residents", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("住民数");
    }

    @Test
    void auditVerifyPassesOnACleanLogAndNamesTheRowASuperuserEdited(@TempDir Path tmp) throws Exception {
        assertThat(run("audit", "verify", "--data-dir", tmp.toString())).isZero();
        assertThat(out.toString()).contains("the audit chain is intact (1 rows)");
        try (jp.mimamori.server.db.EmbeddedDatabase db = jp.mimamori.server.db.EmbeddedDatabase.start(tmp.resolve("pg"), 0, false);
             java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl()); java.sql.Statement st = c.createStatement()) {
            // What a superuser could do in psql: switch triggers off for the session and rewrite the row.
            st.execute("set session_replication_role = replica");
            assertThat(st.executeUpdate("update audit_event set actor = 'nobody' where id = 1")).isEqualTo(1);
        }
        assertThat(run("audit", "verify", "--data-dir", tmp.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("broken at row 1", "改ざんを検出");
    }

    @Test
    void linkingOrExportingBeforeThereIsAnythingSaysWhatToDoFirst(@TempDir Path tmp) {
        assertThat(run("link", "--data-dir", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing has been loaded yet", "run ingest first");
        assertThat(run("export-links", "--data-dir", tmp.toString(), tmp.resolve("links.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no linkage run yet", "run link first");
    }

    @Test
    void synthWritesACity(@TempDir Path tmp) {
        assertThat(run("synth", "--residents", "500", "--seed", "3", "--out", tmp.toString(), "--quiet")).isZero();
        assertThat(tmp.resolve("manifest.csv")).exists();
        assertThat(tmp.resolve("truth/records.csv")).exists();
        assertThat(out.toString()).contains("juki.csv", "residents", "truth").doesNotContain("simulating");
        assertThat(Files.exists(tmp.resolve("juki.csv"))).isTrue();
    }
}
