package jp.mimamori.spark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import jp.mimamori.core.link.IdCarryOver;
import jp.mimamori.core.link.IdentityFiles;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.RowFolding;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code spark link --jdbc URL}: the current extracts read straight from the server's PostgreSQL, through
 * the views identity publishes for outside readers (V60: {@code identity_linkage_row_v}, {@code identity_linkage_decision_v}),
 * never its tables. The rows are folded into linkage records (名寄せ用レコード) on the executors with core's
 * {@link RowFolding} key, so the linker gets exactly the records {@code export-extracts} writes to
 * link-records.csv.
 *
 * @param url      a {@code jdbc:postgresql://…} URL
 * @param user     the database user, or null for the URL's own
 * @param password from {@code MIMAMORI_JDBC_PASSWORD} (never the command line: it would show in ps), or null
 */
record SparkJdbc(String url, String user, String password) {

    static final String PASSWORD_VARIABLE = "MIMAMORI_JDBC_PASSWORD";
    static final String ROWS = "identity_linkage_row_v";
    static final String DECISIONS = "identity_linkage_decision_v";
    static final String PREVIOUS = "identity_linkage_previous_v";
    static final String HOUSEHOLDS = "identity_linkage_household_v";
    static final String RUNS = "identity_linkage_run_v";

    /** The source's settings, checked before a Spark session is started: a bad URL is a usage error. */
    static SparkJdbc of(String url, String user) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new SparkCommand.UsageException("--jdbc には jdbc:postgresql://ホスト:ポート/データベース の形の URL が必要です"
                    + " / --jdbc needs a URL of the form jdbc:postgresql://host:port/database, not: " + url.replaceAll("\\?.*", ""));
        }
        return new SparkJdbc(url, user, System.getenv(PASSWORD_VARIABLE));
    }

    /** Never the password (a record would print it), nor the URL's parameters (one may be a password). */
    @Override
    public String toString() {
        return "SparkJdbc[" + shown() + ", user " + user + "]";
    }

    /** The URL as messages name it: without its parameters. */
    String shown() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    Properties properties() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("driver", "org.postgresql.Driver");
        return p;
    }

    /** The range of line numbers of the current rows, to partition the read by; refuses an empty database. */
    long[] lineRange() {
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("PostgreSQL の JDBC ドライバがありません / the PostgreSQL JDBC driver is not on the classpath", e);
        }
        try (Connection c = DriverManager.getConnection(url, properties()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select min(line_no), max(line_no), count(*) from " + ROWS)) {
            r.next();
            if (r.getLong(3) == 0) {
                throw new IllegalStateException("取込済みのデータがありません / nothing has been loaded yet: run ingest first (" + shown() + ")");
            }
            return new long[] {r.getLong(1), r.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException("データベースから読めません / cannot read the extracts from " + shown() + ": " + e.getMessage()
                    + " (the server's database must be migrated to V60 or later for the " + ROWS + " view)", e);
        }
    }

    /**
     * The linkage records (the ten columns of {@code LinkRecordsCsv.HEADER}, null for absent), folded: rows
     * of one source with the same fold key are one record, the row first in (source, line_no) order
     * standing for it, as the server's run folds them. Also the representative of every row, for mapping
     * decisions made on a folded-away row's number.
     */
    Folded records(SparkSession spark, int partitions) {
        long[] range = lineRange();
        Dataset<Row> rows = spark.read().option("partitionColumn", "line_no").option("lowerBound", range[0])
                .option("upperBound", range[1] + 1).option("numPartitions", partitions)
                .jdbc(url, ROWS, properties());
        // Per row: fold key → (line_no, columns). The least line_no of a key stands for it; a key has one
        // source (the source is part of it), and a source has one current load, so line_no orders its rows.
        JavaPairRDD<String, Tuple2<Long, String[]>> keyed = rows.javaRDD().mapToPair(SparkJdbc::keyed)
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<String, Tuple2<Long, String[]>> first = keyed.reduceByKey((a, b) -> a._1() <= b._1() ? a : b, partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<String[]> records = first.values().map(Tuple2::_2);
        // Only read for decisions: evaluated when there are some.
        JavaRDD<Tuple2<String, String>> representative = keyed.join(first, partitions).values()
                .map(t -> new Tuple2<>(SparkLink.key(t._1()._2()[0], t._1()._2()[1]), SparkLink.key(t._2()._2()[0], t._2()._2()[1])));
        return new Folded(records, representative);
    }

    /** The folded records, and each row's record key → its record's key. */
    record Folded(JavaRDD<String[]> records, JavaRDD<Tuple2<String, String>> representative) {

        /** Every current row as {@code link-rows.csv} has it: source, record number, its linkage record's number. */
        JavaRDD<String[]> linkRows() {
            return representative.map(t -> {
                String[] row = t._1().split("\u0000", 2);
                String[] record = t._2().split("\u0000", 2);
                return new String[] {row[0], row[1], record[1]};
            });
        }
    }

    /**
     * What {@code export-extracts} writes to {@code extract.properties}, read from the database: the last day of
     * the current loads' latest month (who is a child is decided on it), the latest finished run and the current
     * loads (import-linkage refuses the run's files when either changed since), and {@code idSeed} for new IDs.
     */
    IdentityFiles.ExtractInfo extractInfo(String idSeed) {
        try (Connection c = DriverManager.getConnection(url, properties()); Statement s = c.createStatement()) {
            LocalDate asOf;
            try (ResultSet r = s.executeQuery("select max(month) from " + ROWS)) {
                r.next();
                asOf = r.getObject(1, LocalDate.class).plusMonths(1).minusDays(1);
            }
            List<Long> loads = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select distinct load_id from " + ROWS + " order by 1")) {
                while (r.next()) {
                    loads.add(r.getLong(1));
                }
            }
            Long run;
            try (ResultSet r = s.executeQuery("select latest_run from " + RUNS)) {
                r.next();
                long v = r.getLong(1);
                run = r.wasNull() ? null : v;
            }
            return new IdentityFiles.ExtractInfo(asOf, run, loads, idSeed);
        } catch (SQLException e) {
            throw new IllegalStateException("データベースから読めません / cannot read where the extracts stand from " + shown() + ": " + e.getMessage()
                    + " (the server's database must be migrated to V64 or later for the " + RUNS + " view)", e);
        }
    }

    /** Each record's person in earlier runs, by {@link IdCarryOver#key}, read on the executors. */
    JavaPairRDD<String, String> previous(SparkSession spark) {
        return spark.read().jdbc(url, PREVIOUS, properties()).javaRDD()
                .mapToPair(r -> new Tuple2<>(IdCarryOver.key(r.getAs("source_code"), r.getAs("record_id")), (String) r.getAs("person_id")));
    }

    /** Every registry household seen so far: 世帯番号 → 世帯ID. */
    JavaPairRDD<String, String> households(SparkSession spark) {
        return spark.read().jdbc(url, HOUSEHOLDS, properties()).javaRDD()
                .mapToPair(r -> new Tuple2<>((String) r.getAs("household_no"), (String) r.getAs("household_id")));
    }

    private static Tuple2<String, Tuple2<Long, String[]>> keyed(Row r) {
        java.sql.Date birth = r.getAs("birth_date");
        LinkRecord lr = RowFolding.row(r.getAs("source_code"), r.getAs("record_id"), r.getAs("name"), r.getAs("kana"),
                birth == null ? null : birth.toLocalDate(), LinkRecord.sex(r.getAs("sex")), r.getAs("address"), r.getAs("postcode"),
                r.getAs("shared_id"), r.getAs("household_no"));
        String[] columns = {lr.source(), lr.recordId(), lr.name(), lr.kana(), lr.birth() == null ? null : lr.birth().toString(), lr.sex(),
                lr.address(), lr.postcode(), lr.sharedId(), lr.household()};
        for (int i = 0; i < columns.length; i++) {
            // As link-records.csv reads back: an empty value is absent.
            if (columns[i] != null && columns[i].isEmpty()) {
                columns[i] = null;
            }
        }
        long lineNo = r.getAs("line_no");
        return new Tuple2<>(RowFolding.key(lr), new Tuple2<>(lineNo, columns));
    }

    /**
     * The reviewers' decisions (few: read on the driver), each side moved to the record its row was
     * folded into, dropping one whose two sides are one record or not current: as the server's run and
     * export-extracts' decisions.csv apply them.
     */
    List<SparkLink.KeyedDecision> decisions(JavaSparkContext sc, Folded folded) {
        List<String[]> raw = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, properties()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select source_a, record_a, source_b, record_b, same from " + DECISIONS)) {
            while (r.next()) {
                raw.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), String.valueOf(r.getBoolean(5))});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("判定を読めません / cannot read the reviewers' decisions from " + shown() + ": " + e.getMessage(), e);
        }
        if (raw.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>();
        for (String[] d : raw) {
            wanted.add(SparkLink.key(d[0], d[1]));
            wanted.add(SparkLink.key(d[2], d[3]));
        }
        Broadcast<Set<String>> w = sc.broadcast(wanted);
        Map<String, String> rep = new HashMap<>();
        for (Tuple2<String, String> t : folded.representative().filter(t -> w.value().contains(t._1())).collect()) {
            rep.put(t._1(), t._2());
        }
        List<SparkLink.KeyedDecision> out = new ArrayList<>();
        for (String[] d : raw) {
            String a = rep.get(SparkLink.key(d[0], d[1]));
            String b = rep.get(SparkLink.key(d[2], d[3]));
            if (a != null && b != null && !a.equals(b)) {
                String[] ka = a.split("\u0000", 2);
                String[] kb = b.split("\u0000", 2);
                out.add(new SparkLink.KeyedDecision(ka[0], ka[1], kb[0], kb[1], Boolean.parseBoolean(d[4])));
            }
        }
        return out;
    }
}
