package jp.mimamori.server.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.validation.FieldError;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Importing the Excel consultation ledger: upload, preview with the column mapping, confirm (centre roles). */
@Controller
public class LedgerController {

    private final LedgerImport ledger;

    public LedgerController(LedgerImport ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/center/import")
    public String form() {
        return "cases/import";
    }

    @PostMapping("/center/import")
    public String upload(@RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("errors", List.of(new FieldError("file", "ファイルを選んでください", "choose a file")));
            return "cases/import";
        }
        try {
            return show(ledger.upload(Actor.current(), file.getOriginalFilename(), file.getInputStream()), model);
        } catch (LedgerImport.Unreadable e) {
            // The file is refused (not a ledger, too large, a zip bomb): 400, with the reason on the form.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", List.of(new FieldError("file", e.getMessage(), "")));
            return "cases/import";
        }
    }

    /** Re-previews with the mapping chosen on the page, or imports with it. */
    @PostMapping("/center/import/{token}")
    public String confirm(@PathVariable String token, @RequestParam Map<String, String> params, Model model) {
        Map<LedgerImport.Field, Integer> mapping = new EnumMap<>(LedgerImport.Field.class);
        for (LedgerImport.Field f : LedgerImport.Field.values()) {
            String v = params.get("map_" + f.name());
            if (v != null && v.matches("\\d{1,3}")) {
                mapping.put(f, Integer.parseInt(v));
            }
        }
        try {
            if (!"import".equals(params.get("action"))) {
                return show(ledger.preview(token, mapping), model);
            }
            model.addAttribute("result", ledger.confirm(Actor.current(), token, mapping));
            return "cases/import";
        } catch (LedgerImport.Unreadable e) {
            model.addAttribute("errors", List.of(new FieldError("file", e.getMessage(), "")));
            return "cases/import";
        }
    }

    private String show(LedgerImport.Preview p, Model model) {
        model.addAttribute("p", p);
        model.addAttribute("fields", LedgerImport.Field.values());
        return "cases/import-preview";
    }
}
