package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.assess.AssessService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mimamori export-scores FILE}: the latest assessment's ranking (the server's administrator; audited). */
@Command(name = "export-scores", mixinStandardHelpOptions = true,
        description = {"Write child_id,score,rank,top_reasons of the latest assessment, best first: the children whose families",
            "have not come to the centre, with the calibrated score and the factors that raised it. Named children's analysis: audited."})
public final class ExportScoresCommand extends DatabaseCommand {

    @Parameters(paramLabel = "FILE", description = "The CSV file to write (UTF-8).")
    Path file;

    @picocli.CommandLine.Option(names = "--indicators", description = "Add the child's age and every indicator (for evaluation).")
    boolean indicators;

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) throws Exception {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long n = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN, () -> {
                try {
                    return ctx.getBean(AssessService.class).exportScores(DatabaseCommand.job(), w, indicators);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            out.printf("%,d children written to %s%n", n, file.toAbsolutePath());
        }
        return 0;
    }
}
