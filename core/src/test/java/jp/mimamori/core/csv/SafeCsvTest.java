package jp.mimamori.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The OWASP rule for cells a spreadsheet would take for a formula, and numbers left alone. */
class SafeCsvTest {

    static String write(Object... cells) throws Exception {
        StringWriter w = new StringWriter();
        try (SafeCsv csv = new SafeCsv(w, "\r\n")) {
            csv.printRecord(cells);
        }
        return w.toString();
    }

    @Test
    void everyFormulaStartIsQuotedAndPrefixedWithASingleQuote() throws Exception {
        assertThat(write("=1+1")).isEqualTo("\"'=1+1\"\r\n");
        assertThat(write("+81-3-1234")).isEqualTo("\"'+81-3-1234\"\r\n");
        assertThat(write("-2+3")).isEqualTo("\"'-2+3\"\r\n");
        assertThat(write("@SUM(A1:A9)")).isEqualTo("\"'@SUM(A1:A9)\"\r\n");
        assertThat(write("\t=cmd")).isEqualTo("\"'\t=cmd\"\r\n");
        assertThat(write("\r=cmd")).isEqualTo("\"'\r=cmd\"\r\n");
        assertThat(write("=HYPERLINK(\"http://evil.example\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\r\n");
    }

    @Test
    void aNegativeNumberInANumericCellStaysANumberButTheSameTextIsNeutralised() throws Exception {
        assertThat(write(-3, SafeCsv.decimal(-1.25, 2), "-3")).isEqualTo("-3,-1.25,\"'-3\"\r\n");
        assertThat(write(SafeCsv.decimal(0.98765, 4), SafeCsv.decimal(Double.NEGATIVE_INFINITY, 2))).isEqualTo("0.9877,\"'-Infinity\"\r\n");
    }

    @Test
    void ordinaryCellsAreWrittenAsBeforeAndReadBackUnchanged() throws Exception {
        String line = write("source", "山田 太郎", "a,b", "say \"hi\"", null, "", 42L, "x=1", "メール@例");
        assertThat(line).isEqualTo("source,山田 太郎,\"a,b\",\"say \"\"hi\"\"\",,,42,x=1,メール@例\r\n");
        CSVRecord r = CSVFormat.DEFAULT.parse(new StringReader(write("=1+1", "ok", -5))).getRecords().get(0);
        assertThat(r.toList()).isEqualTo(List.of("'=1+1", "ok", "-5"));
    }
}
