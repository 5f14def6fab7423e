package jp.mimamori.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A load's problems as CSV (UTF-8 with BOM, so that Excel opens the Japanese correctly). */
final class ProblemsCsv {

    private ProblemsCsv() {
    }

    static void write(IngestRepository repository, LoadReport load, Writer out) throws IOException {
        out.write('\uFEFF');
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
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
