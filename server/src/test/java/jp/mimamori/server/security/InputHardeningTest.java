package jp.mimamori.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Input that used to end in HTTP 500 with nothing recorded: NUL characters in a query, a form field, a
 * sign-in name and a CSV cell; an .xlsx zip bomb; a multipart request without a boundary. Each is now
 * refused with 400 (or a problem row) and a reason in Japanese and English, and audited.
 */
@MimamoriTest
class InputHardeningTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    long count(String sql, Object... params) {
        var s = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) {
            s = s.param(i + 1, params[i]);
        }
        return s.query(Long.class).single();
    }

    /** 400 with the reason in both languages (MockMvc renders no error page: the reason is the error's message; WebInputTest reads the page). */
    static void bilingualRefusal(MockHttpServletResponse r) throws Exception {
        assertThat(r.getStatus()).isEqualTo(400);
        String said = r.getContentAsString(StandardCharsets.UTF_8) + r.getErrorMessage();
        assertThat(said).contains("NUL", "使えない文字", "cannot be accepted").doesNotContain("Exception", "PSQL", "at org.", "at jp.");
    }

    @Test
    void aNulInASearchIsRefusedWith400AndAudited() throws Exception {
        String cw = users.ensure(Role.CENTER_CASEWORKER);
        MockHttpSession s = TestUsers.signIn(mvc, cw);
        String refused = "select count(*) from audit_event where action = 'INPUT_REFUSED' and actor = ? and target = 'GET /center/search' and detail like '%field q%'";
        long before = count(refused, cw);
        bilingualRefusal(mvc.perform(get(java.net.URI.create("/center/search?q=%00'")).session(s)).andReturn().getResponse());
        assertThat(count(refused, cw)).isEqualTo(before + 1);
    }

    @Test
    void aNulInTheAuditFilterIsRefusedWith400() throws Exception {
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        bilingualRefusal(mvc.perform(get(java.net.URI.create("/admin/audit?user=%00")).session(admin)).andReturn().getResponse());
        bilingualRefusal(mvc.perform(get(java.net.URI.create("/admin/audit/export.csv?user=%00")).session(admin)).andReturn().getResponse());
    }

    @Test
    void aNulInAConsultationsStaffFieldIsRefusedAndNothingIsStored() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        String ref = mvc.perform(post("/center/children").session(s).with(csrf()).param("name", "入力 確認").param("kana", "にゅうりょく かくにん"))
                .andReturn().getResponse().getRedirectedUrl().replaceFirst(".*child=", "");
        long before = count("select count(*) from consultation");
        bilingualRefusal(mvc.perform(post("/center/consultations").session(s).with(csrf()).param("child", ref).param("receivedAt", "2026-11-01T10:00")
                .param("channel", "phone").param("contact", "neighbour").param("urgency", "MEDIUM").param("type", "abuse_neglect")
                .param("content", "相談内容").param("staff", "相談\u0000員")).andReturn().getResponse());
        assertThat(count("select count(*) from consultation")).isEqualTo(before);
    }

    @Test
    void aSignInNameWithNulIsRefusedAndItsFailureIsAuditedWithTheNulEscaped() throws Exception {
        long before = count("select count(*) from audit_event where action = 'LOGIN_FAILURE' and actor = ?", "t-admin\\u0000x");
        MockHttpServletResponse r = mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login").user("t-admin\u0000x").password("whatever-it-is"))
                .andReturn().getResponse();
        bilingualRefusal(r);
        assertThat(count("select count(*) from audit_event where action = 'LOGIN_FAILURE' and actor = ?", "t-admin\\u0000x")).isEqualTo(before + 1);
        // HTTP Basic on the API: the same name is an ordinary failed sign-in (401), recorded, never a 500.
        long basic = count("select count(*) from audit_event where action = 'LOGIN_FAILURE' and actor = ?", "t-basic\\u0000x");
        int status = mvc.perform(post("/api/ingest/juki?month=2026-01").with(httpBasic("t-basic\u0000x", "whatever-it-is")).contentType("text/csv").content("x"))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(401);
        assertThat(count("select count(*) from audit_event where action = 'LOGIN_FAILURE' and actor = ?", "t-basic\\u0000x")).isEqualTo(basic + 1);
    }

    @Test
    void aNulInACsvCellIsAProblemRowNamingRowAndColumn() throws Exception {
        String juki = users.ensure("t-juki-nul", Role.DEPT_UPLOADER, SourceSystem.JUKI);
        MockHttpSession s = TestUsers.signIn(mvc, juki);
        Charset cp932 = Charset.forName("windows-31j");
        List<String> lines = new java.util.ArrayList<>(List.of(new String(
                Files.readAllBytes(Path.of(getClass().getResource("/juki-good.csv").toURI())), cp932).split("\r?\n")));
        String[] cells = lines.get(3).split(",", -1);
        cells[2] = cells[2].charAt(0) + "\u0000" + cells[2].substring(1); // 氏名 of the record on line 4
        lines.set(3, String.join(",", cells));
        byte[] csv = (String.join("\r\n", lines) + "\r\n").getBytes(cp932);
        var r = mvc.perform(multipart("/dept/upload").file(new MockMultipartFile("file", "juki-nul.csv", "text/csv", csv))
                .param("month", "2025-11").session(s).with(csrf())).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        long id = Long.parseLong(r.getRedirectedUrl().substring("/dept/loads/".length()));
        String report = mvc.perform(get("/dept/loads/" + id).session(s)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("NUL文字が含まれています", "contains a NUL character", "氏名");
        assertThat(count("select count(*) from load_problem where load_id = ? and line_no = 4 and column_name = '氏名' and reason_en like '%NUL%'", id))
                .isEqualTo(1);
    }

    /** A real ledger whose sheet is replaced by 200 MB of one repeated row: a few hundred kilobytes on the wire. */
    static byte[] zipBomb() throws Exception {
        ByteArrayOutputStream book = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var row = wb.createSheet("受付簿").createRow(0);
            String[] header = {"受付番号", "受付日", "相談経路", "相談者", "児童氏名", "相談種別", "緊急度", "相談内容", "対応者"};
            for (int c = 0; c < header.length; c++) {
                row.createCell(c).setCellValue(header[c]);
            }
            wb.write(book);
        }
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(book.toByteArray())); ZipOutputStream out = new ZipOutputStream(bomb)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (!e.getName().equals("xl/worksheets/sheet1.xml")) {
                    in.transferTo(out);
                    continue;
                }
                out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>").getBytes(StandardCharsets.UTF_8));
                byte[] rows = "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>".repeat(20_000).getBytes(StandardCharsets.UTF_8);
                for (long written = 0; written < 200L << 20; written += rows.length) {
                    out.write(rows);
                }
                out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            }
        }
        return bomb.toByteArray();
    }

    @Test
    void anXlsxZipBombIsRefusedWithAClearReasonAndNothingIsKept() throws Exception {
        byte[] bomb = zipBomb();
        assertThat(bomb.length).as("small on the wire").isLessThan(2 << 20);
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure(Role.CENTER_CASEWORKER));
        long before = count("select count(*) from consultation");
        var r = mvc.perform(multipart("/center/import").file(new MockMultipartFile("file", "bomb.xlsx", null, bomb)).session(s).with(csrf()))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("展開", "unpacks").doesNotContain("Exception", "Zip bomb detected");
        assertThat(count("select count(*) from consultation")).isEqualTo(before);
        try (var files = Files.list(Path.of("target/test-data/uploads"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("ledger-"))).isEmpty();
        }
    }
}
