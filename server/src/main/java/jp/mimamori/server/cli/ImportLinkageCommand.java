package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.identity.LinkageImport;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mimamori import-linkage DIR}: a Spark run's linkage stored as a finished run (the server's administrator). */
@Command(name = "import-linkage", mixinStandardHelpOptions = true,
        description = {"Store the linkage run a Spark run wrote (`./mimamori spark link --out DIR` on an",
            "`export-extracts` folder) as the latest finished run, as `link` would have stored it:",
            "persons and their IDs, households, the review queue, the search index.",
            "Every file is checked first (a fault is named by file, row and column); one transaction:",
            "a refused or failed import stores nothing. Refused when a run or a load happened after",
            "the extract. Administrators only; audited."})
public final class ImportLinkageCommand extends DatabaseCommand {

    @Parameters(paramLabel = "DIR", description = "The folder a Spark run wrote (record-links.csv, link-review.csv, …).")
    Path dir;

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) {
        long t0 = System.nanoTime();
        IdentityService.RunSummary s = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN,
                () -> ctx.getBean(LinkageImport.class).importRun(DatabaseCommand.job(), dir));
        out.printf("名寄せ結果を取り込みました / linkage run %d imported: %,d records → %,d persons (%,d children); kept their ID %,d, new %,d; "
                        + "candidate pairs %,d, linked %,d, for review %,d; %.1f s%n",
                s.runId(), s.records(), s.persons(), s.children(), s.keptPersons(), s.newPersons(), s.candidatePairs(),
                s.matchedPairs(), s.reviewPairs(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
