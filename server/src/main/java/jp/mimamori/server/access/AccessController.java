package jp.mimamori.server.access;

import jp.mimamori.core.source.SourceSystem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in page and "who am I, what may I do" (any signed-in role). */
@Controller
public class AccessController {

    @GetMapping("/login")
    public String login() {
        return "access/login";
    }

    @GetMapping("/")
    public String me(Model model) {
        model.addAttribute("roles", Role.values());
        model.addAttribute("sources", SourceSystem.values());
        return "access/me";
    }
}
