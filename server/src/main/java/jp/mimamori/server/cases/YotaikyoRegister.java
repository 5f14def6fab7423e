package jp.mimamori.server.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.SupervisorOnly;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.print.PrintedPdf;
import jp.mimamori.server.time.Times;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 進行管理台帳 (the progress register) of the 要保護児童対策地域協議会 (要対協, the regional council for
 * children requiring protection): every child the council has registered (要保護児童, 要支援児童, 特定妊婦)
 * with an open case — category, since when, status, caseworker, last contact, next action and the next
 * review — for its 実務者会議 (working-level meeting), as a PDF to print and as Excel for the council's
 * secretariat. Supervisors and administrators only (the matrix and this service both say so); every
 * print or download is audited with the cases it named. Restricted cases are listed, marked as such:
 * the register is the council's, and the supervisors reading it may see them.
 */
@Service
@SupervisorOnly
public class YotaikyoRegister {

    public record Line(String caseNo, String childRef, String childName, LocalDate birth, Yotaikyo category, LocalDate since, CaseStatus status,
                       String caseworker, OffsetDateTime lastContactAt, String nextAction, LocalDate nextDue, LocalDate review, boolean restricted) {
    }

    public record Printed(String fileName, String contentType, byte[] bytes) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Times times;
    private final jp.mimamori.server.web.Labels labels;

    public YotaikyoRegister(JdbcClient jdbc, AuditLog audit, Times times, jp.mimamori.server.web.Labels labels) {
        this.labels = labels;
        this.jdbc = jdbc;
        this.audit = audit;
        this.times = times;
    }

    /** Registered children with an open case: by category, then the review that comes first. */
    List<Line> lines() {
        return jdbc.sql("""
                select c.case_no, coalesce(s.person_id, 'L' || s.id) as ref, s.name, coalesce(p.birth_date, s.birth_date) as birth, c.yotaikyo,
                       c.yotaikyo_since, c.status, c.caseworker, c.last_contact_at, c.next_action, c.next_due, c.yotaikyo_review, c.restricted
                from case_file c join child_subject s on s.id = c.child_id left join identity_person_v p on p.person_id = s.person_id
                where c.status <> 'CLOSED' and c.yotaikyo <> 'NONE'
                order by case c.yotaikyo when 'YOHOGO' then 1 when 'YOSHIEN' then 2 else 3 end, c.yotaikyo_review nulls first, c.case_no""")
                .query((rs, i) -> new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        Yotaikyo.valueOf(rs.getString(5)), rs.getObject(6, LocalDate.class), CaseStatus.valueOf(rs.getString(7)), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class), rs.getString(10), rs.getObject(11, LocalDate.class), rs.getObject(12, LocalDate.class),
                        rs.getBoolean(13)))
                .list();
    }

    private static final List<String> HEAD = List.of("No.", "ケース / Case", "氏名 / Name", "生年月日 / Born", "区分 / Category", "登録日 / Since",
            "状態 / Status", "担当 / Caseworker", "最終接触 / Last contact", "次の対応 / Next action", "次回見直し / Next review");

    private List<String> cells(int n, Line l) {
        return List.of(String.valueOf(n), l.caseNo() + (l.restricted() ? "（制限）" : ""), l.childName(), times.date(l.birth()), l.category().label(),
                times.date(l.since()), l.status().label(), labels.staff(l.caseworker()), times.day(l.lastContactAt()),
                (l.nextAction() == null ? "" : l.nextAction()) + (l.nextDue() == null ? "" : "（" + times.date(l.nextDue()) + "）"),
                l.review() == null ? "未設定 / not set" : times.date(l.review()));
    }

    @Transactional
    public Printed pdf(Actor actor) {
        List<Line> lines = lines();
        String made = times.dateTime(times.now());
        String title = "進行管理台帳（要保護児童対策地域協議会 実務者会議）";
        try (PrintedPdf pdf = new PrintedPdf(title, title + "　作成 " + made + "　" + labels.staff(actor.name()), true)) {
            pdf.title(title + " / Progress register of the regional council");
            pdf.paragraph("作成 / made " + made + "　登録児童 / registered children " + lines.size() + "人（対応中のケース / with an open case）", 9.5f);
            pdf.gap(6);
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                rows.add(cells(i + 1, lines.get(i)));
            }
            pdf.table(HEAD, new float[] {0.5f, 1.4f, 1.4f, 1.9f, 1.3f, 1.9f, 1.1f, 1.1f, 1.9f, 2.4f, 1.9f}, rows, 7);
            byte[] bytes = pdf.bytes();
            audited(actor, "pdf", lines);
            return new Printed("shinko-kanri-daicho-" + times.today() + ".pdf", "application/pdf", bytes);
        }
    }

    @Transactional
    public Printed xlsx(Actor actor) {
        List<Line> lines = lines();
        // Streaming: a city's register is a few hundred rows, but the workbook never holds more than a window of them in memory.
        try (SXSSFWorkbook book = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("進行管理台帳");
            CellStyle bold = book.createCellStyle();
            Font f = book.createFont();
            f.setBold(true);
            bold.setFont(f);
            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue("進行管理台帳（要保護児童対策地域協議会 実務者会議）作成 " + times.dateTime(times.now()));
            Row head = sheet.createRow(1);
            for (int i = 0; i < HEAD.size(); i++) {
                Cell c = head.createCell(i);
                c.setCellValue(HEAD.get(i));
                c.setCellStyle(bold);
            }
            for (int i = 0; i < lines.size(); i++) {
                Row r = sheet.createRow(i + 2);
                List<String> cells = cells(i + 1, lines.get(i));
                for (int k = 0; k < cells.size(); k++) {
                    r.createCell(k).setCellValue(cells.get(k));
                }
            }
            book.write(out);
            book.dispose();
            audited(actor, "xlsx", lines);
            return new Printed("shinko-kanri-daicho-" + times.today() + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void audited(Actor actor, String format, List<Line> lines) {
        audit.record(actor.event(AuditAction.CASE_LISTED, "yotaikyo-register", "進行管理台帳 " + format + ": " + lines.size() + " children: "
                + String.join(" ", lines.stream().map(Line::caseNo).toList())));
    }
}
