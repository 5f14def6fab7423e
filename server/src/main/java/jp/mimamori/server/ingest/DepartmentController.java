package jp.mimamori.server.ingest;

import jp.mimamori.core.source.SourceSystem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A department uploader's home: which source they store (DEPT_UPLOADER, ADMIN). */
@Controller
public class DepartmentController {

    @GetMapping("/dept")
    public String home(Model model) {
        model.addAttribute("sources", SourceSystem.values());
        return "ingest/index";
    }
}
