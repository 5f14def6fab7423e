package jp.mimamori.server.center;

import jp.mimamori.core.source.SourceSystem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The centre's home (CENTER_CASEWORKER, CENTER_SUPERVISOR, ADMIN). */
@Controller
public class CenterController {

    @GetMapping("/center")
    public String home(Model model) {
        model.addAttribute("sources", SourceSystem.values());
        return "center/index";
    }
}
