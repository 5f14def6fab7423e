package jp.mimamori.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import jp.mimamori.server.validation.Nul;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only, hash-chained audit log. A row written inside a business transaction commits or
 * rolls back with it, so a change to personal data and its audit row never part.
 */
@Service
public class AuditLog {

    static final String GENESIS = "0".repeat(64);
    /** The advisory lock a writer holds while it extends the chain, until its transaction ends. */
    public static final long CHAIN_LOCK = 7_420_001L;

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    public AuditLog(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Event(String actor, String actorRole, AuditAction action, String target, String purpose, String detail, String remoteAddr) {
    }

    /** The outcome of walking the chain: intact, or the id of the first row whose hash does not follow. */
    public record Verification(long rowsChecked, Optional<Long> firstBrokenId) {
        public boolean intact() {
            return firstBrokenId.isEmpty();
        }
    }

    @Transactional
    public void record(Event e) {
        // What people typed reaches the log (a sign-in name, a searched text); a NUL in it would make PostgreSQL
        // refuse the row, and a refusal that cannot be written is a refusal nobody sees.
        e = new Event(Nul.escape(e.actor()), Nul.escape(e.actorRole()), e.action(), Nul.escape(e.target()), Nul.escape(e.purpose()),
                Nul.escape(e.detail()), Nul.escape(e.remoteAddr()));
        // One writer at a time extends the chain; the lock is released at commit.
        jdbc.sql("select pg_advisory_xact_lock(:k)").param("k", CHAIN_LOCK).query((rs, i) -> 1).list();
        String prev = jdbc.sql("select hash from audit_event order by id desc limit 1").query(String.class).optional().orElse(GENESIS);
        // The application's clock (an instant, kept in UTC for the hash); pages show it in the city's zone.
        OffsetDateTime at = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        String hash = hash(prev, at, e.actor(), e.actorRole(), e.action().name(), e.target(), e.purpose(), e.detail(), e.remoteAddr());
        jdbc.sql("""
                insert into audit_event (at, actor, actor_role, action, target, purpose, detail, remote_addr, prev_hash, hash)
                values (:at, :actor, :role, :action, :target, :purpose, :detail, :addr, :prev, :hash)""")
                .param("at", at).param("actor", e.actor()).param("role", e.actorRole()).param("action", e.action().name())
                .param("target", e.target()).param("purpose", e.purpose()).param("detail", e.detail())
                .param("addr", e.remoteAddr()).param("prev", prev).param("hash", hash)
                .update();
    }

    /**
     * Records an event in its own transaction, so that it survives the caller's rollback: a refusal
     * raised as an exception inside a business transaction. Call it before the caller has written any
     * audit row in its transaction (that row's chain lock would be waited for by this one).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void recordIndependently(Event e) {
        record(e);
    }

    /** Every row of the log (the backup says how many it saved). */
    public long count() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    public List<AuditEntry> recent(int limit) {
        return jdbc.sql("select * from audit_event order by id desc limit :n").param("n", limit).query(AuditLog::map).list();
    }

    /** What the administrator searches the log by; every part optional. */
    public record Filter(String actor, String child, String action, java.time.LocalDate from, java.time.LocalDate to) {

        String where() {
            StringBuilder w = new StringBuilder("true");
            if (actor != null) {
                w.append(" and actor = :actor");
            }
            if (child != null) {
                // A child's reference is the target of views of the child and named in the detail of case and referral rows.
                w.append(" and (target = :child or strpos(detail, :child) > 0 or strpos(target, :child) > 0)");
            }
            if (action != null) {
                w.append(" and action = :action");
            }
            if (from != null) {
                w.append(" and at >= :from");
            }
            if (to != null) {
                w.append(" and at < :to");
            }
            return w.toString();
        }

        /** Binds the filter; a day from and to is a day in the city's zone, as the administrator means it. */
        org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bind(org.springframework.jdbc.core.simple.JdbcClient.StatementSpec s,
                                                                           java.time.ZoneId jst) {
            if (actor != null) {
                s = s.param("actor", actor);
            }
            if (child != null) {
                s = s.param("child", child);
            }
            if (action != null) {
                s = s.param("action", action);
            }
            if (from != null) {
                s = s.param("from", from.atStartOfDay(jst).toOffsetDateTime());
            }
            if (to != null) {
                s = s.param("to", to.plusDays(1).atStartOfDay(jst).toOffsetDateTime());
            }
            return s;
        }
    }

    /** Rows matching the filter, newest first. */
    public List<AuditEntry> search(Filter f, int limit) {
        return f.bind(jdbc.sql("select * from audit_event where " + f.where() + " order by id desc limit :n").param("n", limit), clock.getZone())
                .query(AuditLog::map).list();
    }

    /** Every row matching the filter, oldest first, one at a time (exports of any size). */
    public void each(Filter f, java.util.function.Consumer<AuditEntry> row) {
        f.bind(jdbc.sql("select * from audit_event where " + f.where() + " order by id"), clock.getZone()).query(rs -> {
            row.accept(map(rs, 0));
        });
    }

    public long count(AuditAction action, String actor) {
        return jdbc.sql("select count(*) from audit_event where action = :a and actor = :u")
                .param("a", action.name()).param("u", actor).query(Long.class).single();
    }

    /** Recomputes every row's hash from its content and its predecessor's hash. */
    @Transactional(readOnly = true)
    public Verification verify() {
        String[] prev = {GENESIS};
        long[] checked = {0};
        Long[] broken = {null};
        jdbc.sql("select * from audit_event order by id").query(rs -> {
            if (broken[0] != null) {
                return;
            }
            AuditEntry e = map(rs, 0);
            String expected = hash(prev[0], e.at(), e.actor(), e.actorRole(), e.action(), e.target(), e.purpose(), e.detail(), e.remoteAddr());
            checked[0]++;
            if (!e.prevHash().equals(prev[0]) || !e.hash().equals(expected)) {
                broken[0] = e.id();
            }
            prev[0] = e.hash();
        });
        return new Verification(checked[0], Optional.ofNullable(broken[0]));
    }

    static String hash(String prev, OffsetDateTime at, String... fields) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(prev.getBytes(StandardCharsets.US_ASCII));
            d.update((byte) '\n');
            d.update(at.toInstant().truncatedTo(ChronoUnit.MICROS).toString().getBytes(StandardCharsets.US_ASCII));
            for (String f : fields) {
                // Length-prefixed so that ("ab","c") and ("a","bc") hash differently.
                byte[] b = f == null ? new byte[0] : f.getBytes(StandardCharsets.UTF_8);
                d.update((byte) '\n');
                d.update(Integer.toString(f == null ? -1 : b.length).getBytes(StandardCharsets.US_ASCII));
                d.update((byte) ':');
                d.update(b);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("actor_role"),
                rs.getString("action"), rs.getString("target"), rs.getString("purpose"), rs.getString("detail"),
                rs.getString("remote_addr"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
