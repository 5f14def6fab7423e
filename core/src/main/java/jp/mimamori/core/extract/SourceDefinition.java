package jp.mimamori.core.extract;

import java.util.List;
import jp.mimamori.core.source.SourceSystem;

/**
 * How one department's extract is written, as a municipality configures it (YAML, see
 * {@link DefinitionLoader}): encoding, CSV dialect, header, columns, which column is the record id,
 * which columns must be unique within a file, and the bad-row policy.
 */
public record SourceDefinition(SourceSystem source, FileEncoding encoding, char delimiter, char quote, boolean header,
                               BadRowPolicy policy, String recordIdColumn, List<String> uniqueColumns, List<ColumnDef> columns) {

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
