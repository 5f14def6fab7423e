package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import jp.mimamori.core.source.SourceSystem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A city's own definition (mimamori.sources.dir) replaces the shipped one; here juki is reject-file. */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-reject", "mimamori.db.embedded.clean=true",
    "mimamori.sources.dir=src/test/resources/sources-reject"})
class RejectFilePolicyTest {

    @Autowired IngestService ingest;
    @Autowired JdbcClient jdbc;

    @Test
    void oneBadRowRejectsTheWholeFileAndAGoodFileLoads() throws Exception {
        IngestTestSupport.Snapshot before = IngestTestSupport.Snapshot.of(jdbc);
        LoadReport bad = ingest.load(IngestTestSupport.ADMIN, SourceSystem.JUKI, YearMonth.of(2026, 4), "one-bad.csv",
                BrokenFilesTest.fixture("juki-one-bad-code.csv"), null);
        assertThat(bad.status()).isEqualTo("REJECTED");
        assertThat(bad.policy()).isEqualTo("reject-file");
        assertThat(bad.summaryEn()).contains("1 bad rows", "reject-file");
        assertThat(IngestTestSupport.Snapshot.of(jdbc)).isEqualTo(before);

        LoadReport good = ingest.load(IngestTestSupport.ADMIN, SourceSystem.JUKI, YearMonth.of(2026, 4), "good.csv",
                java.nio.file.Path.of(getClass().getResource("/juki-good.csv").toURI()), null);
        assertThat(good.status()).isEqualTo("LOADED");
        assertThat(good.rowsLoaded()).isEqualTo(20);
        assertThat(good.current()).isTrue();
        assertThat(ingest.policies(java.util.List.of(SourceSystem.JUKI))).singleElement()
                .satisfies(p -> assertThat(p.ja()).as("the upload page's words follow the definition in force").contains("1行でもあれば"));
    }
}
