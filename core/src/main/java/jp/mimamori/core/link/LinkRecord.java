package jp.mimamori.core.link;

import java.time.LocalDate;

/**
 * One department's record of one person, as linkage sees it: the fields every source carries, already
 * cleaned at ingest. {@code sex} is "1" (male), "2" (female) or null; any other field may be null.
 *
 * @param postcode  郵便番号 (postcode), any notation (〒123-4567, 1234567)
 * @param sharedId  the city's 宛名番号 / 住民コード where the source carries it: a key shared by the
 *                  基幹系 (core) systems, very strong but outvotable evidence (numbers get mistyped and reused)
 * @param household a household key within the source (the registry's 世帯番号): two records of one
 *                  source with the same household key are different people by construction
 */
public record LinkRecord(String source, String recordId, String name, String kana, LocalDate birth, String sex, String address,
                         String postcode, String sharedId, String household) {

    /** A record without postcode, shared identifier or household. */
    public LinkRecord(String source, String recordId, String name, String kana, LocalDate birth, String sex, String address) {
        this(source, recordId, name, kana, birth, sex, address, null, null, null);
    }

    /** "1" for the ways sources write male (1, 男, 男性, M, male…), "2" for female, otherwise null: see {@link jp.mimamori.core.text.SexNotation}. */
    public static String sex(String value) {
        return jp.mimamori.core.text.SexNotation.code(value);
    }
}
