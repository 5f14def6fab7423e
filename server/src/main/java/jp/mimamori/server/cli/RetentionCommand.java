package jp.mimamori.server.cli;

import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.time.Times;
import java.io.PrintWriter;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.retention.RetentionService;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mimamori retention [--dry-run]}: the nightly retention job, now (the server's administrator). */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = {"Delete what has passed its retention period and write what was deleted to the audit log:",
            "superseded extract loads older than mimamori.retention.extract-months (default 24), and the centre's records of",
            "children mimamori.retention.child-years (default 5) after they turned 18 or moved out, with no open case.",
            "The server does this every night at 02:30 (mimamori.retention.cron)."})
public final class RetentionCommand extends DatabaseCommand {

    @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
    boolean dryRun;

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) {
        RetentionService.Report r = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN,
                () -> ctx.getBean(RetentionService.class).run(DatabaseCommand.job(), ctx.getBean(Times.class).today(), dryRun));
        out.printf("%s%s: %,d superseded loads (%,d rows)%s, %,d children (%,d centre records)%n", dryRun ? "削除予定 / would delete" : "削除 / deleted",
                "", r.loadsPurged().size(), r.rowsPurged(), r.loadsPurged().isEmpty() ? "" : " " + r.loadsPurged(), r.childrenDeleted().size(), r.recordsDeleted());
        r.childrenDeleted().forEach(c -> out.println("  " + c));
        return 0;
    }
}
