package jp.mimamori.server.center;

import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.cases.CaseController;
import jp.mimamori.server.cases.CaseFiles;
import jp.mimamori.server.cases.FollowUps;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The centre's home: search, alerts and open cases (CENTER_CASEWORKER, CENTER_SUPERVISOR, ADMIN). */
@Controller
public class CenterController {

    private final CaseFiles cases;
    private final FollowUps followUps;

    public CenterController(CaseFiles cases, FollowUps followUps) {
        this.cases = cases;
        this.followUps = followUps;
    }

    @GetMapping("/center")
    public String home(Authentication auth, Model model) {
        boolean everyone = CaseController.everyone(auth);
        Actor actor = Actor.current();
        model.addAttribute("alerts", followUps.alertsFor(actor, everyone));
        model.addAttribute("noContactDays", followUps.noContactDays());
        model.addAttribute("cases", cases.openCases(actor, everyone));
        model.addAttribute("everyone", everyone);
        model.addAttribute("sources", SourceSystem.values());
        return "center/index";
    }
}
