package jp.mimamori.server;

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
}
