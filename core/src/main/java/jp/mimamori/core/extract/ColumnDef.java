package jp.mimamori.core.extract;

import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mimamori.core.date.DateNotation;

/**
 * One column of a source's extract: its header name in the file, the field it feeds, its type, and
 * the type's parameters (accepted date notations and era column, code table, flag values).
 */
public record ColumnDef(String name, String field, FieldType type, boolean required, Set<DateNotation> notations,
                        String eraColumn, Map<String, String> codes, List<String> trueValues, List<String> falseValues) {
}
