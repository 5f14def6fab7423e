package jp.mimamori.server.identity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The 名寄せ review queue page (CENTER_SUPERVISOR, ADMIN). */
@Controller
public class ReviewController {

    private final ReviewQueue queue;

    public ReviewController(ReviewQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/center/review")
    public String list(Model model) {
        model.addAttribute("items", queue.open(50));
        return "identity/review";
    }

    @PostMapping("/center/review/decide")
    public String decide(@RequestParam String sourceA, @RequestParam String recordA, @RequestParam String sourceB,
                         @RequestParam String recordB, @RequestParam boolean same, @RequestParam(required = false) String reason,
                         RedirectAttributes redirect) {
        try {
            queue.decide(sourceA, recordA, sourceB, recordB, same, reason);
            redirect.addFlashAttribute("message", (same ? "同一人物として記録しました / recorded as the same person"
                    : "別人として記録しました / recorded as different people") + "（次回の名寄せから反映 / applies from the next run）");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/center/review";
    }
}
