package jp.mimamori.server.ingest;

import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/loads}: the administrator's page of every source's current load, the loads held for
 * confirmation (確認待ち) with why, and the earlier loads that may be made current again. ADMIN only
 * (the URL rule under /admin, and {@link LoadDecisions} checks again and audits a refusal).
 */
@Controller
public class AdminLoadController {

    private final LoadDecisions decisions;
    private final AuditLog audit;

    public AdminLoadController(LoadDecisions decisions, AuditLog audit) {
        this.decisions = decisions;
        this.audit = audit;
    }

    @GetMapping("/admin/loads")
    public String page(Model model) {
        var states = decisions.overview(Actor.current());
        audit.record(Actor.current().event(AuditAction.LOAD_REPORT_VIEWED, "extract_load", "administrator's load page: "
                + states.stream().mapToInt(s -> s.held().size()).sum() + " held"));
        model.addAttribute("states", states);
        model.addAttribute("heldCount", states.stream().mapToInt(s -> s.held().size()).sum());
        model.addAttribute("minReason", LoadDecisions.MIN_REASON);
        return "ingest/admin";
    }

    @PostMapping("/admin/loads/{id}/confirm")
    public String confirm(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return decide(redirect, () -> {
            LoadReport r = decisions.confirm(Actor.current(), id, note);
            return "取込番号 " + r.id() + "（" + r.source() + " " + r.month() + "）を確定し、現行にしました / load " + r.id() + " confirmed: it is now the current one";
        });
    }

    @PostMapping("/admin/loads/{id}/reject")
    public String reject(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return decide(redirect, () -> {
            LoadReport r = decisions.reject(Actor.current(), id, reason);
            return "取込番号 " + r.id() + " を不採用にしました。現行の取込は変わりません / load " + r.id() + " rejected: the current load is unchanged";
        });
    }

    @PostMapping("/admin/loads/{id}/current")
    public String current(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return decide(redirect, () -> {
            LoadReport r = decisions.makeCurrent(Actor.current(), id, reason);
            return "取込番号 " + r.id() + "（" + r.source() + " " + r.month() + "）を現行に戻しました。次の名寄せ・評価から使われます / load " + r.id()
                    + " is current again; the next linkage and assessment use it";
        });
    }

    private interface Decision {
        String run();
    }

    private static String decide(RedirectAttributes redirect, Decision d) {
        try {
            redirect.addFlashAttribute("message", d.run());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/admin/loads";
    }
}
