package jp.mimamori.core.link;

import java.time.LocalDate;

/**
 * One department's record of one person, as linkage sees it: the fields every source carries, already
 * cleaned at ingest. {@code sex} is "1" (male), "2" (female) or null; any other field may be null.
 */
public record LinkRecord(String source, String recordId, String name, String kana, LocalDate birth, String sex, String address) {

    /** "1" for the ways sources write male (1, 男, M, male), "2" for female, otherwise null. */
    public static String sex(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase()) {
            case "1", "男", "m", "male" -> "1";
            case "2", "女", "f", "female" -> "2";
            default -> null;
        };
    }
}
