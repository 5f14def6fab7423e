package jp.mimamori.server.cases;

import java.util.Locale;

/**
 * Why a named child's data is being opened (purpose binding): an open case of the child or its
 * household, a consultation about them, an outreach under way for the child, or — for a supervisor or administrator only — a recorded
 * break-glass with a reason the administrator reviews. Carried in links as {@code purpose=case:C…},
 * {@code purpose=consultation:S…} or {@code purpose=break-glass&reason=…}.
 */
public record Purpose(Kind kind, String reference, String reason) {

    public enum Kind { CASE, CONSULTATION, OUTREACH, BREAK_GLASS }

    /** The purpose a link carries; null when it names none. */
    public static Purpose parse(String purpose, String reason) {
        if (purpose == null || purpose.isBlank()) {
            return null;
        }
        String p = purpose.strip();
        int colon = p.indexOf(':');
        String head = (colon < 0 ? p : p.substring(0, colon)).toLowerCase(Locale.ROOT);
        String ref = colon < 0 ? "" : p.substring(colon + 1).strip().toUpperCase(Locale.ROOT);
        return switch (head) {
            case "case" -> new Purpose(Kind.CASE, ref, null);
            case "consultation" -> new Purpose(Kind.CONSULTATION, ref, null);
            case "outreach" -> new Purpose(Kind.OUTREACH, ref, null);
            case "break-glass" -> new Purpose(Kind.BREAK_GLASS, "", reason == null ? "" : reason.strip());
            default -> null;
        };
    }

    /** As a link carries it (with {@link #reason} beside it for a break-glass). */
    public String param() {
        return switch (kind) {
            case CASE -> "case:" + reference;
            case CONSULTATION -> "consultation:" + reference;
            case OUTREACH -> "outreach:" + reference;
            case BREAK_GLASS -> "break-glass";
        };
    }

    /** As written in the audit log's purpose column. */
    public String audit() {
        return switch (kind) {
            case CASE -> "case:" + reference;
            case CONSULTATION -> "consultation:" + reference;
            case OUTREACH -> "outreach:" + reference;
            case BREAK_GLASS -> "break-glass: " + reason;
        };
    }
}
