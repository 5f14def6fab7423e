package jp.mimamori.server.ingest;

import java.time.OffsetDateTime;
import java.time.YearMonth;

/** One load of one extract file, as recorded in its history; {@code duplicateOf} is set when the same bytes had been loaded before. */
public record LoadReport(long id, String source, YearMonth month, String fileName, String sha256, long sizeBytes, String encoding,
                         String policy, String status, long rowsTotal, long rowsLoaded, long rowsRejected, long problemsTotal,
                         boolean current, String uploadedBy, OffsetDateTime uploadedAt, String summaryJa, String summaryEn,
                         Long duplicateOf) {

    public boolean loaded() {
        return "LOADED".equals(status);
    }

    LoadReport asDuplicate() {
        return new LoadReport(id, source, month, fileName, sha256, sizeBytes, encoding, policy, status, rowsTotal, rowsLoaded,
                rowsRejected, problemsTotal, current, uploadedBy, uploadedAt,
                "同じファイルは取込済みです（取込番号 " + id + "）。データは追加していません。",
                "this exact file was already loaded as load " + id + "; nothing was added", id);
    }
}
