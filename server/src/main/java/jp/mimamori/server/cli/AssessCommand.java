package jp.mimamori.server.cli;

import java.io.PrintWriter;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.assess.AssessService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mimamori assess}: this month's indicators and rule flags for every resident child (the server's administrator). */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"Compute every resident child's indicators from the latest linkage run and the current extracts, and flag the",
            "children the active rules match, each with the rule's reason; train the model, score and rank every child, and",
            "propose children for outreach. Indicators: docs/indicators.md. Audited."})
public final class AssessCommand extends DatabaseCommand {

    @Option(names = "--class-prior", paramLabel = "P",
            description = "Calibrate the scores to this share of children in need (0 < P < 1), e.g. from a survey; default: mimamori.assess.class-prior, else the model's own estimate.")
    Double classPrior;

    @Option(names = "--exclude", split = ",", paramLabel = "INDICATOR",
            description = "Indicators the model may not use this time (comma-separated); default: mimamori.assess.exclude.")
    java.util.List<String> exclude;

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) {
        long t0 = System.nanoTime();
        if (classPrior != null && !(classPrior > 0 && classPrior < 1)) {
            throw new IllegalArgumentException("--class-prior は0より大きく1より小さい値です / --class-prior must be between 0 and 1 exclusive: " + classPrior);
        }
        var excluded = exclude == null ? null : AssessService.indicators("--exclude", exclude);
        AssessService service = ctx.getBean(AssessService.class);
        AssessService.Summary s = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN,
                () -> service.run(DatabaseCommand.job(), classPrior, excluded));
        out.printf("評価完了 / assessment run %d as of %s: %,d children, %,d flagged by %s; model: %,d came forward, label frequency %.3f, "
                        + "estimated share in need %.3f%s; inputs %s; %.1f s%n", s.runId(), s.asOf(), s.children(), s.flagged(), s.rules(), s.positives(),
                s.labelFrequency(), s.estimatedPrior(), s.priorGiven() ? String.format(", scores calibrated to the given %.3f", s.classPrior()) : "",
                s.features(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
