package jp.mimamori.server.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Optional;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.assess.AssessService;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.cases.LedgerImport;
import org.springframework.jdbc.core.simple.JdbcClient;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.identity.LinkRuns;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.server.ingest.LoadReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode: runs every pipeline stage that exists on the synthetic city before the server says it
 * is ready: ingest, then identity resolution, then the centre's Excel ledger, then the month's
 * assessment (indicators, rules, model) and its outreach proposals. A city already loaded is recognised by its files' hashes
 * and not loaded (or linked) again.
 */
@Component
@Order(60)
@ConditionalOnProperty(name = "mimamori.demo.enabled", havingValue = "true")
public class DemoPipeline implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPipeline.class);

    private final FolderIngest ingest;
    private final IdentityService identity;
    private final LedgerImport ledger;
    private final AssessService assess;
    static final double DEMO_SHARE_IN_NEED = 0.07;
    private final JdbcClient jdbc;
    private final DemoCases cases;
    private final DemoOutreach outreach;
    private final String city;
    private final LinkRuns linkRuns;
    /** How many of the month's outreach proposals the demo decides (the rest stay proposed). */
    static final int DEMO_OUTREACH_DECIDED = 60;
    /** How many cases the demo opens (a centre of a 110,000-resident city has a few hundred open). */
    static final int DEMO_CASES = 300;
    /** The pipeline acts as one named job with the administrator's role, in every feature it drives. */
    static final Actor JOB = Actor.job("demo-pipeline", Role.ADMIN);

    public DemoPipeline(FolderIngest ingest, IdentityService identity, LedgerImport ledger, AssessService assess, JdbcClient jdbc, DemoCases cases,
                        DemoOutreach outreach, @Value("${mimamori.demo.city:}") String city, LinkRuns linkRuns) {
        this.linkRuns = linkRuns;
        this.outreach = outreach;
        this.cases = cases;
        this.ingest = ingest;
        this.identity = identity;
        this.ledger = ledger;
        this.assess = assess;
        this.jdbc = jdbc;
        this.city = city;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (city.isBlank()) {
            return;
        }
        UserAccount system = new UserAccount(0, JOB.name(), "demo pipeline", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());
        boolean loaded = false;
        for (FolderIngest.Entry e : FolderIngest.manifest(Path.of(city))) {
            LoadReport r = ingest.load(system, e, null);
            loaded |= r.duplicateOf() == null && r.loaded();
            if (r.held()) {
                // Only a different city (another --residents, --seed or an earlier --month) on the same data folder looks like this:
                // the demo does not confirm it on the administrator's behalf, it says where to.
                log.warn("取込 / ingest {} {}: {} / {} — 管理者の確認ページ /admin/loads（または ./mimamori loads confirm {}）で確定できます / "
                        + "confirm it on /admin/loads (or ./mimamori loads confirm {}), or use another --data-dir", e.source().code(), e.month(),
                        r.summaryJa(), r.summaryEn(), r.id(), r.id());
            } else {
                log.info("取込 / ingest {} {}: {} / {}", e.source().code(), e.month(), r.summaryJa(), r.summaryEn());
            }
        }
        if (loaded || identity.latestRun(-1).isEmpty()) {
            IdentityService.RunSummary s = identity.link(JOB);
            log.info("名寄せ / linkage run {}: {} records, {} persons ({} children), {} pairs for review",
                    s.runId(), s.records(), s.persons(), s.children(), s.reviewPairs());
        }
        // The centre's consultation history, as it kept it in Excel: imported once (receipt numbers make it idempotent).
        Path book = Path.of(city, "soudan-ledger.xlsx");
        if (Files.isRegularFile(book)) {
            LedgerImport.Result r = SystemActor.runAs(JOB, () -> ledger.importFile(JOB, book));
            log.info("相談受付簿 / ledger {}: {} rows, {} imported, {} already there, {} problems (the generator's deliberate bad rows)",
                    book.getFileName(), r.rows(), r.imported(), r.existing(), r.problems().size());
        }
        // The month's assessment and outreach proposals, once per linkage run.
        boolean assessed = jdbc.sql("select count(*) from assess_run_v where link_run = :l").param("l", linkRuns.latestOrNone())
                .query(Long.class).single() > 0;
        if (!assessed) {
            // Scores calibrated to the demo city's share of children in need, as a city would give its own
            // survey figure (mimamori.assess.class-prior); the generator's city has about 7%.
            AssessService.Summary s = SystemActor.runAs(JOB, () -> assess.run(JOB, DEMO_SHARE_IN_NEED, null));
            log.info("評価 / assessment run {}: {} children, {} flagged by rules, model trained on {} who came forward",
                    s.runId(), s.children(), s.flagged(), s.positives());
        }
        // The centre's day: open cases in every status, with contacts, overdue follow-ups and registrations (once).
        int opened = cases.open(DEMO_CASES, 14);
        if (opened > 0) {
            log.info("ケース / cases: {} opened for the demo caseworkers (every status, contacts, overdue follow-ups, 要対協 registrations)", opened);
        }
        // The month's outreach under way: proposals approved, assigned with outcomes, dismissed (once).
        DemoOutreach.Done d = outreach.decide(DEMO_OUTREACH_DECIDED, DemoCases.CASEWORKERS.stream().distinct().toList());
        if (d.total() > 0) {
            log.info("プッシュ型支援 / outreach: {} approved, {} assigned ({} with an outcome), {} dismissed; the rest stay proposed",
                    d.approved(), d.assigned(), d.outcomes(), d.dismissed());
        }
    }
}
