package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.assess.AssessService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mimamori import-assessment DIR}: an assessment computed on Spark stored as this month's run (the server's administrator). */
@Command(name = "import-assessment", mixinStandardHelpOptions = true,
        description = {"Store the assessment `./mimamori spark assess --out DIR` computed (DIR/assessment.properties, children.csv,",
            "flags.csv, reasons.csv) as a finished assessment run: indicators, flags, scores, ranks and reasons, and the outreach",
            "proposals filed exactly as after `assess`. Checked whole before anything is stored; one transaction. Audited."})
public final class ImportAssessmentCommand extends DatabaseCommand {

    @Parameters(paramLabel = "DIR", description = "The folder spark assess wrote (its --out).")
    Path dir;

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) {
        long t0 = System.nanoTime();
        AssessService service = ctx.getBean(AssessService.class);
        AssessService.Summary s = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN, () -> service.importRun(DatabaseCommand.job(), dir));
        out.printf("評価結果を取り込みました / assessment run %d imported as of %s: %,d children, %,d flagged by %s; model: %,d came forward, "
                        + "label frequency %.3f, estimated share in need %.3f%s; %.1f s%n", s.runId(), s.asOf(), s.children(), s.flagged(), s.rules(),
                s.positives(), s.labelFrequency(), s.estimatedPrior(),
                s.priorGiven() ? String.format(", scores calibrated to the given %.3f", s.classPrior()) : "", (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
