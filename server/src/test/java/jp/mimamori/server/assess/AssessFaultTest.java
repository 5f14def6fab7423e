package jp.mimamori.server.assess;

import jp.mimamori.server.audit.Actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.db.RunLock;
import jp.mimamori.server.fault.FaultCity;
import jp.mimamori.server.fault.FaultDb;
import jp.mimamori.server.fault.MimamoriProcess;
import jp.mimamori.server.fault.Stall;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 16's fault battery for the monthly assessment: an {@code assess} run killed with SIGKILL half
 * way leaves no run, score, flag or proposal of its own, and the next start assesses again; a second
 * assessment while one runs is refused with a message naming it.
 */
class AssessFaultTest {

    /** Everything an assessment writes. */
    static final String[] ASSESS_TABLES = {"assess_run", "child_indicator", "rule_flag", "child_score", "outreach_item", "assess_group_stat"};

    @Test
    void anAssessmentKilledWhileWritingLeavesThePreviousRunLatestAndNothingOfItsOwn() throws Exception {
        FaultDb db = FaultCity.get().database("assess_kill");
        Map<String, Long> before = db.counts(ASSESS_TABLES);

        MimamoriProcess assess = db.launch("assess", "assess");
        try (Stall stall = Stall.onAdvisoryLock(db, AuditLog.CHAIN_LOCK)) {
            // Its audit row comes last: held there, the run has written its indicators, scores and proposals.
            int session = stall.awaitBlocked(assess::isAlive, 240);
            assertThat(stall.holds(session, "child_score")).as("the run wrote its scores").isTrue();
            assertThat(stall.holds(session, "assess_group_stat")).as("and its aggregates").isTrue();
            assess.kill();
            // The dead client's session ends by itself while the lock is still held (client_connection_check_interval).
            stall.awaitGone(session, 30);
        } finally {
            assess.destroy();
        }

        assertThat(db.counts(ASSESS_TABLES)).as("nothing of the killed run: " + assess.log()).isEqualTo(before);
        assertThat(db.count("select count(*) from assess_run where finished_at is null")).as("no half-finished run").isZero();
        assertThat(db.uploadsLeft()).isEmpty();

        try (ConfigurableApplicationContext ctx = db.start(false)) {
            FaultDb.CommandResult verify = FaultDb.command(ctx, "audit", "verify");
            assertThat(verify.code()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("the audit chain is intact");
            FaultDb.CommandResult again = FaultDb.command(ctx, "assess");
            assertThat(again.code()).as(again.toString()).isZero();
        }
        assertThat(db.count("select count(*) from assess_run where finished_at is not null")).isEqualTo(before.get("assess_run") + 1);
    }

    @Test
    void aSecondAssessmentWhileOneIsRunningIsRefusedNamingItAndChangesNothing() throws Exception {
        FaultDb db = FaultCity.get().database("assess_twice");
        long runsBefore = db.count("select count(*) from assess_run");
        try (ConfigurableApplicationContext first = db.start(false); ConfigurableApplicationContext second = db.start(false)) {
            AssessService service = first.getBean(AssessService.class);
            CompletableFuture<AssessService.Summary> running;
            FaultDb.CommandResult refused;
            Throwable busy;
            try (Stall stall = Stall.onTable(db, "child_score")) {
                running = CompletableFuture.supplyAsync(() -> SystemActor.runAs("t-assess-first", Role.ADMIN, () -> service.run(Actor.current())));
                stall.awaitBlocked(() -> !running.isDone(), 120);
                refused = FaultDb.command(second, "assess");
                busy = catchThrowable(() -> SystemActor.runAs("t-assess-second", Role.ADMIN, () -> second.getBean(AssessService.class).run(Actor.current())));
                assertThat(running).isNotDone();
            }
            long id = running.get(120, TimeUnit.SECONDS).runId();
            assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).contains("評価は既に実行中です（評価 " + id + "、実行者 t-assess-first",
                    "an assessment run is already running (assessment run " + id + ", started by t-assess-first",
                    "run assess again when it has finished").doesNotContain("Exception");
            assertThat(busy).isInstanceOf(RunLock.Busy.class);
            assertThat(((RunLock.Busy) busy).runningId()).contains(id);
            assertThat(db.count("select count(*) from assess_run")).as("only the first run is stored").isEqualTo(runsBefore + 1);
        }
    }
}
