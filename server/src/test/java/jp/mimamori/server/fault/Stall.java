package jp.mimamori.server.fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Holds the work of another Mimamori at a chosen point, without a sleep: the test takes a lock the
 * work needs there (a table it writes next, the audit chain's advisory lock it takes last, a source's
 * load lock), waits until PostgreSQL shows a session blocked behind it, and only then kills the process.
 * The kill thus lands inside the work's transaction at a known statement, with everything before it
 * written (and visible to the test through {@link #holds}), every time, however fast or slow the
 * machine is. After a kill the test keeps holding the lock and waits for the dead client's session to
 * go ({@link #awaitGone}): the application's sessions check their client every few seconds
 * (client_connection_check_interval), so even one stuck behind a lock rolls back and frees its own
 * locks without help. {@link #release} lets living work go on (the concurrency tests).
 */
public final class Stall implements AutoCloseable {

    /** Holds the lock (a table lock lives in an open transaction). */
    private final Connection c;
    /**
     * Looks at the other sessions: in autocommit, because PostgreSQL keeps one picture of
     * pg_stat_activity per transaction, and a session started later would never appear in the holder's.
     */
    private final Connection observer;
    private final int pid;
    private final String what;
    private final Long advisory;

    private Stall(Connection c, Connection observer, String what, Long advisory) throws SQLException {
        this.c = c;
        this.observer = observer;
        this.what = what;
        this.advisory = advisory;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_backend_pid()")) {
            r.next();
            this.pid = r.getInt(1);
        }
    }

    /** Holds {@code table} (ACCESS EXCLUSIVE): whoever reads or writes it next waits. */
    public static Stall onTable(FaultDb db, String table) throws SQLException {
        Connection c = db.owner();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("lock table " + table + " in access exclusive mode");
        }
        return new Stall(c, db.owner(), "table " + table, null);
    }

    /** Holds an advisory lock (the audit chain's, a source's loads'): whoever takes it next waits. */
    public static Stall onAdvisoryLock(FaultDb db, long key) throws SQLException {
        Connection c = db.owner();
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_lock(?)")) {
            s.setLong(1, key);
            s.executeQuery().close();
        }
        return new Stall(c, db.owner(), "advisory lock " + key, key);
    }

    /** Waits until {@code count} sessions wait for this lock; their pids. Fails when the work ended (or never came) first. */
    public List<Integer> awaitBlocked(int count, BooleanSupplier workAlive, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Integer> blocked = blocked();
            if (blocked.size() >= count) {
                return blocked;
            }
            if (!workAlive.getAsBoolean()) {
                throw new AssertionError("the work ended before it reached the " + what);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no session reached the " + what + " within " + seconds + " s");
    }

    public int awaitBlocked(BooleanSupplier workAlive, long seconds) throws Exception {
        return awaitBlocked(1, workAlive, seconds).get(0);
    }

    /** The sessions waiting for this lock now. */
    public List<Integer> blocked() throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement s = observer.prepareStatement("select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid)) order by pid")) {
            s.setInt(1, pid);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pids.add(r.getInt(1));
                }
            }
        }
        return pids;
    }

    /** Whether session {@code other} has written {@code table} in its open transaction (it holds ROW EXCLUSIVE on it). */
    public boolean holds(int other, String table) throws SQLException {
        try (PreparedStatement s = observer.prepareStatement("""
                select count(*) from pg_locks l join pg_class t on t.oid = l.relation
                where l.pid = ? and t.relname = ? and l.mode = 'RowExclusiveLock' and l.granted""")) {
            s.setInt(1, other);
            s.setString(2, table);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        }
    }

    /** Lets the waiting sessions go on. */
    public void release() throws SQLException {
        if (advisory != null) {
            try (PreparedStatement s = c.prepareStatement("select pg_advisory_unlock(?)")) {
                s.setLong(1, advisory);
                s.executeQuery().close();
            }
        } else if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    /** Waits until session {@code other} has ended (a killed client's session, once it noticed). */
    public void awaitGone(int other, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (PreparedStatement s = observer.prepareStatement("select count(*) from pg_stat_activity where pid = ?")) {
            s.setInt(1, other);
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("session " + other + " of the killed process is still there after " + seconds + " s");
    }

    @Override
    public void close() throws SQLException {
        try (observer) {
            c.close();
        }
    }
}
