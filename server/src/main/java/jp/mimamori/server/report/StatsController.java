package jp.mimamori.server.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jakarta.servlet.http.HttpServletResponse;
import jp.mimamori.core.csv.SafeCsv;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Aggregated, de-identified statistics (ANALYST, CENTER_SUPERVISOR, ADMIN; others 403, audited): never a
 * named child. Trends for prevention and whom the assessment reaches, small cells suppressed
 * ({@link Trends}), each table drawn as SVG beside it and downloadable as CSV with the same cells hidden.
 */
@Controller
public class StatsController {

    /** The tables a CSV may be asked for, as they are named in the address. */
    static final List<String> TABLES = List.of("circumstances", "by-age", "by-area", "monthly", "reach");

    private final Trends trends;
    private final AuditLog audit;

    public StatsController(Trends trends, AuditLog audit) {
        this.trends = trends;
        this.audit = audit;
    }

    @GetMapping("/stats")
    public String home(@RequestParam(required = false) String window, @RequestParam(required = false) String months, Model model,
                       HttpServletResponse response) {
        boolean after = "after".equals(window);
        Integer m = months(months);
        model.addAttribute("after", after);
        model.addAttribute("periods", Trends.PERIODS);
        if (m == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("periodError", "期間は「すべて」「直近3か月」「直近6か月」「直近12か月」から選んでください / choose all, or the last 3, 6 or 12 months");
            m = 0;
        }
        model.addAttribute("months", m);
        model.addAttribute("view", trends.latest(Actor.current(), after, m).orElse(null));
        return "report/index";
    }

    @GetMapping("/stats/{table}.csv")
    public void csv(@PathVariable String table, @RequestParam(required = false) String window, @RequestParam(required = false) String months,
                    HttpServletResponse response) throws IOException {
        Integer m = months(months);
        if (!TABLES.contains(table) || m == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "表の名前または期間が正しくありません / unknown table or period");
            return;
        }
        boolean after = "after".equals(window);
        Trends.View v = trends.latest(Actor.current(), after, m).orElse(null);
        if (v == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "評価がまだ実行されていません / no assessment yet");
            return;
        }
        audit.record(Actor.current().event(AuditAction.STATS_VIEWED, "assess_run:" + v.runId(), "csv " + table + (after ? " after" : "") + " months=" + m));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"stats-" + table + "-" + v.asOf() + ".csv\"");
        try (Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8); SafeCsv csv = new SafeCsv(w, "\r\n")) {
            w.write('\uFEFF'); // Excel reads UTF-8 only with its byte order mark
            for (List<String> row : rows(table, v)) {
                csv.printRecord(row);
            }
        }
    }

    /** The table as the page shows it, cell for cell (＊ where hidden), header first. */
    static List<List<String>> rows(String table, Trends.View v) {
        List<List<String>> out = new ArrayList<>();
        switch (table) {
            case "circumstances" -> {
                out.add(List.of("状況 / circumstance", "対象 / population", "該当 / with", "うち相談 / consulted", "相談率 / rate", "非該当 / without",
                        "うち相談 / consulted", "相談率 / rate", "比 / ratio"));
                for (Trends.Circumstance c : v.circumstances()) {
                    out.add(List.of(c.label(), c.population(), c.with().text(), c.withConsulted().text(), c.withRate(), c.without().text(),
                            c.withoutConsulted().text(), c.withoutRate(), c.ratio()));
                }
            }
            case "reach" -> {
                out.add(List.of("区分 / dimension", "グループ / group", "こども / children", "相談に来た / came forward", "未相談 / not come",
                        "上位5% / in top 5%", "割合 / share", "平均スコア / mean score"));
                for (Trends.Reach r : v.reach()) {
                    out.add(List.of(r.dimension(), r.group(), r.children().text(), r.came().text(), r.ranked().text(), r.top5().text(), r.share(), r.meanScore()));
                }
            }
            default -> {
                Trends.Table t = switch (table) {
                    case "by-age" -> v.byAge();
                    case "by-area" -> v.byArea();
                    default -> v.monthly();
                };
                List<String> header = new ArrayList<>();
                header.add(switch (table) {
                    case "by-age" -> "種別 / type";
                    case "by-area" -> "町名 / area";
                    default -> "月 / month";
                });
                header.addAll(t.columns());
                out.add(header);
                for (Trends.Row r : t.rows()) {
                    List<String> row = new ArrayList<>(List.of(r.label()));
                    row.addAll(r.cells());
                    out.add(row);
                }
                if (t.totals() != null) {
                    List<String> row = new ArrayList<>(List.of(t.totals().label()));
                    row.addAll(t.totals().cells());
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static Integer months(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int m = Integer.parseInt(value.strip());
            return Trends.PERIODS.contains(m) ? m : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
