package jp.mimamori.server.db;

import java.time.OffsetDateTime;
import java.util.Optional;
import jp.mimamori.server.time.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One run at a time of a monthly job that rewrites a whole derived table set (名寄せ, 評価), across every
 * process on the database: the server, a scheduled {@code ./mimamori link} and an administrator's
 * second terminal (with an external PostgreSQL they are separate processes; with the embedded one, the
 * server's demo pipeline and a command are). Two linkage runs at once would each carry persons' IDs over
 * from the same previous run, both give out new IDs for the same new people and leave two "latest"
 * search indexes written over each other; two assessments would both file the month's proposals.
 *
 * <p>A PostgreSQL advisory lock taken with {@code pg_try_advisory_xact_lock} as the run's transaction
 * begins: held exactly as long as the run's transaction (its rows commit or roll back with it, so a
 * run killed with SIGKILL frees the lock the moment PostgreSQL sees its connection close, and leaves
 * no "running" flag behind to clear by hand), and never waited for: the second run is refused at once
 * with a message naming the one that is running, instead of queueing behind it for an hour. The run
 * labels its database session ({@code application_name}, reset when its transaction ends) with its
 * id and who started it, so that the refusal can name them; pg_locks and pg_stat_activity are readable
 * by the application's own role for its own sessions.
 *
 * <p>Advisory lock keys used by Mimamori: 7420001 the audit hash chain, 7420100 + n the loads of source
 * n, and the two below.
 */
public final class RunLock {

    /** The jobs that run one at a time, with their lock keys and their names in both languages. */
    public enum Job {
        LINK(7_420_200L, "link", "名寄せ", "a", "linkage"),
        ASSESS(7_420_201L, "assess", "評価", "an", "assessment");

        final long key;
        final String command;
        final String ja;
        final String article;
        final String en;

        Job(long key, String command, String ja, String article, String en) {
            this.key = key;
            this.command = command;
            this.ja = ja;
            this.article = article;
            this.en = en;
        }

        public long key() {
            return key;
        }

        /** The session label of a run of this job, e.g. {@code mimamori:link:42:cli:alice}. */
        String label(long runId, String actor) {
            return "mimamori:" + command + ":" + runId + ":" + actor;
        }
    }

    /** Another run of the job holds its lock: this one was refused and changed nothing. */
    public static final class Busy extends IllegalStateException {
        private final Job job;
        private final Optional<Long> runningId;

        Busy(Job job, Optional<Long> runningId, String message) {
            super(message);
            this.job = job;
            this.runningId = runningId;
        }

        public Job job() {
            return job;
        }

        /** The id of the run that is running, when its session could be read. */
        public Optional<Long> runningId() {
            return runningId;
        }
    }

    private static final java.time.format.DateTimeFormatter SECONDS = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RunLock() {
    }

    /**
     * Takes the job's lock for the current transaction, or throws {@link Busy} naming the run that holds
     * it. Call it first in the run's transaction, before reading anything the run depends on.
     */
    public static void take(JdbcClient jdbc, Job job, Times times) {
        boolean got = jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", job.key).query(Boolean.class).single();
        if (!got) {
            throw busy(jdbc, job, times);
        }
    }

    /**
     * Names this session after the run (its id is known once its row is inserted), until the run's
     * transaction ends. PostgreSQL keeps 63 bytes of printable ASCII; a longer or non-ASCII user name is
     * shortened or shown with '?', which is enough to find the run in the audit log.
     */
    public static void label(JdbcClient jdbc, Job job, long runId, String actor) {
        jdbc.sql("select set_config('application_name', :n, true)").param("n", job.label(runId, actor)).query(String.class).single();
    }

    private static Busy busy(JdbcClient jdbc, Job job, Times times) {
        // The holder, as pg_locks and pg_stat_activity show it; it may have ended in between (then: no row).
        Optional<Holder> h = jdbc.sql("""
                select l.pid, a.application_name, a.xact_start from pg_locks l left join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.granted and l.classid::bigint = :hi and l.objid::bigint = :lo and l.objsubid = 1 limit 1""")
                .param("hi", job.key >>> 32).param("lo", job.key & 0xffff_ffffL)
                .query((rs, i) -> new Holder(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class))).optional();
        Optional<Long> id = Optional.empty();
        String who = "";
        if (h.isPresent() && h.get().name() != null && h.get().name().startsWith("mimamori:" + job.command + ":")) {
            String[] parts = h.get().name().split(":", 4);
            if (parts.length == 4 && parts[2].matches("\\d+")) {
                id = Optional.of(Long.parseLong(parts[2]));
                who = parts[3];
            }
        }
        String sinceJa = h.map(Holder::since).map(times::dateTimeSeconds).orElse("");
        String sinceEn = h.map(Holder::since).map(t -> t.atZoneSameInstant(times.zone()).format(SECONDS) + " " + times.zoneId()).orElse("");
        String ja = job.ja + "は既に実行中です（" + id.map(n -> job.ja + " " + n).orElse("実行中の" + job.ja)
                + (who.isEmpty() ? "" : "、実行者 " + who) + (sinceJa.isEmpty() ? "" : "、開始 " + sinceJa)
                + h.map(x -> "、データベース接続 " + x.pid()).orElse("") + "）。同時には実行できません。終了してからもう一度実行してください";
        String en = job.article + " " + job.en + " run is already running (" + id.map(n -> job.en + " run " + n).orElse("another " + job.en + " run")
                + (who.isEmpty() ? "" : ", started by " + who) + (sinceEn.isEmpty() ? "" : ", since " + sinceEn)
                + h.map(x -> ", database session " + x.pid()).orElse("") + "); two cannot run at once: run " + job.command
                + " again when it has finished";
        return new Busy(job, id, ja + " / " + en);
    }

    private record Holder(int pid, String name, OffsetDateTime since) {
    }
}
