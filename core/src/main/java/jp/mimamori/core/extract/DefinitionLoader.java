package jp.mimamori.core.extract;

import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.source.SourceSystem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a source definition from YAML. A municipality whose vendor names columns differently edits
 * this file, not code, so every mistake in it is reported with the file and the key.
 *
 * <pre>
 * source: juki                 # a SourceSystem code
 * encoding: CP932              # CP932 (also Shift_JIS, SJIS, MS932, windows-31j…) | UTF-8 | UTF-8-BOM | detect
 * delimiter: ","               # optional, default ","
 * quote: "\""                  # optional
 * header: true                 # optional, default true
 * bad-rows: quarantine-rows    # or reject-file
 * max-bad-row-ratio: 0.01      # optional: above this share (and more than 10 bad rows) the whole file is rejected anyway
 * record-id: 宛名番号
 * unique: [宛名番号]
 * shared-id: 宛名番号          # optional: the column with the city's 宛名番号 / 住民コード shared across 基幹系 systems
 * columns:
 *   - {name: 生年月日, field: birth_date, type: date, required: true, notations: [era-column], era-column: 生年月日元号}
 *   - {name: 異動日, field: moved_on, type: date}     # notations only matter for era-column: 令和6年4月1日, R6.4.1, 2024-4-1… read anywhere
 *   - {name: 性別, field: sex, type: code, codes: {"1": 男, "2": 女}}
 *   - {name: 国保加入, field: nhi, type: flag, yes-values: ["1"], no-values: ["0"]}
 * </pre>
 *
 * A key this loader does not know, at the top or in a column, is an error: a misspelt {@code shared_id:}
 * or {@code encodeing:} silently ignored would load a month of data without what the city meant.
 */
public final class DefinitionLoader {

    private static final Map<String, DateNotation> NOTATIONS = Map.of(
            "wareki-kanji", DateNotation.WAREKI_KANJI, "wareki-letter", DateNotation.WAREKI_LETTER,
            "wareki-letter-padded", DateNotation.WAREKI_LETTER_PADDED, "era-column", DateNotation.ERA_COLUMN,
            "iso", DateNotation.ISO, "slash", DateNotation.SLASH, "compact", DateNotation.COMPACT,
            "seireki-kanji", DateNotation.SLASH, "dot", DateNotation.SLASH);

    private static final List<String> TOP_KEYS = List.of("source", "encoding", "delimiter", "quote", "header", "bad-rows",
            "max-bad-row-ratio", "record-id", "unique", "shared-id", "columns");
    private static final List<String> COLUMN_KEYS = List.of("name", "field", "type", "required", "notations", "era-column",
            "codes", "yes-values", "no-values");

    private DefinitionLoader() {
    }

    /** The parsed definition and the share of bad rows above which a quarantine-rows file is rejected whole. */
    public record Loaded(SourceDefinition definition, double maxBadRowRatio) {
    }

    public static Loaded load(String where, Reader yaml) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new DefinitionException(where, "YAMLとして読めません", "not valid YAML: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new DefinitionException(where, "定義が空です", "the definition is empty");
        }
        unknownKeys(where, m, TOP_KEYS);
        String code = str(where, m, "source", true);
        SourceSystem source = SourceSystem.fromCode(code)
                .orElseThrow(() -> new DefinitionException(where + " source", "不明なデータ種別: " + code, "unknown source system: " + code));
        FileEncoding enc;
        try {
            enc = FileEncoding.of(str(where, m, "encoding", true));
        } catch (IllegalArgumentException e) {
            String names = String.join(", ", FileEncoding.ACCEPTED_NAMES);
            throw new DefinitionException(where + " encoding", "不明な文字コード「" + m.get("encoding") + "」です。使えるもの: " + names,
                    "unknown encoding '" + m.get("encoding") + "'; accepted: " + names);
        }
        BadRowPolicy policy;
        try {
            policy = BadRowPolicy.of(str(where, m, "bad-rows", true));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + " bad-rows", "reject-file か quarantine-rows を指定してください", "bad-rows must be reject-file or quarantine-rows");
        }
        char delimiter = oneChar(where, m, "delimiter", ',');
        char quote = oneChar(where, m, "quote", '"');
        boolean header = !(m.get("header") instanceof Boolean b) || b;
        double ratio = m.get("max-bad-row-ratio") instanceof Number n ? n.doubleValue() : 0.01;
        Object cols = m.get("columns");
        if (!(cols instanceof List<?> list) || list.isEmpty()) {
            throw new DefinitionException(where + " columns", "列の定義がありません", "no columns defined");
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            columns.add(column(where + " columns[" + (i + 1) + "]", list.get(i)));
        }
        List<String> names = columns.stream().map(ColumnDef::name).toList();
        String recordId = str(where, m, "record-id", true);
        if (!names.contains(recordId)) {
            throw new DefinitionException(where + " record-id", "列にありません: " + recordId, "not one of the columns: " + recordId);
        }
        List<String> unique = new ArrayList<>();
        if (m.get("unique") instanceof List<?> u) {
            for (Object o : u) {
                if (!names.contains(String.valueOf(o))) {
                    throw new DefinitionException(where + " unique", "列にありません: " + o, "not one of the columns: " + o);
                }
                unique.add(String.valueOf(o));
            }
        }
        String sharedId = str(where, m, "shared-id", false);
        if (sharedId != null && !names.contains(sharedId)) {
            throw new DefinitionException(where + " shared-id", "列にありません: " + sharedId, "not one of the columns: " + sharedId);
        }
        for (ColumnDef c : columns) {
            if (c.field().equals(SourceDefinition.SHARED_ID_FIELD) && !c.name().equals(sharedId)) {
                throw new DefinitionException(where + " " + c.name(), "項目名 shared_id は shared-id の列のためのものです",
                        "the field name shared_id is kept for the shared-id column");
            }
            if (c.eraColumn() != null && !names.contains(c.eraColumn())) {
                throw new DefinitionException(where + " " + c.name(), "元号列がありません: " + c.eraColumn(), "era column not found: " + c.eraColumn());
            }
        }
        return new Loaded(new SourceDefinition(source, enc, delimiter, quote, header, policy, recordId, unique, columns, sharedId), ratio);
    }

    private static ColumnDef column(String where, Object o) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new DefinitionException(where, "列は name, field, type を持つ対応表です", "a column is a mapping with name, field and type");
        }
        unknownKeys(where, m, COLUMN_KEYS);
        String name = str(where, m, "name", true);
        String field = str(where, m, "field", true);
        if (!field.matches("[a-z][a-z0-9_]*")) {
            throw new DefinitionException(where + " field", "項目名は英小文字・数字・_ です", "field must be lower-case letters, digits and _");
        }
        FieldType type;
        try {
            type = FieldType.valueOf(str(where, m, "type", true).toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + " type", "型は text, kana, integer, amount, flag, code, date, era のいずれかです",
                    "type must be text, kana, integer, amount, flag, code, date or era");
        }
        boolean required = m.get("required") instanceof Boolean b && b;
        Set<DateNotation> notations = EnumSet.noneOf(DateNotation.class);
        String eraColumn = null;
        if (type == FieldType.DATE) {
            // Every notation that carries its era or year is read in any date column; the list is needed
            // only for era-column, and is kept in the shipped files as a record of what the vendor writes.
            Object listed = m.get("notations");
            if (listed != null && !(listed instanceof List<?>)) {
                throw new DefinitionException(where + " notations", "日付の表記は一覧で指定してください", "notations must be a list");
            }
            for (Object n : listed == null ? List.of() : (List<?>) listed) {
                DateNotation d = NOTATIONS.get(String.valueOf(n));
                if (d == null) {
                    throw new DefinitionException(where + " notations", "不明な日付表記: " + n, "unknown notation " + n + " (use " + String.join(", ", NOTATIONS.keySet()) + ")");
                }
                notations.add(d);
            }
            eraColumn = m.get("era-column") == null ? null : String.valueOf(m.get("era-column"));
            if (notations.contains(DateNotation.ERA_COLUMN) && eraColumn == null) {
                throw new DefinitionException(where + " era-column", "era-column 表記には元号列が必要です", "the era-column notation needs era-column");
            }
        }
        Map<String, String> codes = new LinkedHashMap<>();
        if (type == FieldType.CODE) {
            if (!(m.get("codes") instanceof Map<?, ?> cm) || cm.isEmpty()) {
                throw new DefinitionException(where + " codes", "コード表がありません", "a code column needs its code table");
            }
            cm.forEach((k, v) -> codes.put(String.valueOf(k), String.valueOf(v)));
        }
        List<String> t = strings(m.get("yes-values"), List.of("1", "true", "有", "あり", "○"));
        List<String> f = strings(m.get("no-values"), List.of("0", "false", "無", "なし"));
        return new ColumnDef(name, field, type, required, notations, eraColumn, codes, t, f);
    }

    private static void unknownKeys(String where, Map<?, ?> m, List<String> known) {
        for (Object k : m.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                throw new DefinitionException(where + " " + k, "不明な項目「" + k + "」です（綴りを確認してください。使えるもの: "
                        + String.join(", ", known) + "）", "unknown key '" + k + "' (check the spelling; known keys: " + String.join(", ", known) + ")");
            }
        }
    }

    private static List<String> strings(Object o, List<String> fallback) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return fallback;
    }

    private static String str(String where, Map<?, ?> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw new DefinitionException(where + " " + key, key + " がありません", key + " is missing");
            }
            return null;
        }
        return String.valueOf(v).strip();
    }

    private static char oneChar(String where, Map<?, ?> m, String key, char fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        String s = String.valueOf(v);
        if (s.length() != 1) {
            throw new DefinitionException(where + " " + key, key + " は1文字です", key + " must be one character");
        }
        return s.charAt(0);
    }
}
