package jp.mimamori.server.db;

import java.util.List;
import java.util.Map;

/** Minimal JSON for bulk paths: flat objects of strings, numbers and booleans, at millions of rows a minute. */
public final class Json {

    private Json() {
    }

    public static String object(Map<String, ?> m) {
        StringBuilder b = new StringBuilder(m.size() * 24);
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : m.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            string(b, e.getKey());
            b.append(':');
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                string(b, String.valueOf(v));
            }
        }
        return b.append('}').toString();
    }

    public static String array(List<String> values) {
        StringBuilder b = new StringBuilder();
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            string(b, values.get(i));
        }
        return b.append(']').toString();
    }

    public static void string(StringBuilder b, String s) {
        jp.mimamori.core.text.JsonString.append(b, s);
    }
}
