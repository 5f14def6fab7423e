package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.MimamoriTest;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the upload pages say: a message that survives loading the page again (the upload script loads it twice),
 * plain words for a file that is not readable CSV, and the bad-row policy of the clerk's own source.
 */
@MimamoriTest
class UploadMessagesTest {

    @Autowired MockMvc mvc;
    @Autowired TestUsers users;
    @Autowired JdbcClient jdbc;

    MockHttpServletResponse upload(MockHttpSession s, String name, byte[] body) throws Exception {
        return mvc.perform(multipart("/dept/upload").file(new MockMultipartFile("file", name, "text/csv", body))
                .param("month", "2026-03").session(s).with(csrf())).andReturn().getResponse();
    }

    String page(MockHttpSession s, String url) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(url).session(s)).andReturn().getResponse();
        assertThat(r.getStatus()).as(url).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aDuplicateUploadsMessageStillShowsWhenTheReportIsLoadedTwiceAndOnlyToTheUploader() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure("t-juki-notices", Role.DEPT_UPLOADER, SourceSystem.JUKI));
        byte[] body = Files.readAllBytes(Path.of(getClass().getResource("/juki-good.csv").toURI()));
        int firstDigit = new String(body, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
        body[firstDigit] = (byte) (body[firstDigit] == '5' ? '6' : '5'); // bytes of this test's own, not another test's copy
        MockHttpServletResponse first = upload(s, "juki.csv", body);
        assertThat(first.getRedirectedUrl()).matches("/dept/loads/\\d+");
        MockHttpServletResponse again = upload(s, "juki again.csv", body);
        assertThat(again.getRedirectedUrl()).startsWith(first.getRedirectedUrl() + "?notice=");
        for (int i = 0; i < 2; i++) {
            assertThat(page(s, again.getRedirectedUrl())).as("load %d of the report page", i + 1)
                    .contains("id=\"notice\"", "データは追加していません", "nothing was added");
        }
        assertThat(page(s, first.getRedirectedUrl())).as("the report without the notice").doesNotContain("id=\"notice\"");
        MockHttpSession admin = TestUsers.signIn(mvc, users.ensure(Role.ADMIN));
        assertThat(page(admin, again.getRedirectedUrl())).as("another person's notice").doesNotContain("データは追加していません");
    }

    @Test
    void anEmptyFilesMessageStillShowsWhenTheUploadPageIsLoadedTwiceAndNothingIsStored() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure("t-juki-notices", Role.DEPT_UPLOADER, SourceSystem.JUKI));
        long loads = jdbc.sql("select count(*) from extract_load").query(Long.class).single();
        MockHttpServletResponse r = upload(s, "empty.csv", new byte[0]);
        assertThat(r.getRedirectedUrl()).startsWith("/dept?notice=");
        for (int i = 0; i < 2; i++) {
            assertThat(page(s, r.getRedirectedUrl())).contains("「empty.csv」は空のファイル", "is empty (0 bytes)", "何も保存していません");
        }
        assertThat(page(s, "/dept")).doesNotContain("空のファイル（0 バイト）");
        assertThat(jdbc.sql("select count(*) from extract_load").query(Long.class).single()).isEqualTo(loads);
    }

    @Test
    void anUnclosedQuoteIsNamedInPlainWordsWithItsRowAndStoresNothing() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure("t-juki-notices", Role.DEPT_UPLOADER, SourceSystem.JUKI));
        IngestTestSupport.Snapshot before = IngestTestSupport.Snapshot.of(jdbc);
        byte[] body = Files.readAllBytes(BrokenFilesTest.fixture("juki-unclosed-quote.csv"));
        MockHttpServletResponse r = upload(s, "quote.csv", body);
        String report = page(s, r.getRedirectedUrl());
        assertThat(report).contains("7行目から始まる引用符（&quot;）が閉じられていません", "the quote (&quot;) opened on row 7 is never closed", "却下")
                .doesNotContain("CSVException", "EOF reached", "encapsulated", "startline", "org.apache");
        assertThat(IngestTestSupport.Snapshot.of(jdbc)).isEqualTo(before);
        long id = Long.parseLong(r.getRedirectedUrl().replaceAll("\\D", ""));
        assertThat(jdbc.sql("select count(*) from extract_row where load_id = :id").param("id", id).query(Long.class).single()).isZero();
    }

    @Test
    void theUploadPageSaysWhatThisSourceDoesWithBadRows() throws Exception {
        MockHttpSession s = TestUsers.signIn(mvc, users.ensure("t-juki-notices", Role.DEPT_UPLOADER, SourceSystem.JUKI));
        String home = page(s, "/dept");
        assertThat(home).contains("data-source=\"juki\"", "不正な行は隔離して", "1.0%", "the good rows load")
                .doesNotContain("a file loads completely or not at all", "data-source=\"zei\"");
    }
}
