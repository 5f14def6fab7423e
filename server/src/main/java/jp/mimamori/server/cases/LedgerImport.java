package jp.mimamori.server.cases;

import jp.mimamori.server.time.Times;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.validation.Nul;
import jp.mimamori.server.validation.Uploads;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports the centre's Excel consultation ledger (相談受付簿, .xlsx, one row per consultation) with
 * Apache POI: finds the header row, maps columns to fields by their usual names (staff can change the
 * mapping on the preview), validates every row naming the Excel row and column of each problem, and
 * imports the good rows in one transaction. The receipt number (受付番号) makes re-import idempotent:
 * a row already imported is counted, never duplicated. Children are matched to a こどもID by name key
 * and birth date where exactly one linked person fits, else recorded as centre-only children.
 */
@Service
@CentreOnly
public class LedgerImport {

    /** The fields a ledger row carries, with the column names ledgers use for them. */
    public enum Field {
        RECEIPT_NO(true, "受付番号", "相談番号", "受付No", "番号"),
        RECEIVED_DATE(true, "受付日", "相談日", "受付年月日"),
        RECEIVED_TIME(false, "受付時刻", "時刻", "時間"),
        CHANNEL(true, "相談経路", "経路", "受付方法"),
        CONTACT(true, "相談者", "相談者区分"),
        CHILD_NAME(true, "児童氏名", "こども氏名", "子ども氏名", "氏名"),
        CHILD_KANA(false, "ふりがな", "フリガナ", "児童カナ", "カナ"),
        BIRTH(false, "生年月日", "児童生年月日"),
        SEX(false, "性別", "児童性別"),
        ADDRESS(false, "住所"),
        TYPES(true, "相談種別", "種別", "主訴"),
        URGENCY(true, "緊急度"),
        CONTENT(true, "相談内容", "内容"),
        STAFF(true, "対応者", "担当者", "受付者");

        final boolean required;
        final List<String> names;

        Field(boolean required, String... names) {
            this.required = required;
            this.names = List.of(names);
        }

        public boolean required() {
            return required;
        }

        public String labelJa() {
            return names.get(0);
        }
    }

    public record Problem(int excelRow, String column, String value, String reasonJa, String reasonEn) {
    }

    /** What a file would import, before anything is stored. */
    public record Preview(String token, String fileName, int headerRow, List<String> headers, Map<Field, Integer> mapping,
                          List<List<String>> sample, int rows, int valid, int existing, List<Problem> problems) {
    }

    public record Result(String fileName, int rows, int imported, int existing, List<Problem> problems) {
    }

    /** The file could not be read as a ledger at all: nothing is stored. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String ja, String en) {
            super(ja + " / " + en);
        }
    }

    private record Parsed(int excelRow, String receiptNo, LocalDateTime receivedAt, String channel, String contact, String name, String kana,
                          LocalDate birth, String sex, String address, List<String> types, Urgency urgency, String content, String staff) {
    }

    private record Table(int headerRow, List<String> headers, List<Integer> excelRows, List<List<String>> rows) {
    }

    private static volatile long maxUnpackedBytes = 64L << 20;

    private static final Pattern TOKEN = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern TYPE_SEPARATORS = Pattern.compile("[、,，;；/／・\\n]+");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CodeTable codes;
    private final ChildDirectory children;
    private final ConsultationService consultations;
    private final Path dir;
    private final long maxBytes;

    /**
     * An .xlsx is a zip: 50 KB can unpack to gigabytes of sheet XML, which POI's DOM would try to hold in
     * memory. POI checks every entry as it unpacks it: an entry that inflates more than 100 times (a ratio
     * below 0.01, POI's own default, which real workbooks stay far above) or grows past the configured
     * size is refused. These limits are static in POI, so they are set for the whole JVM here; the only
     * other user of POI in the server, the synthetic ledger writer of the demo, does not read.
     */
    static final double MIN_INFLATE_RATIO = 0.01;

    public LedgerImport(JdbcClient jdbc, AuditLog audit, CodeTable codes, ChildDirectory children, ConsultationService consultations,
                        @Value("${mimamori.data-dir}") Path dataDir, @Value("${mimamori.ledger.max-bytes:52428800}") long maxBytes,
                        @Value("${mimamori.ledger.max-unpacked-bytes:67108864}") long maxUnpackedBytes,
                        Times times) {
        this.times = times;
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(maxUnpackedBytes);
        LedgerImport.maxUnpackedBytes = maxUnpackedBytes;
        this.jdbc = jdbc;
        this.audit = audit;
        this.codes = codes;
        this.children = children;
        this.consultations = consultations;
        this.dir = dataDir.resolve("uploads");
        this.maxBytes = maxBytes;
    }

    private final Times times;

    /** Keeps the upload under a name of our own and previews it; nothing is imported yet. */
    @Transactional
    public Preview upload(Actor actor, String fileName, InputStream in) {
        String token = UUID.randomUUID().toString();
        Path f = file(token);
        try {
            Files.createDirectories(dir);
            removeAbandoned();
            try {
                Uploads.copy(in, f, maxBytes);
            } catch (Uploads.TooLarge e) {
                String limit = Uploads.size(maxBytes);
                throw new Unreadable("ファイルが大きすぎます（上限 " + limit + "）", "the file is larger than the limit of " + limit);
            }
            Files.writeString(dir.resolve("ledger-" + token + ".name"), cleanName(fileName));
            Preview p = preview(token, null);
            audit.record(actor.event(AuditAction.LEDGER_PREVIEWED, "ledger:" + p.fileName(), p.rows() + " rows, " + p.problems().size() + " problems"));
            return p;
        } catch (IOException e) {
            discard(token);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            discard(token);
            throw e;
        }
    }

    /** The preview of a kept upload with a given column mapping (null: the mapping found from the headers). */
    public Preview preview(String token, Map<Field, Integer> mapping) {
        Table t = read(file(checkToken(token)));
        Map<Field, Integer> m = mapping != null ? mapping : mapping(t.headers());
        List<Problem> problems = new ArrayList<>();
        List<Parsed> parsed = parse(t, m, problems);
        Set<String> existing = existing(parsed);
        List<List<String>> sample = t.rows().subList(0, Math.min(10, t.rows().size()));
        return new Preview(token, name(token), t.headerRow(), t.headers(), m, sample, t.rows().size(), parsed.size(), existing.size(), problems);
    }

    /** Imports the good rows of a kept upload in one transaction; rows already imported are skipped. */
    @Transactional
    public Result confirm(Actor actor, String token, Map<Field, Integer> mapping) {
        Path f = file(checkToken(token));
        if (!Files.exists(f)) {
            throw new Unreadable("取込の有効期限が切れました。もう一度アップロードしてください", "this upload is no longer available: upload the file again");
        }
        Result r = importTable(actor, name(token), sha256(f), read(f), mapping);
        discard(token);
        return r;
    }

    /** Reads and imports a ledger file in one step (the command line and the demo). */
    @Transactional
    public Result importFile(Actor actor, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Table t = read(in);
            return importTable(actor, file.getFileName().toString(), sha256(file), t, null);
        } catch (IOException e) {
            throw new Unreadable("ファイルを読めません: " + file, "cannot read " + file);
        }
    }

    private Result importTable(Actor actor, String fileName, String sha256, Table t, Map<Field, Integer> mapping) {
        Map<Field, Integer> m = mapping != null ? mapping : mapping(t.headers());
        List<Problem> problems = new ArrayList<>();
        List<Parsed> parsed = parse(t, m, problems);
        Set<String> existing = existing(parsed);
        int imported = 0;
        for (Parsed p : parsed) {
            if (existing.contains(p.receiptNo())) {
                continue;
            }
            long subject = subjectFor(actor, p);
            consultations.insert(actor, p.receiptNo(), new ConsultationService.NewConsultation(p.receivedAt(), p.channel(), p.contact(), p.types(), p.urgency(),
                    p.content(), p.staff(), Consent.UNKNOWN, List.of()), List.of(subject), "LEDGER");
            imported++;
        }
        jdbc.sql("""
                insert into ledger_import (file_name, sha256, rows_total, rows_imported, rows_existing, rows_bad, imported_by)
                values (:f, :h, :t, :i, :e, :b, :by)""")
                .param("f", fileName).param("h", sha256).param("t", t.rows().size()).param("i", imported).param("e", existing.size())
                .param("b", (int) problems.stream().mapToInt(Problem::excelRow).distinct().count()).param("by", actor.name()).update();
        audit.record(actor.event(AuditAction.LEDGER_IMPORTED, "ledger:" + fileName,
                t.rows().size() + " rows: " + imported + " imported, " + existing.size() + " already there, " + problems.size() + " problems"));
        return new Result(fileName, t.rows().size(), imported, existing.size(), problems);
    }

    /** The linked child where exactly one person has this name and birth date; else a centre-only child, reused across rows. */
    private long subjectFor(Actor actor, Parsed p) {
        String nameKey = JapaneseText.nameKey(p.name());
        if (p.birth() != null) {
            List<String> persons = jdbc.sql("""
                    select distinct k.person_id from identity_person_key_v k join identity_person_v p on p.person_id = k.person_id
                    where k.key = :k and p.birth_date = :b limit 2""").param("k", nameKey).param("b", p.birth()).query(String.class).list();
            if (persons.size() == 1) {
                return children.ensureSubject(actor, persons.get(0));
            }
        }
        Optional<Long> known = jdbc.sql("""
                select id from child_subject where person_id is null and name_key = :k and birth_date is not distinct from :b order by id limit 1""")
                .param("k", nameKey).param("b", p.birth()).query(Long.class).optional();
        return known.orElseGet(() -> children.insert(actor, null, p.name(), p.kana(), p.birth(), p.sex(), p.address(), "ledger " + p.receiptNo()));
    }

    private Set<String> existing(List<Parsed> parsed) {
        if (parsed.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select consultation_no from consultation where consultation_no = any(:n)")
                .param("n", parsed.stream().map(Parsed::receiptNo).toArray(String[]::new)).query(String.class).list());
    }

    /** Each header matched to the field whose usual names include it (first match wins; unmatched columns are ignored). */
    static Map<Field, Integer> mapping(List<String> headers) {
        Map<Field, Integer> m = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            for (String name : f.names) {
                for (int i = 0; i < headers.size(); i++) {
                    if (!m.containsValue(i) && fold(headers.get(i)).equals(fold(name))) {
                        m.putIfAbsent(f, i);
                    }
                }
            }
        }
        return m;
    }

    private List<Parsed> parse(Table t, Map<Field, Integer> m, List<Problem> problems) {
        List<Problem> missing = new ArrayList<>();
        for (Field f : Field.values()) {
            if (f.required && !m.containsKey(f)) {
                missing.add(new Problem(t.headerRow(), f.labelJa(), "", "必須の列「" + f.labelJa() + "」が対応付けられていません",
                        "required column " + f.name() + " (" + f.labelJa() + ") is not mapped"));
            }
        }
        if (!missing.isEmpty()) {
            problems.addAll(missing);
            return List.of();
        }
        Map<String, String> channels = labels(CodeKind.CHANNEL);
        Map<String, String> contacts = labels(CodeKind.CONTACT);
        Map<String, String> types = labels(CodeKind.CONSULTATION_TYPE);
        List<Parsed> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < t.rows().size(); i++) {
            List<String> row = t.rows().get(i);
            int excelRow = t.excelRows().get(i);
            List<Problem> rp = new ArrayList<>();
            java.util.function.Function<Field, String> cell = f -> {
                Integer c = m.get(f);
                return c == null || c >= row.size() ? "" : row.get(c).strip();
            };
            java.util.function.BiConsumer<Field, String[]> bad = (f, reason) ->
                    rp.add(new Problem(excelRow, t.headers().get(m.get(f)), cell.apply(f), reason[0], reason[1]));
            for (Field f : Field.values()) {
                // An .xlsx can carry U+0000 as _x0000_; PostgreSQL could not store it, so the cell is refused by row and column.
                if (m.containsKey(f) && Nul.in(cell.apply(f))) {
                    rp.add(new Problem(excelRow, t.headers().get(m.get(f)), Nul.escape(cell.apply(f)),
                            "NUL文字（U+0000）が含まれています", "contains a NUL character (U+0000)"));
                }
            }
            if (!rp.isEmpty()) {
                problems.addAll(rp);
                continue;
            }
            String receipt = cell.apply(Field.RECEIPT_NO);
            if (receipt.isEmpty()) {
                bad.accept(Field.RECEIPT_NO, new String[] {"受付番号が空です", "receipt number is empty"});
            } else if (!seen.add(receipt)) {
                bad.accept(Field.RECEIPT_NO, new String[] {"受付番号がファイル内で重複しています", "receipt number appears twice in the file"});
            }
            LocalDate day = date(cell.apply(Field.RECEIVED_DATE));
            if (cell.apply(Field.RECEIVED_DATE).isEmpty()) {
                bad.accept(Field.RECEIVED_DATE, new String[] {"受付日が空です", "date received is empty"});
            } else if (day == null) {
                bad.accept(Field.RECEIVED_DATE, new String[] {"日付として読めないか、存在しない日付です", "not a date, or a date that does not exist"});
            } else if (day.isAfter(times.today())) {
                bad.accept(Field.RECEIVED_DATE, new String[] {"受付日が未来です", "date received is in the future"});
            }
            LocalTime time = LocalTime.NOON;
            String tt = cell.apply(Field.RECEIVED_TIME);
            if (!tt.isEmpty()) {
                try {
                    time = LocalTime.parse(JapaneseText.clean(tt).length() == 4 ? "0" + JapaneseText.clean(tt) : JapaneseText.clean(tt));
                } catch (DateTimeParseException e) {
                    bad.accept(Field.RECEIVED_TIME, new String[] {"時刻として読めません（例 9:30）", "not a time (e.g. 9:30)"});
                }
            }
            String channel = channels.get(fold(cell.apply(Field.CHANNEL)));
            if (channel == null) {
                bad.accept(Field.CHANNEL, new String[] {"コード表にない相談経路です", "channel not in the code table"});
            }
            String contact = contacts.get(fold(cell.apply(Field.CONTACT)));
            if (contact == null) {
                bad.accept(Field.CONTACT, new String[] {"コード表にない相談者です", "who contacted is not in the code table"});
            }
            String name = cell.apply(Field.CHILD_NAME);
            if (name.isEmpty()) {
                bad.accept(Field.CHILD_NAME, new String[] {"児童氏名が空です", "child's name is empty"});
            } else if (name.length() > 100) {
                bad.accept(Field.CHILD_NAME, new String[] {"児童氏名が長すぎます（100文字まで）", "child's name is longer than 100 characters"});
            }
            LocalDate birth = null;
            String bt = cell.apply(Field.BIRTH);
            if (!bt.isEmpty()) {
                birth = date(bt);
                if (birth == null) {
                    bad.accept(Field.BIRTH, new String[] {"日付として読めないか、存在しない日付です", "not a date, or a date that does not exist"});
                } else if (day != null && birth.isAfter(day)) {
                    bad.accept(Field.BIRTH, new String[] {"生年月日が受付日より後です", "birth date is after the date received"});
                }
            }
            String sex = switch (JapaneseText.clean(cell.apply(Field.SEX))) {
                case "男", "男性", "M", "1" -> "M";
                case "女", "女性", "F", "2" -> "F";
                case "" -> null;
                default -> {
                    bad.accept(Field.SEX, new String[] {"性別は 男/女 で入力してください", "sex must be 男 or 女"});
                    yield null;
                }
            };
            List<String> typeCodes = new ArrayList<>();
            String typesText = cell.apply(Field.TYPES);
            for (String part : TYPE_SEPARATORS.split(typesText)) {
                if (part.isBlank()) {
                    continue;
                }
                String code = types.get(fold(part));
                if (code == null) {
                    bad.accept(Field.TYPES, new String[] {"コード表にない相談種別です: " + part.strip(), "consultation type not in the code table: " + part.strip()});
                } else if (!typeCodes.contains(code)) {
                    typeCodes.add(code);
                }
            }
            if (typesText.isBlank()) {
                bad.accept(Field.TYPES, new String[] {"相談種別が空です", "consultation type is empty"});
            }
            Optional<Urgency> urgency = Urgency.parse(JapaneseText.clean(cell.apply(Field.URGENCY)));
            if (urgency.isEmpty()) {
                bad.accept(Field.URGENCY, new String[] {"緊急度は 緊急/高/中/低 で入力してください", "urgency must be 緊急, 高, 中 or 低"});
            }
            String content = cell.apply(Field.CONTENT);
            if (content.isEmpty()) {
                bad.accept(Field.CONTENT, new String[] {"相談内容が空です", "content is empty"});
            } else if (content.length() > ConsultationService.MAX_CONTENT) {
                bad.accept(Field.CONTENT, new String[] {"相談内容が長すぎます", "content is too long"});
            }
            String staff = cell.apply(Field.STAFF);
            if (staff.isEmpty()) {
                bad.accept(Field.STAFF, new String[] {"対応者が空です", "staff member is empty"});
            }
            if (!rp.isEmpty()) {
                problems.addAll(rp);
                continue;
            }
            out.add(new Parsed(excelRow, receipt, day.atTime(time), channel, contact, name, blank(cell.apply(Field.CHILD_KANA)), birth, sex,
                    blank(cell.apply(Field.ADDRESS)), typeCodes, urgency.get(), content, staff));
        }
        return out;
    }

    private Map<String, String> labels(CodeKind kind) {
        Map<String, String> m = new java.util.HashMap<>();
        for (CodeTable.Entry e : codes.all(kind)) {
            m.put(fold(e.labelJa()), e.code());
            m.put(fold(e.code()), e.code());
        }
        if (kind == CodeKind.CONSULTATION_TYPE) {
            // Ledgers often write the kind of abuse alone.
            m.putIfAbsent("身体的虐待", "abuse_physical");
            m.putIfAbsent("性的虐待", "abuse_sexual");
            m.putIfAbsent("ネグレクト", "abuse_neglect");
            m.putIfAbsent("心理的虐待", "abuse_psychological");
        }
        return m;
    }

    private static LocalDate date(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return JapaneseDates.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String fold(String s) {
        return CodeTable.fold(s == null ? "" : s);
    }

    private Table read(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            return read(in);
        } catch (IOException e) {
            throw new Unreadable("アップロードを読めません", "cannot read the upload");
        }
    }

    /** The first sheet as text: the header row is the first of the first 20 rows naming at least three known columns. */
    static Table read(InputStream in) {
        try (XSSFWorkbook wb = new XSSFWorkbook(in)) {
            if (wb.getNumberOfSheets() == 0) {
                throw new Unreadable("シートがありません", "the workbook has no sheet");
            }
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter(java.util.Locale.JAPAN);
            int headerIndex = -1;
            List<String> headers = null;
            for (int r = sheet.getFirstRowNum(); r <= Math.min(sheet.getLastRowNum(), sheet.getFirstRowNum() + 20) && r >= 0; r++) {
                List<String> cells = cells(sheet.getRow(r), fmt, -1);
                if (mapping(cells).size() >= 3) {
                    headerIndex = r;
                    headers = cells;
                    break;
                }
            }
            if (headers == null) {
                throw new Unreadable("見出し行が見つかりません（先頭20行に「受付番号」「受付日」「児童氏名」などの列名が必要です）",
                        "no header row found: the first 20 rows must name columns such as 受付番号, 受付日, 児童氏名");
            }
            List<Integer> excelRows = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (int r = headerIndex + 1; r <= sheet.getLastRowNum(); r++) {
                List<String> cells = cells(sheet.getRow(r), fmt, headers.size());
                if (cells.stream().allMatch(String::isBlank)) {
                    continue; // blank lines between or after entries
                }
                excelRows.add(r + 1);
                rows.add(cells);
            }
            return new Table(headerIndex + 1, headers, excelRows, rows);
        } catch (RuntimeException | IOException e) {
            if (e instanceof Unreadable u) {
                throw u;
            }
            if (bomb(e)) {
                String limit = Uploads.size(maxUnpackedBytes);
                throw new Unreadable("展開すると大きすぎるファイルです（圧縮率が異常か、シートが展開後 " + limit + " を超えます。zip bomb の疑い）。何も取り込んでいません",
                        "the file unpacks to far more than it holds (an abnormal compression ratio, or a sheet over " + limit
                                + " unpacked: a zip bomb?); nothing was imported");
            }
            throw translate(e);
        }
    }

    /** POI's refusals of an entry that inflates too much or grows too large, anywhere in the chain of causes. */
    private static boolean bomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("Zip bomb") || m.contains("max entry size") || m.contains("MaxEntrySize") || m.contains("ZipSecureFile")) {
                return true;
            }
        }
        return false;
    }

    private static Unreadable translate(Exception e) {
        if (e instanceof OLE2NotOfficeXmlFileException) {
            return new Unreadable("古い形式（.xls）のファイルです。Excelで「.xlsx」形式で保存し直してください", "this is an old .xls file: save it as .xlsx in Excel first");
        }
        if (e instanceof NotOfficeXmlFileException || e instanceof org.apache.poi.openxml4j.exceptions.InvalidOperationException) {
            return new Unreadable("Excel（.xlsx）ファイルとして読めません", "not an Excel (.xlsx) file");
        }
        // Any other failure of POI on this file (IOException, POIXMLException, a RecordFormatException for an oversized
        // record): the file is not one we can read, and POI's own message is no help to the person uploading it.
        return new Unreadable("Excel（.xlsx）ファイルとして読めません（壊れているか、別の形式です）", "cannot read this as an Excel (.xlsx) file: it is damaged or another format");
    }

    private static List<String> cells(Row row, DataFormatter fmt, int width) {
        List<String> out = new ArrayList<>();
        if (row == null) {
            return width < 0 ? out : new ArrayList<>(java.util.Collections.nCopies(width, ""));
        }
        int last = width < 0 ? Math.max(row.getLastCellNum(), 0) : width;
        for (int c = 0; c < last; c++) {
            Cell cell = row.getCell(c);
            out.add(cell == null ? "" : text(cell, fmt));
        }
        return out;
    }

    /** A cell as staff see it; an Excel date becomes yyyy-MM-dd so it parses like a typed one. */
    private static String text(Cell cell, DataFormatter fmt) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        return fmt.formatCellValue(cell).replace('\u00a0', ' ');
    }

    private Path file(String token) {
        return dir.resolve("ledger-" + token + ".xlsx");
    }

    private String name(String token) {
        try {
            return Files.readString(dir.resolve("ledger-" + token + ".name"));
        } catch (IOException e) {
            return "ledger.xlsx";
        }
    }

    private static String checkToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new ChildNotFoundException("upload " + token);
        }
        return token;
    }

    private void discard(String token) {
        try {
            Files.deleteIfExists(file(token));
            Files.deleteIfExists(dir.resolve("ledger-" + token + ".name"));
        } catch (IOException ignored) {
            // a leftover stays under the data folder, protected like the database, and is overwritten by nothing
        }
    }

    /** Previews nobody confirmed within a day are removed: the file holds personal data and has no further use. */
    private void removeAbandoned() throws IOException {
        java.time.Instant dayAgo = times.instant().minus(java.time.Duration.ofDays(1));
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(x -> x.getFileName().toString().startsWith("ledger-")).toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(dayAgo)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String cleanName(String original) {
        return Uploads.displayName(original == null ? "ledger.xlsx" : original);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String sha256(Path f) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
