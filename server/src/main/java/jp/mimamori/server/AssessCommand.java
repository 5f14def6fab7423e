package jp.mimamori.server;

import java.io.PrintWriter;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.assess.AssessService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

/** {@code ./mimamori assess}: this month's indicators and rule flags for every resident child (the server's administrator). */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"Compute every resident child's indicators from the latest linkage run and the current extracts, and flag the",
            "children the active rules match, each with the rule's reason. Indicators: docs/indicators.md. Audited."})
public final class AssessCommand extends DatabaseCommand {

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) {
        long t0 = System.nanoTime();
        AssessService.Summary s = SystemActor.runAs(LinkCommand.actor(), Role.ADMIN, () -> ctx.getBean(AssessService.class).run());
        out.printf("評価完了 / assessment run %d as of %s: %,d children, %,d flagged by %s; model: %,d came forward, label frequency %.3f, "
                        + "estimated share in need %.3f; %.1f s%n", s.runId(), s.asOf(), s.children(), s.flagged(), s.rules(), s.positives(),
                s.labelFrequency(), s.classPrior(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
