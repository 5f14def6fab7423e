package jp.mimamori.server.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.core.csv.SafeCsv;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log: search by user, child, action and period, export as CSV, and the chain check.
 * ADMIN only. Looking at the log and exporting it are themselves audited.
 */
@Controller
public class AuditController {

    private static final int PAGE = 500;

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    private record Parsed(AuditLog.Filter filter, List<FieldError> errors) {
    }

    private static Parsed filter(String user, String child, String action, String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        String a = blank(action);
        if (a != null && Arrays.stream(AuditAction.values()).noneMatch(x -> x.name().equals(a))) {
            errors.add(new FieldError("action", "不明な操作です: " + a, "unknown action: " + a));
        }
        return new Parsed(new AuditLog.Filter(blank(user), blank(child) == null ? null : blank(child).toUpperCase(), errors.isEmpty() ? a : null,
                date("from", from, errors), date("to", to, errors)), errors);
    }

    @GetMapping("/admin/audit")
    @PreAuthorize("hasRole('ADMIN')")
    public String log(@RequestParam(required = false) String user, @RequestParam(required = false) String child,
                      @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, Model model) {
        Parsed p = filter(user, child, action, from, to);
        audit.record(Actor.current().event(AuditAction.AUDIT_VIEWED, "audit_event", describe(p.filter())));
        model.addAttribute("entries", p.errors().isEmpty() ? audit.search(p.filter(), PAGE) : List.of());
        model.addAttribute("errors", p.errors().isEmpty() ? null : p.errors());
        model.addAttribute("f", p.filter());
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("limit", PAGE);
        model.addAttribute("verification", audit.verify());
        return "audit/log";
    }

    @GetMapping("/admin/audit/export.csv")
    @PreAuthorize("hasRole('ADMIN')")
    public void export(@RequestParam(required = false) String user, @RequestParam(required = false) String child,
                       @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        Parsed p = filter(user, child, action, from, to);
        if (!p.errors().isEmpty()) {
            response.sendError(400, p.errors().get(0).message());
            return;
        }
        // The export is recorded first, so it appears in the chain it exports.
        audit.record(Actor.current().event(AuditAction.AUDIT_EXPORTED, "audit_event", describe(p.filter())));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.csv\"");
        PrintWriter w = response.getWriter();
        w.write('\uFEFF'); // Excel opens UTF-8 CSV correctly only with a BOM
        // Actors, targets and details carry what people typed (a sign-in name, a search): never a formula in Excel.
        try (SafeCsv csv = new SafeCsv(w, "\r\n")) {
            csv.printRecord("id", "at", "actor", "actor_role", "action", "target", "purpose", "detail", "remote_addr", "prev_hash", "hash");
            audit.each(p.filter(), e -> {
                try {
                    csv.printRecord(e.id(), e.at(), e.actor(), e.actorRole(), e.action(), e.target(), e.purpose(), e.detail(), e.remoteAddr(),
                            e.prevHash(), e.hash());
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        }
    }

    private static String describe(AuditLog.Filter f) {
        return "user=" + f.actor() + " child=" + f.child() + " action=" + f.action() + " from=" + f.from() + " to=" + f.to();
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "日付は yyyy-mm-dd で入力してください: " + value, "enter the date as yyyy-mm-dd: " + value));
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
