package jp.mimamori.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.mimamori.server.db.Backups;
import jp.mimamori.server.db.PgTools;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mimamori backup FILE}: the embedded database to one pg_dump archive (the server's administrator). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up the embedded database to FILE with PostgreSQL's pg_dump (custom format).",
            "Works while the server runs (one consistent snapshot) or when it is stopped. Never overwrites FILE.",
            "The keys under DATA_DIR/keys (data key, database passwords) are not in the backup: keep a copy of them apart from it.",
            "An external PostgreSQL (MIMAMORI_DB_URL) is backed up by its DBA with pg_dump; see README."})
public final class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to write (must not exist).")
    Path file;

    @CommandLine.Mixin
    DataDirOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RestoreCommand.refuseExternal();
        Backups.BackupResult r = Backups.backup(data.dir, file, PgTools.require());
        spec.commandLine().getOut().printf("バックアップを作成しました / backup written: %s (%,d bytes, %,d audit rows%s)%n", r.file(), r.bytes(), r.auditRows(),
                r.online() ? ", taken from the running server" : "");
        spec.commandLine().getOut().printf("鍵 (%s) はバックアップに含まれません。別の場所に保管してください / the keys in %s are not in the backup: keep a copy apart from it%n",
                data.dir.resolve("keys"), data.dir.resolve("keys"));
        return 0;
    }
}
