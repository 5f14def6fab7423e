package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import jp.mimamori.synth.SynthCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./mimamori}: every command of the platform in one executable. */
@Command(name = "mimamori", mixinStandardHelpOptions = true, version = "Mimamori 0.1.0",
        description = {"Mimamori (見守り): consultation records and proactive outreach for a municipality's child and family support centre.",
            "Run a command with --help for its options."},
        subcommands = {DemoCommand.class, ServeCommand.class, SynthCommand.class, IngestCommand.class, LoadsCommand.class, LinkCommand.Link.class, LinkCommand.Explain.class, LinkCommand.Export.class, LinkCommand.ExportExtracts.class, ImportLinkageCommand.class, LedgerCommand.class, SearchCommand.class, RetentionCommand.class, DeidentifiedExportCommand.class, AssessCommand.class, ImportAssessmentCommand.class, ExportScoresCommand.class, DedupeCommand.class, AuditCommand.class, BackupCommand.class, RestoreCommand.class, CommandLine.HelpCommand.class})
public final class MimamoriCli implements Callable<Integer> {

    /** Exit code a command returns when it left a server running: the JVM must stay up. */
    static final int KEEP_RUNNING = -1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (code != KEEP_RUNNING) {
            System.exit(code);
        }
    }

    /** Runs a command; returns its exit code, or {@link #KEEP_RUNNING} when a server was started. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new MimamoriCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("エラー / error: " + rootMessage(ex));
            if (System.getenv("MIMAMORI_DEBUG") != null) {
                ex.printStackTrace(line.getErr());
            } else {
                line.getErr().println("詳細は MIMAMORI_DEBUG=1 で表示されます / set MIMAMORI_DEBUG=1 for the stack trace");
            }
            return 2;
        });
        cl.setParameterExceptionHandler((ex, args2) -> {
            ex.getCommandLine().getErr().println("エラー / error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("使い方は --help を参照してください / see --help for usage");
            return 2;
        });
        return cl.execute(args);
    }

    /** The innermost cause's message: for a failed start that is the one line that says what is wrong. */
    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
