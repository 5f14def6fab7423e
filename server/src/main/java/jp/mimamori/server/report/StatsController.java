package jp.mimamori.server.report;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Aggregated, de-identified statistics (ANALYST, CENTER_SUPERVISOR, ADMIN): never a named child. */
@Controller
public class StatsController {

    @GetMapping("/stats")
    public String home() {
        return "report/index";
    }
}
