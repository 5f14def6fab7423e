package jp.mimamori.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, shared by every command that opens the embedded database. */
public final class DataDirOption {

    @Option(names = "--data-dir", defaultValue = "data", description = "Data folder: the embedded database, reports and generated files (default: ./${DEFAULT-VALUE}).")
    Path dir;
}
