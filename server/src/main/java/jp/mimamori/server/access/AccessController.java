package jp.mimamori.server.access;

import jp.mimamori.server.audit.Actor;
import jakarta.servlet.http.HttpSession;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.validation.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in page, "who am I, what may I do", and one's own password and sessions (any signed-in role). */
@Controller
public class AccessController {

    private final UserService users;
    private final String oidcLabel;

    public AccessController(UserService users, @org.springframework.beans.factory.annotation.Value("${mimamori.oidc.issuer-uri:}") String issuer,
                            @org.springframework.beans.factory.annotation.Value("${mimamori.oidc.label:市の認証基盤でログイン / Sign in with the city account}") String label) {
        this.users = users;
        this.oidcLabel = issuer.isBlank() ? null : label;
    }

    @GetMapping("/login")
    public String login(Model model) {
        model.addAttribute("oidcLabel", oidcLabel);
        return "access/login";
    }

    @GetMapping("/")
    public String me(Model model) {
        model.addAttribute("roles", Role.values());
        model.addAttribute("sources", SourceSystem.values());
        return "access/me";
    }

    @GetMapping("/me/password")
    public String passwordForm() {
        return "access/password";
    }

    @PostMapping("/me/password")
    public String changePassword(@RequestParam(required = false) String current, @RequestParam(required = false) String password,
                                 HttpSession session, Model model, RedirectAttributes redirect) {
        try {
            SessionRevocation.signedIn(session, users.changeOwnPassword(Actor.current(), current, password));
            redirect.addFlashAttribute("message", "パスワードを変更しました。ほかの端末のセッションは終了しました / password changed; your other sessions have ended");
            return "redirect:/";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.errors());
            return "access/password";
        }
    }

    /** Ends every other session of the signed-in person; this one continues. */
    @PostMapping("/me/sessions/revoke")
    public String signOutEverywhere(HttpSession session, RedirectAttributes redirect) {
        SessionRevocation.signedIn(session, users.revokeOwnSessions(Actor.current()));
        redirect.addFlashAttribute("message", "ほかのすべての端末からサインアウトしました / signed out on every other device");
        return "redirect:/";
    }
}
