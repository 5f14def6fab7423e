package jp.mimamori.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimamoriCliTest {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return MimamoriCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsEveryCommandInEnglish() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "serve", "synth", "Usage: mimamori");
        assertThat(run("synth", "--help")).isZero();
        assertThat(out.toString()).contains("--residents", "--seed", "--month", "--out", "Deterministic");
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--regenerate", "demo login per role");
    }

    @Test
    void mistakesAreReportedInJapaneseAndEnglish(@TempDir Path tmp) {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("エラー / error", "--help");
        assertThat(run("synth", "--out", tmp.toString(), "--month", "2026-13")).isEqualTo(2);
        assertThat(err.toString()).contains("YYYY-MM", "月は");
        assertThat(run("synth", "--out", tmp.toString(), "--month", "2019-01", "--residents", "500")).isEqualTo(2);
        assertThat(err.toString()).contains("2023-04");
        assertThat(run("synth", "--out", tmp.toString(), "--residents", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("住民数");
    }

    @Test
    void auditVerifyPassesOnACleanLogAndNamesTheRowASuperuserEdited(@TempDir Path tmp) throws Exception {
        assertThat(run("audit", "verify", "--data-dir", tmp.toString())).isZero();
        assertThat(out.toString()).contains("the audit chain is intact (1 rows)");
        try (jp.mimamori.server.db.EmbeddedDatabase db = jp.mimamori.server.db.EmbeddedDatabase.start(tmp, 0, false, jp.mimamori.server.db.EmbeddedDatabase.Durability.DURABLE);
             java.sql.Connection c = db.ownerConnection(); java.sql.Statement st = c.createStatement()) {
            // What a superuser could do in psql: switch triggers off for the session and rewrite the row.
            st.execute("set session_replication_role = replica");
            assertThat(st.executeUpdate("update audit_event set actor = 'nobody' where id = 1")).isEqualTo(1);
        }
        assertThat(run("audit", "verify", "--data-dir", tmp.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("broken at row 1", "改ざんを検出");
    }

    @Test
    void linkingOrExportingBeforeThereIsAnythingSaysWhatToDoFirst(@TempDir Path tmp) {
        assertThat(run("link", "--data-dir", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing has been loaded yet", "run ingest first");
        assertThat(run("export-links", "--data-dir", tmp.toString(), tmp.resolve("links.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no linkage run yet", "run link first");
    }

    @Test
    void dedupeFindsTheSamePeopleInAnyCsvAndReportsItsQuality(@TempDir Path tmp) throws Exception {
        // A city's registry and tax extracts, flattened into one CSV with generic column names.
        jp.mimamori.synth.SyntheticCity.generate(new jp.mimamori.synth.SyntheticCity.Options(3_000, 9, java.time.YearMonth.of(2026, 4), tmp.resolve("city")), m -> { });
        jp.mimamori.synth.CityRecords.Loaded city = jp.mimamori.synth.CityRecords.load(tmp.resolve("city"));
        Path in = tmp.resolve("people.csv");
        try (var p = new org.apache.commons.csv.CSVPrinter(Files.newBufferedWriter(in), org.apache.commons.csv.CSVFormat.DEFAULT)) {
            p.printRecord("rec_id", "full_name", "reading", "dob", "gender", "street", "entity");
            for (int i = 0; i < city.records().size(); i++) {
                var r = city.records().get(i);
                p.printRecord(r.source() + "-" + r.recordId(), r.name(), r.kana(), r.birth().toString().replace("-", ""), r.sex(), r.address(), city.truePerson().get(i));
            }
        }
        Path cfg = tmp.resolve("cfg.yml");
        Files.writeString(cfg, "identifier: rec_id\nname: full_name\nkana: reading\nbirth_date: dob\nsex: gender\naddress: [street]\ntruth: entity\n");
        Path clusters = tmp.resolve("out.csv");
        assertThat(run("dedupe", "--config", cfg.toString(), in.toString(), clusters.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(clusters)).hasSize(city.records().size() + 1).first().isEqualTo("source,identifier,cluster,match_probability");
        var m = java.util.regex.Pattern.compile("precision (\\d\\.\\d+), recall (\\d\\.\\d+)").matcher(out.toString());
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(0.99);
        assertThat(Double.parseDouble(m.group(2))).isGreaterThanOrEqualTo(0.98);

        Files.writeString(cfg, "identifier: rec_id\nname: no_such_column\n");
        assertThat(run("dedupe", "--config", cfg.toString(), in.toString(), clusters.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no column 'no_such_column'");
    }

    /** dedupe's output goes through the shared CSV writer: an identifier that is a formula is written as text. */
    @Test
    void dedupeNeverWritesAnIdentifierAsAFormula(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("people.csv");
        Files.writeString(in, "rec_id,full_name,dob\n\"=1+1\",山田 太郎,20150401\n@SUM(A1),山田 太郎,20150401\n-2+3,佐藤 花子,20160502\n+7,鈴木 一郎,20170603\n");
        Path cfg = tmp.resolve("cfg.yml");
        Files.writeString(cfg, "identifier: rec_id\nname: full_name\nbirth_date: dob\n");
        Path clusters = tmp.resolve("out.csv");
        Path review = tmp.resolve("review.csv");
        assertThat(run("dedupe", "--config", cfg.toString(), "--review", review.toString(), in.toString(), clusters.toString())).as(err.toString()).isZero();
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.DEFAULT.parse(Files.newBufferedReader(clusters)).getRecords();
        assertThat(rows).extracting(r -> r.get(1)).contains("'=1+1", "'@SUM(A1)", "'-2+3", "'+7");
        for (org.apache.commons.csv.CSVRecord r : rows) {
            for (int i = 0; i < 3; i++) {
                assertThat(jp.mimamori.core.csv.SafeCsv.dangerous(r.get(i))).as(r.toString()).isFalse();
            }
        }
    }

    /**
     * FEBRL4, the public benchmark (core/src/test/resources/febrl4), through the command as a user runs
     * it: names, birth date and address columns only, no identifier, no reading; the truth is rec_id.
     */
    @Test
    void dedupeLinksTheFebrl4BenchmarkWithoutAnIdentifierOrReading(@TempDir Path tmp) throws Exception {
        Path dir = Path.of("..", "core", "src", "test", "resources", "febrl4");
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        for (Path[] f : new Path[][] {{dir.resolve("dataset4a.csv"), a}, {dir.resolve("dataset4b.csv"), b}}) {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f[0]));
            lines.set(0, lines.get(0) + ", entity");
            for (int i = 1; i < lines.size(); i++) {
                lines.set(i, lines.get(i) + ", " + lines.get(i).substring(0, lines.get(i).indexOf(',')).replaceAll("-(org|dup-\\d+)$", ""));
            }
            Files.write(f[1], lines);
        }
        Path cfg = tmp.resolve("febrl.yml");
        Files.writeString(cfg, "identifier: rec_id\nsurname: surname\ngiven_name: given_name\nbirth_date: date_of_birth\n"
                + "address: [street_number, address_1, address_2, suburb, state]\npostcode: postcode\ntruth: entity\n");
        Path linked = tmp.resolve("out.csv");
        Path review = tmp.resolve("review.csv");
        assertThat(run("dedupe", "--config", cfg.toString(), "--review", review.toString(), a.toString(), b.toString(), linked.toString()))
                .as(err.toString()).isZero();
        var m = java.util.regex.Pattern.compile("F1 (\\d\\.\\d+); blocking pair completeness (\\d\\.\\d+)").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        System.out.println(out);
        assertThat(Double.parseDouble(m.group(1))).as("F1").isGreaterThanOrEqualTo(0.99);
        assertThat(Double.parseDouble(m.group(2))).as("pair completeness").isGreaterThanOrEqualTo(0.995);
        // Every record has a real probability, not 1.0 for records never linked.
        assertThat(Files.readAllLines(linked).stream().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)))
                .allSatisfy(p -> assertThat(Double.parseDouble(p)).isBetween(0.0, 1.0)).anyMatch(p -> !p.equals("1.0000"));
        assertThat(review).exists();
        assertThat(Files.readAllLines(review).get(0)).startsWith("source_a,identifier_a,source_b,identifier_b,match_probability");

        // A list where one column is expected, or an unknown key, is an error, not silence.
        Files.writeString(cfg, "identifier: rec_id\nsurname: [surname, given_name]\n");
        assertThat(run("dedupe", "--config", cfg.toString(), a.toString(), linked.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'surname' names one column");
        Files.writeString(cfg, "identifier: rec_id\nsurnam: surname\n");
        assertThat(run("dedupe", "--config", cfg.toString(), a.toString(), linked.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'surnam'");
    }

    @Test
    void synthWritesACity(@TempDir Path tmp) {
        assertThat(run("synth", "--residents", "500", "--seed", "3", "--out", tmp.toString(), "--quiet")).isZero();
        assertThat(tmp.resolve("manifest.csv")).exists();
        assertThat(tmp.resolve("truth/records.csv")).exists();
        assertThat(out.toString()).contains("juki.csv", "residents", "truth").doesNotContain("simulating");
        assertThat(Files.exists(tmp.resolve("juki.csv"))).isTrue();
    }
}
