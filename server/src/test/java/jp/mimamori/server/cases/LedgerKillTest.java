package jp.mimamori.server.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import jp.mimamori.server.fault.FaultCity;
import jp.mimamori.server.fault.FaultDb;
import jp.mimamori.server.fault.MimamoriProcess;
import jp.mimamori.server.fault.Stall;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 16's fault battery for the centre's Excel ledger: {@code import-ledger} killed with SIGKILL
 * after it has written the consultations leaves none of them (nor a centre-only child made for them),
 * and importing the same file after the restart imports every row once.
 */
class LedgerKillTest {

    static final String[] LEDGER_TABLES = {"consultation", "consultation_child", "consultation_type", "child_subject", "ledger_import"};

    @Test
    void aLedgerImportKilledAfterItWroteTheConsultationsLeavesNoneAndTheNextImportIsWhole() throws Exception {
        FaultCity city = FaultCity.get();
        FaultDb db = city.database("ledger_kill");
        Path book = city.april().resolve("soudan-ledger.xlsx");
        Map<String, Long> before = db.counts(LEDGER_TABLES);

        MimamoriProcess ledger = db.launch("ledger", "import-ledger", book.toString());
        try (Stall stall = Stall.onTable(db, "ledger_import")) {
            // The import records itself in ledger_import after the last consultation: held there, every row is written.
            int session = stall.awaitBlocked(ledger::isAlive, 240);
            assertThat(stall.holds(session, "consultation")).as("the import wrote its consultations").isTrue();
            ledger.kill();
            // The dead client's session ends by itself while the lock is still held (client_connection_check_interval).
            stall.awaitGone(session, 30);
        } finally {
            ledger.destroy();
        }

        assertThat(db.counts(LEDGER_TABLES)).as("nothing of the killed import: " + ledger.log()).isEqualTo(before);
        assertThat(db.uploadsLeft()).isEmpty();

        try (ConfigurableApplicationContext ctx = db.start(false)) {
            FaultDb.CommandResult verify = FaultDb.command(ctx, "audit", "verify");
            assertThat(verify.code()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("the audit chain is intact");
            FaultDb.CommandResult again = FaultDb.command(ctx, "import-ledger", book.toString());
            assertThat(again.code()).as(again.toString()).isIn(0, 2);
            // Every row the killed import had written is imported now, none counted as there already.
            assertThat(again.out()).contains(" 0 already imported");
            long imported = db.count("select count(*) from consultation") - before.get("consultation");
            assertThat(imported).isPositive();
            assertThat(again.out()).contains(String.format("%,d imported", imported));
        }
        assertThat(db.count("select count(*) from ledger_import")).isEqualTo(before.get("ledger_import") + 1);
    }
}
