package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jp.mimamori.core.extract.FileEncoding;
import jp.mimamori.server.db.EmbeddedDatabase;
import jp.mimamori.synth.SyntheticCity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a separate Mimamori process in the middle of a large load and checks that the
 * database holds exactly what it held before, and that the same file then loads in full.
 */
class IngestKillTest {

    @TempDir Path tmp;

    @Test
    void aProcessKilledDuringALoadLeavesTheDatabaseAsItWas() throws Exception {
        Path big = bigJukiFile(tmp);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(tmp.resolve("external"), 0, true, EmbeddedDatabase.Durability.FAST_FOR_THROWAWAY_TEST_DATA)) {
            Process first = ingest(db, big, tmp.resolve("first.log"));
            boolean copying = waitForCopy(db, first);
            assertThat(copying).as("the load reached COPY: " + Files.readString(tmp.resolve("first.log"))).isTrue();
            Thread.sleep(700);
            assertThat(first.isAlive()).as("still loading when killed").isTrue();
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            try (Connection c = db.ownerConnection()) {
                // PostgreSQL notices the dead client and rolls its transaction back.
                for (int i = 0; i < 100 && count(c, "select count(*) from pg_stat_activity where query like 'COPY extract_row%' and state <> 'idle'") > 0; i++) {
                    Thread.sleep(100);
                }
                assertThat(count(c, "select count(*) from extract_load")).isZero();
                assertThat(count(c, "select count(*) from extract_row")).isZero();
                assertThat(count(c, "select count(*) from audit_event where action like 'LOAD_%'")).isZero();
            }

            Process second = ingest(db, big, tmp.resolve("second.log"));
            assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(second.exitValue()).as(Files.readString(tmp.resolve("second.log"))).isZero();
            try (Connection c = db.ownerConnection()) {
                long lines = lines(big) - 1;
                assertThat(count(c, "select count(*) from extract_row") + count(c, "select count(*) from quarantined_row")).isEqualTo(lines);
                assertThat(count(c, "select count(*) from quarantined_row")).as("the generator's corrupted rows, 15 times").isPositive();
                assertThat(count(c, "select count(*) from extract_load where status = 'LOADED' and current")).isEqualTo(1);
            }
        }
    }

    /** A juki extract of a 30,000-resident city repeated under fresh record ids: several hundred thousand rows. */
    static Path bigJukiFile(Path tmp) throws IOException {
        Path city = tmp.resolve("city");
        SyntheticCity.generate(new SyntheticCity.Options(30_000, 3, YearMonth.of(2026, 4), city), m -> { });
        List<String> rows = new ArrayList<>();
        String header;
        try (BufferedReader r = Files.newBufferedReader(city.resolve("juki.csv"), FileEncoding.WINDOWS_31J)) {
            header = r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                rows.add(line);
            }
        }
        Path big = tmp.resolve("juki-big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, FileEncoding.WINDOWS_31J)) {
            w.write(header);
            w.write("\r\n");
            for (int copy = 0; copy < 15; copy++) {
                for (String row : rows) {
                    w.write(copy + "-" + row);
                    w.write("\r\n");
                }
            }
        }
        return big;
    }

    private Process ingest(EmbeddedDatabase db, Path file, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "jp.mimamori.server.MimamoriCli",
                "ingest", "--source", "juki", "--month", "2026-04", "--data-dir", tmp.resolve("data").toString(), file.toString());
        pb.environment().put("MIMAMORI_DB_URL", db.jdbcUrl());
        pb.environment().put("MIMAMORI_DB_USER", "postgres");
        pb.environment().put("MIMAMORI_DB_PASSWORD", db.ownerPassword());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static boolean waitForCopy(EmbeddedDatabase db, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Connection c = db.ownerConnection()) {
                if (count(c, "select count(*) from pg_stat_activity where query like 'COPY extract_row%' and state = 'active'") > 0) {
                    return true;
                }
            } catch (SQLException e) {
                // the database is still starting its schema migration; try again
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long lines(Path f) throws IOException {
        try (var s = Files.lines(f, FileEncoding.WINDOWS_31J)) {
            return s.count();
        }
    }
}
