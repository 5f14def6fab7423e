package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.mimamori.core.extract.FileEncoding;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.cli.IngestCommandAccess;
import jp.mimamori.server.fault.FaultCity;
import jp.mimamori.server.fault.FaultDb;
import jp.mimamori.server.fault.IngestApi;
import jp.mimamori.server.fault.MimamoriProcess;
import jp.mimamori.server.fault.Stall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 16's fault battery for ingest: a Mimamori process killed with SIGKILL in the middle of a load,
 * from the command line mid-COPY and in the server during an upload through the API, leaves the
 * database exactly as it was, no copy of the upload once the server has started again, an intact
 * audit chain, and the same file then loads in full.
 */
class IngestKillTest {

    static final String[] LOAD_TABLES = {"extract_load", "extract_row", "quarantined_row", "load_problem"};

    @TempDir Path tmp;

    @Test
    void aProcessKilledDuringALoadLeavesTheDatabaseAsItWas() throws Exception {
        FaultDb db = FaultCity.get().emptyDatabase("ingest_copy");
        Path big = bigJukiFile(FaultCity.get().april().resolve("juki.csv"), tmp, 30);
        long lines = lines(big) - 1;
        MimamoriProcess first = db.launch("ingest", "ingest", "--source", "juki", "--month", "2026-04", big.toString());
        try {
            // Killed while PostgreSQL is copying the rows in: a tenth of the file is in, the rest still to come.
            long copied = awaitCopied(db, first, lines / 10);
            assertThat(copied).as("mid-COPY: " + first.log()).isLessThan(lines);
            first.kill();
        } finally {
            first.destroy();
        }
        try (Connection c = db.owner()) {
            // PostgreSQL notices the dead client and rolls its transaction back.
            for (int i = 0; i < 200 && FaultDb.count(c, "select count(*) from pg_stat_progress_copy") > 0; i++) {
                Thread.sleep(50);
            }
            assertThat(FaultDb.count(c, "select count(*) from extract_load")).isZero();
            assertThat(FaultDb.count(c, "select count(*) from extract_row")).isZero();
            assertThat(FaultDb.count(c, "select count(*) from audit_event where action like 'LOAD_%'")).isZero();
        }
        assertThat(db.uploadsLeft()).isEmpty();

        try (ConfigurableApplicationContext ctx = db.start(false)) {
            FaultDb.CommandResult verify = FaultDb.command(ctx, "audit", "verify");
            assertThat(verify.code()).as(verify.toString()).isZero();
            StringWriter out = new StringWriter();
            int code = IngestCommandAccess.run(ctx.getBean(FolderIngest.class),
                    List.of(new FolderIngest.Entry(SourceSystem.JUKI, FaultCity.APRIL, big)), db.dataDir().resolve("reports"),
                    new PrintWriter(out), new PrintWriter(new StringWriter()), 0);
            assertThat(code).as(out.toString()).isZero();
        }
        try (Connection c = db.owner()) {
            assertThat(FaultDb.count(c, "select count(*) from extract_row") + FaultDb.count(c, "select count(*) from quarantined_row")).isEqualTo(lines);
            assertThat(FaultDb.count(c, "select count(*) from quarantined_row")).as("the generator's corrupted rows, 30 times").isPositive();
            assertThat(FaultDb.count(c, "select count(*) from extract_load where status = 'LOADED' and current")).isEqualTo(1);
        }
    }

    @Test
    void aServerKilledDuringAnUploadLeavesNoLoadAndTheNextStartRemovesTheUploadedCopy() throws Exception {
        FaultCity city = FaultCity.get();
        FaultDb db = city.database("ingest_server");
        Path may = city.may().resolve("juki.csv");
        Map<String, Long> before = db.counts(LOAD_TABLES);
        long loadAudits = db.count("select count(*) from audit_event where action like 'LOAD_%'");
        int port = IngestApi.freePort();

        MimamoriProcess server = db.launch("serve", "serve", "--port", String.valueOf(port));
        try (Stall sourceLock = Stall.onAdvisoryLock(db, IngestRepository.lockKey(SourceSystem.JUKI))) {
            IngestApi.awaitServer(port, server::isAlive, 240);
            CompletableFuture<IngestApi.Answer> upload = IngestApi.upload(port, "juki", FaultCity.MAY, may);
            // The upload is on the server's disk and its load transaction has begun: it waits for the source's lock.
            int session = sourceLock.awaitBlocked(server::isAlive, 120);
            assertThat(db.uploadsLeft()).as("the server keeps the upload under DATA/uploads while it loads it").hasSize(1);
            try (Stall auditChain = Stall.onAdvisoryLock(db, AuditLog.CHAIN_LOCK)) {
                sourceLock.release();
                // The load's audit row is its last write: held there, every row is copied in and the load made current.
                assertThat(auditChain.awaitBlocked(server::isAlive, 120)).isEqualTo(session);
                assertThat(auditChain.holds(session, "extract_row")).as("the load copied its rows").isTrue();
                assertThat(auditChain.holds(session, "extract_load")).as("and made itself current").isTrue();
                server.kill();
                // The dead client's session ends by itself while the lock is still held (client_connection_check_interval).
                auditChain.awaitGone(session, 30);
            }
            assertThat(upload.handle((a, e) -> e).get(30, TimeUnit.SECONDS)).as("the client saw the connection drop").isNotNull();
        } finally {
            server.destroy();
        }

        assertThat(db.counts(LOAD_TABLES)).as("nothing of the killed load: " + server.log()).isEqualTo(before);
        assertThat(db.count("select count(*) from audit_event where action like 'LOAD_%'")).isEqualTo(loadAudits);
        assertThat(db.uploadsLeft()).as("SIGKILL leaves the copy of the upload behind").hasSize(1);

        try (ConfigurableApplicationContext ctx = db.start(true)) {
            assertThat(db.uploadsLeft()).as("removed before the restarted server takes a request").isEmpty();
            assertThat(db.count("select count(*) from audit_event where action = '" + AuditAction.UPLOADS_SWEPT + "'")).isEqualTo(1);
            FaultDb.CommandResult verify = FaultDb.command(ctx, "audit", "verify");
            assertThat(verify.code()).as(verify.toString()).isZero();
            // The killed load was never stored, so the same file is not a duplicate: it loads and becomes current.
            IngestApi.Answer again = IngestApi.upload(IngestApi.port(ctx), "juki", FaultCity.MAY, may).get(120, TimeUnit.SECONDS);
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(again.number("duplicateOf")).isNull();
            assertThat(again.flag("current")).isTrue();
        }
        assertThat(db.uploadsLeft()).isEmpty();
    }

    /** A juki extract repeated {@code copies} times under fresh record ids: tens of thousands of rows. */
    static Path bigJukiFile(Path juki, Path tmp, int copies) throws IOException {
        List<String> rows = new ArrayList<>();
        String header;
        try (BufferedReader r = Files.newBufferedReader(juki, FileEncoding.WINDOWS_31J)) {
            header = r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                rows.add(line);
            }
        }
        Path big = tmp.resolve("juki-big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, FileEncoding.WINDOWS_31J)) {
            w.write(header);
            w.write("\r\n");
            for (int copy = 0; copy < copies; copy++) {
                for (String row : rows) {
                    w.write(copy + "-" + row);
                    w.write("\r\n");
                }
            }
        }
        return big;
    }

    /**
     * Waits until the loading process's COPY has put at least {@code rows} rows in (pg_stat_progress_copy, PostgreSQL's
     * own progress report); the rows copied so far.
     */
    private static long awaitCopied(FaultDb db, MimamoriProcess p, long rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        try (Connection c = db.owner()) {
            while (System.nanoTime() < deadline && p.isAlive()) {
                try {
                    long copied = FaultDb.count(c, "select coalesce(max(tuples_processed), 0) from pg_stat_progress_copy where relid = 'extract_row'::regclass");
                    if (copied >= rows) {
                        return copied;
                    }
                } catch (SQLException e) {
                    // the process is still migrating the empty database: extract_row does not exist yet
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the load never reached " + rows + " rows: " + p.log());
    }

    private static long lines(Path f) throws IOException {
        try (var s = Files.lines(f, FileEncoding.WINDOWS_31J)) {
            return s.count();
        }
    }
}
