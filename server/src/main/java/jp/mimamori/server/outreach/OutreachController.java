package jp.mimamori.server.outreach;

import java.util.List;
import jp.mimamori.server.access.FieldError;
import jp.mimamori.server.access.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outreach worklist: the supervisor's decisions (approve, dismiss with a reason, assign with an
 * action) and the caseworker's outcomes. Centre roles; decisions CENTER_SUPERVISOR and ADMIN (checked in
 * {@link OutreachService}).
 */
@Controller
public class OutreachController {

    private final OutreachService outreach;

    public OutreachController(OutreachService outreach) {
        this.outreach = outreach;
    }

    static boolean supervisor(Authentication auth) {
        return jp.mimamori.server.access.Role.supervises(auth);
    }

    @GetMapping("/center/outreach")
    public String list(Authentication auth, Model model) {
        boolean everyone = supervisor(auth);
        model.addAttribute("items", outreach.worklist(everyone));
        model.addAttribute("supervisor", everyone);
        model.addAttribute("actions", OutreachAction.values());
        model.addAttribute("outcomes", OutreachOutcome.values());
        return "outreach/list";
    }

    private interface Change {
        void run();
    }

    private String change(RedirectAttributes redirect, Change c) {
        try {
            c.run();
            redirect.addFlashAttribute("message", "保存しました / saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/center/outreach";
    }

    @PostMapping("/center/outreach/{id}/approve")
    public String approve(@PathVariable long id, RedirectAttributes redirect) {
        return change(redirect, () -> outreach.approve(id));
    }

    @PostMapping("/center/outreach/{id}/dismiss")
    public String dismiss(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return change(redirect, () -> outreach.dismiss(id, reason));
    }

    @PostMapping("/center/outreach/{id}/assign")
    public String assign(@PathVariable long id, @RequestParam(required = false) String assignee, @RequestParam(required = false) String action,
                         RedirectAttributes redirect) {
        return change(redirect, () -> outreach.assign(id, assignee, parse(OutreachAction.class, action, "action")));
    }

    @PostMapping("/center/outreach/{id}/outcome")
    public String outcome(@PathVariable long id, @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
                          RedirectAttributes redirect) {
        return change(redirect, () -> outreach.recordOutcome(id, parse(OutreachOutcome.class, outcome, "outcome"), note));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldError(field, "選択肢にない値です: " + value, "not one of the choices: " + value)));
        }
    }
}
