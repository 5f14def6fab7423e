package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import jp.mimamori.core.extract.Problem;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.server.ingest.LoadReport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mimamori ingest}: loads department extracts from the command line, for scheduled batch
 * use on the server. Runs with administrator rights (whoever can run it has the server anyway) and
 * is audited as {@code cli:<os user>}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Load department extracts into the database.",
            "  ingest --source NAME --month YYYY-MM FILE   one extract file",
            "  ingest DIR                                  every file listed in DIR/manifest.csv (a synth output folder)",
            "Each file loads completely or not at all; bad rows are listed with row, column, value and reason, and written to DATA_DIR/reports/.",
            "A file whose rows, households or share of bad rows differ from the current load by more than mimamori.ingest.hold.max-change (20%),",
            "or whose month is earlier, is stored but held (確認待ち) until an administrator confirms it: see ./mimamori loads.",
            "Exit code 0 when every file loaded and is current, 1 when any was rejected, 3 when any was held (none rejected), 2 on a usage error."})
public final class IngestCommand implements Callable<Integer> {

    @Option(names = "--source", converter = SourceConverter.class,
            description = "Source system code: juki, zei, teate, kosodate, gakurei, shogai, kenko, seiho, komu, soudan.")
    SourceSystem source;

    /** Reads the source code as written in file names and definitions (juki, zei …). */
    public static final class SourceConverter implements CommandLine.ITypeConverter<SourceSystem> {
        @Override
        public SourceSystem convert(String value) {
            return SourceSystem.fromCode(value.strip().toLowerCase()).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "不明なデータ種別です / unknown source '" + value + "' (juki, zei, teate, kosodate, gakurei, shogai, kenko, seiho, komu, soudan)"));
        }
    }

    @Option(names = "--month", converter = YearMonthConverter.class, description = "Month of the extract, YYYY-MM.")
    YearMonth month;

    @CommandLine.Mixin
    DataDirOption data;

    @Option(names = "--show", defaultValue = "50", description = "Problems printed per file (default: ${DEFAULT-VALUE}); all of them go to the CSV report.")
    int show;

    @Option(names = "--stats", description = "Print the rows loaded, the time and the peak heap at the end (used by ./mimamori bench ingest).")
    boolean stats;

    @Parameters(paramLabel = "PATH", description = "An extract file, or a folder with manifest.csv.")
    Path path;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FolderIngest.Entry> entries;
        if (Files.isDirectory(path)) {
            entries = FolderIngest.manifest(path);
        } else if (Files.isRegularFile(path)) {
            if (source == null || month == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "ファイルを指定するときは --source と --month が必要です / a single file needs --source and --month");
            }
            entries = List.of(new FolderIngest.Entry(source, month, path));
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "ファイルもフォルダもありません / no such file or folder: " + path);
        }
        try (ConfigurableApplicationContext ctx = DatabaseCommand.context(data)) {
            long t0 = System.nanoTime();
            int code = run(ctx.getBean(FolderIngest.class), entries, data.dir.resolve("reports"), out, err, show);
            if (stats) {
                long peak = 0;
                for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                out.printf("stats: files %d, seconds %.1f, peak heap %d MiB (sum of heap pools' peaks), max heap %d MiB%n", entries.size(),
                        (System.nanoTime() - t0) / 1e9, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
            return code;
        }
    }


    /** Loads every entry and prints its report; returns 0 when all loaded, 1 when any was rejected, 3 when any was held and none rejected. */
    static int run(FolderIngest ingest, List<FolderIngest.Entry> entries, Path reports, PrintWriter out, PrintWriter err, int show) {
        UserAccount cli = new UserAccount(0, "cli:" + System.getProperty("user.name"), "command line", Role.ADMIN, Optional.empty(), true,
                OffsetDateTime.now());
        int rejected = 0;
        int held = 0;
        for (FolderIngest.Entry e : entries) {
            err.printf("%s %s: %s ...%n", e.source().code(), e.month(), e.file());
            LoadReport r = ingest.load(cli, e, (rows, bytes, total) ->
                    err.printf("  %,d rows, %d%%%n", rows, total == 0 ? 100 : bytes * 100 / total));
            // The code beside the name: the commands take the code, staff read the name.
            out.printf("%-9s %s %s  load %-5d %-8s rows %,9d  loaded %,9d  rejected %,6d  %s / %s%n", r.source(), r.sourceName(), r.month(), r.id(), r.statusJa(),
                    r.rowsTotal(), r.rowsLoaded(), r.rowsRejected(), r.summaryJa(), r.summaryEn());
            out.printf("    方針 / policy: %s%n", r.policyLabel());
            if (r.held()) {
                held++;
                out.printf("    確認待ち: 現行になっていません。管理者が ./mimamori loads confirm %d で確定するか、reject %d で不採用にしてください%n"
                        + "    HELD: not current; an administrator confirms it with ./mimamori loads confirm %d or rejects it with reject %d%n",
                        r.id(), r.id(), r.id(), r.id());
            }
            if (r.problemsTotal() > 0 && r.duplicateOf() == null) {
                for (Problem p : ingest.problems(r, show)) {
                    out.println("    " + p.message());
                }
                if (r.problemsTotal() > show) {
                    out.printf("    … %,d more / ほか %,d 件%n", r.problemsTotal() - show, r.problemsTotal() - show);
                }
                out.println("    report / 報告: " + ingest.writeProblems(r, reports).toAbsolutePath());
            }
            if (!r.loaded() && !r.held()) {
                rejected++;
            }
        }
        return rejected > 0 ? 1 : held > 0 ? 3 : 0;
    }
}
