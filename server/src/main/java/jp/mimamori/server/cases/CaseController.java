package jp.mimamori.server.cases;

import jp.mimamori.server.time.Times;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.access.FieldError;
import jp.mimamori.server.access.InvalidInputException;
import jp.mimamori.server.web.Redirects;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Cases: list, open, read and every change to one (centre roles; assignment is the supervisor's). */
@Controller
public class CaseController {

    private final CaseService cases;
    private final CodeTable codes;

    private final Times times;

    public CaseController(CaseService cases, CodeTable codes, Times times) {
        this.times = times;
        this.cases = cases;
        this.codes = codes;
    }

    /** Runs a change and comes back to the case with its outcome; refused input is listed field by field. */
    private interface Change {
        void run();
    }

    private String change(String caseNo, RedirectAttributes redirect, List<FieldError> parseErrors, Change c) {
        try {
            if (!parseErrors.isEmpty()) {
                throw new InvalidInputException(parseErrors);
            }
            c.run();
            redirect.addFlashAttribute("message", "保存しました / saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/center/cases/" + Redirects.segment(caseNo);
    }

    /** Supervisors and administrators see the whole centre; caseworkers their own cases. */
    public static boolean everyone(Authentication auth) {
        return jp.mimamori.server.access.Role.supervises(auth);
    }

    @GetMapping("/center/cases")
    public String list(@RequestParam(required = false) String all, Authentication auth, Model model) {
        boolean everyone = all != null && everyone(auth);
        model.addAttribute("cases", cases.openCases(everyone));
        model.addAttribute("everyone", everyone);
        model.addAttribute("mayAll", everyone(auth));
        return "cases/list";
    }

    @PostMapping("/center/cases")
    public String open(@RequestParam(required = false) String child, @RequestParam(required = false) String action,
                       @RequestParam(required = false) String due, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var d = Forms.date("due", due, errors);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            String no = cases.open(child, action, d);
            redirect.addFlashAttribute("message", "ケースを開始しました / case opened");
            return "redirect:/center/cases/" + Redirects.segment(no);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
            return "redirect:/center/children/" + Redirects.segment(child);
        }
    }

    @GetMapping("/center/cases/{no}")
    public String detail(@PathVariable String no, Authentication auth, Model model) {
        model.addAttribute("d", cases.detail(no));
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("registrations", Yotaikyo.values());
        model.addAttribute("riskItems", codes.active(CodeKind.RISK_ITEM));
        model.addAttribute("agencies", codes.active(CodeKind.AGENCY));
        model.addAttribute("bases", ReferralBasis.values());
        model.addAttribute("mayAssign", everyone(auth));
        model.addAttribute("today", times.today());
        return "cases/case";
    }

    @PostMapping("/center/cases/{no}/status")
    public String status(@PathVariable String no, @RequestParam(required = false) String status, @RequestParam(required = false) String note,
                         RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        CaseStatus s = Forms.choice(CaseStatus.class, "status", status, errors);
        if (s == null && errors.isEmpty()) {
            errors.add(new FieldError("status", "状態を選んでください", "choose a status"));
        }
        return change(no, redirect, errors, () -> cases.setStatus(no, s, note));
    }

    @PostMapping("/center/cases/{no}/assign")
    public String assign(@PathVariable String no, @RequestParam(required = false) String caseworker, RedirectAttributes redirect) {
        return change(no, redirect, List.of(), () -> cases.assign(no, caseworker));
    }

    @PostMapping("/center/cases/{no}/follow-up")
    public String followUp(@PathVariable String no, @RequestParam(required = false) String action, @RequestParam(required = false) String due,
                           RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var d = Forms.date("due", due, errors);
        return change(no, redirect, errors, () -> cases.setFollowUp(no, action, d));
    }

    @PostMapping("/center/cases/{no}/contact")
    public String contact(@PathVariable String no, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return change(no, redirect, List.of(), () -> cases.recordContact(no, note));
    }

    @PostMapping("/center/cases/{no}/goals")
    public String goal(@PathVariable String no, @RequestParam(required = false) String goal, @RequestParam(required = false) String due,
                       RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var d = Forms.date("due", due, errors);
        return change(no, redirect, errors, () -> cases.addGoal(no, goal, d));
    }

    @PostMapping("/center/cases/{no}/goals/{id}/done")
    public String goalDone(@PathVariable String no, @PathVariable String id, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        long goalId = Forms.number("goal", id, errors);
        return change(no, redirect, errors, () -> cases.completeGoal(no, goalId));
    }

    @PostMapping("/center/cases/{no}/assessment")
    public String assess(@PathVariable String no, @RequestParam(name = "item", required = false) List<String> items,
                         @RequestParam(required = false) String level, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return change(no, redirect, List.of(), () -> cases.assess(no, items, level, note));
    }

    @PostMapping("/center/cases/{no}/yotaikyo")
    public String yotaikyo(@PathVariable String no, @RequestParam(required = false) String registration, @RequestParam(required = false) String since,
                           RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        Yotaikyo y = Forms.choice(Yotaikyo.class, "yotaikyo", registration, errors);
        var d = Forms.date("since", since, errors);
        return change(no, redirect, errors, () -> cases.setYotaikyo(no, y, d));
    }

    @PostMapping("/center/cases/{no}/referrals")
    public String referral(@PathVariable String no, @RequestParam(required = false) String direction, @RequestParam(required = false) String agency,
                           @RequestParam(required = false) String onDate, @RequestParam(required = false) String basis,
                           @RequestParam(required = false) String content, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var on = Forms.date("onDate", onDate, errors);
        ReferralBasis b = Forms.choice(ReferralBasis.class, "basis", basis, errors);
        return change(no, redirect, errors, () -> cases.addReferral(null, no, direction, agency, on, b, content));
    }

    @PostMapping("/center/cases/{no}/referrals/{id}/reply")
    public String reply(@PathVariable String no, @PathVariable String id, @RequestParam(required = false) String reply,
                        @RequestParam(required = false) String on, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        long referralId = Forms.number("referral", id, errors);
        var d = Forms.date("on", on, errors);
        return change(no, redirect, errors, () -> cases.replyToReferral(no, referralId, reply, d));
    }

    @PostMapping("/center/cases/{no}/alerts/{id}/ack")
    public String acknowledge(@PathVariable String no, @PathVariable String id, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        long alertId = Forms.number("alert", id, errors);
        return change(no, redirect, errors, () -> cases.acknowledge(no, alertId));
    }
}
