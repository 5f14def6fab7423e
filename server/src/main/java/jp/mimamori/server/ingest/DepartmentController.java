package jp.mimamori.server.ingest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import jakarta.servlet.http.HttpServletResponse;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.CurrentUser;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
import jp.mimamori.server.time.Times;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Department uploads (DEPT_UPLOADER for their own source, ADMIN for any): the upload form, the load
 * history, each load's report and its problems as CSV. The service re-checks the source on every call.
 */
@Controller
public class DepartmentController {

    private final IngestService ingest;
    private final IngestRepository repository;
    private final CurrentUser currentUser;
    private final UploadStore store;
    private final AuditLog audit;
    private final Times times;

    public DepartmentController(IngestService ingest, IngestRepository repository, CurrentUser currentUser, UploadStore store, AuditLog audit,
                                Times times) {
        this.times = times;
        this.ingest = ingest;
        this.repository = repository;
        this.currentUser = currentUser;
        this.store = store;
        this.audit = audit;
    }

    @GetMapping("/dept")
    public String home(Principal principal, Model model) {
        UserAccount me = currentUser.of(principal);
        List<SourceSystem> sources = ingest.visibleSources(me);
        model.addAttribute("sources", sources);
        model.addAttribute("loads", repository.list(sources, 100));
        model.addAttribute("heldCount", repository.held(sources).size());
        // Last month in the city: on 1 April at 00:30 in Tokyo that is March, though the server's (UTC) clock still says 31 March.
        model.addAttribute("defaultMonth", times.thisMonth().minusMonths(1).toString());
        return "ingest/index";
    }

    @PostMapping("/dept/upload")
    public String upload(Principal principal, @RequestParam(required = false) String source, @RequestParam(required = false) String month,
                         @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
        UserAccount me = currentUser.of(principal);
        SourceSystem s = me.source().orElseGet(() -> SourceSystem.fromCode(source == null ? "" : source).orElse(null));
        String error = null;
        YearMonth ym = null;
        try {
            ym = YearMonth.parse(month == null ? "" : month.strip());
        } catch (DateTimeParseException e) {
            error = "対象月は YYYY-MM 形式で入力してください / the month must be YYYY-MM";
        }
        if (s == null) {
            error = "データ種別を選んでください / choose the source";
        } else if (file == null || file.isEmpty()) {
            error = "ファイルを選んでください（空のファイルは登録できません）/ choose a file (an empty file cannot be loaded)";
        }
        if (error != null) {
            redirect.addFlashAttribute("error", error);
            return "redirect:/dept";
        }
        ingest.authorise(me, s);
        Path tmp = store.save(file.getInputStream());
        try {
            LoadReport r = ingest.load(me, s, ym, UploadStore.displayName(file.getOriginalFilename()), tmp, null);
            if (r.duplicateOf() != null) {
                redirect.addFlashAttribute("message", r.summaryJa() + " / " + r.summaryEn());
            }
            return "redirect:/dept/loads/" + r.id();
        } finally {
            store.delete(tmp);
        }
    }

    @GetMapping("/dept/loads/{id}")
    public String report(Principal principal, @PathVariable long id, Model model) {
        UserAccount me = currentUser.of(principal);
        LoadReport r = ingest.report(me, id);
        audit.record(CurrentActor.event(AuditAction.LOAD_REPORT_VIEWED, "load:" + id, null));
        model.addAttribute("load", r);
        model.addAttribute("problems", repository.problems(id, 500));
        return "ingest/report";
    }

    @GetMapping("/dept/loads/{id}/problems.csv")
    public void problemsCsv(Principal principal, @PathVariable long id, HttpServletResponse response) throws IOException {
        LoadReport r = ingest.report(currentUser.of(principal), id);
        audit.record(CurrentActor.event(AuditAction.LOAD_REPORT_VIEWED, "load:" + id, "problems.csv"));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"load-" + id + "-problems.csv\"");
        try (Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            ProblemsCsv.write(repository, r, w);
        }
    }
}
