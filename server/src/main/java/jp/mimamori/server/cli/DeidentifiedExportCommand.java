package jp.mimamori.server.cli;

import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.time.Times;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.report.DeidentifiedExport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./mimamori export-deidentified FILE [--k 10]}: data for use outside the original purpose (目的外利用), the administrator's. */
@Command(name = "export-deidentified", mixinStandardHelpOptions = true,
        description = {"Write one row per resident child with a keyed-hash pseudonym, age band, sex, 町名 and which services know the child,",
            "k-anonymous on (age band, sex, 町名): small groups are generalised, then suppressed. The report goes to FILE.report.txt",
            "and the console. For use outside the original purpose (目的外利用); audited."})
public final class DeidentifiedExportCommand extends DatabaseCommand {

    @Parameters(paramLabel = "FILE", description = "The CSV file to write (UTF-8).")
    Path file;

    @Option(names = "--k", defaultValue = "10", description = "Smallest group size allowed (default: ${DEFAULT-VALUE}).")
    int k;

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) throws Exception {
        DeidentifiedExport.Report r;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            r = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN, () -> {
                try {
                    return ctx.getBean(DeidentifiedExport.class).write(DatabaseCommand.job(), w, k, ctx.getBean(Times.class).today());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        Path report = file.resolveSibling(file.getFileName() + ".report.txt");
        Files.write(report, r.lines(), StandardCharsets.UTF_8);
        r.lines().forEach(out::println);
        out.println("→ " + file.toAbsolutePath() + ", " + report.toAbsolutePath());
        return 0;
    }
}
