package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.validation.Uploads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;

/** Departments store only their own source and read nothing else; every load is audited. */
@MimamoriTest
class IngestAccessTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired IngestService ingest;
    @Autowired IngestRepository repository;
    @Autowired AuditLog audit;

    byte[] good() throws Exception {
        return Files.readAllBytes(Path.of(getClass().getResource("/juki-good.csv").toURI()));
    }

    @Test
    void anUploaderLoadsTheirOwnSourceThroughThePageAndSeesOnlyTheirOwnLoads() throws Exception {
        String juki = users.ensure("t-juki-clerk", Role.DEPT_UPLOADER, SourceSystem.JUKI);
        String zei = users.ensure("t-zei-clerk", Role.DEPT_UPLOADER, SourceSystem.ZEI);
        MockHttpSession s = TestUsers.signIn(mvc, juki);
        var r = mvc.perform(multipart("/dept/upload").file(new MockMultipartFile("file", "../../etc/juki 2026-03.csv", "text/csv", good()))
                .param("month", "2026-03").session(s).with(csrf())).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(r.getRedirectedUrl()).startsWith("/dept/loads/");
        long id = Long.parseLong(r.getRedirectedUrl().substring("/dept/loads/".length()));
        LoadReport load = repository.find(id).orElseThrow();
        assertThat(load.fileName()).isEqualTo("juki 2026-03.csv");
        assertThat(load.uploadedBy()).isEqualTo(juki);
        assertThat(audit.recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.LOAD_ACCEPTED.name());
            assertThat(e.actor()).isEqualTo(juki);
            assertThat(e.detail()).contains(load.sha256(), "rows=20");
        });
        String report = mvc.perform(get("/dept/loads/" + id).session(s)).andReturn().getResponse().getContentAsString();
        assertThat(report).contains("取込完了", load.sha256());

        MockHttpSession other = TestUsers.signIn(mvc, zei);
        assertThat(mvc.perform(get("/dept/loads/" + id).session(other)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/dept/loads/" + id + "/problems.csv").session(other)).andReturn().getResponse().getStatus()).isEqualTo(403);
        String zeiHome = mvc.perform(get("/dept").session(other)).andReturn().getResponse().getContentAsString();
        assertThat(zeiHome).doesNotContain("juki 2026-03.csv").contains("税・収納");
        var wrong = mvc.perform(multipart("/dept/upload").file(new MockMultipartFile("file", "x.csv", "text/csv", good()))
                .param("month", "2026-02").param("source", "juki").session(other).with(csrf())).andReturn().getResponse();
        assertThat(wrong.getStatus()).as("a zei uploader's form always targets zei; the juki file is refused by its header")
                .isEqualTo(302);
        assertThat(repository.find(Long.parseLong(wrong.getRedirectedUrl().replaceAll("\\D", ""))).orElseThrow().source()).isEqualTo("zei");
    }

    @Test
    void theServiceRefusesAnotherDepartmentsSourceAndAuditsIt() {
        long before = audit.count(AuditAction.ACCESS_DENIED, "t-zei-uploader");
        assertThatThrownBy(() -> ingest.load(IngestTestSupport.uploader(SourceSystem.ZEI), SourceSystem.JUKI, YearMonth.of(2026, 1), "x",
                Path.of("does-not-matter"), null)).isInstanceOf(AccessDeniedException.class);
        assertThat(audit.count(AuditAction.ACCESS_DENIED, "t-zei-uploader")).isEqualTo(before + 1);
        assertThat(ingest.visibleSources(IngestTestSupport.uploader(SourceSystem.ZEI))).containsExactly(SourceSystem.ZEI);
    }

    @Test
    void theApiLoadsWithBasicAuthenticationForTheOwnSourceOnly() throws Exception {
        users.ensure("t-juki-api", Role.DEPT_UPLOADER, SourceSystem.JUKI);
        byte[] body = good();
        int firstDigit = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
        body[firstDigit] = (byte) (body[firstDigit] == '8' ? '7' : '8'); // another record id: not a duplicate of the other tests' copy
        var ok = mvc.perform(post("/api/ingest/juki").param("month", "2026-03").param("fileName", "api.csv").contentType("text/csv").content(body)
                .with(httpBasic("t-juki-api", TestUsers.PASSWORD))).andReturn().getResponse();
        assertThat(ok.getStatus()).as(ok.getContentAsString()).isEqualTo(200);
        assertThat(ok.getContentAsString()).contains("\"status\":\"LOADED\"", "\"rowsLoaded\":20");
        var dup = mvc.perform(post("/api/ingest/juki").param("month", "2026-03").contentType("text/csv").content(body)
                .with(httpBasic("t-juki-api", TestUsers.PASSWORD))).andReturn().getResponse();
        assertThat(dup.getContentAsString()).contains("duplicateOf", "already loaded");
        assertThat(mvc.perform(post("/api/ingest/zei").param("month", "2026-01").contentType("text/csv").content(body)
                .with(httpBasic("t-juki-api", TestUsers.PASSWORD))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/api/ingest/juki").param("month", "2026-01").contentType("text/csv").content(body)
                .with(httpBasic("t-juki-api", "wrong"))).andReturn().getResponse().getStatus()).isEqualTo(401);
        String analyst = users.ensure(Role.ANALYST);
        assertThat(mvc.perform(post("/api/ingest/juki").param("month", "2026-01").contentType("text/csv").content(body)
                .with(httpBasic(analyst, TestUsers.PASSWORD))).andReturn().getResponse().getStatus()).isEqualTo(403);
        var badMonth = mvc.perform(post("/api/ingest/juki").param("month", "R8.1").contentType("text/csv").content(body)
                .with(httpBasic("t-juki-api", TestUsers.PASSWORD))).andReturn().getResponse();
        assertThat(badMonth.getStatus()).isEqualTo(400);
        assertThat(badMonth.getContentAsString()).contains("YYYY-MM");
    }

    @Test
    void uploadsAreStoredUnderOurOwnNameAndRefusedAboveTheLimit(@TempDir Path dir) throws Exception {
        UploadStore store = new UploadStore(dir, 10);
        assertThatThrownBy(() -> store.save(new java.io.ByteArrayInputStream(new byte[11]))).isInstanceOf(Uploads.TooLarge.class)
                .hasMessageContaining("大きすぎます").hasMessageContaining("larger than the limit");
        try (var files = Files.list(dir.resolve("uploads"))) {
            assertThat(files).isEmpty();
        }
        Path saved = store.save(new java.io.ByteArrayInputStream(new byte[10]));
        assertThat(saved.getParent()).isEqualTo(dir.resolve("uploads"));
        assertThat(Uploads.displayName("..\\..\\windows\\system32\\juki.csv")).isEqualTo("juki.csv");
        assertThat(Uploads.displayName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Uploads.displayName("a\u0000b.csv")).isEqualTo("ab.csv");
    }
}
