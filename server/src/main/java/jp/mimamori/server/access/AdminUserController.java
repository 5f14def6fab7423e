package jp.mimamori.server.access;

import jp.mimamori.server.audit.Actor;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.validation.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** User administration pages: ADMIN only (URL rule and method security both). */
@Controller
public class AdminUserController {

    private final UserService users;

    public AdminUserController(UserService users) {
        this.users = users;
    }

    @GetMapping("/admin/users")
    public String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("sources", SourceSystem.values());
        return "admin/users";
    }

    @PostMapping("/admin/users")
    public String create(@RequestParam String username, @RequestParam String displayName, @RequestParam String password,
                         @RequestParam(required = false) Role role, @RequestParam(required = false) String sourceCode,
                         Model model, RedirectAttributes redirect) {
        try {
            UserAccount a = users.create(Actor.current(), new UserService.NewUser(username, displayName, password, role, sourceCode));
            redirect.addFlashAttribute("message", "利用者を作成しました / user created: " + a.username());
            return "redirect:/admin/users";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.errors());
            model.addAttribute("form", new UserService.NewUser(username, displayName, "", role, sourceCode));
            return list(model);
        }
    }

    @PostMapping("/admin/users/{username}/role")
    public String role(@PathVariable String username, @RequestParam(required = false) Role role, @RequestParam(required = false) String sourceCode,
                       RedirectAttributes redirect) {
        try {
            users.changeRole(Actor.current(), username, role, sourceCode);
            redirect.addFlashAttribute("message", "役割を変更しました（本人は再ログインが必要です）/ role changed (the user signs in again): " + username);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/sessions/revoke")
    public String revoke(@PathVariable String username, RedirectAttributes redirect) {
        try {
            users.revokeSessions(Actor.current(), username);
            redirect.addFlashAttribute("message", "すべての端末からサインアウトさせました / signed out everywhere: " + username);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/enabled")
    public String enable(@PathVariable String username, @RequestParam boolean enabled, RedirectAttributes redirect) {
        try {
            users.setEnabled(Actor.current(), username, enabled);
            redirect.addFlashAttribute("message", (enabled ? "有効にしました / enabled: " : "無効にしました / disabled: ") + username);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/admin/users";
    }
}
