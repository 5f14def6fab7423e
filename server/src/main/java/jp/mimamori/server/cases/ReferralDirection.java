package jp.mimamori.server.cases;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which way a referral went, stored by name in {@code referral.direction}: the centre referred the child
 * to an agency (つなぎ, TO; a reply may follow), or received information from one (情報提供, FROM).
 */
public enum ReferralDirection {
    TO("つなぎ / to"), FROM("受理 / from");

    private final String label;

    ReferralDirection(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The direction a form or the database names, empty for anything else. */
    public static Optional<ReferralDirection> ofCode(String code) {
        return Arrays.stream(values()).filter(d -> d.name().equals(code)).findFirst();
    }
}
