package jp.mimamori.core.extract;

/**
 * Why a row (or the whole file, line 0) was refused: the line number (header = line 1), the column,
 * the offending value, and the reason in Japanese and English.
 */
public record Problem(long line, String column, String value, String reasonJa, String reasonEn) {

    public static Problem file(String reasonJa, String reasonEn) {
        return new Problem(0, "", "", reasonJa, reasonEn);
    }

    public String message() {
        return (line > 0 ? "行 " + line + (column.isEmpty() ? "" : " 列「" + column + "」") + ": " : "") + reasonJa + " / "
                + (line > 0 ? "line " + line + (column.isEmpty() ? "" : " column '" + column + "'") + ": " : "") + reasonEn
                + (value.isEmpty() ? "" : " ['" + value + "']");
    }
}
