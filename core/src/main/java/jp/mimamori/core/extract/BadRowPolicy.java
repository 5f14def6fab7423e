package jp.mimamori.core.extract;

/** What happens to a file with bad rows: nothing is loaded, or the good rows load and the bad ones are quarantined. */
public enum BadRowPolicy {
    REJECT_FILE("reject-file"), QUARANTINE_ROWS("quarantine-rows");

    private final String key;

    BadRowPolicy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static BadRowPolicy of(String key) {
        for (BadRowPolicy p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException(key);
    }
}
