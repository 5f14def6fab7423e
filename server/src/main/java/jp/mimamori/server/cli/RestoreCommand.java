package jp.mimamori.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mimamori.server.db.Backups;
import jp.mimamori.server.db.PgTools;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./mimamori restore FILE}: replaces the embedded database with a backup (the server's administrator, server stopped). */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the embedded database with the backup in FILE (made by ./mimamori backup). Stop the server first.",
            "The backup is restored into a fresh database and checked (Mimamori's tables, schema version, audit hash chain) before it",
            "takes the current database's place, so a refused or failed restore changes nothing. The replaced database is kept as",
            "mimamori_before_restore_<time> unless --drop-previous is given."})
public final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A backup made by ./mimamori backup.")
    Path file;

    @Option(names = "--drop-previous", description = "Drop the replaced database after a successful restore instead of keeping it.")
    boolean dropPrevious;

    @CommandLine.Mixin
    DataDirOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        refuseExternal();
        Backups.RestoreResult r = Backups.restore(data.dir, file, PgTools.require(), dropPrevious);
        spec.commandLine().getOut().printf("復元しました / restored %s: schema V%d, %,d audit rows, the audit chain is intact%n", file, r.migrationVersion(), r.auditRows());
        if (r.previousDropped()) {
            spec.commandLine().getOut().println("置き換えたデータベースは削除しました / the replaced database was dropped");
        } else {
            spec.commandLine().getOut().printf("置き換えたデータベースは %s として保存しています / the replaced database is kept as %s%n", r.previousDatabase(), r.previousDatabase());
        }
        return 0;
    }

    /** These commands work on the embedded database only; an external one is its DBA's to back up. */
    static void refuseExternal() {
        String url = System.getenv("MIMAMORI_DB_URL");
        if (url != null && !url.isBlank()) {
            throw new IllegalStateException("外部PostgreSQL (MIMAMORI_DB_URL) はDBAが pg_dump / pg_restore でバックアップします（READMEを参照）/ "
                    + "MIMAMORI_DB_URL names an external PostgreSQL: its DBA backs it up with pg_dump and pg_restore (see README); "
                    + "backup and restore work on the embedded database only");
        }
    }
}
