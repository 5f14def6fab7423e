package jp.mimamori.server.ingest;

import java.util.ArrayList;
import java.util.List;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrator's decisions about which load of a source is current: confirm a held load (it
 * becomes current), reject it (不採用: kept with its rows, never used), or make an earlier load current
 * again (roll back). ADMIN only, on the page {@code /admin/loads} and by {@code ./mimamori loads}; a
 * refusal is audited as ACCESS_DENIED, every decision as LOAD_CONFIRMED, LOAD_DISCARDED or
 * LOAD_ROLLED_BACK. Each runs under the source's load lock, so it never races an upload.
 */
@Service
public class LoadDecisions {

    /** Words a reason must have at least, so that the audit log says why. */
    static final int MIN_REASON = 4;

    /** One source on the administrator's page: its current load, what waits, and what may be made current again. */
    public record SourceState(SourceSystem source, LoadReport current, List<LoadReport> held, List<LoadReport> restorable) {
    }

    private final IngestRepository repository;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    public LoadDecisions(IngestRepository repository, TransactionTemplate tx, AuditLog audit) {
        this.repository = repository;
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * Refuses anyone but the administrator, with an audit row written on its own (it must survive the
     * refusal). Checked here rather than with {@code @PreAuthorize}, which would refuse before the audit.
     */
    private void requireAdmin(Actor actor, String what, long id) {
        if (!"ADMIN".equals(actor.role())) {
            audit.recordIndependently(actor.event(AuditAction.ACCESS_DENIED, "extract_load:" + id, what + " refused: administrators only"));
            throw new AccessDeniedException("取込の確定・不採用・切り戻しは管理者だけが行えます / only an administrator confirms, rejects or rolls back loads");
        }
    }

    public List<SourceState> overview(Actor actor) {
        requireAdmin(actor, "view of loads", 0);
        List<SourceState> out = new ArrayList<>();
        for (SourceSystem s : SourceSystem.values()) {
            List<LoadReport> loads = repository.list(List.of(s), 50);
            out.add(new SourceState(s, loads.stream().filter(LoadReport::current).findFirst().orElse(null),
                    loads.stream().filter(LoadReport::held).sorted(java.util.Comparator.comparing(LoadReport::id)).toList(),
                    loads.stream().filter(LoadReport::restorable).limit(12).toList()));
        }
        return out;
    }

    /** A held load becomes current; a load newer than it is withdrawn (as in a roll back). */
    public LoadReport confirm(Actor actor, long id, String note) {
        requireAdmin(actor, "confirm", id);
        return tx.execute(st -> {
            LoadReport r = locked(id);
            if (!r.held()) {
                throw invalid("この取込は確認待ちではありません（" + r.statusJa() + "）", "this load is not waiting for confirmation (" + r.statusEn() + ")");
            }
            if (r.purgedAt() != null) {
                // Held past the retention period: its rows are gone, and an empty load must never become current.
                throw invalid("この取込の行は保存期間を過ぎて削除されています。もう一度登録してください",
                        "this load's rows were deleted after their retention period; upload the file again");
            }
            Long before = repository.current(source(r)).map(LoadReport::id).orElse(null);
            repository.decide(id, "LOADED", actor.name(), blank(note));
            List<Long> withdrawn = repository.makeCurrent(source(r), id, actor.name());
            audit.record(actor.event(AuditAction.LOAD_CONFIRMED, "extract_load:" + id, "source " + r.source() + " month " + r.month()
                    + " confirmed as current (replacing load " + before + ")" + withdrawnText(withdrawn) + (blank(note) == null ? "" : ": " + note.strip())));
            return repository.find(id).orElseThrow();
        });
    }

    /** A held load is rejected: kept with its rows for the record, never current, never read. */
    public LoadReport reject(Actor actor, long id, String reason) {
        requireAdmin(actor, "reject", id);
        String why = reason(reason);
        return tx.execute(st -> {
            LoadReport r = locked(id);
            if (!r.held()) {
                throw invalid("この取込は確認待ちではありません（" + r.statusJa() + "）", "this load is not waiting for confirmation (" + r.statusEn() + ")");
            }
            repository.decide(id, "DISCARDED", actor.name(), why);
            audit.record(actor.event(AuditAction.LOAD_DISCARDED, "extract_load:" + id, "source " + r.source() + " month " + r.month()
                    + " rejected: " + why));
            return repository.find(id).orElseThrow();
        });
    }

    /**
     * Makes a stored, not current load current again (roll back to it, or forward again to a withdrawn
     * one); the loads newer than it are withdrawn. Its rows must still be there (not deleted by retention).
     */
    public LoadReport makeCurrent(Actor actor, long id, String reason) {
        requireAdmin(actor, "make current", id);
        String why = reason(reason);
        return tx.execute(st -> {
            LoadReport r = locked(id);
            if (r.current()) {
                throw invalid("この取込はすでに現行です", "this load is already the current one");
            }
            if (!r.restorable()) {
                throw invalid(r.held() ? "確認待ちの取込は「確定」で現行にします" : r.purgedAt() != null
                                ? "この取込の行は保存期間を過ぎて削除されています" : "この取込は現行にできません（" + r.statusJa() + "）",
                        r.held() ? "a held load becomes current by confirming it" : r.purgedAt() != null
                                ? "this load's rows were deleted after their retention period" : "this load cannot be made current (" + r.statusEn() + ")");
            }
            Long before = repository.current(source(r)).map(LoadReport::id).orElse(null);
            List<Long> withdrawn = repository.makeCurrent(source(r), id, actor.name());
            audit.record(actor.event(AuditAction.LOAD_ROLLED_BACK, "extract_load:" + id, "source " + r.source() + " month " + r.month()
                    + " made current again, replacing load " + before + withdrawnText(withdrawn) + ": " + why));
            return repository.find(id).orElseThrow();
        });
    }

    private LoadReport locked(long id) {
        LoadReport r = repository.find(id).orElseThrow(() -> new LoadNotFoundException(id));
        repository.lock(source(r));
        // Read again under the lock: an upload or another decision may have changed it meanwhile.
        return repository.find(id).orElseThrow();
    }

    private static SourceSystem source(LoadReport r) {
        return SourceSystem.fromCode(r.source()).orElseThrow();
    }

    private static String withdrawnText(List<Long> ids) {
        return ids.isEmpty() ? "" : "; withdrawn (newer) loads " + ids;
    }

    private static String reason(String reason) {
        String r = blank(reason);
        if (r == null || r.codePointCount(0, r.length()) < MIN_REASON || r.length() > 500) {
            throw invalid("reason", "理由を" + MIN_REASON + "文字以上500文字以内で入力してください",
                    "enter the reason, " + MIN_REASON + " to 500 characters");
        }
        return r;
    }

    private static InvalidInputException invalid(String ja, String en) {
        return invalid("load", ja, en);
    }

    private static InvalidInputException invalid(String field, String ja, String en) {
        return new InvalidInputException(List.of(new FieldError(field, ja, en)));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
