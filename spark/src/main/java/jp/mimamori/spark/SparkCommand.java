package jp.mimamori.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import jp.mimamori.core.link.IdCarryOver;
import jp.mimamori.core.link.IdentityFiles;
import jp.mimamori.core.link.IdentityRun;
import jp.mimamori.core.link.LinkRecordsCsv;
import jp.mimamori.core.link.Model;
import jp.mimamori.core.csv.SafeCsv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import scala.Tuple3;

/**
 * {@code ./mimamori spark link [--master local[2]] [--partitions N] [--model FILE] [--decisions FILE] [--previous FILE]
 * [--households FILE] --out OUT DIR…}: links the linkage extracts (名寄せ用抽出, {@code DIR/link-records.csv}) on
 * Spark, carries こどもID and 世帯ID over ({@link SparkIds}), and writes the persons, the review queue, the model,
 * a summary and the files {@code ./mimamori import-linkage OUT} loads ({@link IdentityFiles}) under OUT.
 */
public final class SparkCommand {

    private SparkCommand() {
    }

    static final String HELP = """
            Usage: mimamori spark assess [--master URL] [--partitions N] --out OUT DIR   (mimamori spark assess --help)
                   mimamori spark link [--master URL] [--partitions N] [--model FILE] [--decisions FILE]
                                       [--previous FILE] [--households FILE] --out OUT DIR...
                   mimamori spark link --jdbc URL [--jdbc-user U] [--master URL] [--partitions N] [--model FILE]
                                       [--decisions FILE] --out OUT

            Links every DIR/link-records.csv (columns %s) on Apache Spark, with the same result as the
            in-process engine, and writes OUT/persons.csv (source, record_id, person, probability), OUT/review.csv
            (the pairs left to a person, most likely first), OUT/model.json and OUT/summary.txt. When DIR is an
            export-extracts folder (DIR/extract.properties), it also carries person and household IDs over from the
            earlier runs, as ./mimamori link does, and writes what ./mimamori import-linkage OUT loads:
            OUT/record-links.csv, OUT/link-review.csv, OUT/new-households.csv, OUT/blocking.csv,
            OUT/linkage-run.properties, and OUT/links.csv (./mimamori export-links' format, sorted by record).

              --master URL        Spark master (default local[2])
              --partitions N      partitions of every shuffle (default 2 x the master's cores,
                                  or one per 50,000 records if that is more)
              --model FILE        a model saved by an earlier run (model.json); without it the model is estimated
                                  on the driver from every record
              --decisions FILE    reviewers' decisions: source_a,record_id_a,source_b,record_id_b,same (true/false);
                                  default: every DIR/decisions.csv
              --previous FILE     earlier runs' identities: source,record_id,person_id;
                                  default: every DIR/previous-identities.csv
              --households FILE   earlier runs' households: household_no,household_id; default: every DIR/households.csv
              --jdbc URL          read the current extracts from the server's PostgreSQL instead of DIR
                                  (jdbc:postgresql://host:port/database; identity's views identity_linkage_*_v),
                                  folded into the records export-extracts would write, read in N partitions by line
                                  number; earlier identities, households and the latest run from the same views, so
                                  IDs carry over and OUT has the files import-linkage loads, as from an extract.
                                  Password: environment variable MIMAMORI_JDBC_PASSWORD.
              --jdbc-user U       the database user (default: the URL's)
            """.formatted(String.join(",", LinkRecordsCsv.HEADER));

    public static void main(String[] args) {
        System.exit(execute(args, System.err));
    }

    /** Runs the command; a usage error is exit code 2, any other failure 1, each one message on {@code err}, no stack trace. */
    static int execute(String[] args, java.io.PrintStream err) {
        try {
            return run(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("エラー / error: " + e.getMessage());
            if (System.getenv("MIMAMORI_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("bench-link")) {
            SparkLinkTiming.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return 0;
        }
        if (args.length > 0 && args[0].equals("bench-assess")) {
            SparkAssessTiming.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return 0;
        }
        if (args.length > 0 && args[0].equals("assess")) {
            return SparkAssessCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length == 0 || args[0].equals("--help") || !args[0].equals("link")) {
            System.out.println(HELP);
            return args.length > 0 && args[0].equals("--help") ? 0 : 2;
        }
        String master = "local[2]";
        int partitions = 0;
        Path modelFile = null;
        Path decisionsFile = null;
        Path previousFile = null;
        Path householdsFile = null;
        Path out = null;
        String jdbcUrl = null;
        String jdbcUser = null;
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help" -> {
                    System.out.println(HELP);
                    return 0;
                }
                case "--master" -> master = value(args, ++i, a);
                case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, a));
                case "--model" -> modelFile = Path.of(value(args, ++i, a));
                case "--decisions" -> decisionsFile = Path.of(value(args, ++i, a));
                case "--previous" -> previousFile = Path.of(value(args, ++i, a));
                case "--households" -> householdsFile = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--jdbc" -> jdbcUrl = value(args, ++i, a);
                case "--jdbc-user" -> jdbcUser = value(args, ++i, a);
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("不明なオプションです / unknown option: " + a + "\n\n" + HELP);
                    }
                    dirs.add(Path.of(a));
                }
            }
        }
        if (jdbcUrl != null && (previousFile != null || householdsFile != null)) {
            throw new UsageException("--jdbc では --previous と --households は使えません（データベースから読みます）/ --previous and --households"
                    + " cannot be given with --jdbc: earlier identities and households are read from the database\n\n" + HELP);
        }
        if (jdbcUrl != null && !dirs.isEmpty()) {
            throw new UsageException("--jdbc と抽出フォルダは同時に指定できません / give either --jdbc or extract folders, not both\n\n" + HELP);
        }
        if (out == null || dirs.isEmpty() && jdbcUrl == null) {
            throw new UsageException("--out と抽出フォルダ（または --jdbc）が必要です / --out and at least one extract folder (or --jdbc) are required\n\n" + HELP);
        }
        SparkJdbc jdbc = jdbcUrl == null ? null : SparkJdbc.of(jdbcUrl, jdbcUser);
        if (jdbc != null) {
            // Before Spark starts: a database that cannot be reached is a one-line error at once.
            jdbc.lineRange();
        }
        Files.createDirectories(out);
        SparkSession spark = SparkSessions.open(master, "mimamori-link");
        try {
            link(spark, new Options(partitions, modelFile, decisionsFile, previousFile, householdsFile, dirs, out, jdbc));
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * What {@code spark link} was asked for: null for a file not given (then read from the extract folders where they hold it);
     * {@code jdbc} null to read the folders, else the database to read the current extracts from (and no folders);
     * {@code idSeed} the seed of new IDs for a {@code --jdbc} run (hexadecimal), or null for a fresh one (an extract
     * folder has its own).
     */
    record Options(int partitions, Path modelFile, Path decisionsFile, Path previousFile, Path householdsFile, List<Path> dirs, Path out,
                   SparkJdbc jdbc, String idSeed) {
        Options(int partitions, Path modelFile, Path decisionsFile, Path previousFile, Path householdsFile, List<Path> dirs, Path out) {
            this(partitions, modelFile, decisionsFile, previousFile, householdsFile, dirs, out, null, null);
        }

        Options(int partitions, Path modelFile, Path decisionsFile, Path previousFile, Path householdsFile, List<Path> dirs, Path out,
                SparkJdbc jdbc) {
            this(partitions, modelFile, decisionsFile, previousFile, householdsFile, dirs, out, jdbc, null);
        }
    }

    /** Links the extract folders on this session and writes every output file. */
    static SparkLink.Linked link(SparkSession spark, Options o) throws IOException {
        long t0 = System.nanoTime();
        List<String> files = new ArrayList<>();
        for (Path d : o.dirs()) {
            Path f = d.resolve("link-records.csv");
            if (!Files.isRegularFile(f)) {
                throw new UsageException("名寄せ用抽出がありません / no linkage extract: " + f);
            }
            files.add(f.toAbsolutePath().toString());
        }
        Model stored = o.modelFile() == null ? null : Model.fromJson(Files.readString(o.modelFile()));
        List<SparkLink.KeyedDecision> decisions = new ArrayList<>();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SparkJdbc.Folded folded = null;
        IdentityFiles.ExtractInfo jdbcInfo = null;
        if (o.jdbc() != null) {
            // Where the extracts stand, read before the rows (export-extracts writes it with them): a load or a run that
            // happens after it, during a long Spark run, is not named in the files, so import-linkage refuses them.
            jdbcInfo = o.jdbc().extractInfo(o.idSeed() != null ? o.idSeed() : IdCarryOver.NewIds.random().hex());
            // Partitioned by line number as --partitions asks (or the master's default parallelism).
            folded = o.jdbc().records(spark, o.partitions() > 0 ? o.partitions() : sc.defaultParallelism());
        }
        if (o.decisionsFile() != null) {
            decisions.addAll(readDecisions(o.decisionsFile()));
        } else if (folded != null) {
            decisions.addAll(o.jdbc().decisions(sc, folded));
        } else {
            // The extract's own decisions (export-extracts writes them), as the in-process link applies them.
            for (Path d : o.dirs()) {
                if (Files.isRegularFile(d.resolve(IdentityFiles.DECISIONS))) {
                    decisions.addAll(readDecisions(d.resolve(IdentityFiles.DECISIONS)));
                }
            }
        }
        Files.createDirectories(o.out());
        // Every column as text; an empty cell is null (absent), as LinkRecordsCsv writes it.
        JavaRDD<String[]> rows = folded != null ? folded.records() : spark.read().option("header", "true").option("escape", "\"").option("inferSchema", "false")
                .csv(files.toArray(String[]::new)).javaRDD().map(SparkCommand::columns);
        int p = o.partitions() > 0 ? o.partitions() : SparkLink.defaultPartitions(sc, rows.count());
        SparkLink.Linked linked = SparkLink.linked(sc, rows, decisions, stored, p);
        SparkLink.Result r = linked.result();
        write(linked, o.out());
        long t1 = System.nanoTime();
        String ids = identities(spark, linked, o, p, folded, jdbcInfo);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String summary = String.format("records %,d, persons %,d, candidate pairs %,d, matched pairs %,d, joined %,d, refused %,d, review %,d,"
                        + " component rounds %d, partitions %d, %.1f s (IDs and their files %.1f s)%n", r.records(), r.persons(),
                r.candidatePairs(), r.matchedPairs(), r.joined(), r.refused(), r.review().size(), r.componentRounds(), p, seconds,
                (System.nanoTime() - t1) / 1e9) + ids;
        Files.writeString(o.out().resolve("summary.txt"), summary);
        System.out.print(summary);
        return linked;
    }

    /**
     * ID carry-over ({@link SparkIds}) and the files {@code ./mimamori import-linkage} loads
     * ({@link IdentityFiles#writeRun}), when the extract says where it was taken ({@code extract.properties}:
     * an extract of {@code export-extracts}) or when the run reads the database ({@code --jdbc}, identity's
     * views); the rows, earlier identities and households are read from every folder that has them, or from
     * {@code --previous} and {@code --households}, or from the views. Returns a summary line.
     */
    static String identities(SparkSession spark, SparkLink.Linked linked, Options o, int partitions, SparkJdbc.Folded folded,
                             IdentityFiles.ExtractInfo jdbcInfo) throws IOException {
        IdentityFiles.ExtractInfo info;
        JavaRDD<String[]> rows;
        JavaPairRDD<String, String> previous;
        JavaPairRDD<String, String> households;
        if (o.jdbc() != null) {
            // From identity's views (V60, V64), as export-extracts would have written them, with a fresh seed for new IDs.
            info = jdbcInfo;
            rows = folded.linkRows();
            previous = o.jdbc().previous(spark);
            households = o.jdbc().households(spark);
        } else {
            Path infoFile = o.dirs().get(0).resolve(IdentityFiles.EXTRACT_INFO);
            if (!Files.isRegularFile(infoFile)) {
                return "IDs: none (" + infoFile + " is missing: an extract from before export-extracts wrote it); import-linkage needs them\n";
            }
            info = IdentityFiles.readExtractInfo(infoFile);
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<String> rowFiles = present(o.dirs(), IdentityFiles.LINK_ROWS, null);
            rows = rowFiles.isEmpty() ? null : csv(spark, rowFiles, IdentityFiles.LINK_ROWS_HEADER.length);
            List<String> previousFiles = present(o.dirs(), IdentityFiles.PREVIOUS, o.previousFile());
            previous = previousFiles.isEmpty() ? JavaPairRDD.fromJavaRDD(sc.emptyRDD())
                    : csv(spark, previousFiles, IdentityFiles.PREVIOUS_HEADER.length).mapToPair(c -> new Tuple2<>(IdCarryOver.key(c[0], c[1]), c[2]));
            List<String> householdFiles = present(o.dirs(), IdentityFiles.HOUSEHOLDS, o.householdsFile());
            households = householdFiles.isEmpty() ? JavaPairRDD.fromJavaRDD(sc.emptyRDD())
                    : csv(spark, householdFiles, IdentityFiles.HOUSEHOLDS_HEADER.length).mapToPair(c -> new Tuple2<>(c[0], c[1]));
        }
        SparkIds.Outcome ids = SparkIds.carryOver(linked, rows, previous, households, info.asOf(), IdCarryOver.NewIds.ofHex(info.idSeed()), partitions);
        SparkLink.Result r = linked.result();
        List<IdentityRun.Review> review = new ArrayList<>(r.review().size());
        for (SparkLink.ReviewPair rp : r.review()) {
            String[] a = rp.keyA().split("\u0000", 2);
            String[] b = rp.keyB().split("\u0000", 2);
            review.add(new IdentityRun.Review(a[0], a[1], b[0], b[1], rp.probability(), rp.explanation()));
        }
        IdentityRun.Counts counts = new IdentityRun.Counts(ids.rows(), ids.persons(), ids.created(), ids.kept(), ids.children(), r.candidatePairs(),
                r.joined(), review.size());
        IdentityFiles.writeRun(o.out(), () -> ids.links().values().toLocalIterator(), ids.newHouseholds(), review, r.passes(), counts, info,
                r.model().toJson());
        return String.format("IDs: rows %,d, persons %,d, kept their ID %,d, new %,d, children %,d, new households %,d, vote group rounds %d%n",
                ids.rows(), ids.persons(), ids.kept(), ids.created(), ids.children(), ids.newHouseholds().size(), ids.groupRounds());
    }

    /** {@code given} if set, else every folder's {@code name} that exists. */
    private static List<String> present(List<Path> dirs, String name, Path given) {
        List<String> out = new ArrayList<>();
        if (given != null) {
            out.add(given.toAbsolutePath().toString());
            return out;
        }
        for (Path d : dirs) {
            if (Files.isRegularFile(d.resolve(name))) {
                out.add(d.resolve(name).toAbsolutePath().toString());
            }
        }
        return out;
    }

    /** A CSV file (with its header) as rows of text cells, each checked for its number of columns. */
    private static JavaRDD<String[]> csv(SparkSession spark, List<String> files, int columns) {
        return spark.read().option("header", "true").option("escape", "\"").option("inferSchema", "false")
                .csv(files.toArray(String[]::new)).javaRDD().map(row -> {
                    if (row.length() != columns) {
                        throw new IllegalArgumentException("列数が違います / a row has " + row.length() + " columns, not " + columns + ": " + files);
                    }
                    String[] c = new String[columns];
                    for (int i = 0; i < columns; i++) {
                        c[i] = row.isNullAt(i) ? null : row.getString(i);
                    }
                    return c;
                });
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " には値が必要です / " + option + " needs a value");
        }
        return args[i];
    }

    static String[] columns(Row row) {
        if (row.length() != LinkRecordsCsv.HEADER.length) {
            throw new IllegalArgumentException("名寄せ用抽出の列数が違います / a linkage extract row has " + row.length() + " columns, not "
                    + LinkRecordsCsv.HEADER.length);
        }
        String[] c = new String[row.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = row.isNullAt(i) ? null : row.getString(i);
        }
        return c;
    }

    static List<SparkLink.KeyedDecision> readDecisions(Path file) throws IOException {
        List<SparkLink.KeyedDecision> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(new SparkLink.KeyedDecision(row.get(0), row.get(1), row.get(2), row.get(3), Boolean.parseBoolean(row.get(4))));
            }
        }
        return out;
    }

    /**
     * Sorted by record, so that two runs' files compare byte for byte. The persons come from the executors a
     * partition at a time, never all on the driver.
     */
    static void write(SparkLink.Linked linked, Path out) throws IOException {
        SparkLink.Result r = linked.result();
        try (Writer w = Files.newBufferedWriter(out.resolve("persons.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180)) {
            p.printRecord("source", "record_id", "person", "probability");
            Iterator<Tuple3<String, String, Double>> persons = linked.persons().toLocalIterator();
            while (persons.hasNext()) {
                Tuple3<String, String, Double> e = persons.next();
                String[] k = e._1().split("\u0000", 2);
                p.printRecord(SafeCsv.neutralise(k[0]), SafeCsv.neutralise(k[1]), SafeCsv.neutralise(e._2().replace('\u0000', ':')), e._3());
            }
        }
        try (Writer w = Files.newBufferedWriter(out.resolve("review.csv"), StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180)) {
            p.printRecord("source_a", "record_id_a", "source_b", "record_id_b", "probability");
            for (SparkLink.ReviewPair rp : r.review()) {
                String[] a = rp.keyA().split("\u0000", 2);
                String[] b = rp.keyB().split("\u0000", 2);
                p.printRecord(SafeCsv.neutralise(a[0]), SafeCsv.neutralise(a[1]), SafeCsv.neutralise(b[0]), SafeCsv.neutralise(b[1]), rp.probability());
            }
        }
        Files.writeString(out.resolve("model.json"), r.model().toJson());
    }
}
