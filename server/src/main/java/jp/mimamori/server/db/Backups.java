package jp.mimamori.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backup and restore of the embedded database with PostgreSQL's own pg_dump and pg_restore (custom
 * format: compressed, and readable by any pg_restore of the same major version, so a DBA can use the
 * file without Mimamori). Run by the server's administrator on the server, as the OS account that owns
 * the data folder: the owner's password is read from {@code DATA/keys/}.
 *
 * <p>A restore never leaves a half-restored database: the file goes into a fresh database in one
 * transaction, is checked (Mimamori's tables, a migration version this software knows, an intact audit
 * chain), and only then takes the place of the current database, in one transaction that renames both.
 * The database it replaces is kept under another name, so nothing committed is thrown away unasked.
 */
public final class Backups {

    /** The backup commands run without the application context: the city's zone from the same setting. */
    private static final java.time.Clock AUDIT_CLOCK = java.time.Clock.system(jp.mimamori.server.time.TimeConfig.zone(
            System.getenv().getOrDefault("MIMAMORI_ZONE", jp.mimamori.server.time.TimeConfig.DEFAULT_ZONE)));

    /** The restore's working database; one left by an interrupted restore is dropped at the next. */
    static final String RESTORING = EmbeddedDatabase.DATABASE + "_restoring";
    static final String PREVIOUS_PREFIX = EmbeddedDatabase.DATABASE + "_before_restore_";
    /** Tables whose presence in the archive's table of contents marks it as a Mimamori database. */
    static final List<String> MARKER_TABLES = List.of("flyway_schema_history", "audit_event", "app_user");

    private Backups() {
    }

    public static String actor() {
        return "cli:" + System.getProperty("user.name");
    }

    /** What a backup wrote. */
    public record BackupResult(Path file, long bytes, long auditRows, boolean online) {
    }

    /**
     * Writes a backup of the embedded database in {@code dataDir} to {@code file} (refused when it exists).
     * When a Mimamori is running on the folder the dump is taken from that server (pg_dump reads one
     * consistent snapshot while the application goes on); otherwise the database is started for it.
     */
    public static BackupResult backup(Path dataDir, Path file, PgTools tools) throws IOException, SQLException {
        requireCluster(dataDir);
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("ファイルが既に存在します（上書きしません）/ " + file + " already exists: choose a new file name (a backup never overwrites)");
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new IllegalArgumentException("フォルダがありません / the folder " + target.getParent() + " does not exist");
        }
        Optional<Integer> running = EmbeddedDatabase.runningPort(dataDir);
        String ownerPw = PasswordFile.readOrCreate(PasswordFile.of(dataDir.resolve("keys"), EmbeddedDatabase.OWNER));
        EmbeddedDatabase started = running.isPresent() ? null : EmbeddedDatabase.start(dataDir, 0, false, EmbeddedDatabase.Durability.DURABLE);
        int port = running.orElseGet(() -> started.port());
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try {
            long auditRows;
            try (Connection c = connect(port, EmbeddedDatabase.DATABASE, ownerPw)) {
                // The backup is itself in the log it saves: who took it and where it went.
                audit(c, AuditAction.DATABASE_BACKED_UP, "backup to " + target + (running.isPresent() ? " (online)" : ""));
                auditRows = new AuditLog(JdbcClient.create(new SingleConnectionDataSource(c, true)), AUDIT_CLOCK).count();
            }
            Files.deleteIfExists(tmp);
            PgTools.Result r = tools.run("pg_dump", List.of("--format=custom", "--no-password", "--host=127.0.0.1", "--port=" + port,
                    "--username=" + EmbeddedDatabase.OWNER, "--dbname=" + EmbeddedDatabase.DATABASE, "--file=" + tmp), ownerPw, null);
            if (!r.ok()) {
                throw new IllegalStateException("バックアップに失敗しました / pg_dump failed: " + r.firstError());
            }
            // Read back the table of contents before calling it a backup.
            PgTools.Result list = tools.run("pg_restore", List.of("--list", tmp.toString()), ownerPw, null);
            if (!list.ok() || missingMarkers(list.output()).size() > 0) {
                throw new IllegalStateException("作成したバックアップを読み返せません / the new backup does not read back: " + list.firstError());
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return new BackupResult(target, Files.size(target), auditRows, running.isPresent());
        } finally {
            Files.deleteIfExists(tmp);
            if (started != null) {
                started.close();
            }
        }
    }

    /** What a restore did. */
    public record RestoreResult(long auditRows, String previousDatabase, boolean previousDropped, int migrationVersion) {
    }

    /**
     * Replaces the embedded database in {@code dataDir} with the backup in {@code file}. Refused, with the
     * current database untouched, when the file is not a Mimamori backup, is damaged, comes from a newer
     * Mimamori, or carries a broken audit chain; and when a Mimamori is running on the folder.
     */
    public static RestoreResult restore(Path dataDir, Path file, PgTools tools, boolean dropPrevious) throws IOException, SQLException {
        checkLooksLikeBackup(file);
        if (EmbeddedDatabase.runningPort(dataDir).isPresent()) {
            throw new IllegalStateException("Mimamoriが起動中です。停止してから復元してください / a Mimamori is running on " + dataDir
                    + ": stop it (Ctrl+C or its service) before restoring");
        }
        PgTools.Result list = tools.run("pg_restore", List.of("--list", file.toString()), "", null);
        if (!list.ok()) {
            throw notABackup(file, "pg_restore cannot read it: " + list.firstError());
        }
        List<String> missing = missingMarkers(list.output());
        if (!missing.isEmpty()) {
            throw notABackup(file, "it is a PostgreSQL archive, but without Mimamori's tables " + missing);
        }
        int known = latestKnownMigration();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0, false, EmbeddedDatabase.Durability.DURABLE)) {
            try (Connection c = db.ownerConnection("postgres"); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + RESTORING);
                s.execute("create database " + RESTORING + " encoding 'UTF8' template template0");
                s.execute("revoke connect, temporary on database " + RESTORING + " from public");
            }
            long auditRows;
            int version;
            try {
                // One transaction: a damaged file fails as a whole, leaving an empty working database to drop.
                PgTools.Result r = tools.run("pg_restore", List.of("--no-password", "--host=127.0.0.1", "--port=" + db.port(),
                        "--username=" + EmbeddedDatabase.OWNER, "--dbname=" + RESTORING, "--single-transaction", "--exit-on-error",
                        "--no-owner", "--no-privileges", file.toString()), db.ownerPassword(), null);
                if (!r.ok()) {
                    throw new IllegalStateException("バックアップを復元できません（ファイルが壊れているか不完全です）。現在のデータベースは変更していません / "
                            + "the backup cannot be restored (damaged or incomplete file); the current database is unchanged: " + r.firstError());
                }
                try (Connection c = db.ownerConnection(RESTORING)) {
                    version = (int) count(c, "select coalesce(max(version::int), 0) from flyway_schema_history where success");
                    if (version > known) {
                        throw new IllegalStateException("このバックアップは新しい版のMimamoriのものです（スキーマ V" + version + "、この版は V" + known
                                + " まで）。現在のデータベースは変更していません / the backup comes from a newer Mimamori (schema V" + version
                                + ", this one knows up to V" + known + "): upgrade Mimamori first; the current database is unchanged");
                    }
                    AuditLog.Verification v = new AuditLog(JdbcClient.create(new SingleConnectionDataSource(c, true)), AUDIT_CLOCK).verify();
                    if (!v.intact()) {
                        throw new IllegalStateException("バックアップの監査ログが改ざんされています（行 " + v.firstBrokenId().orElseThrow()
                                + "）。復元しません / the audit chain in the backup is broken at row " + v.firstBrokenId().orElseThrow()
                                + ": not restored; the current database is unchanged");
                    }
                    auditRows = v.rowsChecked();
                    DatabaseRoles.grant(c, EmbeddedDatabase.APP);
                    DatabaseRoles.grantLinkageReader(c, EmbeddedDatabase.LINKAGE_READER);
                }
            } catch (RuntimeException | SQLException | IOException e) {
                try (Connection c = db.ownerConnection("postgres"); Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + RESTORING);
                }
                throw e;
            }
            String previous = PREVIOUS_PREFIX + LocalDateTime.now(ZoneId.of("Asia/Tokyo")).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
            try (Connection c = db.ownerConnection("postgres"); Statement s = c.createStatement()) {
                s.execute("grant connect, temporary on database " + RESTORING + " to " + EmbeddedDatabase.APP);
                s.execute("grant connect on database " + RESTORING + " to " + EmbeddedDatabase.LINKAGE_READER);
                // Both renames commit together: there is always exactly one database called mimamori.
                c.setAutoCommit(false);
                s.execute("alter database " + EmbeddedDatabase.DATABASE + " rename to " + previous);
                s.execute("alter database " + RESTORING + " rename to " + EmbeddedDatabase.DATABASE);
                c.commit();
                c.setAutoCommit(true);
                if (dropPrevious) {
                    s.execute("drop database " + previous);
                }
            }
            try (Connection c = db.ownerConnection()) {
                audit(c, AuditAction.DATABASE_RESTORED, "restored from " + file.toAbsolutePath() + "; the database it replaced "
                        + (dropPrevious ? "was dropped" : "is kept as " + previous));
            }
            return new RestoreResult(auditRows, previous, dropPrevious, version);
        }
    }

    /** A custom-format pg_dump archive starts with "PGDMP"; anything else is refused before any tool runs. */
    static void checkLooksLikeBackup(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("ファイルがありません / no such file: " + file);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("ファイルを読めません / not a readable file: " + file);
        }
        byte[] head = new byte[5];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 5);
        }
        if (n < 5 || !new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("PGDMP")) {
            throw notABackup(file, n == 0 ? "the file is empty" : "it is not a PostgreSQL custom-format archive");
        }
    }

    static IllegalArgumentException notABackup(Path file, String why) {
        return new IllegalArgumentException("Mimamoriのバックアップではありません（./mimamori backup で作成したファイルを指定してください）。何も変更していません / "
                + file + " is not a Mimamori backup (" + why + "); give a file made by ./mimamori backup. Nothing was changed");
    }

    static List<String> missingMarkers(String toc) {
        List<String> missing = new ArrayList<>();
        for (String t : MARKER_TABLES) {
            if (!Pattern.compile("^\\d+; \\d+ \\d+ TABLE public " + t + " ", Pattern.MULTILINE).matcher(toc).find()) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** The highest migration this software ships (a backup newer than that is not restored). */
    static int latestKnownMigration() throws IOException {
        int max = 0;
        Pattern p = Pattern.compile("V(\\d+)__.*\\.sql");
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql")) {
            Matcher m = p.matcher(r.getFilename() == null ? "" : r.getFilename());
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max;
    }

    static void requireCluster(Path dataDir) {
        if (!Files.exists(dataDir.resolve("pg/PG_VERSION"))) {
            throw new IllegalArgumentException("データベースがありません / there is no embedded database under " + dataDir.resolve("pg")
                    + " (check --data-dir)");
        }
    }

    private static void audit(Connection c, AuditAction action, String detail) {
        SingleConnectionDataSource ds = new SingleConnectionDataSource(c, true);
        // One transaction, so that the chain's advisory lock is held from reading the last hash to the insert.
        new TransactionTemplate(new DataSourceTransactionManager(ds)).executeWithoutResult(s ->
                new AuditLog(JdbcClient.create(ds), AUDIT_CLOCK).record(new AuditLog.Event(actor(), "ADMIN", action, "database", null, detail, null)));
    }

    private static Connection connect(int port, String database, String password) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", EmbeddedDatabase.OWNER);
        p.setProperty("password", password);
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
