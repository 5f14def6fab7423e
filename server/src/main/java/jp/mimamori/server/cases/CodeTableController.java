package jp.mimamori.server.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The code tables: read by centre roles, edited by CENTER_SUPERVISOR and ADMIN (enforced in {@link CodeTable}). */
@Controller
public class CodeTableController {

    private final CodeTable codes;

    public CodeTableController(CodeTable codes) {
        this.codes = codes;
    }

    @GetMapping("/center/codes")
    public String list(org.springframework.security.core.Authentication auth, Model model) {
        Map<CodeKind, List<CodeTable.Entry>> tables = new LinkedHashMap<>();
        for (CodeKind k : CodeKind.values()) {
            tables.put(k, codes.all(k));
        }
        model.addAttribute("tables", tables);
        model.addAttribute("mayEdit", CaseController.everyone(auth));
        return "cases/codes";
    }

    @PostMapping("/center/codes")
    public String save(@RequestParam(required = false) String kind, @RequestParam(required = false) String code,
                       @RequestParam(required = false) String labelJa, @RequestParam(required = false) String labelEn,
                       @RequestParam(required = false) String active, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        CodeKind k = Forms.choice(CodeKind.class, "kind", kind, errors);
        if (k == null && errors.isEmpty()) {
            errors.add(new FieldError("kind", "コード表を選んでください", "choose a code table"));
        }
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            Integer sort = codes.all(k).stream().filter(e -> e.code().equals(code)).map(CodeTable.Entry::sort).findFirst().orElse(null);
            codes.save(Actor.current(), k, code, labelJa, labelEn, sort, active != null);
            redirect.addFlashAttribute("message", "保存しました / saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/center/codes";
    }
}
