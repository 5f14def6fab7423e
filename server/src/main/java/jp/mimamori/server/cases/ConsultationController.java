package jp.mimamori.server.cases;

import jp.mimamori.server.time.Times;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.web.Redirects;
import jp.mimamori.server.audit.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Recording and reading consultations (centre roles). A refused form comes back with everything typed kept. */
@Controller
public class ConsultationController {

    private final ConsultationService consultations;
    private final ChildDirectory children;
    private final CodeTable codes;

    private final Times times;

    public ConsultationController(ConsultationService consultations, ChildDirectory children, CodeTable codes, Times times) {
        this.times = times;
        this.consultations = consultations;
        this.children = children;
        this.codes = codes;
    }

    @GetMapping("/center/consultations/new")
    public String form(@RequestParam(name = "child", required = false) List<String> refs, Model model) {
        Map<String, String> form = new java.util.HashMap<>();
        form.put("receivedAt", LocalDateTime.now(times.clock()).withSecond(0).withNano(0).toString());
        form.put("staff", Actor.current().name());
        return render(model, refs == null ? List.of() : refs, form, List.of(), null);
    }

    @PostMapping("/center/consultations")
    public String record(@RequestParam(name = "child", required = false) List<String> refs, @RequestParam(required = false) String receivedAt,
                         @RequestParam(required = false) String channel, @RequestParam(required = false) String contact,
                         @RequestParam(name = "type", required = false) List<String> types, @RequestParam(required = false) String urgency,
                         @RequestParam(required = false) String content, @RequestParam(required = false) String staff,
                         @RequestParam(required = false) String consent, Model model) {
        List<FieldError> errors = new ArrayList<>();
        LocalDateTime at = Forms.dateTime("receivedAt", receivedAt, errors);
        Urgency u = Forms.choice(Urgency.class, "urgency", urgency, errors);
        Consent c = Forms.choice(Consent.class, "consent", consent, errors);
        List<String> kids = refs == null ? List.of() : refs;
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            String no = consultations.record(Actor.current(), new ConsultationService.NewConsultation(at, channel, contact, types == null ? List.of() : types, u,
                    content, staff, c, kids));
            return "redirect:/center/consultations/" + Redirects.segment(no) + "?saved";
        } catch (InvalidInputException e) {
            Map<String, String> form = new java.util.HashMap<>();
            form.put("receivedAt", receivedAt);
            form.put("channel", channel);
            form.put("contact", contact);
            form.put("urgency", urgency);
            form.put("content", content);
            form.put("staff", staff);
            form.put("consent", consent);
            return render(model, kids, form, types == null ? List.of() : types, e.errors());
        }
    }

    private String render(Model model, List<String> refs, Map<String, String> form, List<String> types, List<FieldError> errors) {
        model.addAttribute("children", refs.stream().map(children::find).flatMap(java.util.Optional::stream).toList());
        model.addAttribute("form", form);
        model.addAttribute("types", types);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", codes.active(CodeKind.CHANNEL));
        model.addAttribute("contacts", codes.active(CodeKind.CONTACT));
        model.addAttribute("typeCodes", codes.active(CodeKind.CONSULTATION_TYPE));
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("consents", Consent.values());
        return "cases/consultation-form";
    }

    @GetMapping("/center/consultations/{no}")
    public String view(@PathVariable String no, @RequestParam(required = false) String saved, Model model) {
        ConsultationService.View v = consultations.get(Actor.current(), no);
        model.addAttribute("c", v);
        if (saved != null) {
            model.addAttribute("message", "相談を記録しました / consultation recorded");
        }
        return "cases/consultation";
    }
}
