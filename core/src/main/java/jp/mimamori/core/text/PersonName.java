package jp.mimamori.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A name split into 姓 (surname) and 名 (given name), and its reading (フリガナ) split the same way.
 * Sources write "高橋　陽翔", "高橋 陽翔", "高橋・陽翔" or "高橋陽翔", and the reading "タカハシ ハルト" or
 * "タカハシハルト"; romanised foreign names come as "NGUYEN VAN AN" (surname first, as the registry writes
 * them). A separator splits; without one the surname dictionary does ({@link #parse(String, String)}).
 *
 * <p>{@code split} is false when a name without a separator matched no known surname: {@code surname} is
 * then the whole name and {@code given} empty, because a wrong split is worse than none for matching.
 * {@code surnameKana} and {@code givenKana} are null when no reading was given; when a reading was given
 * but could not be split, {@code surnameKana} is the whole reading (katakana) and {@code givenKana} empty.
 */
public record PersonName(String surname, String given, boolean split, String surnameKana, String givenKana) {

    /** A name without its reading. */
    public PersonName(String surname, String given, boolean split) {
        this(surname, given, split, null, null);
    }

    /** nameKey of the written surname → readingKeys of its readings (IPADIC and the local list). */
    private static final Map<String, String[]> SURNAMES = new HashMap<>();
    /** nameKey of the written given name → readingKeys of its readings. */
    private static final Map<String, String[]> GIVEN = new HashMap<>();
    private static final Set<String> SURNAME_READINGS = new HashSet<>();
    private static final Set<String> GIVEN_READINGS = new HashSet<>();
    private static final String[] NO_READINGS = new String[0];

    static {
        load("surnames.tsv", SURNAMES, SURNAME_READINGS);
        load("surnames-local.tsv", SURNAMES, SURNAME_READINGS);
        load("given-names.tsv", GIVEN, GIVEN_READINGS);
        load("given-names-local.tsv", GIVEN, GIVEN_READINGS);
    }

    private static final int LONGEST = SURNAMES.keySet().stream().mapToInt(k -> k.codePointCount(0, k.length())).max().orElse(4);

    /** The number of written surnames known (folded forms). */
    public static int surnameCount() {
        return SURNAMES.size();
    }

    public static PersonName parse(String raw) {
        return parse(raw, null);
    }

    /**
     * Splits a name and its reading. A separator (space, full-width space, ・, comma) splits each. A name
     * without one is split after the longest surname in the dictionary whose reading begins the given
     * reading (小野寺祐子 + オノデラユウコ → 小野寺|祐子, オノデラ|ユウコ; 小野 is a surname too, but the
     * longest wins). Leaving a known given name counts as much as an agreeing reading, so without a
     * reading the longest surname that leaves a known given name wins, else the longest surname. A reading without a separator is split
     * by the chosen surname's reading. A name written only in kana is split only where exactly one place
     * leaves a known surname reading and a known given-name reading (モリタクミ could be 森|拓海 or
     * 森田|くみ, so it stays whole).
     *
     * @param name the written name (kanji, kana or Latin)
     * @param kana its reading in kana, or null
     */
    public static PersonName parse(String name, String kana) {
        String s = JapaneseText.clean(name);
        String k = kana == null ? null : JapaneseText.katakana(JapaneseText.clean(kana));
        if (k != null && k.isEmpty()) {
            k = null;
        }
        int sep = separator(s);
        if (sep > 0) {
            String surname = s.substring(0, sep).strip();
            String given = s.substring(sep + 1).strip();
            String[] kanaParts = splitKana(k, surname, given);
            return new PersonName(surname, given, true, kanaParts[0], kanaParts[1]);
        }
        int kanaSep = k == null ? -1 : separator(k);
        String kanaSurname = kanaSep > 0 ? JapaneseText.readingKey(k.substring(0, kanaSep)) : null;
        Reading reading = k == null || kanaSep > 0 ? null : new Reading(k);

        int[] offsets = s.codePoints().toArray();
        int n = offsets.length;
        String key = JapaneseText.nameKey(s);
        boolean aligned = key.codePointCount(0, key.length()) == n;
        int best = -1;
        int bestScore = -1;
        int bestKanaEnd = -1;
        for (int len = Math.min(LONGEST, n - 1); len >= 1; len--) {
            int end = s.offsetByCodePoints(0, len);
            String head = aligned ? key.substring(0, key.offsetByCodePoints(0, len)) : JapaneseText.nameKey(s.substring(0, end));
            String[] readings = SURNAMES.get(head);
            if (readings == null) {
                continue;
            }
            // One point each for a reading that agrees and a rest that is a known given name; ties go to the
            // longest (the loop order). The dictionary lacks some readings (東海林 read トウカイリン), and
            // 東海|林さくら must not beat 東海林|さくら on a reading the longer surname merely lacks.
            int kanaEnd = -1;
            boolean readingAgrees = false;
            if (kanaSurname != null) {
                readingAgrees = Arrays.asList(readings).contains(kanaSurname);
            } else if (reading != null) {
                kanaEnd = reading.longestPrefix(readings);
                readingAgrees = kanaEnd > 0;
            }
            String rest = aligned ? key.substring(head.length()) : JapaneseText.nameKey(s.substring(end));
            int score = (readingAgrees ? 1 : 0) + (GIVEN.containsKey(rest) ? 1 : 0);
            if (score > bestScore) {
                best = end;
                bestScore = score;
                bestKanaEnd = kanaEnd;
            }
        }
        if (best < 0 && isKana(s)) {
            return kanaOnly(s, k);
        }
        String surnameKana = null;
        String givenKana = null;
        if (kanaSep > 0) {
            surnameKana = k.substring(0, kanaSep).strip();
            givenKana = k.substring(kanaSep + 1).strip();
        } else if (k != null && bestKanaEnd > 0) {
            surnameKana = k.substring(0, bestKanaEnd);
            givenKana = k.substring(bestKanaEnd);
        } else if (k != null) {
            String[] byGiven = best < 0 ? new String[] {k, ""} : splitKana(k, s.substring(0, best), s.substring(best));
            surnameKana = byGiven[0];
            givenKana = byGiven[1];
        }
        if (best < 0) {
            return new PersonName(s, "", false, surnameKana, givenKana);
        }
        return new PersonName(s.substring(0, best), s.substring(best), true, surnameKana, givenKana);
    }

    /** A written name with a separator, its reading without one: split by the surname's reading, else the given name's. */
    private static String[] splitKana(String k, String surname, String given) {
        if (k == null) {
            return new String[] {null, null};
        }
        int kanaSep = separator(k);
        if (kanaSep > 0) {
            return new String[] {k.substring(0, kanaSep).strip(), k.substring(kanaSep + 1).strip()};
        }
        Reading reading = new Reading(k);
        String[] readings = SURNAMES.getOrDefault(JapaneseText.nameKey(surname), NO_READINGS);
        if (isKana(surname)) {
            readings = Arrays.copyOf(readings, readings.length + 1);
            readings[readings.length - 1] = JapaneseText.readingKey(surname);
        }
        int end = reading.longestPrefix(readings);
        if (end < 0) {
            String[] givenReadings = GIVEN.getOrDefault(JapaneseText.nameKey(given), NO_READINGS);
            if (isKana(given)) {
                givenReadings = new String[] {JapaneseText.readingKey(given)};
            }
            end = reading.longestSuffix(givenReadings);
        }
        return end > 0 ? new String[] {k.substring(0, end), k.substring(end)} : new String[] {k, ""};
    }

    /**
     * A name in kana only. Many kana strings split two ways into a surname and a given name (モリタクミ),
     * so it is split only where the place is unique; the reading then follows the same place.
     */
    private static PersonName kanaOnly(String s, String k) {
        String ks = JapaneseText.katakana(s);
        Reading written = new Reading(ks);
        int found = -1;
        for (int end = 1; end < ks.length(); end++) {
            String head = written.prefixKey(end);
            if (SURNAME_READINGS.contains(head) && GIVEN_READINGS.contains(JapaneseText.readingKey(ks.substring(end)))) {
                if (found > 0) {
                    found = -2;
                    break;
                }
                found = end;
            }
        }
        String surnameKana = k;
        String givenKana = k == null ? null : "";
        if (k != null && separator(k) > 0) {
            int sep = separator(k);
            surnameKana = k.substring(0, sep).strip();
            givenKana = k.substring(sep + 1).strip();
        } else if (k != null && found > 0) {
            int kanaEnd = new Reading(k).longestPrefix(new String[] {written.prefixKey(found)});
            if (kanaEnd > 0) {
                surnameKana = k.substring(0, kanaEnd);
                givenKana = k.substring(kanaEnd);
            }
        }
        if (found <= 0) {
            return new PersonName(s, "", false, surnameKana, givenKana);
        }
        return new PersonName(s.substring(0, found), s.substring(found), true, surnameKana, givenKana);
    }

    /** The first separator: a space (NFKC made the full-width one half-width), ・ or a comma. */
    private static int separator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '・' || c == ',' || c == '、') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isKana(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'ぁ' && c <= 'ゖ') || (c >= 'ァ' && c <= 'ヺ') || c == 'ー' || c == 'ゝ' || c == 'ゞ' || c == 'ヽ' || c == 'ヾ')) {
                return false;
            }
        }
        return true;
    }

    /** A reading and the folded keys of its prefixes, computed once each as they are asked for. */
    private static final class Reading {
        private final String k;
        private final String[] prefixKeys;
        private final String[] suffixKeys;

        Reading(String k) {
            this.k = k;
            this.prefixKeys = new String[k.length() + 1];
            this.suffixKeys = new String[k.length() + 1];
        }

        String prefixKey(int end) {
            String p = prefixKeys[end];
            if (p == null) {
                p = JapaneseText.readingKey(k.substring(0, end));
                prefixKeys[end] = p;
            }
            return p;
        }

        private String suffixKey(int start) {
            String p = suffixKeys[start];
            if (p == null) {
                p = JapaneseText.readingKey(k.substring(start));
                suffixKeys[start] = p;
            }
            return p;
        }

        /**
         * The end of the longest prefix whose folded form is one of {@code readings} (folded), leaving a
         * non-empty rest; -1 when none.
         */
        int longestPrefix(String[] readings) {
            int best = -1;
            for (String r : readings) {
                if (r.isEmpty()) {
                    continue;
                }
                for (int end = 1; end < k.length(); end++) {
                    String p = prefixKey(end);
                    if (p.length() > r.length()) {
                        break;
                    }
                    if (p.equals(r) && end > best && !suffixKey(end).isEmpty()) {
                        best = end;
                    }
                }
            }
            return best;
        }

        /** The start of the longest suffix whose folded form is one of {@code readings}, leaving a non-empty head; -1 when none. */
        int longestSuffix(String[] readings) {
            int best = -1;
            for (String r : readings) {
                if (r.isEmpty()) {
                    continue;
                }
                for (int start = k.length() - 1; start >= 1; start--) {
                    String p = suffixKey(start);
                    if (p.length() > r.length() + 1) {
                        break;
                    }
                    if (p.equals(r) && (best < 0 || start < best) && !prefixKey(start).isEmpty()) {
                        best = start;
                    }
                }
            }
            return best;
        }
    }

    private static void load(String resource, Map<String, String[]> names, Set<String> readingKeys) {
        InputStream stream = PersonName.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        BiConsumer<String, String[]> add = (written, readings) -> names.merge(written, readings, (a, b) -> {
            Set<String> all = new java.util.LinkedHashSet<>(Arrays.asList(a));
            all.addAll(Arrays.asList(b));
            return all.toArray(String[]::new);
        });
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                String[] readings = c.length < 2 || c[1].isBlank() ? NO_READINGS
                        : Arrays.stream(c[1].split(",")).map(String::strip).filter(r -> !r.isEmpty())
                                .map(JapaneseText::readingKey).distinct().toArray(String[]::new);
                add.accept(JapaneseText.nameKey(c[0].strip()), readings);
                readingKeys.addAll(Arrays.asList(readings));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
