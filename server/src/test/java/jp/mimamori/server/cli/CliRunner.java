package jp.mimamori.server.cli;

import java.io.PrintWriter;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** The command line, in-process, for tests in other packages. */
public final class CliRunner {

    private CliRunner() {
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return MimamoriCli.run(out, err, args);
    }

    /**
     * A database command ({@code link}, {@code assess}, {@code audit verify}, {@code import-ledger} …) on an
     * application the test has already started, e.g. on an external database a killed process shared:
     * the arguments are parsed by the real command, which then runs on {@code ctx} instead of opening its
     * own; an error is printed as the command line prints it (one bilingual line) and gives exit code 2.
     */
    public static int onContext(ConfigurableApplicationContext ctx, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new MimamoriCli());
        cl.setOut(out);
        cl.setErr(err);
        var parsed = cl.parseArgs(args).asCommandLineList();
        Object last = parsed.get(parsed.size() - 1).getCommand();
        if (!(last instanceof DatabaseCommand command)) {
            throw new IllegalArgumentException("not a database command: " + String.join(" ", args));
        }
        try {
            return command.run(ctx, out);
        } catch (Exception e) {
            err.println("エラー / error: " + MimamoriCli.rootMessage(e));
            return 2;
        }
    }
}
