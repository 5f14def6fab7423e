package jp.mimamori.core.extract;

/**
 * What happens to a file with bad rows (不正な行の扱い): nothing is loaded, or the good rows load and the bad ones
 * are quarantined. The key ({@code reject-file}) is what a source's definition and a load's record keep; staff read
 * the words, never the key.
 */
public enum BadRowPolicy {
    REJECT_FILE("reject-file", "不正な行があればファイル全体を却下", "any bad row rejects the whole file"),
    QUARANTINE_ROWS("quarantine-rows", "不正な行を隔離し、正しい行を取込", "bad rows quarantined, good rows loaded");

    private final String key;
    private final String labelJa;
    private final String labelEn;

    BadRowPolicy(String key, String labelJa, String labelEn) {
        this.key = key;
        this.labelJa = labelJa;
        this.labelEn = labelEn;
    }

    public String key() {
        return key;
    }

    public String labelJa() {
        return labelJa;
    }

    public String labelEn() {
        return labelEn;
    }

    /** Japanese, then English: how the load report's 方針 / Policy line reads. */
    public String label() {
        return labelJa + " / " + labelEn;
    }

    public static BadRowPolicy of(String key) {
        for (BadRowPolicy p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException(key);
    }

    /** A stored key in words; a key no policy has (none, or a city's own) as a dash, never as the key. */
    public static String labelOf(String key) {
        for (BadRowPolicy p : values()) {
            if (p.key.equals(key)) {
                return p.label();
            }
        }
        return "—";
    }

    /**
     * A stored text (a load's summary written before the summaries said the policy in words: {@code 方針: reject-file})
     * with each key in its Japanese words.
     */
    public static String keysInWords(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (BadRowPolicy p : values()) {
            out = out.replace("（方針: " + p.key + "）", "（方針: " + p.labelJa + "）").replace("(policy " + p.key + ")", "(policy: " + p.labelEn + ")");
        }
        return out;
    }
}
