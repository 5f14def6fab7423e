package jp.mimamori.core.link;

/**
 * String similarity counted in code points, so that a kanji outside the BMP (𠮷, 𩸽) is one character,
 * not two. Apache Commons Text has the same metrics but counts UTF-16 units (a surrogate pair would be
 * two characters, one "typo" two edits), so these are our own, small and checked against Commons Text
 * on BMP strings in {@code StringMetricsTest}.
 */
public final class StringMetrics {

    private StringMetrics() {
    }

    /** Jaro–Winkler similarity (prefix scale 0.1, up to 4 characters), 1 for equal strings, 0 when either is empty. */
    public static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        if (a.length() <= 64 && b.length() <= 64 && bmp(a) && bmp(b)) {
            return jaroWinklerShort(a, b);
        }
        return jaroWinklerCodePoints(a, b);
    }

    /** The general case, on code points; package-visible so a test can hold the short path to it. */
    static double jaroWinklerCodePoints(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        if (x.length == 0 || y.length == 0) {
            return 0;
        }
        double j = jaro(x, y);
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(x.length, y.length)) && x[i] == y[i]; i++) {
            prefix++;
        }
        return j + prefix * 0.1 * (1 - j);
    }

    private static boolean bmp(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same as the code-point version for strings of at most 64 characters without surrogates
     * (every name and town): the matched flags are bits of a long, so nothing is allocated. Linkage
     * calls it hundreds of millions of times at a million residents. The arithmetic is the same, so
     * the result is the same double.
     */
    private static double jaroWinklerShort(String a, String b) {
        int lx = a.length();
        int ly = b.length();
        int window = Math.max(0, Math.max(lx, ly) / 2 - 1);
        long mx = 0;
        long my = 0;
        int matches = 0;
        for (int i = 0; i < lx; i++) {
            char c = a.charAt(i);
            int lo = Math.max(0, i - window);
            int hi = Math.min(ly - 1, i + window);
            for (int k = lo; k <= hi; k++) {
                if ((my & 1L << k) == 0 && b.charAt(k) == c) {
                    mx |= 1L << i;
                    my |= 1L << k;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int t = 0;
        int k = 0;
        for (int i = 0; i < lx; i++) {
            if ((mx & 1L << i) != 0) {
                while ((my & 1L << k) == 0) {
                    k++;
                }
                if (a.charAt(i) != b.charAt(k)) {
                    t++;
                }
                k++;
            }
        }
        double m = matches;
        double j = (m / lx + m / ly + (m - t / 2.0) / m) / 3;
        int prefix = 0;
        for (int i = 0; i < Math.min(4, Math.min(lx, ly)) && a.charAt(i) == b.charAt(i); i++) {
            prefix++;
        }
        return j + prefix * 0.1 * (1 - j);
    }

    private static double jaro(int[] x, int[] y) {
        int window = Math.max(0, Math.max(x.length, y.length) / 2 - 1);
        boolean[] mx = new boolean[x.length];
        boolean[] my = new boolean[y.length];
        int matches = 0;
        for (int i = 0; i < x.length; i++) {
            int lo = Math.max(0, i - window);
            int hi = Math.min(y.length - 1, i + window);
            for (int k = lo; k <= hi; k++) {
                if (!my[k] && x[i] == y[k]) {
                    mx[i] = true;
                    my[k] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int t = 0;
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (mx[i]) {
                while (!my[k]) {
                    k++;
                }
                if (x[i] != y[k]) {
                    t++;
                }
                k++;
            }
        }
        double m = matches;
        return (m / x.length + m / y.length + (m - t / 2.0) / m) / 3;
    }

    /** True when two strings of digits or letters differ by one substitution or one swap of neighbours (mistyped numbers). */
    public static boolean oneTypo(String a, String b) {
        if (a.length() != b.length() || a.equals(b)) {
            return false;
        }
        int first = -1;
        int diffs = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (diffs == 0) {
                    first = i;
                }
                diffs++;
            }
        }
        if (diffs == 1) {
            return true;
        }
        return diffs == 2 && first + 1 < a.length() && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first)
                && a.substring(first + 2).equals(b.substring(first + 2));
    }

    /**
     * Token-set similarity of two free-text addresses (foreign or unparsed ones): each token is matched
     * with its most similar token on the other side (Jaro–Winkler), averaged both ways (symmetric
     * Monge–Elkan), so a typo in one word or a missing word costs a part, not everything.
     */
    public static double tokenSimilarity(String[] a, String[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        return (mongeElkan(a, b) + mongeElkan(b, a)) / 2;
    }

    private static double mongeElkan(String[] a, String[] b) {
        double sum = 0;
        for (String s : a) {
            double best = 0;
            for (String t : b) {
                best = Math.max(best, jaroWinkler(s, t));
                if (best == 1) {
                    break;
                }
            }
            sum += best;
        }
        return sum / a.length;
    }
}
