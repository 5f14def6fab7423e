package jp.mimamori.server.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The audit log and its chain check: ADMIN only. Looking at the log is itself audited. */
@Controller
public class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    @PreAuthorize("hasRole('ADMIN')")
    public String log(Model model) {
        audit.record(CurrentActor.event(AuditAction.AUDIT_VIEWED, "audit_event", null));
        model.addAttribute("entries", audit.recent(200));
        model.addAttribute("verification", audit.verify());
        return "audit/log";
    }
}
