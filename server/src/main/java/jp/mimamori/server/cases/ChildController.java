package jp.mimamori.server.cases;

import jp.mimamori.server.audit.Actor;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.web.Redirects;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Search, the child's timeline, and recording a child known only to the centre (centre roles). */
@Controller
public class ChildController {

    private final ChildDirectory directory;
    private final ChildTimeline timeline;
    private final CodeTable codes;
    private final Referrals referrals;

    public ChildController(ChildDirectory directory, ChildTimeline timeline, CodeTable codes, Referrals referrals) {
        this.directory = directory;
        this.timeline = timeline;
        this.codes = codes;
        this.referrals = referrals;
    }

    /**
     * Search (centre roles: CENTER_CASEWORKER, CENTER_SUPERVISOR, ADMIN, by the URL rule and the
     * directory's own check). {@code page} is 1-based; {@code age} an age band's code, {@code town} a
     * 町名, {@code open} "1" for only those with an open case. A wrong page or band is a 400 with the
     * reason on the page.
     */
    @GetMapping("/center/search")
    public String search(@RequestParam(required = false) String q, @RequestParam(required = false) String page,
                         @RequestParam(required = false) String age, @RequestParam(required = false) String town,
                         @RequestParam(required = false) String open, Model model, HttpServletResponse response) {
        model.addAttribute("q", q);
        model.addAttribute("bands", ChildDirectory.AgeBand.values());
        model.addAttribute("age", age);
        model.addAttribute("town", town);
        model.addAttribute("open", "1".equals(open));
        List<FieldError> errors = new ArrayList<>();
        Integer p = jp.mimamori.server.web.Paging.pageNumber(page);
        if (p == null) {
            errors.add(new FieldError("page", jp.mimamori.server.web.Paging.BAD_PAGE_JA, jp.mimamori.server.web.Paging.BAD_PAGE_EN));
        }
        ChildDirectory.AgeBand band = null;
        if (age != null && !age.isBlank()) {
            band = ChildDirectory.AgeBand.ofCode(age.strip()).orElse(null);
            if (band == null) {
                errors.add(new FieldError("age", "年齢の区分が正しくありません", "no such age band"));
            }
        }
        String t = town == null ? null : jp.mimamori.core.text.JapaneseText.clean(town).strip();
        if (t != null && t.length() > 50) {
            errors.add(new FieldError("town", "町名は50文字以内で入力してください", "the town name is at most 50 characters"));
        }
        if (open != null && !open.isBlank() && !"1".equals(open)) {
            errors.add(new FieldError("open", "ケースの条件が正しくありません", "the open-case filter must be 1 or empty"));
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", errors);
            return "cases/search";
        }
        if (q == null || q.isBlank()) {
            return "cases/search";
        }
        try {
            ChildDirectory.Filters filters = new ChildDirectory.Filters(band, t == null || t.isEmpty() ? null : t, "1".equals(open));
            ChildDirectory.Search s = directory.search(Actor.current(), q, filters, p - 1, ChildDirectory.PAGE);
            if (s.caseNo() != null) {
                return "redirect:/center/cases/" + Redirects.segment(s.caseNo());
            }
            model.addAttribute("search", s);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", e.errors());
        }
        return "cases/search";
    }

    @GetMapping("/center/children/{ref}")
    public String child(@PathVariable String ref, @RequestParam(required = false) String purpose, @RequestParam(required = false) String reason,
                        Authentication auth, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("page", timeline.page(Actor.current(), ref, Purpose.parse(purpose, reason)));
        } catch (PurposeRequiredException e) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("refused", e);
            model.addAttribute("mayBreakGlass", CaseController.everyone(auth));
            model.addAttribute("minReason", ChildTimeline.MIN_REASON);
            return "cases/purpose";
        }
        model.addAttribute("agencies", codes.active(CodeKind.AGENCY));
        model.addAttribute("bases", ReferralBasis.values());
        return "cases/child";
    }

    @GetMapping("/center/children/new")
    public String newChild(Model model) {
        return "cases/child-form";
    }

    @PostMapping("/center/children")
    public String recordChild(@RequestParam(required = false) String name, @RequestParam(required = false) String kana,
                              @RequestParam(required = false) String birth, @RequestParam(required = false) String sex,
                              @RequestParam(required = false) String address, Model model) {
        List<FieldError> errors = new ArrayList<>();
        var birthDate = Forms.date("birth", birth, errors);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            // A child is recorded because something is to be recorded about it: the consultation form is next.
            return "redirect:/center/consultations/new?child=" + Redirects.param(directory.recordLocal(Actor.current(), name, kana, birthDate, sex, address));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.errors());
            model.addAttribute("form", new String[] {name, kana, birth, sex, address});
            return "cases/child-form";
        }
    }

    @PostMapping("/center/children/{ref}/referrals")
    public String referral(@PathVariable String ref, @RequestParam(required = false) String direction, @RequestParam(required = false) String agency,
                           @RequestParam(required = false) String onDate, @RequestParam(required = false) String basis,
                           @RequestParam(required = false) String content, @RequestParam(required = false) String purpose,
                           @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var on = Forms.date("onDate", onDate, errors);
        ReferralBasis b = Forms.choice(ReferralBasis.class, "basis", basis, errors);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            directory.find(ref).orElseThrow(() -> new ChildNotFoundException(ref));
            referrals.addReferral(Actor.current(), ref, null, direction, agency, on, b, content);
            redirect.addFlashAttribute("message", "記録しました / recorded");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/center/children/" + Redirects.segment(ref) + "?purpose=" + Redirects.param(purpose)
                + (reason == null || reason.isBlank() ? "" : "&reason=" + Redirects.param(reason));
    }
}
