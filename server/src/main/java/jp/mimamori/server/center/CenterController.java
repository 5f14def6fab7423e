package jp.mimamori.server.center;

import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.cases.CaseController;
import jp.mimamori.server.cases.CaseService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The centre's home: search, alerts and open cases (CENTER_CASEWORKER, CENTER_SUPERVISOR, ADMIN). */
@Controller
public class CenterController {

    private final CaseService cases;

    public CenterController(CaseService cases) {
        this.cases = cases;
    }

    @GetMapping("/center")
    public String home(Authentication auth, Model model) {
        boolean everyone = CaseController.everyone(auth);
        model.addAttribute("alerts", cases.alertsFor(everyone));
        model.addAttribute("noContactDays", cases.noContactDays());
        model.addAttribute("cases", cases.openCases(everyone));
        model.addAttribute("everyone", everyone);
        model.addAttribute("sources", SourceSystem.values());
        return "center/index";
    }
}
