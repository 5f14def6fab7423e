package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.ingest.LoadDecisions;
import jp.mimamori.server.ingest.LoadReport;
import jp.mimamori.server.time.Times;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mimamori loads}: the administrator's decisions on the command line, as on /admin/loads:
 * list every source's current and held loads, confirm or reject a held one, make an earlier one
 * current again. Acts as ADMIN, audited as {@code cli:<os user>}.
 */
@Command(name = "loads", mixinStandardHelpOptions = true,
        description = {"Which load of each source is current, and the loads held for confirmation (確認待ち).",
            "  loads                                 list every source's current load, held loads and loads that can be made current again",
            "  loads confirm ID [--note TEXT]         a held load becomes current",
            "  loads reject ID --reason TEXT          a held load is never used (its rows stay on record)",
            "  loads current ID --reason TEXT         make an earlier load current again (roll back); newer loads are withdrawn",
            "Every decision is audited. Exit code 0 on success, 1 when the decision was refused (the reason is printed), 2 on a usage error."},
        subcommands = {LoadsCommand.Confirm.class, LoadsCommand.Reject.class, LoadsCommand.Current.class})
public final class LoadsCommand extends DatabaseCommand {

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) {
        Times times = ctx.getBean(Times.class);
        var states = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN, () -> ctx.getBean(LoadDecisions.class).overview(DatabaseCommand.job()));
        for (var st : states) {
            LoadReport c = st.current();
            out.printf("%-9s %s 現行 / current: %s%n", st.source().code(), st.source().nameJa(), c == null ? "なし / none"
                    : String.format("load %d  %s  %,d rows%s  %s  方針 / policy: %s", c.id(), times.month(c.month()), c.rowsLoaded(),
                    c.households() == null ? "" : String.format("  %,d households", c.households()), times.dateTime(c.uploadedAt()), c.policyLabel()));
            for (LoadReport h : st.held()) {
                out.printf("          確認待ち / HELD: load %d  %s  %,d rows  %s%n            理由: %s%n            why: %s%n", h.id(), times.month(h.month()),
                        h.rowsLoaded(), h.fileName(), h.holdReasonJa(), h.holdReasonEn());
            }
            for (LoadReport r : st.restorable()) {
                out.printf("          %s: load %d  %s  %,d rows%n", r.statusLabel(), r.id(), times.month(r.month()), r.rowsLoaded());
            }
        }
        return 0;
    }

    /** Runs one decision as the command line's administrator; a refused decision prints its reason and exits 1. */
    abstract static class Decision extends DatabaseCommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The load number (取込番号).")
        long id;

        abstract LoadReport decide(LoadDecisions d);

        abstract String done(LoadReport r);

        @Override
        int run(ConfigurableApplicationContext ctx, PrintWriter out) {
            try {
                LoadReport r = SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN, () -> decide(ctx.getBean(LoadDecisions.class)));
                out.println(done(r));
                return 0;
            } catch (InvalidInputException e) {
                PrintWriter err = spec == null ? out : spec.commandLine().getErr();
                e.errors().forEach(f -> err.println("エラー / error: " + f.message()));
                return 1;
            }
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm a held load: it becomes the source's current load.")
    static final class Confirm extends Decision {
        @Option(names = "--note", description = "A note for the audit log (optional).")
        String note;

        @Override
        LoadReport decide(LoadDecisions d) {
            return d.confirm(DatabaseCommand.job(), id, note);
        }

        @Override
        String done(LoadReport r) {
            return "取込番号 " + r.id() + "（" + r.sourceName() + " " + r.month() + "）を確定し、現行にしました / load " + r.id() + " confirmed: it is now current";
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a held load: it is never used; its rows stay on record until retention.")
    static final class Reject extends Decision {
        @Option(names = "--reason", required = true, description = "Why (at least 4 characters; audited).")
        String reason;

        @Override
        LoadReport decide(LoadDecisions d) {
            return d.reject(DatabaseCommand.job(), id, reason);
        }

        @Override
        String done(LoadReport r) {
            return "取込番号 " + r.id() + " を不採用にしました。現行の取込は変わりません / load " + r.id() + " rejected; the current load is unchanged";
        }
    }

    @Command(name = "current", mixinStandardHelpOptions = true,
            description = "Make a stored earlier (or withdrawn) load current again: a roll back. Loads newer than it are withdrawn and not used.")
    static final class Current extends Decision {
        @Option(names = "--reason", required = true, description = "Why (at least 4 characters; audited).")
        String reason;

        @Override
        LoadReport decide(LoadDecisions d) {
            return d.makeCurrent(DatabaseCommand.job(), id, reason);
        }

        @Override
        String done(LoadReport r) {
            return "取込番号 " + r.id() + "（" + r.sourceName() + " " + r.month() + "）を現行に戻しました / load " + r.id() + " is current again";
        }
    }
}
