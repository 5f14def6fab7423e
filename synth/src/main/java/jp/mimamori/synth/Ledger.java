package jp.mimamori.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.text.JapaneseText;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The centre's consultation ledger (相談受付簿) as staff kept it in Excel before Mimamori: a title row, a
 * header row, one row per consultation, dates sometimes as Excel dates and sometimes typed as 和暦 text,
 * readings in hiragana, several types in one cell. About one row in 150 is deliberately wrong in one
 * cell (an impossible date, a missing name, a channel nobody uses, a birth after the consultation, an
 * unknown type or urgency); every such row is listed in truth/ledger-bad-rows.csv with its Excel row
 * number and column, so an import can be checked to report exactly those.
 */
final class Ledger {

    static final String FILE = "soudan-ledger.xlsx";
    static final String[] HEADER = {"No.", "受付番号", "受付日", "受付時刻", "相談経路", "相談者", "児童氏名", "ふりがな", "生年月日", "性別", "住所",
        "相談種別", "緊急度", "相談内容", "対応者"};
    /** Excel rows are numbered from 1; the title is row 1, the header row 2, data from row 3. */
    static final int FIRST_DATA_ROW = 3;

    record Row(int number, LocalDate date, String channel, String contact, String name, String kana, LocalDate birth, String sex,
               String address, String types, String urgency, String content, String staff) {
    }

    enum Defect {
        IMPOSSIBLE_DATE("受付日"), MISSING_NAME("児童氏名"), UNKNOWN_CHANNEL("相談経路"), BIRTH_AFTER_CONSULTATION("生年月日"),
        UNKNOWN_TYPE("相談種別"), UNKNOWN_URGENCY("緊急度");

        final String column;

        Defect(String column) {
            this.column = column;
        }
    }

    static {
        // POI logs through log4j-api; the server routes it to SLF4J, but the standalone generator has no
        // provider and log4j would print an error line on every run. Warnings still reach stderr.
        if (System.getProperty("log4j2.loggerContextFactory") == null && !present("org.apache.logging.slf4j.SLF4JLoggerContextFactory")) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Ledger.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private Ledger() {
    }

    static void write(List<Row> rows, long seed, Path out, Path truthDir) throws IOException {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::date).thenComparingInt(Row::number));
        // Streaming (SXSSF): a 1,000,000-resident city's ledger has some 50,000 rows, which the DOM-based
        // workbook builds slowly and in a lot of memory.
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200);
             CSVPrinter bad = Truth.open(truthDir.resolve("ledger-bad-rows.csv"), "excel_row", "receipt_no", "column", "defect")) {
            Sheet sheet = wb.createSheet("相談受付簿");
            CreationHelper help = wb.getCreationHelper();
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(help.createDataFormat().getFormat("yyyy/m/d"));
            sheet.createRow(0).createCell(0).setCellValue("子ども家庭支援センター 相談受付簿（合成データ / synthetic）");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, HEADER.length - 1));
            org.apache.poi.ss.usermodel.Row header = sheet.createRow(FIRST_DATA_ROW - 2);
            for (int i = 0; i < HEADER.length; i++) {
                header.createCell(i).setCellValue(HEADER[i]);
            }
            int r = FIRST_DATA_ROW - 1;
            for (Row k : sorted) {
                org.apache.poi.ss.usermodel.Row x = sheet.createRow(r);
                int excelRow = r + 1;
                double u = Stable.unit(seed, k.number(), 9101, 0);
                Defect defect = u < 1.0 / 150 ? Defect.values()[Stable.below(seed, k.number(), 9102, 0, Defect.values().length)] : null;
                x.createCell(0).setCellValue(r - FIRST_DATA_ROW + 2);
                x.createCell(1).setCellValue(String.format("S%07d", k.number()));
                if (defect == Defect.IMPOSSIBLE_DATE) {
                    x.createCell(2).setCellValue(JapaneseDates.format(k.date(), DateNotation.WAREKI_KANJI).replaceFirst("\\d+月\\d+日$", "2月30日"));
                } else {
                    date(x, 2, k.date(), Stable.unit(seed, k.number(), 9103, 0), dateStyle);
                }
                double t = Stable.unit(seed, k.number(), 9104, 0);
                x.createCell(3).setCellValue(t < 0.3 ? "" : String.format("%d:%02d", 9 + (int) (t * 8), (int) (t * 1000) % 4 * 15));
                x.createCell(4).setCellValue(defect == Defect.UNKNOWN_CHANNEL ? "FAX" : k.channel());
                x.createCell(5).setCellValue(k.contact());
                x.createCell(6).setCellValue(defect == Defect.MISSING_NAME ? "" : k.name());
                x.createCell(7).setCellValue(k.kana() == null ? "" : hiragana(k.kana()));
                LocalDate birth = defect == Defect.BIRTH_AFTER_CONSULTATION ? k.date().plusDays(40) : k.birth();
                date(x, 8, birth, Stable.unit(seed, k.number(), 9105, 0), dateStyle);
                x.createCell(9).setCellValue(k.sex());
                x.createCell(10).setCellValue(k.address());
                x.createCell(11).setCellValue(defect == Defect.UNKNOWN_TYPE ? "よくわからない相談" : k.types().replace(";", "、"));
                x.createCell(12).setCellValue(defect == Defect.UNKNOWN_URGENCY ? "至急" : k.urgency());
                x.createCell(13).setCellValue(k.content());
                x.createCell(14).setCellValue(k.staff());
                if (defect != null) {
                    bad.printRecord(excelRow, String.format("S%07d", k.number()), defect.column, defect.name());
                }
                r++;
            }
            for (int i = 0; i < HEADER.length; i++) {
                sheet.setColumnWidth(i, i == 13 ? 60 * 256 : 14 * 256);
            }
            wb.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(java.util.Optional.of(java.util.Date.from(FIXED_TIME)));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            wb.write(bytes);
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp)) {
                deterministic(bytes.toByteArray(), os);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The time stamped inside the file, so that one seed always gives the same bytes. */
    private static final java.time.Instant FIXED_TIME = java.time.Instant.parse("2026-01-01T00:00:00Z");

    /** Rewrites the .xlsx (a zip) with a fixed time on every entry: POI stamps the current time. */
    private static void deterministic(byte[] xlsx, OutputStream out) throws IOException {
        // Read through the central directory (ZipFile): the streaming workbook writes local headers
        // without sizes, which ZipInputStream refuses.
        Path tmp = Files.createTempFile("mimamori-ledger", ".zip");
        try {
            Files.write(tmp, xlsx);
            try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(tmp.toFile());
                 java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
                for (java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
                    java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(e.getName());
                    copy.setTime(FIXED_TIME.toEpochMilli());
                    zip.putNextEntry(copy);
                    try (var data = in.getInputStream(e)) {
                        data.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Most dates are Excel dates; some were typed as 和暦 text, as staff do. */
    private static void date(org.apache.poi.ss.usermodel.Row x, int col, LocalDate d, double u, CellStyle style) {
        if (u < 0.7) {
            var cell = x.createCell(col);
            cell.setCellValue(d);
            cell.setCellStyle(style);
        } else {
            x.createCell(col).setCellValue(JapaneseDates.format(d, u < 0.85 ? DateNotation.WAREKI_KANJI : DateNotation.WAREKI_LETTER));
        }
    }

    private static String hiragana(String kana) {
        String k = JapaneseText.clean(kana);
        StringBuilder b = new StringBuilder(k.length());
        for (char c : k.toCharArray()) {
            b.append(c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : c);
        }
        return b.toString();
    }
}
