package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import jp.mimamori.server.ingest.FolderIngest;

/** Lets tests in feature packages drive the ingest command's reporting without starting a second application. */
public final class IngestCommandAccess {

    private IngestCommandAccess() {
    }

    public static int run(FolderIngest ingest, List<FolderIngest.Entry> entries, Path reports, PrintWriter out, PrintWriter err, int show) {
        return IngestCommand.run(ingest, entries, reports, out, err, show);
    }

    /**
     * {@code ./mimamori loads ARGS} on the test's own application: the arguments are parsed by the
     * command itself (options, required reasons), then the chosen command runs on {@code ctx}.
     */
    public static int loads(org.springframework.context.ConfigurableApplicationContext ctx, PrintWriter out, String... args) throws Exception {
        var cl = new picocli.CommandLine(new LoadsCommand());
        cl.setOut(out);
        cl.setErr(out);
        var parsed = cl.parseArgs(args).asCommandLineList();
        Object last = parsed.get(parsed.size() - 1).getCommand();
        return ((DatabaseCommand) last).run(ctx, out);
    }
}
