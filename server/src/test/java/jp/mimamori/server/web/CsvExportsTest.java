package jp.mimamori.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.IngestService;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * CSV injection: what a department, a sign-in form or a record id carried never reaches a spreadsheet
 * as a formula, in every CSV Mimamori writes for people (the load's problems, the audit export,
 * export-links; dedupe in MimamoriCliTest, the shared writer itself in core's SafeCsvTest).
 */
@WebTierTest
class CsvExportsTest {

    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1");

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired IngestService ingest;
    @Autowired IdentityService identity;

    @TempDir Path tmp;

    static List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.DEFAULT.parse(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv)).getRecords();
    }

    /** No cell of the given columns (all when none given) starts as a formula would. */
    static void noFormula(List<CSVRecord> rows, Set<Integer> numeric) {
        for (CSVRecord r : rows) {
            for (int i = 0; i < r.size(); i++) {
                if (!numeric.contains(i)) {
                    assertThat(jp.mimamori.core.csv.SafeCsv.dangerous(r.get(i))).as("row %d cell %d: %s", r.getRecordNumber(), i, r.get(i)).isFalse();
                }
            }
        }
    }

    /** The registry sample with the 性別 (a code) of four rows replaced by formulas, and 宛名番号 of two. */
    byte[] jukiWithFormulas(boolean inIds) throws Exception {
        Charset cp932 = Charset.forName("windows-31j");
        List<String> lines = new ArrayList<>(List.of(new String(Files.readAllBytes(Path.of(getClass().getResource("/juki-good.csv").toURI())), cp932)
                .split("\r?\n")));
        for (int k = 0; k < 4; k++) {
            String[] cells = lines.get(1 + k).split(",", -1);
            if (inIds) {
                cells[0] = List.of("=1+1", "@SUM(A1:A2)", "-2+3", "+7").get(k);
            } else {
                cells[4] = FORMULAS.get(k);
            }
            lines.set(1 + k, String.join(",", List.of(cells).stream().map(c -> c.contains("\"") || c.contains(",") ? '"' + c.replace("\"", "\"\"") + '"' : c).toList()));
        }
        return (String.join("\r\n", lines) + "\r\n").getBytes(cp932);
    }

    @Test
    void theProblemsOfALoadNeverOpenAsAFormula() throws Exception {
        String juki = users.ensure("t-juki-csv", Role.DEPT_UPLOADER, SourceSystem.JUKI);
        MockHttpSession s = TestUsers.signIn(mvc, juki);
        var r = mvc.perform(multipart("/dept/upload").file(new MockMultipartFile("file", "juki.csv", "text/csv", jukiWithFormulas(false)))
                .param("month", "2025-10").session(s).with(csrf())).andReturn().getResponse();
        String csv = mvc.perform(get(r.getRedirectedUrl() + "/problems.csv").session(s)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<CSVRecord> rows = parse(csv);
        noFormula(rows, Set.of(0));
        assertThat(rows).extracting(x -> x.get(2)).contains("'" + FORMULAS.get(0), "'+1+1", "'-2+3", "'@SUM(A1:A2)");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
    }

    @Test
    void theAuditExportNeverOpensAFormulaTypedIntoTheSignInForm() throws Exception {
        String attack = "=cmd|' /C calc'!A0";
        mvc.perform(formLogin("/login").user(attack).password("nothing-here-1"));
        mvc.perform(formLogin("/login").user("@SUM(1+1)*cmd").password("nothing-here-1"));
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        String csv = mvc.perform(get("/admin/audit/export.csv").param("action", "LOGIN_FAILURE").session(admin))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<CSVRecord> rows = parse(csv);
        noFormula(rows, Set.of(0));
        assertThat(rows).extracting(x -> x.get(2)).contains("'" + attack, "'@SUM(1+1)*cmd");
    }

    @Test
    void exportLinksNeverOpensARecordIdAsAFormula() throws Exception {
        Path file = tmp.resolve("juki.csv");
        Files.write(file, jukiWithFormulas(true));
        UserAccount admin = new UserAccount(0, "t-csv-admin", "test", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());
        assertThat(ingest.load(admin, SourceSystem.JUKI, YearMonth.of(2025, 12), "juki.csv", file, null).loaded()).isTrue();
        identity.link(Actor.job("t-csv-admin", Role.ADMIN));
        StringWriter out = new StringWriter();
        identity.exportLinks(Actor.job("t-csv-admin", Role.ADMIN), out);
        List<CSVRecord> rows = parse(out.toString());
        assertThat(rows.get(0).toList()).containsExactly("source", "source_record_id", "person_id", "child_id", "household_id", "match_probability");
        noFormula(rows, Set.of(5));
        assertThat(rows).extracting(x -> x.get(1)).contains("'=1+1", "'@SUM(A1:A2)", "'-2+3", "'+7");
        assertThat(rows.subList(1, rows.size())).allSatisfy(x -> assertThat(x.get(5)).matches("\\d\\.\\d{4}"));
    }
}
