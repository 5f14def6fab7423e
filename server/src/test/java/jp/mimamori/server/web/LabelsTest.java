package jp.mimamori.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import jp.mimamori.core.extract.BadRowPolicy;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.cases.ChildDirectory;
import jp.mimamori.server.outreach.OutreachAction;
import jp.mimamori.server.time.Times;
import org.junit.jupiter.api.Test;

/** The words pages show for codes: every audit action has its own, codes never leak through. */
class LabelsTest {

    // 2026-04-01 00:30 in Tokyo is still 31 March in UTC: "today" and ages are the city's.
    final Labels labels = new Labels(new Times(Clock.fixed(Instant.parse("2026-03-31T15:30:00Z"), ZoneId.of("Asia/Tokyo"))), null);

    @Test
    void everyAuditActionHasItsOwnJapaneseLabel() {
        for (AuditAction a : AuditAction.values()) {
            assertThat(Labels.AUDIT).as(a.name()).containsKey(a);
            assertThat(labels.of(a)).as(a.name()).isNotBlank().doesNotContain(a.name()).isNotEqualTo("その他の操作");
        }
        assertThat(Labels.AUDIT.values()).doesNotHaveDuplicates();
        assertThat(labels.auditAction("LOGIN_SUCCESS")).isEqualTo("ログイン成功");
        assertThat(labels.auditAction("NO_SUCH")).isEqualTo("その他の操作");
    }

    @Test
    void sexSourcesEnumsAndAges() {
        assertThat(labels.sex("1")).isEqualTo("男");
        assertThat(labels.sex("F")).isEqualTo("女");
        assertThat(labels.sex("9")).isEqualTo("不明");
        assertThat(labels.sex(null)).isEmpty();
        assertThat(labels.sources("juki kenko teate")).isEqualTo("住民記録、健康管理、児童手当・医療");
        assertThat(labels.source("zei")).isEqualTo(SourceSystem.ZEI.nameJa());
        assertThat(labels.of(OutreachAction.VISIT)).startsWith("訪問");
        assertThat(labels.of(ChildDirectory.AgeBand.INFANT)).contains("乳幼児");
        assertThat(labels.of(SourceSystem.JUKI)).isEqualTo("住民記録");
        assertThat(labels.of(java.time.DayOfWeek.MONDAY)).as("an unlabelled enum never shows its name").isEqualTo("その他");
        // Born 2020-04-01: six on 1 April 2026 in Tokyo, although it is still 31 March in UTC.
        assertThat(labels.age(LocalDate.of(2020, 4, 1))).isEqualTo("6歳");
        assertThat(labels.age(LocalDate.of(2020, 4, 2))).isEqualTo("5歳");
        assertThat(labels.ageText("2020-04-01")).isEqualTo("6歳");
        assertThat(labels.ageText("not a date")).isEmpty();
        assertThat(labels.age(LocalDate.of(2026, 5, 1))).as("not yet born").isEmpty();
        assertThat(labels.role("CENTER_SUPERVISOR")).doesNotContain("CENTER");
        assertThat(labels.outreachStatus("PROPOSED")).isEqualTo("提案");
        assertThat(labels.outreachStatus("DISMISSED")).isEqualTo("見送り");
    }

    @Test
    void policiesAndModelInputsInWords() {
        for (BadRowPolicy p : BadRowPolicy.values()) {
            assertThat(labels.policy(p.key())).as(p.key()).isEqualTo(p.label()).doesNotContain(p.key(), p.name()).contains(" / ");
            assertThat(labels.of(p)).isEqualTo(p.label());
        }
        assertThat(labels.policy("reject-file")).startsWith("不正な行があればファイル全体を却下");
        assertThat(labels.policy("a-citys-own")).as("an unknown key is no word to show").isEqualTo("—");
        assertThat(labels.policy(null)).isEqualTo("—");
        assertThat(labels.indicators(java.util.List.of("ABSENCE_30", "AGE", "GONE"))).isEqualTo("直近1か月の欠席日数、年齢、その他");
        assertThat(labels.of(jp.mimamori.core.assess.Indicator.TAX_ARREARS)).isEqualTo("世帯に税・保険料の滞納");
        // A load's audit detail as IngestService wrote it before, and a summary's key.
        assertThat(labels.text("juki.csv rows=3: 1 bad rows; the whole file was rejected (policy reject-file)"))
                .doesNotContain("reject-file").contains(BadRowPolicy.REJECT_FILE.labelEn());
        assertThat(labels.text("bad-rows quarantine-rows")).isEqualTo("bad-rows " + BadRowPolicy.QUARANTINE_ROWS.labelJa());
        assertThat(labels.text("juki-reject-file.csv")).as("inside a file name it stays").isEqualTo("juki-reject-file.csv");
    }

    @Test
    void storedTextsShowTheirCodesInWords() {
        // An audit row's detail and target as the services write them.
        assertThat(labels.text("status SUPPORT")).isEqualTo("status " + jp.mimamori.server.cases.CaseStatus.SUPPORT.label());
        assertThat(labels.text("assigned to caseworker3: PHONE (child PB1)")).contains("電話").doesNotContain(": PHONE");
        assertThat(labels.text("outreach worklist status=APPROVED page 1")).contains("承認済み").doesNotContain("APPROVED");
        assertThat(labels.text("gakurei:27~juki:89")).isEqualTo(SourceSystem.GAKUREI.nameJa() + ":27~住民記録:89");
        assertThat(labels.text("role CENTER_SUPERVISOR")).doesNotContain("CENTER_SUPERVISOR");
        // Words that are no code, file names and unknown codes stay as they are.
        assertThat(labels.text("juki.csv 2026-04 NOT_A_CODE C2026-00013")).isEqualTo("juki.csv 2026-04 NOT_A_CODE C2026-00013");
        assertThat(labels.text(null)).isEmpty();
    }
}
