package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.cases.LedgerImport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mimamori import-ledger FILE.xlsx}: the centre's Excel consultation ledger, imported by the server's administrator. */
@Command(name = "import-ledger", mixinStandardHelpOptions = true,
        description = {"Import the centre's Excel consultation ledger (相談受付簿, .xlsx, one row per consultation).",
            "Every row is checked first; rows with problems are listed by Excel row and column and not imported.",
            "Rows already imported (same 受付番号) are skipped, so importing the same file again adds nothing.",
            "Exit code 0 when every row was imported or already there, 2 when some rows had problems."})
public final class LedgerCommand extends DatabaseCommand {

    @Parameters(paramLabel = "FILE", description = "The .xlsx file.")
    Path file;

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) {
        if (!Files.isRegularFile(file)) {
            out.println("ファイルがありません / no such file: " + file);
            return 1;
        }
        LedgerImport.Result r = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN, () -> ctx.getBean(LedgerImport.class).importFile(DatabaseCommand.job(), file));
        for (LedgerImport.Problem p : r.problems()) {
            out.printf("  行 / row %d, 列 / column %s, 値 / value \"%s\": %s / %s%n", p.excelRow(), p.column(), p.value(), p.reasonJa(), p.reasonEn());
        }
        out.printf("%s: %,d rows; %,d imported, %,d already imported, %,d problems (not imported)%n",
                r.fileName(), r.rows(), r.imported(), r.existing(), r.problems().size());
        return r.problems().isEmpty() ? 0 : 2;
    }
}
