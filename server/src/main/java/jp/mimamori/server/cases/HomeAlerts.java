package jp.mimamori.server.cases;

import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.access.AccessController;
import jp.mimamori.server.access.Role;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the centre's alerts on the home page of caseworkers (their own cases) and supervisors and
 * administrators (the whole centre), so an overdue follow-up is the first thing they see.
 */
@ControllerAdvice(assignableTypes = AccessController.class)
public class HomeAlerts {

    private final FollowUps followUps;

    public HomeAlerts(FollowUps followUps) {
        this.followUps = followUps;
    }

    @ModelAttribute
    public void alerts(Authentication auth, Model model) {
        if (auth == null || !auth.isAuthenticated() || auth.getAuthorities().stream().noneMatch(a ->
                a.getAuthority().equals(Role.CENTER_CASEWORKER.authority()) || a.getAuthority().equals(Role.CENTER_SUPERVISOR.authority())
                        || a.getAuthority().equals(Role.ADMIN.authority()))) {
            return;
        }
        model.addAttribute("alerts", followUps.alertsFor(Actor.current(), CaseController.everyone(auth)));
        model.addAttribute("noContactDays", followUps.noContactDays());
    }
}
