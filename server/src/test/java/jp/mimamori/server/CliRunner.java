package jp.mimamori.server;

import java.io.PrintWriter;

/** The command line, in-process, for tests in other packages. */
public final class CliRunner {

    private CliRunner() {
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return MimamoriCli.run(out, err, args);
    }
}
