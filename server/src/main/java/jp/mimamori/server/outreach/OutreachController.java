package jp.mimamori.server.outreach;

import jp.mimamori.server.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.cases.ChildDirectory;
import jp.mimamori.server.web.Paging;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outreach worklist: the supervisor's decisions (approve, dismiss with a reason, assign with an
 * action, one at a time or in bulk) and the caseworker's outcomes. Centre roles (CENTER_CASEWORKER,
 * CENTER_SUPERVISOR, ADMIN) by the URL rule; decisions CENTER_SUPERVISOR and ADMIN (checked in
 * {@link OutreachService}). An action sent by htmx gets back only its own item, redrawn in place with
 * any error beside it (400 when the input was refused); without JavaScript the form posts and the list
 * comes back at the same page and filters.
 */
@Controller
public class OutreachController {


    private final OutreachService outreach;

    public OutreachController(OutreachService outreach) {
        this.outreach = outreach;
    }

    static boolean supervisor(Authentication auth) {
        return jp.mimamori.server.access.Role.supervises(auth);
    }

    @GetMapping("/center/outreach")
    public String list(@RequestParam(required = false) String status, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String town, @RequestParam(required = false) String age,
                       @RequestParam(required = false) String page, Authentication auth, Model model, HttpServletRequest request,
                       HttpServletResponse response) {
        boolean everyone = supervisor(auth);
        List<FieldError> errors = new ArrayList<>();
        String st = blank(status);
        if (st != null && OutreachStatus.ofCode(st).isEmpty()) {
            errors.add(new FieldError("status", "状態の指定が正しくありません", "no such status"));
        }
        String k = blank(kind);
        if (k != null && !k.equals("rule") && !k.equals("model")) {
            errors.add(new FieldError("kind", "抽出方法の指定が正しくありません", "choose rule or model"));
        }
        String t = blank(town) == null ? null : jp.mimamori.core.text.JapaneseText.clean(town).strip();
        if (t != null && t.length() > 50) {
            errors.add(new FieldError("town", "町名は50文字以内で入力してください", "the town name is at most 50 characters"));
        }
        ChildDirectory.AgeBand band = null;
        if (blank(age) != null) {
            band = ChildDirectory.AgeBand.ofCode(age.strip()).orElse(null);
            if (band == null) {
                errors.add(new FieldError("age", "年齢の区分が正しくありません", "no such age band"));
            }
        }
        Integer p = Paging.pageNumber(page);
        if (p == null) {
            errors.add(new FieldError("page", Paging.BAD_PAGE_JA, Paging.BAD_PAGE_EN));
        }
        model.addAttribute("supervisor", everyone);
        model.addAttribute("actions", OutreachAction.values());
        model.addAttribute("outcomes", OutreachOutcome.values());
        model.addAttribute("bands", ChildDirectory.AgeBand.values());
        model.addAttribute("statuses", java.util.Arrays.stream(OutreachStatus.values()).map(Enum::name).toList());
        model.addAttribute("status", st);
        model.addAttribute("kind", k);
        model.addAttribute("town", t);
        model.addAttribute("age", blank(age));
        model.addAttribute("staff", everyone ? outreach.assignable() : List.of());
        // Where each item's form comes back to: this list with its filters and page.
        model.addAttribute("back", request.getQueryString());
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", errors);
            model.addAttribute("items", List.of());
            return "outreach/list";
        }
        OutreachService.Page shown = outreach.worklist(Actor.current(), everyone, new OutreachService.Filter(st, k, t, band), p - 1, OutreachService.PAGE);
        model.addAttribute("list", shown);
        model.addAttribute("items", shown.items());
        return "outreach/list";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private interface Change {
        void run();
    }

    /**
     * Runs one item's change. From htmx: that item alone, redrawn (its place in the list kept, {@code pos}),
     * with the error at it; otherwise back to the list where the form was ({@code back}, a query string).
     */
    private String change(long id, String pos, String back, HttpServletRequest request, HttpServletResponse response, Model model,
                          RedirectAttributes redirect, Change c) {
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        try {
            c.run();
            if (htmx) {
                model.addAttribute("itemMessage", "保存しました / saved");
            } else {
                redirect.addFlashAttribute("message", "保存しました / saved");
            }
        } catch (InvalidInputException e) {
            if (!htmx) {
                redirect.addFlashAttribute("errors", e.errors());
                return "redirect:/center/outreach" + safeBack(back) + "#item-" + id;
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("itemErrors", e.errors());
        }
        if (!htmx) {
            return "redirect:/center/outreach" + safeBack(back) + "#item-" + id;
        }
        model.addAttribute("it", outreach.one(Actor.current(), id));
        model.addAttribute("pos", pos != null && pos.matches("\\d{1,7}") ? Long.parseLong(pos) : null);
        model.addAttribute("supervisor", Actor.current().supervises());
        model.addAttribute("actions", OutreachAction.values());
        model.addAttribute("outcomes", OutreachOutcome.values());
        model.addAttribute("staff", Actor.current().supervises() ? outreach.assignable() : List.of());
        model.addAttribute("back", back);
        return "outreach/list :: item";
    }

    /** Only the list's own filters go back into the redirect (never another URL). */
    static String safeBack(String back) {
        if (back == null || back.isBlank() || !back.matches("[A-Za-z0-9=&%._\\-+]{1,500}")) {
            return "";
        }
        return "?" + back;
    }

    @PostMapping("/center/outreach/{id}/approve")
    public String approve(@PathVariable long id, @RequestParam(required = false) String pos, @RequestParam(required = false) String back,
                          HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return change(id, pos, back, request, response, model, redirect, () -> outreach.approve(Actor.current(), id));
    }

    @PostMapping("/center/outreach/{id}/dismiss")
    public String dismiss(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(required = false) String pos,
                          @RequestParam(required = false) String back, HttpServletRequest request, HttpServletResponse response, Model model,
                          RedirectAttributes redirect) {
        return change(id, pos, back, request, response, model, redirect, () -> outreach.dismiss(Actor.current(), id, reason));
    }

    @PostMapping("/center/outreach/{id}/assign")
    public String assign(@PathVariable long id, @RequestParam(required = false) String assignee, @RequestParam(required = false) String action,
                         @RequestParam(required = false) String pos, @RequestParam(required = false) String back,
                         HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return change(id, pos, back, request, response, model, redirect, () -> outreach.assign(Actor.current(), id, assignee, parse(OutreachAction.class, action, "action")));
    }

    @PostMapping("/center/outreach/{id}/outcome")
    public String outcome(@PathVariable long id, @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
                          @RequestParam(required = false) String pos, @RequestParam(required = false) String back,
                          HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return change(id, pos, back, request, response, model, redirect, () -> outreach.recordOutcome(Actor.current(), id, parse(OutreachOutcome.class, outcome, "outcome"), note));
    }

    /**
     * Bulk approve or assign (supervisors; the service checks each item): every checked item is tried,
     * and the ones that could not be done are named with their reason, the others done.
     */
    @PostMapping("/center/outreach/bulk")
    public String bulk(@RequestParam(required = false) List<Long> ids, @RequestParam(required = false) String op,
                       @RequestParam(required = false) String assignee, @RequestParam(required = false) String action,
                       @RequestParam(required = false) String back, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            errors.add(new FieldError("ids", "対象の項目を選んでください", "tick the items first"));
        }
        if (!"approve".equals(op) && !"assign".equals(op)) {
            errors.add(new FieldError("op", "一括操作を選んでください", "choose approve or assign"));
        }
        int done = 0;
        if (errors.isEmpty()) {
            OutreachAction a = null;
            try {
                a = "assign".equals(op) ? parse(OutreachAction.class, action, "action") : null;
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
            if (errors.isEmpty()) {
                var result = outreach.bulk(Actor.current(), ids, "assign".equals(op), assignee, a);
                done = result.done();
                errors.addAll(result.errors());
            }
        }
        if (done > 0) {
            redirect.addFlashAttribute("message", done + "件を" + ("assign".equals(op) ? "割り当て" : "承認") + "しました / " + done + " done");
        }
        if (!errors.isEmpty()) {
            redirect.addFlashAttribute("errors", errors);
        }
        return "redirect:/center/outreach" + safeBack(back);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldError(field, "選択肢にない値です", "not one of the choices")));
        }
    }
}
