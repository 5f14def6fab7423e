package jp.mimamori.server.assess;

import jp.mimamori.server.audit.Actor;
import java.util.ArrayList;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.server.validation.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The flagging rules page (/center/rules): centre roles read the rules, their history and the
 * indicators a condition may use; CENTER_SUPERVISOR and ADMIN file a new version or retire a rule and
 * count whom a typed rule would flag before saving it (/center/rules/preview), both enforced in
 * {@link RuleBook}. A change applies from the next {@code ./mimamori assess}. A refused form is drawn
 * again as it was typed (400), each problem once, at its field.
 */
@Controller
public class RuleController {

    private final RuleBook rules;

    public RuleController(RuleBook rules) {
        this.rules = rules;
    }

    @GetMapping("/center/rules")
    public String list(@RequestParam(required = false) String history, @RequestParam(required = false) String edit, Authentication auth, Model model) {
        RuleForm form = RuleForm.blank();
        if (edit != null && !edit.isBlank()) {
            form = rules.history(edit).stream().findFirst().map(RuleForm::of).orElse(form);
        }
        page(model, auth, form);
        if (history != null && !history.isBlank()) {
            model.addAttribute("historyCode", history);
            model.addAttribute("history", rules.history(history));
        }
        return "assess/rules";
    }

    @PostMapping("/center/rules")
    public String save(@RequestParam(required = false) String code, @RequestParam(required = false) String nameJa,
                       @RequestParam(required = false) String reasonJa, @RequestParam(required = false) String minAge,
                       @RequestParam(required = false) String maxAge, @RequestParam(required = false) List<String> ind,
                       @RequestParam(required = false) List<String> op, @RequestParam(required = false) List<String> val,
                       @RequestParam(required = false) String conditions, @RequestParam(required = false) String active,
                       Authentication auth, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        RuleForm form = form(code, nameJa, reasonJa, minAge, maxAge, ind, op, val, conditions, active);
        try {
            int v = rules.save(Actor.current(), form);
            redirect.addFlashAttribute("message", "保存しました（" + code.strip() + " 第" + v + "版。次回の評価から適用）/ saved as version " + v
                    + ", applied from the next assessment");
            return "redirect:/center/rules";
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            page(model, auth, form);
            model.addAttribute("formErrors", e.errors());
            return "assess/rules";
        }
    }

    /** The count of children the typed rule would flag now; nothing saved. Only the count's box for htmx, the whole page otherwise. */
    @PostMapping("/center/rules/preview")
    public String preview(@RequestParam(required = false) String code, @RequestParam(required = false) String nameJa,
                          @RequestParam(required = false) String reasonJa, @RequestParam(required = false) String minAge,
                          @RequestParam(required = false) String maxAge, @RequestParam(required = false) List<String> ind,
                          @RequestParam(required = false) List<String> op, @RequestParam(required = false) List<String> val,
                          @RequestParam(required = false) String conditions, @RequestParam(required = false) String active,
                          Authentication auth, Model model, HttpServletRequest request, HttpServletResponse response) {
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        RuleForm form = form(code, nameJa, reasonJa, minAge, maxAge, ind, op, val, conditions, active);
        if (!htmx) {
            page(model, auth, form);
        }
        try {
            rules.preview(form).ifPresentOrElse(p -> model.addAttribute("preview", p), () -> model.addAttribute("noAssessment", true));
        } catch (InvalidInputException e) {
            // An htmx answer is swapped into the count's box, so its problems are named there; the whole page names them at their fields.
            model.addAttribute(htmx ? "previewErrors" : "formErrors", e.errors());
            if (!htmx) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
        }
        return htmx ? "assess/rules :: preview" : "assess/rules";
    }

    private void page(Model model, Authentication auth, RuleForm form) {
        model.addAttribute("rules", rules.latest());
        model.addAttribute("indicators", Indicator.values());
        model.addAttribute("ops", RuleForm.Op.values());
        model.addAttribute("mayEdit", jp.mimamori.server.access.Role.supervises(auth));
        model.addAttribute("form", form);
    }

    private static RuleForm form(String code, String nameJa, String reasonJa, String minAge, String maxAge, List<String> ind, List<String> op,
                                 List<String> val, String conditions, String active) {
        List<RuleForm.Row> rows = new ArrayList<>();
        int n = Math.max(ind == null ? 0 : ind.size(), val == null ? 0 : val.size());
        for (int i = 0; i < n && i < 20; i++) {
            rows.add(new RuleForm.Row(at(ind, i), at(op, i), at(val, i)));
        }
        // The stored notation only from a caller that sends no rows (the form always sends them).
        String text = rows.isEmpty() && conditions != null ? conditions : null;
        return new RuleForm(code, nameJa, reasonJa, minAge, maxAge, rows, text, active != null);
    }

    private static String at(List<String> values, int i) {
        return values == null || i >= values.size() ? "" : values.get(i);
    }
}
