package jp.mimamori.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files between the server and a Spark run: written and read back, and every fault named by file, row and column. */
class IdentityFilesTest {

    @TempDir
    Path dir;
    IdentityRun run;
    IdentityFiles.ExtractInfo info;

    @BeforeEach
    void aSmallRun() throws Exception {
        List<LinkRecord> rows = new ArrayList<>();
        rows.add(new LinkRecord("juki", "1", "山田 太郎", "ヤマダ タロウ", LocalDate.of(2015, 4, 1), "1", "東京都千代田区千代田1-1", null, "1", "H-1"));
        rows.add(new LinkRecord("juki", "2", "山田 花子", "ヤマダ ハナコ", LocalDate.of(1985, 2, 3), "2", "東京都千代田区千代田1-1", null, "2", "H-1"));
        rows.add(new LinkRecord("kenko", "a", "山田 太郎", "ヤマダ タロウ", LocalDate.of(2015, 4, 1), "1", "東京都千代田区千代田1-1", null, "1", null));
        rows.add(new LinkRecord("kenko", "b", "山田 太郎", "ヤマダ タロウ", LocalDate.of(2015, 4, 1), "1", "東京都千代田区千代田1-1", null, "1", null));
        rows.add(new LinkRecord("zei", "=9", "鈴木 一郎", "スズキ イチロウ", LocalDate.of(1970, 7, 7), "1", "東京都千代田区丸の内2-2", null, null, null));
        info = new IdentityFiles.ExtractInfo(LocalDate.of(2026, 4, 30), 3L, List.of(5L, 6L), IdCarryOverTest.IDS.hex());
        run = IdentityRun.link(rows, List.of(), null, Map.of("juki:2", "PHANAK0000000"), Map.of(), info.asOf(), IdCarryOverTest.IDS);
        IdentityFiles.writeRun(dir, run, info);
    }

    @Test
    void aRunReadsBackAsWritten() throws Exception {
        assertThat(run.links().get(0).personId()).isEqualTo(run.links().get(2).personId()).isEqualTo(run.links().get(3).personId());
        assertThat(run.links().get(1).personId()).isEqualTo("PHANAK0000000");
        IdentityFiles.LoadedRun back = IdentityFiles.readRun(dir);
        List<IdentityRun.Link> sorted = new ArrayList<>(run.links());
        sorted.sort((x, y) -> IdCarryOver.compareKeys(x.source(), x.recordId(), y.source(), y.recordId()));
        assertThat(back.links()).isEqualTo(sorted);
        assertThat(back.newHouseholds()).isEqualTo(run.newHouseholds());
        assertThat(back.review()).isEqualTo(run.review());
        assertThat(back.passes()).isEqualTo(run.passes());
        assertThat(back.counts()).isEqualTo(run.counts());
        assertThat(back.info().basedOnRun()).isEqualTo(3L);
        assertThat(back.info().loads()).containsExactly(5L, 6L);
        assertThat(back.modelJson()).isEqualTo(run.modelJson());
        // links.csv is export-links' format, for people: a record number that looks like a formula is neutralised.
        assertThat(Files.readAllLines(dir.resolve(IdentityFiles.LINKS)).get(0)).isEqualTo("source,source_record_id,person_id,child_id,household_id,match_probability");
        assertThat(Files.readString(dir.resolve(IdentityFiles.LINKS))).contains("zei,\"'=9\",");
        assertThat(Files.readString(dir.resolve(IdentityFiles.RECORD_LINKS))).contains("zei,=9,");
    }

    @Test
    void anExtractReadsBackWithItsRowsFoldedAsTheServerFoldsThem() throws Exception {
        List<LinkRecord> rows = List.of(
                new LinkRecord("kenko", "a", "山田 太郎", null, LocalDate.of(2015, 4, 1), "1", null, null, null, null),
                new LinkRecord("kenko", "b", "山田 太郎", null, LocalDate.of(2015, 4, 1), "1", null, null, null, null),
                new LinkRecord("juki", "1", "山田 太郎", null, LocalDate.of(2015, 4, 1), "1", null, null, null, "H-1"));
        Path extract = dir.resolve("extract");
        IdentityFiles.writeExtract(extract, rows, List.of(new IdentityRun.KeyedDecision("kenko", "b", "juki", "1", true)),
                Map.of("juki:1", "PTAR000000000"), Map.of("H-1", "HYAMADA000000"), info);
        assertThat(LinkRecordsCsv.read(extract.resolve(IdentityFiles.LINK_RECORDS))).hasSize(2);
        IdentityFiles.Extract back = IdentityFiles.readExtract(extract);
        assertThat(back.rows()).isEqualTo(rows);
        assertThat(back.decisions()).containsExactly(new IdentityRun.KeyedDecision("kenko", "a", "juki", "1", true));
        assertThat(back.previous()).isEqualTo(Map.of("juki:1", "PTAR000000000"));
        assertThat(back.households()).isEqualTo(Map.of("H-1", "HYAMADA000000"));
        assertThat(back.info()).isEqualTo(info);
    }

    @Test
    void aFaultIsNamedByFileRowAndColumn() throws Exception {
        corrupt(IdentityFiles.RECORD_LINKS, 3, 5, "1.5");
        assertThatThrownBy(() -> IdentityFiles.readRun(dir)).isInstanceOf(IdentityFiles.FileError.class)
                .hasMessageContaining("record-links.csv, row 3, column match_probability: not a probability from 0 to 1: '1.5'");
        aSmallRun();
        corrupt(IdentityFiles.RECORD_LINKS, 2, 2, "P123");
        assertThatThrownBy(() -> IdentityFiles.readRun(dir)).hasMessageContaining("row 2, column person_id: not a person ID");
        aSmallRun();
        corrupt(IdentityFiles.RECORD_LINKS, 4, 4, "yes");
        assertThatThrownBy(() -> IdentityFiles.readRun(dir)).hasMessageContaining("row 4, column is_child: not true or false: 'yes'");
        aSmallRun();
        Files.writeString(dir.resolve(IdentityFiles.LINK_REVIEW), "seq,source_a,record_id_a,source_b,record_id_b,probability,explanation\n"
                + "1,juki,1,kenko,a,0.9,{\"weight\":1}\n");
        assertThatThrownBy(() -> IdentityFiles.readRun(dir)).hasMessageContaining("link-review.csv, row 2, column explanation");
        aSmallRun();
        Files.writeString(dir.resolve(IdentityFiles.BLOCKING), "pass,comparisons\n");
        assertThatThrownBy(() -> IdentityFiles.readRun(dir)).hasMessageContaining("blocking.csv, row 1: the header is not pass,comparisons,skipped_blocks,skipped_records");
        aSmallRun();
        String text = Files.readString(dir.resolve(IdentityFiles.RECORD_LINKS));
        Files.writeString(dir.resolve(IdentityFiles.RECORD_LINKS), text + "zei,extra,PEXTRA0000000,,false,0.5\r\n");
        assertThatThrownBy(() -> IdentityFiles.readRun(dir)).hasMessageContaining("linkage-run.properties, column records: says 5 but there are 6");
        aSmallRun();
        Files.delete(dir.resolve(IdentityFiles.MODEL));
        assertThatThrownBy(() -> IdentityFiles.readRun(dir)).hasMessageContaining("model.json: no such file");
    }

    /** Replaces one cell (row 1 is the header) of a run file. */
    private void corrupt(String file, int row, int column, String value) throws Exception {
        Path f = dir.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        String[] cells = lines.get(row - 1).split(",", -1);
        cells[column] = value;
        lines.set(row - 1, String.join(",", cells));
        Files.write(f, lines, StandardCharsets.UTF_8);
    }
}
