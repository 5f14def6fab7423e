package jp.mimamori.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.core.link.Decision;
import jp.mimamori.core.link.IdCarryOver;
import jp.mimamori.core.link.IdentityFiles;
import jp.mimamori.core.link.IdentityRun;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkRecordsCsv;
import jp.mimamori.core.link.LinkResult;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.core.link.RowFolding;
import jp.mimamori.core.link.ScoredPair;
import jp.mimamori.synth.CityRecords;
import jp.mimamori.synth.SyntheticCity;
import org.apache.spark.sql.SparkSession;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark link --jdbc} on a real PostgreSQL migrated with the server's own migrations, holding a
 * small synthetic city's (合成都市) rows as ingest stores them: it links exactly the records export-extracts
 * would write (folded as the server folds them), with the same persons, review queue and model as
 * {@code spark link} over that link-records.csv, and the same persons as the in-process engine, with a
 * reviewer's decision made on a folded-away row.
 */
class SparkJdbcTest {

    @TempDir
    static Path dir;
    static EmbeddedPostgres pg;
    static SparkSession spark;
    static String url;
    /** Every row, in (source, line_no) order, as the server's run builds it before the fold. */
    static List<LinkRecord> rows = new ArrayList<>();
    static final IdCarryOver.NewIds SEED = IdCarryOver.NewIds.ofHex("5eed5eed5eed5eed5eed5eed5eed5eed0123456789abcdef0123456789abcdef");

    @BeforeAll
    static void database() throws Exception {
        long t0 = System.nanoTime();
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.core.impl.Log4jContextFactory");
        SyntheticCity.generate(new SyntheticCity.Options(500, 21, YearMonth.of(2026, 4), dir.resolve("city")), m -> { });
        List<LinkRecord> city = CityRecords.loadRows(dir.resolve("city")).records();
        long t1 = System.nanoTime();
        pg = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("filesystem:../server/src/main/resources/db/migration").load().migrate();
        url = pg.getJdbcUrl("postgres", "postgres");
        Map<String, List<LinkRecord>> bySource = new LinkedHashMap<>();
        for (LinkRecord r : city) {
            bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            long load = 0;
            for (Map.Entry<String, List<LinkRecord>> e : bySource.entrySet()) {
                load++;
                try (PreparedStatement l = c.prepareStatement("""
                        insert into extract_load (id, source_code, month, file_name, sha256, size_bytes, encoding, policy, status,
                            rows_total, rows_loaded, rows_rejected, problems_total, current, uploaded_by)
                        values (?, ?, date '2026-04-01', 'f.csv', ?, 1, 'UTF-8', 'reject-file', 'LOADED', ?, ?, 0, 0, true, 'test')""")) {
                    l.setLong(1, load);
                    l.setString(2, e.getKey());
                    l.setString(3, "%064x".formatted(load));
                    l.setLong(4, e.getValue().size());
                    l.setLong(5, e.getValue().size());
                    l.executeUpdate();
                }
                // A load that is not current: the view must leave its rows out.
                try (PreparedStatement old = c.prepareStatement("""
                        insert into extract_load (id, source_code, month, file_name, sha256, size_bytes, encoding, policy, status,
                            rows_total, rows_loaded, rows_rejected, problems_total, current, uploaded_by)
                        values (?, ?, date '2026-03-01', 'old.csv', ?, 1, 'UTF-8', 'reject-file', 'LOADED', 1, 1, 0, 0, false, 'test')""")) {
                    old.setLong(1, 100 + load);
                    old.setString(2, e.getKey());
                    old.setString(3, "%064x".formatted(100 + load));
                    old.executeUpdate();
                }
                try (PreparedStatement r = c.prepareStatement("insert into extract_row (load_id, line_no, record_id, fields) values (?, ?, ?, ?::jsonb)")) {
                    r.setLong(1, 100 + load);
                    r.setLong(2, 1);
                    r.setString(3, "OLD-1");
                    r.setString(4, "{\"name\": \"旧 行\"}");
                    r.executeUpdate();
                    List<LinkRecord> sourceRows = e.getValue();
                    // Inserted last row first: the fold must follow line_no, not the order rows happen to be stored in.
                    for (int i = sourceRows.size() - 1; i >= 0; i--) {
                        LinkRecord x = sourceRows.get(i);
                        // The tax office writes sex as 男/女, and a household number where linkage must not use it (not the registry).
                        String sex = x.source().equals("zei") && x.sex() != null ? (x.sex().equals("1") ? "男" : "女") : x.sex();
                        String household = x.source().equals("zei") ? "Z" + (i % 7) : x.household();
                        r.setLong(1, load);
                        r.setLong(2, i + 1);
                        r.setString(3, x.recordId());
                        r.setString(4, json(x, sex, household));
                        r.addBatch();
                    }
                    r.executeBatch();
                }
            }
        }
        for (List<LinkRecord> sourceRows : new java.util.TreeMap<>(bySource).values()) {
            for (LinkRecord x : sourceRows) {
                rows.add(RowFolding.row(x.source(), x.recordId(), x.name(), x.kana(), x.birth(), x.sex(), x.address(), x.postcode(), x.sharedId(),
                        x.source().equals("zei") ? "Z" : x.household()));
            }
        }
        System.out.printf("city %.1f s, database, migrations and rows %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        // The session every command opens, its serializer included.
        spark = SparkSessions.open("local[2]", "mimamori-jdbc-test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            spark.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static String json(LinkRecord x, String sex, String household) {
        StringBuilder b = new StringBuilder("{");
        field(b, "name", x.name());
        field(b, "kana", x.kana());
        field(b, "birth_date", x.birth() == null ? "" : x.birth().toString());
        field(b, "sex", sex);
        field(b, "address", x.address());
        field(b, "postcode", x.postcode());
        field(b, "shared_id", x.sharedId());
        field(b, "household_no", household);
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append('"').append(name).append("\": \"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",");
        }
    }

    @Test
    void jdbcLinksTheRecordsExportExtractsWritesWithTheSameResult() throws Exception {
        RowFolding folded = RowFolding.fold(rows);
        List<LinkRecord> records = folded.records();
        assertThat(records.size()).as("the city has rows to fold").isLessThan(rows.size());

        // A reviewer says a review pair is one person, naming a row the fold left out for its first record.
        LinkResult plain = new LinkageEngine().link(records);
        ScoredPair doubtful = plain.review().get(0);
        int rowOfA = doubtful.a();
        for (int i = 0; i < rows.size(); i++) {
            if (folded.representative()[i] == doubtful.a() && !rows.get(i).recordId().equals(records.get(doubtful.a()).recordId())) {
                rowOfA = i;
                break;
            }
        }
        LinkRecord a = records.get(doubtful.a());
        LinkRecord b = records.get(doubtful.b());
        String rowIdOfA = rowOfA == doubtful.a() ? a.recordId() : rows.get(rowOfA).recordId();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into link_decision (source_a, record_a, source_b, record_b, same, decided_by) values ('"
                    + a.source() + "', '" + rowIdOfA + "', '" + b.source() + "', '" + b.recordId() + "', true, 'test')");
        }
        LinkResult expected = new LinkageEngine().link(records, List.of(new Decision(doubtful.a(), doubtful.b(), true)));

        // An earlier run left identities and registry households: the --jdbc run carries IDs over from them
        // through identity's views (V60), and names that run (V64) as an extract would.
        Map<String, String> previous = new HashMap<>();
        Map<String, String> households = new HashMap<>();
        long earlierRun;
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("insert into link_run (run_by, finished_at) values ('test', now()) returning id")) {
            r.next();
            earlierRun = r.getLong(1);
            try (PreparedStatement identity = c.prepareStatement("insert into record_identity (source_code, record_id, person_id) values (?, ?, ?)");
                 PreparedStatement household = c.prepareStatement("insert into household (household_id, juki_household_no, first_run) values (?, ?, ?)")) {
                for (int i = 0; i < rows.size(); i += 17) {
                    LinkRecord x = rows.get(i);
                    String person = "P%012d".formatted(i);
                    previous.put(IdCarryOver.key(x.source(), x.recordId()), person);
                    identity.setString(1, x.source());
                    identity.setString(2, x.recordId());
                    identity.setString(3, person);
                    identity.executeUpdate();
                }
                for (LinkRecord x : rows) {
                    if (x.household() != null && households.size() < 25 && !households.containsKey(x.household())) {
                        String id = "H%012d".formatted(households.size());
                        households.put(x.household(), id);
                        household.setString(1, id);
                        household.setString(2, x.household());
                        household.setLong(3, earlierRun);
                        household.executeUpdate();
                    }
                }
            }
        }
        assertThat(households).as("the city has registry households").isNotEmpty();

        // What export-extracts writes: link-records.csv of the folded rows, decisions.csv by record.
        Path extract = dir.resolve("extract");
        Files.createDirectories(extract);
        LinkRecordsCsv.write(records, extract.resolve("link-records.csv"));
        Files.writeString(extract.resolve("decisions.csv"), "source_a,record_id_a,source_b,record_id_b,same\r\n"
                + a.source() + "," + a.recordId() + "," + b.source() + "," + b.recordId() + ",true\r\n");

        long t0 = System.nanoTime();
        SparkLink.Linked fromFiles = SparkCommand.link(spark, new SparkCommand.Options(3, null, null, null, null, List.of(extract), dir.resolve("files")));
        long t1 = System.nanoTime();
        SparkLink.Linked fromJdbc = SparkCommand.link(spark, new SparkCommand.Options(3, null, null, null, null, List.of(), dir.resolve("jdbc"),
                SparkJdbc.of(url, null), SEED.hex()));
        System.out.printf("spark link: files %.1f s, jdbc %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);

        Map<String, String> expectedPerson = new HashMap<>();
        Map<Integer, String> lowest = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            lowest.merge(expected.clusterOf()[i], key(records.get(i)), (x, y) -> x.compareTo(y) <= 0 ? x : y);
        }
        for (int i = 0; i < records.size(); i++) {
            expectedPerson.put(key(records.get(i)), lowest.get(expected.clusterOf()[i]));
        }
        assertThat(fromJdbc.personOf()).as("the same records in the same persons as in-process").isEqualTo(expectedPerson);
        assertThat(fromJdbc.personOf().get(key(a))).as("the decision on a folded-away row took effect").isEqualTo(fromJdbc.personOf().get(key(b)));
        assertThat(fromJdbc.personOf()).isEqualTo(fromFiles.personOf());
        for (String f : List.of("persons.csv", "review.csv", "model.json")) {
            assertThat(Files.readString(dir.resolve("jdbc").resolve(f))).as(f).isEqualTo(Files.readString(dir.resolve("files").resolve(f)));
        }
        assertThat(fromJdbc.result().review()).isNotEmpty();
        assertThat(Files.readString(dir.resolve("jdbc/summary.txt"))).contains("partitions 3").contains("IDs: rows " + "%,d".formatted(rows.size()));

        // The IDs: exactly the in-process run's from the same rows, decision, earlier identities, households and seed.
        LocalDate asOf = LocalDate.of(2026, 4, 30);
        List<Long> loads = new ArrayList<>();
        for (long l = 1; l <= rows.stream().map(LinkRecord::source).distinct().count(); l++) {
            loads.add(l);
        }
        IdentityRun inProcess = IdentityRun.link(rows, List.of(new IdentityRun.KeyedDecision(a.source(), rowIdOfA, b.source(), b.recordId(), true)),
                null, previous, households, asOf, SEED);
        IdentityFiles.writeRun(dir.resolve("in-process"), inProcess, new IdentityFiles.ExtractInfo(asOf, earlierRun, loads, SEED.hex()));
        assertThat(inProcess.counts().keptPersons()).as("some persons keep an earlier ID").isPositive();
        for (String f : List.of(IdentityFiles.LINKS, IdentityFiles.NEW_HOUSEHOLDS, IdentityFiles.RUN_INFO)) {
            assertThat(Files.readString(dir.resolve("jdbc").resolve(f))).as(f).isEqualTo(Files.readString(dir.resolve("in-process").resolve(f)));
        }
        assertThat(IdentityFiles.readRun(dir.resolve("jdbc")).info().basedOnRun()).isEqualTo(earlierRun);
    }

    @Test
    void aBadUrlOrARefusedConnectionIsOneClearMessage() throws Exception {
        assertThat(fails("postgres://127.0.0.1/x")).startsWith("2:").contains("--jdbc には").contains("jdbc:postgresql://");
        // Earlier identities come from the database: a file for them beside --jdbc is refused, not silently ignored.
        assertThat(fails(url, "--previous", "p.csv")).startsWith("2:").contains("--previous and --households cannot be given with --jdbc");
        // Port 1 on loopback: nothing listens there.
        String refused = fails("jdbc:postgresql://127.0.0.1:1/mimamori");
        assertThat(refused).startsWith("1:").contains("データベースから読めません / cannot read the extracts from jdbc:postgresql://127.0.0.1:1/mimamori")
                .doesNotContain("\tat ");
        String noViews = fails(url.replace("/postgres?", "/template1?"));
        assertThat(noViews).startsWith("1:").contains("identity_linkage_row_v").doesNotContain("\tat ").doesNotContain("?user=");
        // A password in the URL is never shown (nor the one from MIMAMORI_JDBC_PASSWORD: the record would print it).
        assertThat(fails(url.replace("/postgres?", "/template1?") + "&password=secret")).doesNotContain("secret");
        assertThat(new SparkJdbc(url, "u", "secret").toString()).doesNotContain("secret");
    }

    private static String fails(String jdbcUrl, String... more) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("link", "--jdbc", jdbcUrl, "--out", dir.resolve("bad").toString()));
        args.addAll(List.of(more));
        int code = SparkCommand.execute(args.toArray(String[]::new), new PrintStream(err, true, StandardCharsets.UTF_8));
        return code + ":" + err.toString(StandardCharsets.UTF_8);
    }

    private static String key(LinkRecord r) {
        return SparkLink.key(r.source(), r.recordId());
    }
}
