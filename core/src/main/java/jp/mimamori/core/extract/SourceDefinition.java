package jp.mimamori.core.extract;

import java.util.List;
import jp.mimamori.core.source.SourceSystem;

/**
 * How one department's extract is written, as a municipality configures it (YAML, see
 * {@link DefinitionLoader}): encoding, CSV dialect, header, columns, which column is the record id,
 * which columns must be unique within a file, the bad-row policy, and which column (if any) carries
 * the city's shared identifier (宛名番号 / 住民コード) common to the 基幹系 systems.
 *
 * @param sharedIdColumn the column whose value ingest also writes as the field {@link #SHARED_ID_FIELD},
 *                       or null when the source carries no shared identifier
 */
public record SourceDefinition(SourceSystem source, FileEncoding encoding, char delimiter, char quote, boolean header,
                               BadRowPolicy policy, String recordIdColumn, List<String> uniqueColumns, List<ColumnDef> columns,
                               String sharedIdColumn) {

    /** The field every row with a shared identifier carries it under, whatever the source calls the column. */
    public static final String SHARED_ID_FIELD = "shared_id";

    /** A source without a shared identifier. */
    public SourceDefinition(SourceSystem source, FileEncoding encoding, char delimiter, char quote, boolean header,
                            BadRowPolicy policy, String recordIdColumn, List<String> uniqueColumns, List<ColumnDef> columns) {
        this(source, encoding, delimiter, quote, header, policy, recordIdColumn, uniqueColumns, columns, null);
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
