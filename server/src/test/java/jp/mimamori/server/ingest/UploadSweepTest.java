package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import jp.mimamori.server.MimamoriApplication;
import jp.mimamori.server.audit.AuditAction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16: what a server killed with SIGKILL mid-upload leaves under DATA/uploads/ (an extract, a
 * ledger preview, a multipart part) is gone when the web application has started, and the start says
 * how many files it removed, in the log and the audit log.
 */
class UploadSweepTest {

    @Test
    void strayUploadsLeftBeforeTheStartAreRemovedAndTheRemovalIsAudited() throws Exception {
        Path data = Path.of("target/test-data-sweep").toAbsolutePath();
        Path uploads = data.resolve("uploads");
        Files.createDirectories(uploads.resolve("parts"));
        Files.writeString(uploads.resolve("upload-8812734.csv"), "宛名番号,世帯番号,氏名\r\n000123,9001,見守 太郎\r\n");
        Files.write(uploads.resolve("ledger-0b1c.xlsx"), new byte[] {'P', 'K', 3, 4});
        Files.writeString(uploads.resolve("ledger-0b1c.name"), "相談受付簿.xlsx");
        Files.writeString(uploads.resolve("parts").resolve("upload_5e1f_00000001.tmp"), "part of a page upload");
        Path mvOut = uploads.resolve("parts").resolve("nested");
        Files.createDirectories(mvOut);
        Files.writeString(mvOut.resolve("x.tmp"), "x");

        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(MimamoriApplication.class).run(
                "--mimamori.data-dir=" + data, "--mimamori.db.embedded.clean=true", "--server.port=0", "--mimamori.retention.enabled=false",
                "--spring.main.log-startup-info=false")) {
            try (Stream<Path> left = Files.walk(uploads)) {
                assertThat(left.filter(Files::isRegularFile).toList()).as("nothing of an interrupted upload is left").isEmpty();
            }
            assertThat(uploads.resolve("parts")).as("the multipart folder stays, empty, for the next upload").isDirectory();
            String detail = ctx.getBean(JdbcClient.class).sql("select detail from audit_event where action = :a")
                    .param("a", AuditAction.UPLOADS_SWEPT.name()).query(String.class).single();
            assertThat(detail).startsWith("5 leftover upload file(s)").contains("upload-8812734.csv", "ledger-0b1c.xlsx");
            assertThat(detail).as("the audit names our own file names, never their content").doesNotContain("見守");
            var multipart = ctx.getBean(org.springframework.boot.servlet.autoconfigure.MultipartProperties.class);
            assertThat(Path.of(multipart.getLocation())).as("page uploads' parts wait under DATA/uploads, swept like the rest")
                    .isEqualTo(uploads.resolve("parts"));
        }
    }
}
