package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Random;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.MimamoriTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every committed broken file gets a clear error naming what is wrong, and the stored data stays exactly as it was. */
@MimamoriTest
class BrokenFilesTest {

    @Autowired IngestService ingest;
    @Autowired IngestRepository repository;
    @Autowired JdbcClient jdbc;

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(BrokenFilesTest.class.getResource("/broken/" + name).toURI());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "juki-utf8.csv              | 見出し行が定義と一致しません | wrong encoding CP932",
        "juki-truncated.csv         | 途中で切れています         | truncated",
        "juki-extra-columns.csv     | 見出し行が定義と一致しません | expected 16 columns",
        "juki-impossible-wareki.csv | 不正な行が多すぎる          | too many bad rows",
        "juki-empty.csv             | ファイルが空です            | the file is empty",
        "juki-header-only.csv       | データ行がありません        | no data rows",
        "juki-unclosed-quote.csv    | 7行目から始まる引用符       | opened on row 7 is never closed",
        "zei-file-as-juki.csv       | 見出し行が定義と一致しません | wrong source",
    })
    void isRejectedWithAClearErrorAndChangesNothing(String file, String ja, String en) throws Exception {
        IngestTestSupport.Snapshot before = IngestTestSupport.Snapshot.of(jdbc);
        LoadReport r = ingest.load(IngestTestSupport.ADMIN, SourceSystem.JUKI, YearMonth.of(2026, 4), file, fixture(file), null);
        assertThat(r.status()).isEqualTo("REJECTED");
        assertThat(r.current()).isFalse();
        assertThat(r.summaryJa() + repository.problems(r.id(), 10)).contains(ja);
        assertThat(r.summaryEn() + repository.problems(r.id(), 10)).contains(en);
        assertThat(IngestTestSupport.Snapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void impossibleEraDatesAreNamedByRowColumnAndValue() throws Exception {
        LoadReport r = ingest.load(IngestTestSupport.ADMIN, SourceSystem.JUKI, YearMonth.of(2026, 4), "x", fixture("juki-impossible-wareki.csv"), null);
        assertThat(repository.problems(r.id(), 100)).hasSize(20).allSatisfy(p -> {
            assertThat(p.column()).isEqualTo("生年月日");
            assertThat(p.value()).isIn("1/4/30", "31/5/1");
            assertThat(p.reasonJa()).contains("期間外");
        }).extracting(p -> p.line()).startsWith(2L, 3L, 4L);
    }

    @Test
    void twoGigabytesOfGarbageAreRefusedAtTheFirstLineWithoutReadingThemIntoMemory(@TempDir Path tmp) throws Exception {
        Path garbage = tmp.resolve("garbage.csv");
        try (RandomAccessFile f = new RandomAccessFile(garbage.toFile(), "rw")) {
            byte[] noise = new byte[1 << 20];
            new Random(1).nextBytes(noise);
            f.write(noise);
            f.setLength(2L << 30);
        }
        IngestTestSupport.Snapshot before = IngestTestSupport.Snapshot.of(jdbc);
        LoadReport r = ingest.load(IngestTestSupport.ADMIN, SourceSystem.JUKI, YearMonth.of(2026, 4), "garbage.csv", garbage, null);
        assertThat(r.status()).isEqualTo("REJECTED");
        assertThat(r.sizeBytes()).isEqualTo(2L << 30);
        assertThat(r.summaryEn()).containsAnyOf("header does not match", "longer than 1 MB", "not readable");
        assertThat(IngestTestSupport.Snapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void underQuarantineOneBadRowIsSetAsideAndTheRestLoads() throws Exception {
        LoadReport r = ingest.load(IngestTestSupport.ADMIN, SourceSystem.JUKI, YearMonth.of(2026, 3), "one-bad.csv", fixture("juki-one-bad-code.csv"), null);
        assertThat(r.status()).isEqualTo("LOADED");
        assertThat(r.rowsLoaded()).isEqualTo(19);
        assertThat(r.rowsRejected()).isEqualTo(1);
        assertThat(repository.problems(r.id(), 10)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.column()).isEqualTo("性別");
            assertThat(p.value()).isEqualTo("9");
        });
        assertThat(jdbc.sql("select vals->>4 from quarantined_row where load_id = :id").param("id", r.id()).query(String.class).single()).isEqualTo("9");
    }
}
