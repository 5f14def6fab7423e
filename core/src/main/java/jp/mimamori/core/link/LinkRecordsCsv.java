package jp.mimamori.core.link;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The linkage extract (名寄せ用抽出): exactly the records a linkage run reads, one CSV row each (UTF-8,
 * header, ISO birth dates, empty for absent). It is what a distributed run reads instead of the
 * database, and what the in-process engine would link from the same rows.
 */
public final class LinkRecordsCsv {

    public static final String[] HEADER = {"source", "record_id", "name", "kana", "birth", "sex", "address", "postcode", "shared_id", "household"};

    private LinkRecordsCsv() {
    }

    public static void write(List<LinkRecord> records, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (LinkRecord r : records) {
                out.printRecord(r.source(), r.recordId(), r.name(), r.kana(), r.birth() == null ? null : r.birth().toString(), r.sex(),
                        r.address(), r.postcode(), r.sharedId(), r.household());
            }
        }
    }

    public static List<LinkRecord> read(Path file) throws IOException {
        List<LinkRecord> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6), row.get(7), row.get(8), row.get(9)));
            }
        }
        return out;
    }

    /** One record from the ten columns as written: an empty cell is an absent value. */
    public static LinkRecord of(String source, String recordId, String name, String kana, String birth, String sex, String address,
                                String postcode, String sharedId, String household) {
        return new LinkRecord(blank(source), blank(recordId), blank(name), blank(kana), blank(birth) == null ? null : LocalDate.parse(birth),
                blank(sex), blank(address), blank(postcode), blank(sharedId), blank(household));
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
