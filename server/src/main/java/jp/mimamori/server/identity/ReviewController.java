package jp.mimamori.server.identity;

import jakarta.servlet.http.HttpServletResponse;
import jp.mimamori.server.audit.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The 名寄せ review queue page (CENTER_SUPERVISOR, ADMIN; the URL rule in AccessMatrix and the
 * service's own check both refuse anyone else): one page of open pairs, children first, with counts
 * and progress; {@code page} is 1-based as staff read it.
 */
@Controller
public class ReviewController {

    static final String BAD_PAGE = jp.mimamori.server.web.Paging.BAD_PAGE_JA + " / " + jp.mimamori.server.web.Paging.BAD_PAGE_EN;

    private final ReviewQueue queue;

    public ReviewController(ReviewQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/center/review")
    public String list(@RequestParam(required = false) String page, Model model, HttpServletResponse response) {
        Integer p = pageNumber(page);
        if (p == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("status", 400);
            model.addAttribute("detail", BAD_PAGE);
            return "error";
        }
        ReviewQueue.Page shown = queue.page(Actor.current(), p - 1, ReviewQueue.PAGE);
        // Past the end (the last pairs of the last page were just decided): the last page that has any.
        if (shown.items().isEmpty() && p > 1 && shown.remaining() > 0) {
            return "redirect:/center/review?page=" + shown.pages();
        }
        model.addAttribute("queue", shown);
        model.addAttribute("items", shown.items());
        return "identity/review";
    }

    static Integer pageNumber(String page) {
        return jp.mimamori.server.web.Paging.pageNumber(page);
    }

    @PostMapping("/center/review/decide")
    public String decide(@RequestParam String sourceA, @RequestParam String recordA, @RequestParam String sourceB,
                         @RequestParam String recordB, @RequestParam boolean same, @RequestParam(required = false) String reason,
                         @RequestParam(required = false) String page, RedirectAttributes redirect) {
        try {
            queue.decide(Actor.current(), sourceA, recordA, sourceB, recordB, same, reason);
            redirect.addFlashAttribute("message", (same ? "同一人物として記録しました / recorded as the same person"
                    : "別人として記録しました / recorded as different people") + "（次回の名寄せから反映 / applies from the next run）");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        // Back to the same page: the decided pair has left it and the next one has moved up into its place.
        Integer p = pageNumber(page);
        return "redirect:/center/review" + (p == null || p == 1 ? "" : "?page=" + p);
    }
}
