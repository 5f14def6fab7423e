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
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.time.Times;
import jp.mimamori.server.validation.Uploads;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

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
    private final UploadNotices notices;

    public DepartmentController(IngestService ingest, IngestRepository repository, CurrentUser currentUser, UploadStore store, AuditLog audit,
                                Times times, UploadNotices notices) {
        this.times = times;
        this.notices = notices;
        this.ingest = ingest;
        this.repository = repository;
        this.currentUser = currentUser;
        this.store = store;
        this.audit = audit;
    }

    @GetMapping("/dept")
    public String home(Principal principal, @RequestParam(required = false) Long notice, Model model) {
        UserAccount me = currentUser.of(principal);
        List<SourceSystem> sources = ingest.visibleSources(me);
        notices.find(notice, me.username(), null).ifPresent(n -> model.addAttribute("notice", n));
        model.addAttribute("sources", sources);
        model.addAttribute("policies", ingest.policies(sources));
        model.addAttribute("loads", repository.list(sources, 100));
        model.addAttribute("heldCount", repository.held(sources).size());
        // Last month in the city: on 1 April at 00:30 in Tokyo that is March, though the server's (UTC) clock still says 31 March.
        model.addAttribute("defaultMonth", times.thisMonth().minusMonths(1).toString());
        return "ingest/index";
    }

    @PostMapping("/dept/upload")
    public String upload(Principal principal, @RequestParam(required = false) String source, @RequestParam(required = false) String month,
                         @RequestParam(required = false) MultipartFile file) throws IOException {
        UserAccount me = currentUser.of(principal);
        SourceSystem s = me.source().orElseGet(() -> SourceSystem.fromCode(source == null ? "" : source).orElse(null));
        String error = null;
        UploadNotices.Kind kind = UploadNotices.Kind.REFUSED;
        YearMonth ym = null;
        try {
            ym = YearMonth.parse(month == null ? "" : month.strip());
        } catch (DateTimeParseException e) {
            error = "対象月は YYYY-MM 形式で入力してください / the month must be YYYY-MM";
        }
        if (s == null) {
            error = "データ種別を選んでください / choose the source";
        } else if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
            error = "ファイルを選んでください / choose a file";
        } else if (file.isEmpty()) {
            kind = UploadNotices.Kind.EMPTY;
            error = "「" + Uploads.displayName(file.getOriginalFilename()) + "」は空のファイル（0 バイト）のため登録できません。何も保存していません。"
                    + " / \"" + Uploads.displayName(file.getOriginalFilename()) + "\" is empty (0 bytes) and cannot be loaded; nothing was stored";
        }
        if (error != null) {
            // Stored, not flashed: the upload script follows the redirect and then loads the page again, which would use a flash up.
            String[] parts = error.split(" / ", 2);
            long n = notices.add(me.username(), s == null ? null : s.code(), null, kind, parts[0], parts.length > 1 ? parts[1] : parts[0]);
            return "redirect:/dept?notice=" + n;
        }
        ingest.authorise(me, s);
        Path tmp = store.save(file.getInputStream());
        try {
            LoadReport r = ingest.load(me, s, ym, Uploads.displayName(file.getOriginalFilename()), tmp, null);
            if (r.duplicateOf() != null) {
                long n = notices.add(me.username(), s.code(), r.id(), UploadNotices.Kind.DUPLICATE, r.summaryJa(), r.summaryEn());
                return "redirect:/dept/loads/" + r.id() + "?notice=" + n;
            }
            return "redirect:/dept/loads/" + r.id();
        } finally {
            store.delete(tmp);
        }
    }

    @GetMapping("/dept/loads/{id}")
    public String report(Principal principal, @PathVariable long id, @RequestParam(required = false) Long notice, Model model) {
        UserAccount me = currentUser.of(principal);
        LoadReport r = ingest.report(me, id);
        notices.find(notice, me.username(), id).ifPresent(n -> model.addAttribute("notice", n));
        audit.record(Actor.current().event(AuditAction.LOAD_REPORT_VIEWED, "load:" + id, null));
        model.addAttribute("load", r);
        model.addAttribute("problems", repository.problems(id, 500));
        return "ingest/report";
    }

    @GetMapping("/dept/loads/{id}/problems.csv")
    public void problemsCsv(Principal principal, @PathVariable long id, HttpServletResponse response) throws IOException {
        LoadReport r = ingest.report(currentUser.of(principal), id);
        audit.record(Actor.current().event(AuditAction.LOAD_REPORT_VIEWED, "load:" + id, "problems.csv"));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"load-" + id + "-problems.csv\"");
        try (Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            ProblemsCsv.write(repository, r, w);
        }
    }
}
