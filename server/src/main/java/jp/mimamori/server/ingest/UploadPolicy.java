package jp.mimamori.server.ingest;

import jp.mimamori.core.extract.BadRowPolicy;
import jp.mimamori.core.extract.DefinitionLoader;
import jp.mimamori.core.source.SourceSystem;

/**
 * What happens to one source's file with bad rows (不正な行の扱い), in the words staff read on the upload page.
 * Read from the source's definition in force, so that a city which changes {@code bad-rows} in its copy of the
 * definition sees the page change with it instead of a promise the load does not keep.
 */
public record UploadPolicy(SourceSystem source, BadRowPolicy policy, String ja, String en) {

    static UploadPolicy of(DefinitionLoader.Loaded def) {
        SourceSystem s = def.definition().source();
        BadRowPolicy p = def.definition().policy();
        String percent = String.format("%.1f%%", def.maxBadRowRatio() * 100);
        return switch (p) {
            case REJECT_FILE -> new UploadPolicy(s, p,
                    "不正な行が1行でもあれば、ファイル全体を取り込みません（すべて取り込むか、まったく取り込まないかのどちらかです）。",
                    "one bad row rejects the whole file: it loads completely or not at all.");
            case QUARANTINE_ROWS -> new UploadPolicy(s, p,
                    "不正な行は隔離して取込結果に一覧し、正しい行を取り込みます。ただし不正な行が " + percent + " を超え、かつ "
                            + IngestService.MIN_BAD_ROWS_TO_REJECT + " 行を超えるとき、または正しい行が1行もないときは、ファイル全体を取り込みません。",
                    "bad rows are set aside (quarantined) and listed in the load report, and the good rows load; but if more than "
                            + percent + " and more than " + IngestService.MIN_BAD_ROWS_TO_REJECT
                            + " rows are bad, or no row is good, the whole file is rejected.");
        };
    }

    public String sourceLabel() {
        return source.nameJa() + "（" + source.departmentJa() + "）";
    }
}
