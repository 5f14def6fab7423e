package jp.mimamori.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jp.mimamori.server.MimamoriApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mimamori serve}: the web application on the existing data. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the web application (default http://localhost:8080).",
            "Uses the embedded PostgreSQL under DATA_DIR/pg unless MIMAMORI_DB_URL, MIMAMORI_DB_USER and MIMAMORI_DB_PASSWORD name an external one.",
            "On the very first start it creates the user 'admin' and prints its one-time password."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Mixin
    DataDirOption data;

    @Override
    public Integer call() {
        start(port, data.dir, List.of());
        return MimamoriCli.KEEP_RUNNING;
    }

    static void start(int port, Path dataDir, List<String> extra) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        args.add("--mimamori.data-dir=" + dataDir.toAbsolutePath());
        args.addAll(extra);
        SpringApplication.run(MimamoriApplication.class, args.toArray(String[]::new));
    }
}
