package jp.mimamori.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import jp.mimamori.core.csv.SafeCsv;

/**
 * A load's problems as CSV (UTF-8 with BOM, so that Excel opens the Japanese correctly). The value column
 * is whatever the department's file held, so it goes through {@link SafeCsv} like every CSV we write.
 */
final class ProblemsCsv {

    private ProblemsCsv() {
    }

    static void write(IngestRepository repository, LoadReport load, Writer out) throws IOException {
        out.write('\uFEFF');
        try (SafeCsv p = new SafeCsv(out, "\r\n")) {
            p.printRecord("行 / row", "列 / column", "値 / value", "理由", "reason");
            repository.eachProblem(load.id(), pr -> {
                try {
                    p.printRecord(pr.line(), pr.column(), pr.value(), pr.reasonJa(), pr.reasonEn());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
