package jp.mimamori.server.ingest;

import java.time.OffsetDateTime;
import java.time.YearMonth;

/**
 * One load of one extract file, as recorded in its history; {@code duplicateOf} is set when the same
 * bytes had been loaded (or held) before. {@code status}: LOADED (stored; current or history), HELD
 * (stored, waiting for an administrator: 確認待ち), REJECTED (the file failed its checks; nothing stored)
 * or DISCARDED (held, then rejected by an administrator: rows kept, never used).
 */
public record LoadReport(long id, String source, YearMonth month, String fileName, String sha256, long sizeBytes, String encoding,
                         String policy, String status, long rowsTotal, long rowsLoaded, long rowsRejected, long problemsTotal,
                         boolean current, String uploadedBy, OffsetDateTime uploadedAt, String summaryJa, String summaryEn,
                         Long duplicateOf, Long households, String holdReasonJa, String holdReasonEn, Long comparedWith,
                         String decidedBy, OffsetDateTime decidedAt, String decisionNote, OffsetDateTime withdrawnAt, String withdrawnBy,
                         OffsetDateTime purgedAt) {

    public boolean loaded() {
        return "LOADED".equals(status);
    }

    /** Waiting for an administrator's confirmation; not current, read by nothing. */
    public boolean held() {
        return "HELD".equals(status);
    }

    public boolean withdrawn() {
        return withdrawnAt != null;
    }

    /** A load an administrator may make current again: stored, not current, rows not yet deleted by retention. */
    public boolean restorable() {
        return loaded() && !current && purgedAt == null && rowsLoaded > 0;
    }

    /** The status as staff read it, never the stored code. */
    public String statusJa() {
        return switch (status) {
            case "LOADED" -> current ? "現行" : withdrawn() ? "取り下げ" : "履歴";
            case "HELD" -> "確認待ち";
            case "DISCARDED" -> "不採用";
            default -> "却下";
        };
    }

    public String statusEn() {
        return switch (status) {
            case "LOADED" -> current ? "current" : withdrawn() ? "withdrawn" : "history";
            case "HELD" -> "held for confirmation";
            case "DISCARDED" -> "rejected by the administrator";
            default -> "rejected";
        };
    }

    public String statusLabel() {
        return statusJa() + " / " + statusEn();
    }

    /** The bad-row policy the load ran under (方針), in words: the stored key is the definition's, not staff's. */
    public String policyLabel() {
        return jp.mimamori.core.extract.BadRowPolicy.labelOf(policy);
    }

    /** The source's name (住民記録) for the command line, which prints the code beside it since commands take the code. */
    public String sourceName() {
        return jp.mimamori.core.source.SourceSystem.fromCode(source).map(jp.mimamori.core.source.SourceSystem::nameJa).orElse(source);
    }

    LoadReport asDuplicate() {
        String ja = held() ? "同じファイルは取込番号 " + id + " として管理者の確認待ちです。データは追加していません。"
                : "同じファイルは取込済みです（取込番号 " + id + "）。データは追加していません。";
        String en = held() ? "this exact file is already waiting for an administrator's confirmation as load " + id + "; nothing was added"
                : "this exact file was already loaded as load " + id + "; nothing was added";
        return new LoadReport(id, source, month, fileName, sha256, sizeBytes, encoding, policy, status, rowsTotal, rowsLoaded,
                rowsRejected, problemsTotal, current, uploadedBy, uploadedAt, ja, en, id, households, holdReasonJa, holdReasonEn, comparedWith,
                decidedBy, decidedAt, decisionNote, withdrawnAt, withdrawnBy, purgedAt);
    }
}
