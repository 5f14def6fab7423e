package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.cli.IngestCommandAccess;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.synth.SyntheticCity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 16: a load that looks wrong is held (確認待ち), not applied. A 20-row file sent as the registry
 * of a later month, or an earlier month's file, is stored but does not become current, and says so on
 * the API, the page and the command line; only an administrator confirms it, rejects it or rolls back
 * to an earlier load, every decision and every refusal audited; linkage reads only current loads.
 * The steps build on each other, in order, on a database of their own.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-holds", "mimamori.db.embedded.clean=true", "mimamori.retention.enabled=false"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadHoldTest {

    static final UserAccount ADMIN = new UserAccount(0, "t-holds-admin", "test", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired FolderIngest folder;
    @Autowired IngestRepository repository;
    @Autowired LoadDecisions decisions;
    @Autowired IdentityService identity;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired ConfigurableApplicationContext ctx;

    @TempDir static Path tmp;
    Path city;
    LoadReport april;
    long heldMay;
    long heldJune;
    String clerk;

    @BeforeAll
    void aSmallCityAndItsRegistry() throws Exception {
        city = tmp.resolve("city");
        SyntheticCity.generate(new SyntheticCity.Options(1_500, 5, YearMonth.of(2026, 4), city), m -> { });
        clerk = users.ensure("t-juki-holds", Role.DEPT_UPLOADER, SourceSystem.JUKI);
    }

    FolderIngest.Entry entry(String source) {
        return FolderIngest.manifest(city).stream().filter(e -> e.source().code().equals(source)).findFirst().orElseThrow();
    }

    byte[] good() throws Exception {
        return Files.readAllBytes(Path.of(getClass().getResource("/juki-good.csv").toURI()));
    }

    /** The same bytes with the first record number's first digit changed: another file, not a duplicate. */
    static byte[] changed(byte[] body, char digit) {
        byte[] b = body.clone();
        int first = new String(b, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
        b[first] = (byte) digit;
        return b;
    }

    long currentJuki() {
        return repository.current(SourceSystem.JUKI).orElseThrow().id();
    }

    long audits(AuditAction a, String target) {
        return jdbc.sql("select count(*) from audit_event where action = :a and target = :t").param("a", a.name()).param("t", target)
                .query(Long.class).single();
    }

    /** The record numbers the latest linkage run linked for 住民記録. */
    Set<String> linkedJuki() {
        identity.link(Actor.job("t-holds", Role.ADMIN));
        return new HashSet<>(jdbc.sql("select record_id from record_link where run_id = (select max(id) from link_run) and source_code = 'juki'")
                .query(String.class).list());
    }

    Set<String> recordsOf(long load) {
        return new HashSet<>(jdbc.sql("select record_id from extract_row where load_id = :l").param("l", load).query(String.class).list());
    }

    String page(MockHttpSession s, String path) throws Exception {
        var r = mvc.perform(get(path).session(s)).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theFirstLoadOfASourceIsNeverHeld() {
        april = folder.load(ADMIN, entry("juki"), null);
        assertThat(april.status()).as(april.summaryEn()).isEqualTo("LOADED");
        assertThat(april.current()).isTrue();
        assertThat(april.households()).as("住民記録 counts its households").isPositive().isLessThan(april.rowsLoaded());
        LoadReport kenko = folder.load(ADMIN, entry("kenko"), null);
        assertThat(kenko.current()).isTrue();
        assertThat(kenko.households()).as("a source without 世帯番号").isNull();
    }

    @Test
    @Order(2)
    void aTwentyRowRegistryForALaterMonthIsHeldAndTheApiThePageAndTheCommandLineSaySo() throws Exception {
        var api = mvc.perform(post("/api/ingest/juki").param("month", "2026-05").param("fileName", "test.csv").contentType("text/csv").content(good())
                .with(httpBasic(clerk, TestUsers.PASSWORD))).andReturn().getResponse();
        String json = api.getContentAsString(StandardCharsets.UTF_8);
        assertThat(api.getStatus()).as(json).isEqualTo(202);
        assertThat(json).contains("\"status\":\"HELD\"", "\"held\":true", "\"current\":false", "\"statusJa\":\"確認待ち\"",
                "確認待ち: 20 行を保存しましたが", "管理者が確認するまで現行になりません", "held for confirmation", "until an administrator confirms them",
                String.format("%,d 行から 20 行へ", april.rowsLoaded()), "世帯数");
        heldMay = repository.list(List.of(SourceSystem.JUKI), 1).get(0).id();
        assertThat(currentJuki()).as("the registry in use is still April's").isEqualTo(april.id());
        assertThat(audits(AuditAction.LOAD_HELD, "source:juki")).isEqualTo(1);
        assertThat(audit.recent(5)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("LOAD_HELD");
            assertThat(e.actor()).isEqualTo(clerk);
            assertThat(e.detail()).contains("compared with load " + april.id(), "rows went from");
        });

        MockHttpSession s = TestUsers.signIn(mvc, clerk);
        assertThat(page(s, "/dept/loads/" + heldMay)).contains("確認待ち / Held for confirmation", "管理者が確定するまで現行にならず",
                "保留の理由 / Why held", "行数が現行", "rows went from", "確認待ち / held for confirmation");
        assertThat(page(s, "/dept")).contains("確認待ちの取込が 1 件あります", "確認待ち / held for confirmation");

        // The same file again is the same held load, not a second one.
        var again = mvc.perform(post("/api/ingest/juki").param("month", "2026-05").contentType("text/csv").content(good())
                .with(httpBasic(clerk, TestUsers.PASSWORD))).andReturn().getResponse();
        assertThat(again.getStatus()).isEqualTo(202);
        assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains("\"duplicateOf\":" + heldMay, "確認待ちです");

        // The command line: the held line in both languages, and exit code 3.
        Path june = tmp.resolve("juki-june.csv");
        Files.write(june, changed(good(), '7'));
        StringWriter out = new StringWriter();
        int code = IngestCommandAccess.run(folder, List.of(new FolderIngest.Entry(SourceSystem.JUKI, YearMonth.of(2026, 6), june)), tmp.resolve("reports"),
                new PrintWriter(out), new PrintWriter(new StringWriter()), 10);
        assertThat(code).isEqualTo(3);
        assertThat(out.toString()).contains("確認待ち", "HELD: not current", "./mimamori loads confirm", "held for confirmation");
        heldJune = repository.list(List.of(SourceSystem.JUKI), 1).get(0).id();
        assertThat(repository.find(heldJune).orElseThrow().held()).isTrue();

        assertThat(linkedJuki()).as("linkage reads the current load only, never a held one").isEqualTo(recordsOf(april.id()));
    }

    @Test
    @Order(3)
    void nobodyButTheAdministratorDecidesAndEveryRefusalIsAudited() throws Exception {
        for (Role role : List.of(Role.DEPT_UPLOADER, Role.CENTER_SUPERVISOR, Role.CENTER_CASEWORKER, Role.ANALYST)) {
            String who = role == Role.DEPT_UPLOADER ? clerk : users.ensure(role);
            MockHttpSession s = TestUsers.signIn(mvc, who);
            for (String path : List.of("/admin/loads/" + heldMay + "/confirm", "/admin/loads/" + heldMay + "/reject", "/admin/loads/" + april.id() + "/current")) {
                long before = audits(AuditAction.ACCESS_DENIED, "POST " + path);
                var r = mvc.perform(post(path).param("reason", "自分で確定したい").session(s).with(csrf())).andReturn().getResponse();
                assertThat(r.getStatus()).as("%s by %s", path, role).isEqualTo(403);
                assertThat(audits(AuditAction.ACCESS_DENIED, "POST " + path)).isEqualTo(before + 1);
            }
            assertThat(mvc.perform(get("/admin/loads").session(s)).andReturn().getResponse().getStatus()).isEqualTo(403);
            // The service refuses too, whoever calls it, and says so in the audit log.
            long before = audits(AuditAction.ACCESS_DENIED, "extract_load:" + heldMay);
            assertThatThrownBy(() -> SystemActor.runAs(who, role, () -> decisions.confirm(Actor.current(), heldMay, null))).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("管理者だけ");
            assertThat(audits(AuditAction.ACCESS_DENIED, "extract_load:" + heldMay)).isEqualTo(before + 1);
            assertThat(jdbc.sql("select actor from audit_event where action = 'ACCESS_DENIED' order by id desc limit 1").query(String.class).single())
                    .isEqualTo(who);
        }
        assertThat(repository.find(heldMay).orElseThrow().held()).isTrue();
        assertThat(currentJuki()).isEqualTo(april.id());
    }

    @Test
    @Order(4)
    void theAdministratorRejectsConfirmsAndRollsBackOnThePageAndTheCommandLine() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        String overview = page(admin, "/admin/loads");
        assertThat(overview).contains("確認待ちの取込が 2 件あります", "held-" + heldMay, "held-" + heldJune, "行数が現行", "rows went from",
                "確定して現行にする / Confirm: make current", "不採用 / Reject");

        // Reject June's on the command line: a reason is required, and kept.
        StringWriter out = new StringWriter();
        assertThat(IngestCommandAccess.loads(ctx, new PrintWriter(out, true), "reject", Long.toString(heldJune), "--reason", "x")).isEqualTo(1);
        assertThat(out.toString()).contains("理由を4文字以上");
        assertThat(IngestCommandAccess.loads(ctx, new PrintWriter(out, true), "reject", Long.toString(heldJune), "--reason", "試験用のファイルのため")).isZero();
        LoadReport rejected = repository.find(heldJune).orElseThrow();
        assertThat(rejected.status()).isEqualTo("DISCARDED");
        assertThat(rejected.statusLabel()).isEqualTo("不採用 / rejected by the administrator");
        assertThat(rejected.decisionNote()).isEqualTo("試験用のファイルのため");
        assertThat(repository.rowCount(heldJune)).as("no data lost: the rows stay on record").isEqualTo(20);
        assertThat(audits(AuditAction.LOAD_DISCARDED, "extract_load:" + heldJune)).isEqualTo(1);
        assertThat(currentJuki()).isEqualTo(april.id());

        // Confirm May's on the page: it becomes current, April history, and linkage follows.
        var confirmed = mvc.perform(post("/admin/loads/" + heldMay + "/confirm").param("note", "区の試行データと確認済み").session(admin).with(csrf()))
                .andReturn();
        assertThat(confirmed.getResponse().getRedirectedUrl()).isEqualTo("/admin/loads");
        assertThat(confirmed.getFlashMap().get("message").toString()).contains("確定し、現行にしました");
        assertThat(currentJuki()).isEqualTo(heldMay);
        assertThat(repository.find(april.id()).orElseThrow().statusLabel()).isEqualTo("履歴 / history");
        assertThat(audits(AuditAction.LOAD_CONFIRMED, "extract_load:" + heldMay)).isEqualTo(1);
        assertThat(linkedJuki()).isEqualTo(recordsOf(heldMay));

        // The wrong call: roll back to April on the page; May is withdrawn and linkage reads April again.
        var tooShort = mvc.perform(post("/admin/loads/" + april.id() + "/current").param("reason", "誤り").session(admin).with(csrf())).andReturn();
        assertThat(tooShort.getFlashMap().get("errors").toString()).contains("理由を4文字以上");
        assertThat(currentJuki()).isEqualTo(heldMay);
        var back = mvc.perform(post("/admin/loads/" + april.id() + "/current").param("reason", "誤って確定したため四月に戻す").session(admin).with(csrf()))
                .andReturn();
        assertThat(back.getFlashMap().get("message").toString()).contains("現行に戻しました");
        assertThat(currentJuki()).isEqualTo(april.id());
        LoadReport may = repository.find(heldMay).orElseThrow();
        assertThat(may.withdrawn()).isTrue();
        assertThat(may.statusLabel()).isEqualTo("取り下げ / withdrawn");
        assertThat(audits(AuditAction.LOAD_ROLLED_BACK, "extract_load:" + april.id())).isEqualTo(1);
        assertThat(jdbc.sql("select detail from audit_event where action = 'LOAD_ROLLED_BACK' order by id desc limit 1").query(String.class).single())
                .contains("replacing load " + heldMay, "withdrawn (newer) loads [" + heldMay + "]", "誤って確定したため四月に戻す");
        assertThat(linkedJuki()).isEqualTo(recordsOf(april.id()));
        assertThat(page(admin, "/dept/loads/" + heldMay)).contains("取り下げ / Withdrawn");

        // What cannot be done is refused with the reason, and changes nothing.
        assertThat(IngestCommandAccess.loads(ctx, new PrintWriter(out, true), "current", Long.toString(april.id()), "--reason", "もう一度現行に")).isEqualTo(1);
        assertThat(out.toString()).contains("すでに現行です");
        assertThat(IngestCommandAccess.loads(ctx, new PrintWriter(out, true), "confirm", Long.toString(heldJune))).isEqualTo(1);
        assertThat(out.toString()).contains("確認待ちではありません（不採用）");
        StringWriter list = new StringWriter();
        assertThat(IngestCommandAccess.loads(ctx, new PrintWriter(list, true))).isZero();
        assertThat(list.toString()).contains("juki      住民記録 現行 / current: load " + april.id(), "方針 / policy: " + jp.mimamori.core.extract.BadRowPolicy.QUARANTINE_ROWS.label(), "取り下げ / withdrawn: load " + heldMay);
    }

    @Test
    @Order(5)
    void anEarlierMonthIsHeldAndConfirmingItWithdrawsTheNewerLoad() throws Exception {
        Path march = tmp.resolve("juki-march.csv");
        Files.write(march, changed(Files.readAllBytes(entry("juki").file()), '9'));
        LoadReport r = folder.load(ADMIN, new FolderIngest.Entry(SourceSystem.JUKI, YearMonth.of(2026, 3), march), null);
        assertThat(r.held()).isTrue();
        assertThat(r.holdReasonJa()).contains("対象月 2026-03（令和8年3月）が現行の取込（2026-04（令和8年4月））より前です").doesNotContain("行数");
        assertThat(r.holdReasonEn()).contains("earlier than the current load's 2026-04");
        LoadReport confirmed = SystemActor.runAs("t-holds-admin", Role.ADMIN, () -> decisions.confirm(Actor.current(), r.id(), "三月分の再送を現行にする"));
        assertThat(confirmed.current()).isTrue();
        assertThat(repository.find(april.id()).orElseThrow().withdrawn()).as("the newer April load is not read as history").isTrue();
        assertThat(jdbc.sql("select count(*) from extract_load where source_code = 'juki' and current").query(Long.class).single()).isEqualTo(1);
        // Back to April: March stays as history (it is older), April is current and no longer withdrawn.
        SystemActor.runAs("t-holds-admin", Role.ADMIN, () -> decisions.makeCurrent(Actor.current(), april.id(), "四月分に戻します"));
        assertThat(repository.find(april.id()).orElseThrow().withdrawn()).isFalse();
        assertThat(repository.find(r.id()).orElseThrow().statusLabel()).isEqualTo("履歴 / history");
    }

    @Test
    @Order(6)
    void aHeldLoadWhoseRowsRetentionDeletedCanNoLongerBeConfirmed() throws Exception {
        Path july = tmp.resolve("juki-july.csv");
        Files.write(july, changed(good(), '6'));
        LoadReport r = folder.load(ADMIN, new FolderIngest.Entry(SourceSystem.JUKI, YearMonth.of(2026, 7), july), null);
        assertThat(r.held()).isTrue();
        // What retention does to a load that waited longer than mimamori.retention.extract-months.
        jdbc.sql("delete from extract_row where load_id = :l").param("l", r.id()).update();
        jdbc.sql("update extract_load set purged_at = now() where id = :l").param("l", r.id()).update();
        assertThatThrownBy(() -> SystemActor.runAs("t-holds-admin", Role.ADMIN, () -> decisions.confirm(Actor.current(), r.id(), null)))
                .isInstanceOf(jp.mimamori.server.validation.InvalidInputException.class).hasMessageContaining("保存期間を過ぎて削除");
        assertThat(currentJuki()).isEqualTo(april.id());
    }
}
