package jp.mimamori.synth;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.mimamori.core.source.SourceSystem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The ground truth beside the extracts: which true person and household every record is about, and every corrupted row. */
final class Truth implements Closeable {

    private final CSVPrinter records;
    private final CSVPrinter corruptions;

    Truth(Path dir) throws IOException {
        Files.createDirectories(dir);
        records = open(dir.resolve("records.csv"), "source", "record_id", "person_id", "household_id", "role");
        corruptions = open(dir.resolve("corruptions.csv"), "source", "file", "line", "column", "kind", "value");
    }

    static CSVPrinter open(Path file, String... header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
        p.printRecord((Object[]) header);
        return p;
    }

    void record(SourceSystem s, String recordId, Person p, String role) {
        print(records, s.code(), recordId, Ids.person(p.id), Ids.household(p.household.id), role);
    }

    void corruption(SourceSystem s, String file, int line, String column, String kind, String value) {
        print(corruptions, s.code(), file, line, column, kind, value);
    }

    static void print(CSVPrinter p, Object... values) {
        try {
            p.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        records.close();
        corruptions.close();
    }
}
