package jp.mimamori.core.link;

import java.time.LocalDate;

/**
 * One department's record of one person, as linkage sees it: the fields every source carries, already
 * cleaned at ingest. {@code sex} is "1" (male), "2" (female) or null; any other field may be null.
 */
public record LinkRecord(String source, String recordId, String name, String kana, LocalDate birth, String sex, String address) {
}
