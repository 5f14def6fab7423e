package jp.mimamori.server.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.Principal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import jakarta.servlet.http.HttpServletRequest;
import jp.mimamori.core.extract.Problem;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.access.CurrentUser;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.validation.Uploads;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ingest/{source}?month=YYYY-MM} with the extract as the request body, Content-Type
 * text/csv or application/octet-stream (HTTP Basic
 * authentication; DEPT_UPLOADER for their own source, ADMIN for any). Answers 200 with the load
 * report when the file loaded and is current (or had been loaded before), 202 when it was stored but
 * held for an administrator's confirmation ({@code "held": true}, with the reasons; it is not current
 * and nothing uses it yet), 422 when it was rejected.
 */
@RestController
public class IngestApiController {

    public record ApiReport(long loadId, String source, String month, String status, long rowsTotal, long rowsLoaded,
                            long rowsRejected, long problemsTotal, Long duplicateOf, String summaryJa, String summaryEn,
                            List<Problem> problems, String problemsCsv, boolean current, boolean held, String statusJa, String statusEn,
                            String holdReasonJa, String holdReasonEn, Long households) {
    }

    public record ApiError(String errorJa, String errorEn) {
    }

    private final IngestService ingest;
    private final IngestRepository repository;
    private final CurrentUser currentUser;
    private final UploadStore store;

    public IngestApiController(IngestService ingest, IngestRepository repository, CurrentUser currentUser, UploadStore store) {
        this.ingest = ingest;
        this.repository = repository;
        this.currentUser = currentUser;
        this.store = store;
    }

    @PostMapping(path = "/api/ingest/{source}", consumes = {"text/csv", "application/octet-stream", "text/plain"})
    public ResponseEntity<?> ingest(Principal principal, @PathVariable String source, @RequestParam(required = false) String month,
                                    @RequestParam(required = false) String fileName, HttpServletRequest request) throws IOException {
        UserAccount me = currentUser.of(principal);
        SourceSystem s = SourceSystem.fromCode(source).orElse(null);
        if (s == null) {
            return ResponseEntity.badRequest().body(new ApiError("不明なデータ種別です: " + source, "unknown source: " + source));
        }
        YearMonth ym;
        try {
            ym = YearMonth.parse(month == null ? "" : month);
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(new ApiError("month は YYYY-MM 形式です", "month must be YYYY-MM"));
        }
        ingest.authorise(me, s);
        Path tmp;
        try (InputStream in = request.getInputStream()) {
            tmp = store.save(in);
        }
        try {
            LoadReport r = ingest.load(me, s, ym, Uploads.displayName(fileName), tmp, null);
            ApiReport body = new ApiReport(r.id(), r.source(), r.month().toString(), r.status(), r.rowsTotal(), r.rowsLoaded(),
                    r.rowsRejected(), r.problemsTotal(), r.duplicateOf(), r.summaryJa(), r.summaryEn(),
                    r.duplicateOf() == null ? repository.problems(r.id(), 100) : List.of(), "/dept/loads/" + r.id() + "/problems.csv",
                    r.current(), r.held(), r.statusJa(), r.statusEn(), r.holdReasonJa(), r.holdReasonEn(), r.households());
            // 202: stored, but not (yet) in use; a scheduled client must not take it for a completed load.
            HttpStatus status = r.held() ? HttpStatus.ACCEPTED : r.loaded() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY;
            return ResponseEntity.status(status).body(body);
        } finally {
            store.delete(tmp);
        }
    }
}
