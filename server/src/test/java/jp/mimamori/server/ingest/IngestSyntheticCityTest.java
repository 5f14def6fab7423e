package jp.mimamori.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mimamori.synth.SyntheticCity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The acceptance on a small synthetic city: every source loads, and exactly the corrupted rows
 * are refused; two consecutive months of one city are consistent and never held. On a database of its
 * own: the other ingest tests' 20-row registry files would hold this city's registry (issue 16).
 */
@org.springframework.boot.test.context.SpringBootTest(properties = {"mimamori.data-dir=target/test-data-city", "mimamori.db.embedded.clean=true"})
class IngestSyntheticCityTest {

    @Autowired FolderIngest folder;
    @Autowired IngestRepository repository;
    @Autowired JdbcClient jdbc;

    @TempDir Path tmp;

    /** Loads made by this test: the database is shared with the other tests of the run. */
    List<LoadReport> ours(long before) {
        return repository.list(List.of(jp.mimamori.core.source.SourceSystem.values()), 1_000).stream().filter(l -> l.id() > before).toList();
    }

    @Test
    void aMonthLoadsWithExactlyTheDeliberatelyCorruptedRowsRefusedAndAReloadAddsNothing() throws Exception {
        Path city = tmp.resolve("city");
        SyntheticCity.generate(new SyntheticCity.Options(6_000, 11, YearMonth.of(2026, 4), city), m -> { });
        long before = jdbc.sql("select coalesce(max(id), 0) from extract_load").query(Long.class).single();
        StringWriter out = new StringWriter();
        List<FolderIngest.Entry> entries = FolderIngest.manifest(city);
        int code = jp.mimamori.server.cli.IngestCommandAccess.run(folder, entries, tmp.resolve("reports"), new PrintWriter(out), new PrintWriter(new StringWriter()), 1_000);
        assertThat(code).isZero();
        List<LoadReport> loads = ours(before);
        assertThat(loads).hasSize(10).allSatisfy(l -> {
            assertThat(l.status()).isEqualTo("LOADED");
            assertThat(l.current()).isTrue();
        });

        Set<String> expected = new HashSet<>();
        try (Reader r = Files.newBufferedReader(city.resolve("truth/corruptions.csv"))) {
            for (CSVRecord c : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                expected.add(c.get("source") + ":" + c.get("line") + ":" + c.get("column"));
            }
        }
        Set<String> reported = new HashSet<>();
        long rows = 0;
        for (LoadReport l : loads) {
            for (var p : repository.problems(l.id(), 10_000)) {
                reported.add(l.source() + ":" + p.line() + ":" + p.column());
                assertThat(out.toString()).contains("行 " + p.line() + " 列「" + p.column() + "」");
            }
            assertThat(l.rowsLoaded() + l.rowsRejected()).isEqualTo(l.rowsTotal());
            assertThat(repository.rowCount(l.id())).isEqualTo(l.rowsLoaded());
            rows += l.rowsLoaded();
        }
        assertThat(expected).isNotEmpty();
        assertThat(reported).isEqualTo(expected);

        // Normalised at the edge, raw kept beside what changed.
        String zei = jdbc.sql("""
                select r.fields::text || ' ' || coalesce(r.raw::text, '') from extract_row r join extract_load l on l.id = r.load_id
                where l.source_code = 'zei' and r.raw->>'kana' is not null and r.raw->>'birth_date' is not null limit 1""").query(String.class).single();
        assertThat(zei).matches(".*\"kana\": \"[ァ-ヶー ]+\".*").matches(".*\"birth_date\": \"\\d{4}-\\d\\d-\\d\\d\".*").matches("(?s).*[ｦ-ﾟ].*").contains("\"tax_band\"");
        assertThat(jdbc.sql("select count(*) from extract_row r join extract_load l on l.id = r.load_id where l.source_code = 'kosodate' and r.fields->>'kana' ~ '[ぁ-ゖ]'")
                .query(Long.class).single()).as("hiragana folded to katakana").isZero();

        // The same files again: recognised by their hash, nothing added.
        StringWriter again = new StringWriter();
        assertThat(jp.mimamori.server.cli.IngestCommandAccess.run(folder, entries, tmp.resolve("reports"), new PrintWriter(again), new PrintWriter(new StringWriter()), 10)).isZero();
        assertThat(again.toString()).contains("取込済み", "already loaded");
        assertThat(jdbc.sql("select count(*) from extract_row where load_id > :b").param("b", before).query(Long.class).single()).isEqualTo(rows);
        assertThat(ours(before)).hasSize(10);

        // The next month supersedes this one as current; this one stays as history with its rows.
        Path next = tmp.resolve("next");
        SyntheticCity.generate(new SyntheticCity.Options(6_000, 11, YearMonth.of(2026, 5), next), m -> { });
        jp.mimamori.server.cli.IngestCommandAccess.run(folder, FolderIngest.manifest(next), tmp.resolve("reports"), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), 0);
        Map<String, LoadReport> current = new HashMap<>();
        for (LoadReport l : ours(before)) {
            if (l.current()) {
                current.put(l.source(), l);
            }
        }
        assertThat(current).hasSize(10).allSatisfy((s, l) -> assertThat(l.month()).isEqualTo(YearMonth.of(2026, 5)));
        assertThat(ours(before)).as("the next month of the same city is consistent: nothing held").noneMatch(LoadReport::held);
        for (LoadReport old : loads) {
            LoadReport again2 = repository.find(old.id()).orElseThrow();
            assertThat(again2.current()).isFalse();
            assertThat(repository.rowCount(old.id())).isEqualTo(old.rowsLoaded());
        }
    }
}
