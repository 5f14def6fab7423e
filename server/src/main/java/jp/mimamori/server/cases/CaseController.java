package jp.mimamori.server.cases;

import jakarta.servlet.http.HttpServletResponse;
import jp.mimamori.server.time.Times;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.server.audit.Actor;
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

/**
 * Cases: list, open, read and every change to one (centre roles: caseworkers and supervisors; assignment
 * ({@code POST /center/cases/{no}/assign}) is the supervisor's and the administrator's, a caseworker gets 403, audited).
 */
@Controller
public class CaseController {

    private final CaseFiles cases;
    private final CaseContacts contacts;
    private final CaseGoals goals;
    private final RiskAssessments assessments;
    private final Referrals referrals;
    private final FollowUps followUps;
    private final CodeTable codes;

    private final Times times;

    private final CaseAttachments attachments;

    private final jp.mimamori.server.access.CentreStaff staff;

    public CaseController(CaseFiles cases, CaseContacts contacts, CaseGoals goals, RiskAssessments assessments, Referrals referrals,
                          FollowUps followUps, CodeTable codes, Times times, CaseAttachments attachments,
                          jp.mimamori.server.access.CentreStaff staff) {
        this.staff = staff;
        this.contacts = contacts;
        this.goals = goals;
        this.assessments = assessments;
        this.referrals = referrals;
        this.followUps = followUps;
        this.attachments = attachments;
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
        model.addAttribute("cases", cases.openCases(Actor.current(), everyone));
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
            String no = cases.open(Actor.current(), child, action, d);
            redirect.addFlashAttribute("message", "ケースを開始しました / case opened");
            return "redirect:/center/cases/" + Redirects.segment(no);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
            return "redirect:/center/children/" + Redirects.segment(child);
        }
    }

    @GetMapping("/center/cases/{no}")
    public String detail(@PathVariable String no, Authentication auth, Model model) {
        return casePage(no, auth, model);
    }

    private String casePage(String no, Authentication auth, Model model) {
        model.addAttribute("d", cases.detail(Actor.current(), no));
        model.addAttribute("contactKinds", ContactKind.choices());
        model.addAttribute("attachments", attachments.forCase(Actor.current(), no));
        model.addAttribute("attachmentMaxMb", attachments.maxBytes() / 1048576);
        model.addAttribute("now", times.now().atZoneSameInstant(times.zone()).toLocalDateTime().withSecond(0).withNano(0));
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("registrations", Yotaikyo.values());
        model.addAttribute("riskItems", codes.active(CodeKind.RISK_ITEM));
        model.addAttribute("agencies", codes.active(CodeKind.AGENCY));
        model.addAttribute("bases", ReferralBasis.values());
        model.addAttribute("mayAssign", everyone(auth));
        // The outreach worklist's picker: centre staff by display name, never a user id to type.
        model.addAttribute("staff", everyone(auth) ? staff.assignable() : List.of());
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
        return change(no, redirect, errors, () -> cases.setStatus(Actor.current(), no, s, note));
    }

    @PostMapping("/center/cases/{no}/assign")
    public String assign(@PathVariable String no, @RequestParam(required = false) String caseworker, RedirectAttributes redirect) {
        return change(no, redirect, List.of(), () -> cases.assign(Actor.current(), no, caseworker));
    }

    @PostMapping("/center/cases/{no}/follow-up")
    public String followUp(@PathVariable String no, @RequestParam(required = false) String action, @RequestParam(required = false) String due,
                           RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var d = Forms.date("due", due, errors);
        return change(no, redirect, errors, () -> followUps.setFollowUp(Actor.current(), no, action, d));
    }

    /** What was typed into a contact form, given back with the errors so nothing has to be typed again. */
    public record ContactForm(Long id, String kind, String at, String met, String note, String reason) {
    }

    /**
     * A contact (接触記録): kind, when (back-dating allowed), who was met, the note. Refused input answers
     * 400 with the case page, every bad field named and what was typed kept; nothing is stored.
     */
    @PostMapping("/center/cases/{no}/contact")
    public String contact(@PathVariable String no, @RequestParam(required = false) String kind, @RequestParam(required = false) String at,
                          @RequestParam(required = false) String met, @RequestParam(required = false) String note, Authentication auth, Model model,
                          HttpServletResponse response, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        CaseContacts.NewContact c = new CaseContacts.NewContact(Forms.choice(ContactKind.class, "kind", kind, errors), Forms.dateTime("at", at, errors), met, note);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(withServiceErrors(errors, contacts.contactErrors(c, null, false)));
            }
            contacts.recordContact(Actor.current(), no, c);
            redirect.addFlashAttribute("message", "接触を記録しました / contact recorded");
            return "redirect:/center/cases/" + Redirects.segment(no) + "#contacts";
        } catch (InvalidInputException e) {
            return refused(no, e, new ContactForm(null, kind, at, met, note, null), auth, model, response);
        }
    }

    /** A correction of a contact: a new version, the earlier text kept; the reason is required. */
    @PostMapping("/center/cases/{no}/contacts/{id}/correct")
    public String correct(@PathVariable String no, @PathVariable String id, @RequestParam(required = false) String kind,
                          @RequestParam(required = false) String at, @RequestParam(required = false) String met,
                          @RequestParam(required = false) String note, @RequestParam(required = false) String reason, Authentication auth, Model model,
                          HttpServletResponse response, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        long contactId = Forms.number("contact", id, errors);
        CaseContacts.NewContact c = new CaseContacts.NewContact(Forms.choice(ContactKind.class, "kind", kind, errors), Forms.dateTime("at", at, errors), met, note);
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(withServiceErrors(errors, contacts.contactErrors(c, reason, true)));
            }
            contacts.correctContact(Actor.current(), no, contactId, c, reason);
            redirect.addFlashAttribute("message", "接触記録を訂正しました（訂正前の記録は履歴に残ります）/ contact corrected (the earlier text is kept in its history)");
            return "redirect:/center/cases/" + Redirects.segment(no) + "#contacts";
        } catch (InvalidInputException e) {
            return refused(no, e, new ContactForm(contactId, kind, at, met, note, reason), auth, model, response);
        }
    }

    /** The form's own errors, then the service's about the other fields (a field the form could not read is named once). */
    private static List<FieldError> withServiceErrors(List<FieldError> form, List<FieldError> service) {
        List<FieldError> all = new ArrayList<>(form);
        service.stream().filter(e -> form.stream().noneMatch(f -> f.field().equals(e.field()))).forEach(all::add);
        return all;
    }

    private String refused(String no, InvalidInputException e, ContactForm form, Authentication auth, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("errors", e.errors());
        model.addAttribute("contactForm", form);
        return casePage(no, auth, model);
    }

    /** Every version of a contact, with who wrote each and when. */
    @GetMapping("/center/cases/{no}/contacts/{id}")
    public String contactHistory(@PathVariable String no, @PathVariable String id, Model model) {
        List<FieldError> errors = new ArrayList<>();
        long contactId = Forms.number("contact", id, errors);
        if (!errors.isEmpty()) {
            throw new ChildNotFoundException(id);
        }
        model.addAttribute("caseNo", no.strip().toUpperCase());
        model.addAttribute("versions", contacts.contactHistory(Actor.current(), no, contactId));
        return "cases/contact-history";
    }

    /** 制限ケース: a supervisor marks the case restricted or lifts it (service-checked: CENTER_SUPERVISOR, ADMIN). */
    @PostMapping("/center/cases/{no}/restriction")
    public String restriction(@PathVariable String no, @RequestParam(required = false) String restricted, @RequestParam(required = false) String reason,
                              RedirectAttributes redirect) {
        return change(no, redirect, List.of(), () -> cases.setRestricted(Actor.current(), no, "true".equals(restricted), reason));
    }

    /** 添付: a PDF, JPEG or PNG onto the case; refused files answer 400 with the case page and why. */
    @PostMapping("/center/cases/{no}/attachments")
    public String attach(@PathVariable String no, @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file,
                         @RequestParam(required = false) String description, Authentication auth, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) throws java.io.IOException {
        try {
            // The size is checked before the bytes are read, so a file over the limit never sits in memory.
            if (file != null && file.getSize() > attachments.maxBytes()) {
                throw new InvalidInputException(List.of(new FieldError("file", "ファイルが大きすぎます（上限 " + attachments.maxBytes() / 1048576 + " MB）",
                        "the file is too large (at most " + attachments.maxBytes() / 1048576 + " MB)")));
            }
            attachments.upload(Actor.current(), no, file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes(), description);
            redirect.addFlashAttribute("message", "添付しました / attached");
            return "redirect:/center/cases/" + Redirects.segment(no) + "#attachments";
        } catch (InvalidInputException e) {
            return refused(no, e, null, auth, model, response);
        }
    }

    @GetMapping("/center/cases/{no}/attachments/{id}")
    public ResponseEntity<byte[]> attachment(@PathVariable String no, @PathVariable String id) {
        List<FieldError> errors = new ArrayList<>();
        long attachmentId = Forms.number("attachment", id, errors);
        if (!errors.isEmpty()) {
            throw new ChildNotFoundException(id);
        }
        CaseAttachments.File f = attachments.download(Actor.current(), no, attachmentId);
        // Always a download, never shown inline: a file from outside is not rendered in the application's own origin.
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(f.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(f.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .header("Cache-Control", "no-store")
                .body(f.bytes());
    }

    /** 転出: hand the case over to the receiving municipality and close it (reason 転出); the transfer summary is then printable. */
    @PostMapping("/center/cases/{no}/transfer")
    public String transfer(@PathVariable String no, @RequestParam(required = false) String municipality, @RequestParam(required = false) String movedOn,
                           @RequestParam(required = false) String basis, @RequestParam(required = false) String handover, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var on = Forms.date("movedOn", movedOn, errors);
        ReferralBasis b = Forms.choice(ReferralBasis.class, "basis", basis, errors);
        List<FieldError> all = errors.isEmpty() ? errors : withServiceErrors(errors, cases.transferErrors(municipality, on, b, handover));
        return change(no, redirect, all, () -> cases.transfer(Actor.current(), no, municipality, on, b, handover));
    }

    /** 転出時の引継ぎ as a PDF for the receiving municipality (audited). */
    @GetMapping("/center/cases/{no}/transfer.pdf")
    public ResponseEntity<byte[]> transferPdf(@PathVariable String no) {
        CaseSummaryPdf.Printed p = cases.printTransfer(Actor.current(), no);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(p.fileName()).build().toString())
                .header("Cache-Control", "no-store")
                .body(p.pdf());
    }

    /** ケース概要 as a PDF to print (audited). */
    @GetMapping("/center/cases/{no}/summary.pdf")
    public ResponseEntity<byte[]> summaryPdf(@PathVariable String no) {
        CaseSummaryPdf.Printed p = cases.printSummary(Actor.current(), no);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(p.fileName()).build().toString())
                .header("Cache-Control", "no-store")
                .body(p.pdf());
    }

    @PostMapping("/center/cases/{no}/goals")
    public String goal(@PathVariable String no, @RequestParam(required = false) String goal, @RequestParam(required = false) String due,
                       RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var d = Forms.date("due", due, errors);
        return change(no, redirect, errors, () -> goals.addGoal(Actor.current(), no, goal, d));
    }

    @PostMapping("/center/cases/{no}/goals/{id}/done")
    public String goalDone(@PathVariable String no, @PathVariable String id, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        long goalId = Forms.number("goal", id, errors);
        return change(no, redirect, errors, () -> goals.completeGoal(Actor.current(), no, goalId));
    }

    @PostMapping("/center/cases/{no}/assessment")
    public String assess(@PathVariable String no, @RequestParam(name = "item", required = false) List<String> items,
                         @RequestParam(required = false) String level, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return change(no, redirect, List.of(), () -> assessments.assess(Actor.current(), no, items, level, note));
    }

    @PostMapping("/center/cases/{no}/yotaikyo")
    public String yotaikyo(@PathVariable String no, @RequestParam(required = false) String registration, @RequestParam(required = false) String since,
                           @RequestParam(required = false) String review, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        Yotaikyo y = Forms.choice(Yotaikyo.class, "yotaikyo", registration, errors);
        var d = Forms.date("since", since, errors);
        var r = Forms.date("review", review, errors);
        return change(no, redirect, errors, () -> cases.setYotaikyo(Actor.current(), no, y, d, r));
    }

    @PostMapping("/center/cases/{no}/referrals")
    public String referral(@PathVariable String no, @RequestParam(required = false) String direction, @RequestParam(required = false) String agency,
                           @RequestParam(required = false) String onDate, @RequestParam(required = false) String basis,
                           @RequestParam(required = false) String content, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        var on = Forms.date("onDate", onDate, errors);
        ReferralBasis b = Forms.choice(ReferralBasis.class, "basis", basis, errors);
        return change(no, redirect, errors, () -> referrals.addReferral(Actor.current(), null, no, direction, agency, on, b, content));
    }

    @PostMapping("/center/cases/{no}/referrals/{id}/reply")
    public String reply(@PathVariable String no, @PathVariable String id, @RequestParam(required = false) String reply,
                        @RequestParam(required = false) String on, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        long referralId = Forms.number("referral", id, errors);
        var d = Forms.date("on", on, errors);
        return change(no, redirect, errors, () -> referrals.replyToReferral(Actor.current(), no, referralId, reply, d));
    }

    @PostMapping("/center/cases/{no}/alerts/{id}/ack")
    public String acknowledge(@PathVariable String no, @PathVariable String id, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        long alertId = Forms.number("alert", id, errors);
        return change(no, redirect, errors, () -> followUps.acknowledge(Actor.current(), no, alertId));
    }
}
