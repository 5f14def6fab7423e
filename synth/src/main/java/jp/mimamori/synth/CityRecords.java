package jp.mimamori.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.link.LinkRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A synthetic city's extracts as linkage input, with the true person behind each record: for
 * evaluating linkage against the ground truth (tests and bench). Rows of one source that say the same
 * thing about the same person (a child's seven health-check rows) are one record.
 */
public final class CityRecords {

    /**
     * @param records    one per distinct record, with the shared identifier (宛名番号) where the source
     *                   carries one, the registry's 世帯番号 as household for registry records only, and
     *                   the postcode where the source has one
     * @param truePerson the true person (P…) behind each record, in the same order
     * @param twins      every pair of twins (and of triplets) in the city
     * @param namesakes  every pair of different persons with the same name, reading, birth date and sex
     */
    public record Loaded(List<LinkRecord> records, List<String> truePerson, List<PersonPair> twins, List<PersonPair> namesakes) {
    }

    /**
     * Column names of (record id, name, kana, birth date, sex, address, shared id, postcode, household)
     * per source; null where absent.
     */
    private static final Map<SourceFormat, String[]> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put(SourceFormat.JUKI, new String[] {"宛名番号", "氏名", "氏名カナ", "生年月日", "性別", "住所", "宛名番号", "郵便番号", "世帯番号"});
        COLUMNS.put(SourceFormat.ZEI, new String[] {"納税義務者番号", "氏名", "ｶﾅ氏名", "生年月日", "性別", "住所", "宛名番号", null, null});
        COLUMNS.put(SourceFormat.TEATE, new String[] {"管理番号", "児童氏名", "児童カナ", "児童生年月日", "児童性別", "住所", "児童宛名番号", null, null});
        COLUMNS.put(SourceFormat.KOSODATE, new String[] {"児童番号", "児童氏名", "児童ふりがな", "生年月日", "性別", "住所", null, null, null});
        COLUMNS.put(SourceFormat.GAKUREI, new String[] {"学齢簿番号", "児童生徒氏名", "フリガナ", "生年月日", "性別", "住所", null, null, null});
        COLUMNS.put(SourceFormat.SHOGAI, new String[] {"受給者証番号", "氏名", "ｶﾅ", "生年月日", "性別", "住所", "住民コード", null, null});
        COLUMNS.put(SourceFormat.KENKO, new String[] {"管理番号", "対象者氏名", "対象者カナ", "生年月日", "性別", "住所", "宛名番号", null, null});
        COLUMNS.put(SourceFormat.SEIHO, new String[] {"世帯員番号", "氏名", "カナ", "生年月日", "性別", "住所", "住民コード", null, null});
        COLUMNS.put(SourceFormat.KOMU, new String[] {"生徒番号", "氏名", "カナ", "生年月日", "性別", null, null, null, null});
        COLUMNS.put(SourceFormat.SOUDAN, new String[] {"相談番号", "児童氏名", "児童カナ", "児童生年月日", "児童性別", "住所", null, null, null});
    }

    private CityRecords() {
    }

    /** The city's records with the shared identifiers its 基幹系 extracts carry. */
    public static Loaded load(Path city) throws IOException {
        return load(city, true);
    }

    /**
     * @param withSharedIds false to leave every record's shared identifier null (the registry's own
     *                      included), to measure linkage on names, dates and addresses alone
     */
    public static Loaded load(Path city, boolean withSharedIds) throws IOException {
        return load(city, withSharedIds, false);
    }

    /**
     * Every source row as ingest would keep it (with the shared identifiers), each with its own record
     * number: rows that say the same thing about one person are all there, for a caller that folds them
     * as the server does ({@code RowFolding}) and votes IDs by rows.
     */
    public static Loaded loadRows(Path city) throws IOException {
        return load(city, true, true);
    }

    private static Loaded load(Path city, boolean withSharedIds, boolean allRows) throws IOException {
        Map<String, String> personOf = new HashMap<>();
        try (Reader r = Files.newBufferedReader(city.resolve("truth/records.csv"))) {
            for (CSVRecord c : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                if (!c.get("role").equals("recipient")) {
                    personOf.put(c.get("source") + ":" + c.get("record_id"), c.get("person_id"));
                }
            }
        }
        List<LinkRecord> records = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (Map.Entry<SourceFormat, String[]> e : COLUMNS.entrySet()) {
            SourceFormat f = e.getKey();
            String[] col = e.getValue();
            Map<String, Boolean> seen = new HashMap<>();
            try (InputStream in = Files.newInputStream(city.resolve(f.fileName()))) {
                if (f.encoding.bom) {
                    in.skipNBytes(3);
                }
                Reader reader = new BufferedReader(new InputStreamReader(in, f.encoding.charset));
                for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                    LocalDate birth;
                    try {
                        birth = f == SourceFormat.JUKI ? JapaneseDates.parse(row.get("生年月日元号"), row.get(col[3])) : JapaneseDates.parse(row.get(col[3]));
                    } catch (RuntimeException bad) {
                        continue; // a deliberately corrupted row: ingest would have quarantined it
                    }
                    String sex = switch (row.get(col[4])) {
                        case "1", "男" -> "1";
                        case "2", "女" -> "2";
                        default -> null;
                    };
                    String address = col[5] == null ? null : f == SourceFormat.JUKI ? row.get(col[5]) + " " + row.get("方書") : row.get(col[5]);
                    String shared = withSharedIds && col[6] != null ? emptyToNull(row.get(col[6])) : null;
                    String postcode = col[7] == null ? null : emptyToNull(row.get(col[7]));
                    String household = col[8] == null ? null : emptyToNull(row.get(col[8]));
                    LinkRecord lr = new LinkRecord(f.source.code(), row.get(col[0]), row.get(col[1]), row.get(col[2]), birth, sex, address,
                            postcode, shared, household);
                    String dedupe = lr.name() + "|" + lr.kana() + "|" + birth + "|" + sex + "|" + address + "|" + shared;
                    if (seen.putIfAbsent(dedupe, true) != null && !allRows || row.get(col[1]).isEmpty()) {
                        continue;
                    }
                    records.add(lr);
                    truth.add(personOf.get(f.source.code() + ":" + row.get(col[0])));
                }
            }
        }
        return new Loaded(records, truth, pairs(city.resolve("truth/twins.csv")), pairs(city.resolve("truth/namesakes.csv")));
    }

    /** A city written before twins and namesakes were listed has neither file: no pairs. */
    private static List<PersonPair> pairs(Path file) throws IOException {
        List<PersonPair> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (Reader r = Files.newBufferedReader(file)) {
            for (CSVRecord c : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(new PersonPair(c.get("person_id_a"), c.get("person_id_b")));
            }
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
