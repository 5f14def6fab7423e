package jp.mimamori.server.outreach;

import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.validation.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Outreach letters: the template page (centre roles read it; CENTER_SUPERVISOR and ADMIN file a new
 * version), a sample with a fictional family, and the PDF of an item assigned as 通知文送付 (its
 * caseworker or a supervisor; enforced in {@link Letters}).
 */
@Controller
public class LetterController {

    private final Letters letters;
    private final jp.mimamori.server.time.Times times;

    public LetterController(Letters letters, jp.mimamori.server.time.Times times) {
        this.letters = letters;
        this.times = times;
    }

    @GetMapping("/center/outreach/letter")
    public String template(Authentication auth, Model model) {
        model.addAttribute("template", letters.current());
        model.addAttribute("history", letters.history());
        model.addAttribute("placeholders", Letters.PLACEHOLDERS);
        model.addAttribute("mayEdit", OutreachController.supervisor(auth));
        return "outreach/letter";
    }

    @PostMapping("/center/outreach/letter")
    public String save(@RequestParam(required = false) String title, @RequestParam(required = false) String body,
                       @RequestParam(required = false) String sender, @RequestParam(required = false) String contact, RedirectAttributes redirect) {
        try {
            int v = letters.saveTemplate(Actor.current(), title, body, sender, contact);
            redirect.addFlashAttribute("message", "保存しました（第" + v + "版）/ saved as version " + v);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
        }
        return "redirect:/center/outreach/letter";
    }

    @GetMapping("/center/outreach/letter/sample.pdf")
    public ResponseEntity<byte[]> sample() {
        return pdf(letters.sample());
    }

    @GetMapping("/center/outreach/{id}/letter.pdf")
    public Object print(@PathVariable long id, RedirectAttributes redirect) {
        try {
            // Dated with the city's today: a letter printed at 00:30 in Tokyo carries that day, not the server's (UTC) yesterday.
            return pdf(letters.print(Actor.current(), id, times.today()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", e.errors());
            return "redirect:/center/outreach";
        }
    }

    private static ResponseEntity<byte[]> pdf(Letters.Printed p) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(p.fileName()).build().toString())
                .header("Cache-Control", "no-store")
                .body(p.pdf());
    }
}
