package jp.mimamori.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.TestUsers;
import jp.mimamori.server.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Refusals as Tomcat really sends them (MockMvc neither parses multipart bodies nor renders error pages):
 * a multipart upload without its boundary, a multipart upload where the API takes a CSV body, and the
 * error page a NUL in a query gets, each with its reason in Japanese and English and no exception text.
 */
@WebTierTest
class WebInputTest {

    @LocalServerPort int port;
    @Autowired TestUsers users;

    String basic() {
        String juki = users.ensure("t-juki-raw", Role.DEPT_UPLOADER, SourceSystem.JUKI);
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((juki + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    RawHttp.Response upload(String contentType, String body) throws Exception {
        return RawHttp.send("127.0.0.1", port, "POST /api/ingest/juki?month=2026-01 HTTP/1.1\nHost: localhost\nConnection: close\n" + basic()
                + "\nContent-Type: " + contentType + "\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body);
    }

    @Test
    void aMultipartUploadWithoutABoundaryIsA400WithABilingualMessage() throws Exception {
        RawHttp.Response r = upload("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.body()).contains("errorJa", "境界", "errorEn", "without its boundary").doesNotContain("Exception", "FileUpload");
    }

    @Test
    void aWellFormedMultipartUploadIsA415NamingWhatTheApiTakes() throws Exception {
        RawHttp.Response r = upload("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nabc\r\n--x--\r\n");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.body()).contains("errorJa", "本文", "errorEn", "text/csv");
    }

    @Test
    void aNulInAQueryGetsTheBilingualErrorPage() throws Exception {
        RawHttp.Response r = RawHttp.get("127.0.0.1", port, "/login?next=%00x", "localhost");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("使えない文字（NUL, U+0000）", "cannot be accepted (NUL, U+0000) in field next", "データは変更されていません")
                .doesNotContain("Exception", "at org.");
    }
}
