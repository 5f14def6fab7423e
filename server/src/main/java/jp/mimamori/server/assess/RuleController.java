package jp.mimamori.server.assess;

import jp.mimamori.core.assess.Indicator;
import jp.mimamori.server.access.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The flagging rules page (/center/rules): centre roles read the rules, their history and the
 * indicators a condition may use; CENTER_SUPERVISOR and ADMIN file a new version or retire a rule
 * (enforced in {@link RuleBook}). A change applies from the next {@code ./mimamori assess}.
 */
@Controller
public class RuleController {

    private final RuleBook rules;

    public RuleController(RuleBook rules) {
        this.rules = rules;
    }

    @GetMapping("/center/rules")
    public String list(@RequestParam(required = false) String history, @RequestParam(required = false) String edit, Authentication auth, Model model) {
        model.addAttribute("rules", rules.latest());
        model.addAttribute("indicators", Indicator.values());
        model.addAttribute("mayEdit", jp.mimamori.server.access.Role.supervises(auth));
        if (edit != null && !edit.isBlank()) {
            rules.history(edit).stream().findFirst().ifPresent(v -> model.addAttribute("draft", v));
        }
        if (history != null && !history.isBlank()) {
            model.addAttribute("historyCode", history);
            model.addAttribute("history", rules.history(history));
        }
        return "assess/rules";
    }

    @PostMapping("/center/rules")
    public String save(@RequestParam(required = false) String code, @RequestParam(required = false) String nameJa,
                       @RequestParam(required = false) String reasonJa, @RequestParam(required = false) String minAge,
                       @RequestParam(required = false) String maxAge, @RequestParam(required = false) String conditions,
                       @RequestParam(required = false) String active, RedirectAttributes redirect) {
        try {
            int v = rules.save(code, nameJa, reasonJa, minAge, maxAge, conditions, active != null);
            redirect.addFlashAttribute("message", "保存しました（" + code.strip() + " 第" + v + "版。次回の評価から適用）/ saved as version " + v
                    + ", applied from the next assessment");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/center/rules";
    }
}
