package jp.mimamori.server.report;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Aggregated, de-identified statistics (ANALYST, CENTER_SUPERVISOR, ADMIN): never a named child.
 * Trends for prevention and whom the assessment reaches, small cells suppressed ({@link Trends}).
 */
@Controller
public class StatsController {

    private final Trends trends;

    public StatsController(Trends trends) {
        this.trends = trends;
    }

    @GetMapping("/stats")
    public String home(@RequestParam(required = false) String window, Model model) {
        boolean after = "after".equals(window);
        model.addAttribute("view", trends.latest(after).orElse(null));
        model.addAttribute("after", after);
        return "report/index";
    }
}
