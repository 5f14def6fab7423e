package jp.mimamori.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.db.RunLock;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.server.ingest.LoadReport;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.fault.FaultCity;
import jp.mimamori.server.fault.FaultDb;
import jp.mimamori.server.fault.MimamoriProcess;
import jp.mimamori.server.fault.Stall;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 16's fault battery for 名寄せ: a {@code link} run killed with SIGKILL half way leaves no trace
 * (the previous run stays the latest, every person keeps the ID it had, the search index is the
 * previous run's), and the next start links again as if nothing had happened.
 */
class LinkFaultTest {

    /** Everything a linkage run writes. */
    static final String[] LINK_TABLES = {"link_run", "person", "household", "record_link", "record_identity", "person_profile", "person_key",
        "link_review"};

    @Test
    void aLinkRunKilledWhileWritingLeavesThePreviousRunLatestAndNothingOfItsOwn() throws Exception {
        FaultDb db = FaultCity.get().database("link_kill");
        Map<String, Long> before = db.counts(LINK_TABLES);
        String identities = identities(db);

        MimamoriProcess link = db.launch("link", "link");
        try (Stall stall = Stall.onAdvisoryLock(db, AuditLog.CHAIN_LOCK)) {
            // The run's audit row is the last thing it writes before it commits: stopped there, it has written everything else.
            int session = stall.awaitBlocked(link::isAlive, 240);
            assertThat(stall.holds(session, "record_link")).as("the run wrote its links").isTrue();
            assertThat(stall.holds(session, "person_profile")).as("and replaced the search index").isTrue();
            link.kill();
            // While the stall still holds it, the dead run's session ends by itself (client_connection_check_interval):
            // its run lock is free for the restarted run however long whatever it waited for would have taken.
            stall.awaitGone(session, 30);
        } finally {
            link.destroy();
        }

        assertThat(db.counts(LINK_TABLES)).as("nothing of the killed run: " + link.log()).isEqualTo(before);
        assertThat(db.count("select count(*) from link_run where finished_at is null")).as("no half-finished run").isZero();
        assertThat(identities(db)).as("every record keeps its person").isEqualTo(identities);
        assertThat(db.uploadsLeft()).isEmpty();

        try (ConfigurableApplicationContext ctx = db.start(false)) {
            FaultDb.CommandResult verify = FaultDb.command(ctx, "audit", "verify");
            assertThat(verify.code()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("the audit chain is intact");
            // The killed run's lock went with its session: the next run is not refused, and carries every ID over.
            FaultDb.CommandResult again = FaultDb.command(ctx, "link");
            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(again.out()).contains("new 0;");
        }
        assertThat(db.count("select count(*) from link_run where finished_at is not null")).isEqualTo(before.get("link_run") + 1);
    }

    @Test
    void aSecondLinkRunWhileOneIsRunningIsRefusedNamingItAndChangesNothing() throws Exception {
        FaultDb db = FaultCity.get().database("link_twice");
        long runsBefore = db.count("select count(*) from link_run");
        try (ConfigurableApplicationContext first = db.start(false); ConfigurableApplicationContext second = db.start(false)) {
            CompletableFuture<IdentityService.RunSummary> running;
            try (Stall stall = Stall.onTable(db, "person_profile")) {
                running = CompletableFuture.supplyAsync(() -> first.getBean(IdentityService.class).link(Actor.job("t-link-first", Role.ADMIN)));
                stall.awaitBlocked(() -> !running.isDone(), 120);

                // A second application on the same database (another process, with an external PostgreSQL), by the real command.
                FaultDb.CommandResult refused = FaultDb.command(second, "link");
                assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
                assertThat(refused.err()).contains("名寄せは既に実行中です", "a linkage run is already running", "started by t-link-first",
                        "run link again when it has finished").doesNotContain("Exception");
                // The same refusal from the service, for the page or a scheduler that calls it.
                assertThatThrownBy(() -> second.getBean(IdentityService.class).link(Actor.job("t-link-second", Role.ADMIN)))
                        .isInstanceOf(RunLock.Busy.class).hasMessageContaining("実行者 t-link-first");
                assertThat(running).as("the first run waits where it was held, untouched").isNotDone();
            }
            IdentityService.RunSummary done = running.get(120, TimeUnit.SECONDS);
            assertThat(db.count("select count(*) from link_run")).as("only the first run is stored").isEqualTo(runsBefore + 1);
            assertThat(db.count("select max(id) from link_run where finished_at is not null")).isEqualTo(done.runId());
            FaultDb.CommandResult again = FaultDb.command(second, "link");
            assertThat(again.code()).as("once it has finished, a run is not refused: " + again).isZero();
        }
    }

    @Test
    void aRunRefusedWhileAnotherRunsNamesThatRunsId() throws Exception {
        FaultDb db = FaultCity.get().database("link_names");
        try (ConfigurableApplicationContext ctx = db.start(false)) {
            IdentityService identity = ctx.getBean(IdentityService.class);
            CompletableFuture<IdentityService.RunSummary> running;
            RunLock.Busy busy;
            try (Stall stall = Stall.onTable(db, "person_profile")) {
                running = CompletableFuture.supplyAsync(() -> identity.link(Actor.job("t-link-named", Role.ADMIN)));
                stall.awaitBlocked(() -> !running.isDone(), 120);
                busy = (RunLock.Busy) org.assertj.core.api.Assertions.catchThrowable(() -> identity.link(Actor.job("t-link-other", Role.ADMIN)));
            }
            long id = running.get(120, TimeUnit.SECONDS).runId();
            assertThat(busy.runningId()).contains(id);
            assertThat(busy.getMessage()).contains("名寄せ " + id + "、", "linkage run " + id + ",");
        }
    }

    @Test
    void anUploadDuringALinkRunCompletesAndTheRunUsesTheLoadsCurrentAtItsStart() throws Exception {
        FaultCity city = FaultCity.get();
        FaultDb db = city.database("link_upload");
        try (ConfigurableApplicationContext ctx = db.start(false)) {
            IdentityService identity = ctx.getBean(IdentityService.class);
            long april = db.count("select id from extract_load where current and source_code = 'juki'");
            CompletableFuture<IdentityService.RunSummary> running;
            try (Stall stall = Stall.onTable(db, "person_profile")) {
                running = CompletableFuture.supplyAsync(() -> identity.link(Actor.job("t-link-upload", Role.ADMIN)));
                stall.awaitBlocked(() -> !running.isDone(), 120);
                // The run has read the loads and written its links; May's registry arrives now, and is not kept waiting by the run.
                LoadReport may = ctx.getBean(FolderIngest.class).load(FaultCity.actor("t-link-upload"),
                        new FolderIngest.Entry(SourceSystem.JUKI, FaultCity.MAY, city.may().resolve("juki.csv")), null);
                assertThat(may.current()).as(may.summaryEn()).isTrue();
                assertThat(running).isNotDone();
            }
            IdentityService.RunSummary run = running.get(120, TimeUnit.SECONDS);
            long may = db.count("select id from extract_load where current and source_code = 'juki'");
            assertThat(may).isNotEqualTo(april);
            // The run linked exactly the registry records of the load current when it started, none of May's.
            String linked = "select string_agg(record_id, ',' order by record_id) from (select distinct record_id from record_link where run_id = "
                    + run.runId() + " and source_code = 'juki') x";
            String ofLoad = "select string_agg(record_id, ',' order by record_id) from (select distinct record_id from extract_row where load_id = %d) x";
            assertThat(text(db, linked)).isEqualTo(text(db, ofLoad.formatted(april))).isNotEqualTo(text(db, ofLoad.formatted(may)));
            // And the next run reads May's.
            long next = identity.link(Actor.job("t-link-next", Role.ADMIN)).runId();
            assertThat(text(db, linked.replace(String.valueOf(run.runId()), String.valueOf(next)))).isEqualTo(text(db, ofLoad.formatted(may)));
        }
    }

    static String text(FaultDb db, String sql) throws Exception {
        try (var c = db.owner(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    /** Every record's person, as one digest. */
    static String identities(FaultDb db) throws Exception {
        try (var c = db.owner(); var s = c.createStatement();
             var r = s.executeQuery("select md5(string_agg(source_code || ':' || record_id || '=' || person_id, ',' order by source_code, record_id)) from record_identity")) {
            r.next();
            return r.getString(1);
        }
    }
}
