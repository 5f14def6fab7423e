package jp.mimamori.server.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.synth.SyntheticCity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The centre's Excel ledger: the synthetic city's 相談受付簿 (over 2,000 rows) imports with exactly the
 * rows the generator made bad reported, by Excel row and column; importing it again adds nothing; and
 * files that are not ledgers are refused whole, leaving the records as they were.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-cases", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerImportTest {

    @Autowired LedgerImport ledger;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired TestUsers users;

    @TempDir static Path city;
    Path book;
    MockHttpSession caseworker;

    @BeforeAll
    void ledgerOfAFreshCity() throws Exception {
        SyntheticCity.generate(new SyntheticCity.Options(50_000, 5150, YearMonth.of(2026, 4), city), m -> { });
        book = city.resolve("soudan-ledger.xlsx");
        caseworker = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
    }

    long consultations() {
        return jdbc.sql("select count(*) from consultation").query(Long.class).single();
    }

    /** Excel row → column of every row the generator spoiled. */
    Set<String> truth() throws Exception {
        Set<String> bad = new HashSet<>();
        try (Reader r = Files.newBufferedReader(city.resolve("truth/ledger-bad-rows.csv"))) {
            for (CSVRecord c : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                bad.add(c.get("excel_row") + ":" + c.get("column"));
            }
        }
        return bad;
    }

    @Test
    void theSyntheticLedgerReportsExactlyTheBadRowsAndReimportAddsNothing() throws Exception {
        Set<String> truth = truth();
        assertThat(truth).isNotEmpty();
        long before = consultations();
        LedgerImport.Result first = SystemActor.runAs("t-ledger", Role.CENTER_CASEWORKER, () -> ledger.importFile(Actor.current(), book));
        assertThat(first.rows()).isGreaterThanOrEqualTo(2_000);
        Set<String> reported = new HashSet<>();
        first.problems().forEach(p -> reported.add(p.excelRow() + ":" + p.column()));
        assertThat(reported).isEqualTo(truth);
        assertThat(first.problems()).allSatisfy(p -> assertThat(p.reasonJa()).isNotBlank());
        assertThat(first.imported()).isEqualTo(first.rows() - truth.size());
        assertThat(consultations()).isEqualTo(before + first.imported());
        // Dates typed as 和暦 text and Excel dates both arrive as dates; readings and types are kept.
        assertThat(jdbc.sql("select count(*) from consultation where origin = 'LEDGER' and received_at < '2026-05-01'").query(Long.class).single())
                .isGreaterThanOrEqualTo(first.imported());
        assertThat(jdbc.sql("select count(distinct type_code) from consultation_type").query(Long.class).single()).isGreaterThanOrEqualTo(4);

        LedgerImport.Result again = SystemActor.runAs("t-ledger", Role.CENTER_CASEWORKER, () -> ledger.importFile(Actor.current(), book));
        assertThat(again.imported()).isZero();
        assertThat(again.existing()).isEqualTo(first.imported());
        assertThat(consultations()).isEqualTo(before + first.imported());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LEDGER_IMPORTED'").query(Long.class).single()).isGreaterThanOrEqualTo(2);

        // The same file through the page: the preview says everything is already there, and confirming adds nothing.
        String preview = mvc.perform(multipart("/center/import").file(new MockMultipartFile("file", "相談受付簿.xlsx", null, Files.readAllBytes(book)))
                .session(caseworker).with(csrf())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(preview).contains("相談受付簿.xlsx", first.imported() + "</span>行は取込済み");
        String token = token(preview);
        String result = mvc.perform(post("/center/import/" + token).session(caseworker).with(csrf()).param("action", "import")
                .params(mapping(preview))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result).contains("0件を取込", first.imported() + "件は取込済み");
        assertThat(consultations()).isEqualTo(before + first.imported());
    }

    static String token(String html) {
        Matcher m = Pattern.compile("/center/import/([0-9a-f-]{36})").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The mapping the preview proposes, as the form would post it. */
    static org.springframework.util.LinkedMultiValueMap<String, String> mapping(String html) {
        var params = new org.springframework.util.LinkedMultiValueMap<String, String>();
        Matcher select = Pattern.compile("<select name=\"(map_[A-Z_]+)\">(.*?)</select>", Pattern.DOTALL).matcher(html);
        while (select.find()) {
            Matcher chosen = Pattern.compile("<option value=\"(\\d+)\" selected=\"selected\"").matcher(select.group(2));
            params.add(select.group(1), chosen.find() ? chosen.group(1) : "");
        }
        return params;
    }

    @Test
    void aLedgerWithItsOwnColumnNamesIsMappedOnThePreviewAndItsBadCellsNamed() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        var sheet = wb.createSheet("受付簿");
        sheet.createRow(0).createCell(0).setCellValue("令和8年度 相談受付簿");
        String[] header = {"相談番号", "相談日", "経路", "相談者", "氏名", "フリガナ", "生年月日", "性別", "主訴", "緊急度", "内容", "担当者", "備考"};
        row(sheet, 3, header);
        row(sheet, 4, "T-001", "令和8年10月1日", "電話", "母", "見守 太郎", "みまもり たろう", "R2.4.1", "男", "育児不安、ネグレクト", "中", "夜泣きが続く", "相談員B", "");
        row(sheet, 5, "T-002", "2026/10/02", "来所", "父", "見守 花子", "", "", "女", "経済的困窮", "低", "生活費の相談", "相談員B", "");
        row(sheet, 6, "T-003", "令和8年10月3日", "電話", "母", "見守 次郎", "", "2027-01-01", "男", "その他", "高", "x", "相談員B", "");
        row(sheet, 8, "T-001", "2026-10-04", "電話", "母", "見守 三郎", "", "", "男", "その他", "高", "x", "相談員B", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        long before = consultations();
        String preview = mvc.perform(multipart("/center/import").file(new MockMultipartFile("file", "own.xlsx", null, out.toByteArray()))
                .session(caseworker).with(csrf())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(preview).contains("見出し行 <span>4</span>").contains("<td>9</td><td>相談番号</td>")
                .contains("<td>7</td><td>生年月日</td><td>2027-01-01</td>", "生年月日が受付日より後です");
        // Unmapping a required column is refused on the next check, naming the field.
        var params = mapping(preview);
        params.set("map_CONTENT", "");
        String token = token(preview);
        String recheck = mvc.perform(post("/center/import/" + token).session(caseworker).with(csrf()).param("action", "preview").params(params))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(recheck).contains("必須の列「相談内容」が対応付けられていません");
        assertThat(consultations()).isEqualTo(before);
        String done = mvc.perform(post("/center/import/" + token).session(caseworker).with(csrf()).param("action", "import").params(mapping(preview)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(done).contains("2件を取込");
        assertThat(consultations()).isEqualTo(before + 2);
        assertThat(jdbc.sql("select count(*) from consultation_type t join consultation c on c.id = t.consultation_id where c.consultation_no = 'T-001'")
                .query(Long.class).single()).as("育児不安 and ネグレクト").isEqualTo(2);
        // The token is spent: the same confirmation again is refused, not repeated.
        String stale = mvc.perform(post("/center/import/" + token).session(caseworker).with(csrf()).param("action", "import").params(mapping(preview)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(stale).contains("upload the file again");
        assertThat(mvc.perform(post("/center/import/..%2F..%2Fetc").session(caseworker).with(csrf()).param("action", "import"))
                .andReturn().getResponse().getStatus()).isIn(400, 404);
    }

    static void row(org.apache.poi.ss.usermodel.Sheet sheet, int index, String... values) {
        var r = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            r.createCell(i).setCellValue(values[i]);
        }
    }

    @Test
    void filesThatAreNotLedgersAreRefusedWholeWithAReason() throws Exception {
        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        try (HSSFWorkbook old = new HSSFWorkbook()) {
            old.createSheet("受付簿").createRow(0).createCell(0).setCellValue("受付番号");
            old.write(xls);
        }
        ByteArrayOutputStream noHeader = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            row(wb.createSheet("x"), 0, "名前", "日付");
            wb.write(noHeader);
        }
        ByteArrayOutputStream truncated = new ByteArrayOutputStream();
        truncated.write(Files.readAllBytes(book), 0, 5_000);
        long before = consultations();
        Set<Path> kept = uploads();
        List<Object[]> cases = List.of(
                new Object[] {"ledger.xlsx", "受付番号,受付日\nS1,2026-01-01\n".getBytes(StandardCharsets.UTF_8), "not an Excel (.xlsx) file"},
                new Object[] {"old.xlsx", xls.toByteArray(), "old .xls file"},
                new Object[] {"none.xlsx", noHeader.toByteArray(), "no header row found"},
                new Object[] {"cut.xlsx", truncated.toByteArray(), "cannot read this as an Excel"},
                new Object[] {"../../etc/passwd", new byte[] {0, 1, 2, 3}, "not an Excel"});
        for (Object[] c : cases) {
            String html = mvc.perform(multipart("/center/import").file(new MockMultipartFile("file", (String) c[0], null, (byte[]) c[1]))
                    .session(caseworker).with(csrf())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).as((String) c[0]).contains((String) c[2]).doesNotContain("/center/import/");
        }
        assertThat(consultations()).isEqualTo(before);
        assertThat(uploads()).as("refused uploads are not kept").isEqualTo(kept);
    }

    static Set<Path> uploads() throws Exception {
        Path dir = Path.of("target/test-data-cases/uploads");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (var files = Files.list(dir)) {
            return new HashSet<>(files.filter(f -> f.getFileName().toString().startsWith("ledger-")).toList());
        }
    }

    @Autowired jp.mimamori.server.audit.AuditLog audit;
    @Autowired CodeTable codes;
    @Autowired ChildDirectory children;
    @Autowired ConsultationService consultationService;
    @Autowired jp.mimamori.server.time.Times times;

    @Test
    void aLedgerOverTheSizeLimitIsRefusedAndNotKept() throws Exception {
        // The same service with a 4 KiB limit (the configured default is 50 MiB).
        LedgerImport small = new LedgerImport(jdbc, audit, codes, children, consultationService, Path.of("target/test-data-cases"), 4096, 64L << 20, times);
        Set<Path> kept = uploads();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.upload(Actor.current(), "big.xlsx", Files.newInputStream(book)))
                .isInstanceOf(LedgerImport.Unreadable.class).hasMessageContaining("larger than the limit of 4 KiB");
        assertThat(uploads()).isEqualTo(kept);
    }
}
