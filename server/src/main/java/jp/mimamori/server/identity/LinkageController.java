package jp.mimamori.server.identity;

import jp.mimamori.server.audit.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The 名寄せ model page (CENTER_SUPERVISOR, ADMIN): the latest run's model and blocking, or a chosen
 * earlier run's, beside the list of runs ({@code before} pages back through them).
 */
@Controller
public class LinkageController {

    private final LinkageReport report;

    public LinkageController(LinkageReport report) {
        this.report = report;
    }

    @GetMapping("/center/linkage")
    public String latest(@RequestParam(required = false) Long before, Model model) {
        return page(null, before, model);
    }

    @GetMapping("/center/linkage/{id}")
    public String run(@PathVariable long id, @RequestParam(required = false) Long before, Model model) {
        return page(id, before, model);
    }

    private String page(Long id, Long before, Model model) {
        model.addAttribute("report", report.report(Actor.current(), id).orElse(null));
        model.addAttribute("runs", report.runs(before));
        model.addAttribute("before", before);
        model.addAttribute("page", LinkageReport.PAGE);
        return "identity/linkage";
    }
}
