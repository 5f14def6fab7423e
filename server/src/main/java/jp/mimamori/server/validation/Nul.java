package jp.mimamori.server.validation;

/**
 * The NUL character (U+0000). PostgreSQL cannot store it in text or JSON, and the JDBC driver refuses
 * any statement that carries one, so it is refused at the edge (request parameters, CSV and Excel
 * cells) and, where a refusal itself must be written down (the audit log), made visible as the six
 * characters <code>&#92;u0000</code> instead.
 */
public final class Nul {

    private Nul() {
    }

    public static boolean in(CharSequence s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\0') {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with every NUL written as <code>&#92;u0000</code>; null stays null. */
    public static String escape(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "\\u0000");
    }
}
