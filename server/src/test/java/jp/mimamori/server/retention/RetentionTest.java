package jp.mimamori.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.cases.CaseFiles;
import jp.mimamori.server.cases.Referrals;
import jp.mimamori.server.cases.CaseStatus;
import jp.mimamori.server.cases.ChildDirectory;
import jp.mimamori.server.cases.Consent;
import jp.mimamori.server.cases.ConsultationService;
import jp.mimamori.server.cases.Urgency;
import jp.mimamori.server.ingest.FolderIngest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDeniedException;

/**
 * Retention deletes what has expired, keeps what has not, and writes what it removed to the audit log.
 * On its own database: it loads and ages extracts that other tests would otherwise see.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-retention", "mimamori.db.embedded.clean=true"})
class RetentionTest {

    static final UserAccount ADMIN = new UserAccount(0, "t-retention", "test", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());

    @Autowired RetentionService retention;
    @Autowired ChildDirectory children;
    @Autowired ConsultationService consultations;
    @Autowired CaseFiles cases;
    @Autowired Referrals referrals;
    @Autowired FolderIngest ingest;
    @Autowired JdbcClient jdbc;

    @TempDir Path tmp;

    String childWithHistory(String name, LocalDate birth, boolean leaveCaseOpen) {
        return SystemActor.runAs("t-retention-cw", Role.CENTER_SUPERVISOR, () -> {
            Actor actor = Actor.current();
            String ref = children.recordLocal(actor, name, null, birth, null, null);
            consultations.record(actor, new ConsultationService.NewConsultation(LocalDateTime.of(2025, 6, 1, 10, 0), "phone", "mother", List.of("other"),
                    Urgency.LOW, "保存期間テスト", "相談員", Consent.UNKNOWN, List.of(ref)));
            String no = cases.open(actor, ref, null, null);
            referrals.addReferral(actor, null, no, "TO", "school", LocalDate.of(2025, 6, 2), jp.mimamori.server.cases.ReferralBasis.CONSENT_ORAL, "見守り依頼");
            if (!leaveCaseOpen) {
                cases.setStatus(actor, no, CaseStatus.CLOSED, "終結");
            }
            return ref;
        });
    }

    long rows(String table, String ref) {
        long id = Long.parseLong(ref.substring(1));
        return switch (table) {
            case "child_subject" -> jdbc.sql("select count(*) from child_subject where id = :i").param("i", id).query(Long.class).single();
            default -> jdbc.sql("select count(*) from " + table + " where " + (table.equals("consultation_child") ? "child_id" : "child_id") + " = :i")
                    .param("i", id).query(Long.class).single();
        };
    }

    @Test
    void centreRecordsGoFiveYearsAfterEighteenUnlessACaseIsOpen() {
        String expired = childWithHistory("保存 満了", LocalDate.of(2008, 1, 1), false);
        String open = childWithHistory("保存 継続中", LocalDate.of(2008, 1, 1), true);
        String young = childWithHistory("保存 年少", LocalDate.of(2020, 1, 1), false);
        LocalDate today = LocalDate.of(2031, 6, 1); // 18 in 2026, plus 5 years

        RetentionService.Report dry = SystemActor.runAs("t-retention", Role.ADMIN, () -> retention.run(Actor.current(), today, true));
        assertThat(dry.childrenDeleted()).contains(expired).doesNotContain(open, young);
        assertThat(rows("child_subject", expired)).as("a dry run deletes nothing").isEqualTo(1);

        RetentionService.Report r = SystemActor.runAs("t-retention", Role.ADMIN, () -> retention.run(Actor.current(), today, false));
        assertThat(r.childrenDeleted()).contains(expired).doesNotContain(open, young);
        assertThat(rows("child_subject", expired)).isZero();
        assertThat(rows("case_file", expired)).isZero();
        assertThat(rows("referral", expired)).isZero();
        assertThat(rows("consultation_child", expired)).isZero();
        assertThat(rows("child_subject", open)).isEqualTo(1);
        assertThat(rows("case_file", open)).isEqualTo(1);
        assertThat(rows("child_subject", young)).isEqualTo(1);
        assertThat(jdbc.sql("select detail from audit_event where action = 'RETENTION_DELETED' and target = :t").param("t", expired)
                .query(String.class).single()).contains("centre records deleted");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RETENTION_DRY_RUN'").query(Long.class).single()).isPositive();
    }

    @Test
    void supersededExtractRowsGoAfterTheirPeriodAndTheLoadRecordStays() throws Exception {
        Path april = tmp.resolve("juki-april.csv");
        Path may = tmp.resolve("juki-may.csv");
        byte[] good = Files.readAllBytes(Path.of("src/test/resources/juki-good.csv"));
        Files.write(april, good);
        // A different file of the same shape: one record number changed (bytes kept as they are, CP932 included).
        String bytes = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(may, bytes.replaceFirst("387525218", "387525219").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        var first = ingest.load(ADMIN, new FolderIngest.Entry(SourceSystem.JUKI, YearMonth.of(2024, 4), april), null);
        var second = ingest.load(ADMIN, new FolderIngest.Entry(SourceSystem.JUKI, YearMonth.of(2024, 5), may), null);
        assertThat(second.status()).as(second.summaryEn()).isEqualTo("LOADED");
        long oldLoad = first.id();
        jdbc.sql("update extract_load set uploaded_at = now() - interval '3 years' where id = :l").param("l", oldLoad).update();
        long currentRows = jdbc.sql("select count(*) from extract_row where load_id = :l").param("l", second.id()).query(Long.class).single();

        RetentionService.Report r = SystemActor.runAs("t-retention", Role.ADMIN, () -> retention.run(Actor.current(), LocalDate.now(), false));
        assertThat(r.loadsPurged()).contains(oldLoad).doesNotContain(second.id());
        assertThat(jdbc.sql("select count(*) from extract_row where load_id = :l").param("l", oldLoad).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select purged_at is not null from extract_load where id = :l").param("l", oldLoad).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from extract_row where load_id = :l").param("l", second.id()).query(Long.class).single()).isEqualTo(currentRows);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RETENTION_DELETED' and target = :t").param("t", "extract_load:" + oldLoad)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyTheAdministratorRunsIt() {
        for (Role role : List.of(Role.CENTER_SUPERVISOR, Role.CENTER_CASEWORKER, Role.ANALYST, Role.DEPT_UPLOADER)) {
            assertThatThrownBy(() -> SystemActor.runAs("t-" + role, role, () -> retention.run(Actor.current(), LocalDate.now(), true)))
                    .isInstanceOf(AuthorizationDeniedException.class);
        }
    }
}
