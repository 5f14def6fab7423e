package jp.mimamori.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address parsed into 町名 (town), 丁目 (chome), 番 (block), 号 (lot), building and room, whatever
 * the notation: {@code 本町1丁目2番3号}, {@code 本町一丁目二番三号}, {@code 本町１－２－３}, {@code 本町1ー2ー3}
 * (the long-vowel mark typed for a hyphen), {@code 清水123番地の4}, {@code 清水二十三番地}, with or without
 * {@code コーポ本町 201号室}, and with or without what comes before the town: 都道府県 (prefecture),
 * 市/区 (city, ward), 郡…町/村 (county and its town or village), 大字/字. Systems of one city mostly
 * leave these out, but the ones that export for the prefecture or the nation write them, and the dwelling
 * is the same. {@code chome} is 0 where the town has no 丁目, {@code go} 0 where only 番地 is written.
 */
public record JapaneseAddress(String town, int chome, int ban, int go, String building, String room) {

    /**
     * The parts a graded comparison looks at: the town folded by {@link #townKey()}, the numbers, the
     * building folded as a name is ({@link JapaneseText#nameKey}) and the room ("" when none).
     */
    public record Parts(String townKey, int chome, int ban, int go, String buildingKey, String room) {
    }

    private static final Set<String> PREFECTURES = Set.of(
            "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
            "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
            "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
            "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
            "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県");

    private static final String NUMERAL = "[0-9〇一二三四五六七八九十百千○◯]";
    private static final Pattern HYPHEN_BETWEEN_NUMBERS = Pattern.compile(
            "(?<=" + NUMERAL + ")\\s*[‐‑‒–—―−ー\\-]\\s*(?=" + NUMERAL + ")");
    /*
     * A city is a short run ending in 市 that is not where 市 begins a word of a town's own name:
     * 十日市場町, 市ノ瀬, 今市町 and 四日市市 (where the first 市 is part of the city's name) must not lose
     * their head. A name never starts with the 市, and a remainder must be left for the town.
     */
    private static final Pattern CITY = Pattern.compile("^([^\\s\\d]{1,6}?市)(?![市場街役民営立町村之ノの])(.+)$");
    /* A ward (区), after its city or alone for Tokyo's 特別区; 区画, 区域 and 区役所 are not wards. */
    private static final Pattern WARD = Pattern.compile("^([^\\s\\d]{1,5}?区)(?![区画域役民内])(.+)$");
    /* A county names its town or village next: 〇〇郡△△町. Only then is a 町 a prefix rather than a 町名. */
    private static final Pattern COUNTY = Pattern.compile("^([^\\s\\d]{1,5}?郡[^\\s\\d]{1,5}?[町村])(.+)$");
    /*
     * Without the county, a 町/村 is a prefix only where 大字 says a 町名 follows: after 本町, a 字 begins
     * a 小字 of 本町 itself.
     */
    private static final Pattern TOWN_BEFORE_OAZA = Pattern.compile("^([^\\s\\d]{1,5}?[町村])(大字.+)$");
    private static final Pattern ROOM = Pattern.compile("^(?<b>.*?)\\s*(?<room>\\d+)(?:号室|号)?$");
    private static final Pattern KANJI_ROOM = Pattern.compile("^(?<b>.*?)\\s*(?<room>[〇一二三四五六七八九十百○◯]+)号室$");

    private static final int CHOME = 0;
    private static final int BAN = 1;
    private static final int GO = 2;
    private static final int NONE = -1;

    public static Optional<JapaneseAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = JapaneseText.clean(raw).replace('　', ' ');
        s = HYPHEN_BETWEEN_NUMBERS.matcher(s).replaceAll("-");
        int start = numberStart(s);
        if (start <= 0) {
            return Optional.empty();
        }
        String town = withoutPrefixes(s.substring(0, start).strip());
        if (town.isEmpty()) {
            return Optional.empty();
        }
        List<int[]> numbers = new ArrayList<>(); // {value, unit}
        int p = start;
        while (numbers.size() < 4) {
            int q = p;
            if (!numbers.isEmpty()) {
                boolean afterUnit = numbers.get(numbers.size() - 1)[1] != NONE;
                if (afterUnit) {
                    while (q < s.length() && s.charAt(q) == ' ') {
                        q++;
                    }
                }
                if (q < s.length() && (s.charAt(q) == '-' || s.charAt(q) == 'の')) {
                    q++;
                } else if (!afterUnit) {
                    break; // a bare number ends at anything but a separator: 1-2-3 201 has its room after the space
                }
            }
            int end = numeralEnd(s, q);
            if (end == q || !numeralFits(s, end, !numbers.isEmpty())) {
                break;
            }
            OptionalInt value = value(s.substring(q, end));
            if (value.isEmpty()) {
                break;
            }
            int unit = NONE;
            if (s.startsWith("丁目", end)) {
                unit = CHOME;
                end += 2;
            } else if (s.startsWith("番地", end)) {
                unit = BAN;
                end += 2;
            } else if (isUnit(s, end, '番')) {
                unit = BAN;
                end += 1;
            } else if (isUnit(s, end, '号')) {
                unit = GO;
                end += 1;
            } else if (s.startsWith("号室", end) || s.startsWith("号", end)) {
                break; // 201号室 is the room
            }
            numbers.add(new int[] {value.getAsInt(), unit});
            p = end;
        }
        if (numbers.isEmpty()) {
            return Optional.empty();
        }
        int[] slot = new int[3];
        String room = "";
        int previous = NONE;
        for (int i = 0; i < numbers.size(); i++) {
            int[] n = numbers.get(i);
            int at = n[1] != NONE ? n[1] : previous != NONE ? previous + 1 : firstSlot(numbers);
            if (at <= previous || at > GO) {
                if (i == numbers.size() - 1 && n[1] == NONE && at > GO) {
                    room = Integer.toString(n[0]); // 1-2-3-405: the fourth number is the room
                }
                break; // 1番2番 makes no sense past its first number
            }
            slot[at] = n[0];
            previous = at;
        }
        String rest = s.substring(p).strip();
        String building = rest;
        if (room.isEmpty()) {
            Matcher r = ROOM.matcher(rest);
            Matcher k = KANJI_ROOM.matcher(rest);
            if (r.matches()) {
                building = r.group("b").strip();
                room = r.group("room");
            } else if (k.matches() && value(k.group("room")).isPresent()) {
                building = k.group("b").strip();
                room = Integer.toString(value(k.group("room")).getAsInt());
            }
        }
        return Optional.of(new JapaneseAddress(town, slot[CHOME], slot[BAN], slot[GO], building, room));
    }

    /** Town, 丁目, 番 and 号 only: the dwelling, whatever the building line says. */
    public String streetKey() {
        return townKey() + "|" + chome + "|" + ban + "|" + go;
    }

    /**
     * The 町名 folded so that its spellings meet: variant kanji as in names; ケ, ヶ, ヵ, が, ガ and か
     * between kanji as one (霞ケ関, 霞ヶ関, 霞が関); the ツ, ッ, ノ and の that some write between kanji and
     * others leave out dropped (四ッ谷, 四ツ谷, 四谷; 井ノ頭, 井の頭, 井頭); spaces dropped. Idempotent.
     */
    public String townKey() {
        return townKey(town);
    }

    /** The parts a graded comparison weighs: partial agreement (same town and 丁目, another 番) still counts. */
    public Parts parts() {
        return new Parts(townKey(), chome, ban, go, JapaneseText.nameKey(building), room);
    }

    static String townKey(String town) {
        String k = JapaneseText.nameKey(town);
        StringBuilder b = new StringBuilder(k.length());
        int prev = 0;
        for (int i = 0; i < k.length(); ) {
            int cp = k.codePointAt(i);
            i += Character.charCount(cp);
            int next = i < k.length() ? k.codePointAt(i) : 0;
            if (JapaneseText.isHan(prev) && JapaneseText.isHan(next)) {
                if ("ケヶヵがガか".indexOf(cp) >= 0) {
                    cp = 'ケ';
                } else if ("ツッノの".indexOf(cp) >= 0) {
                    prev = cp;
                    continue;
                }
            }
            b.appendCodePoint(cp);
            prev = cp;
        }
        return b.toString();
    }

    /** Strips 都道府県, 市, 区, 郡…町/村 and 大字/字, each only where a 町名 is left after it. */
    private static String withoutPrefixes(String t) {
        for (String p : PREFECTURES) {
            if (t.startsWith(p) && t.length() > p.length()) {
                t = t.substring(p.length()).strip();
                break;
            }
        }
        Matcher county = COUNTY.matcher(t);
        if (county.matches()) {
            t = county.group(2).strip();
        } else {
            Matcher city = CITY.matcher(t);
            boolean cityStripped = city.matches();
            if (cityStripped) {
                t = city.group(2).strip();
            }
            Matcher ward = WARD.matcher(t);
            if (ward.matches()) {
                t = ward.group(2).strip();
                cityStripped = true;
            }
            Matcher oaza = TOWN_BEFORE_OAZA.matcher(t);
            if (!cityStripped && oaza.matches()) {
                t = oaza.group(2).strip();
            }
        }
        if (t.startsWith("大字") && t.length() > 2) {
            t = t.substring(2).strip();
        } else if (t.startsWith("字") && t.length() > 1) {
            t = t.substring(1).strip();
        }
        return t;
    }

    /**
     * Where the numbers begin: the first ASCII digit, or the first run of kanji numerals followed by a
     * unit or a separator. Town names hold numerals too (四ツ谷, 十日市場町, 一の宮, 四番町), which is
     * why a bare kanji run is not a number.
     */
    private static int numberStart(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return i;
            }
            if (i > 0 && isKanjiNumeral(c)) {
                int end = numeralEnd(s, i);
                if (numeralFits(s, end, false) && value(s.substring(i, end)).isPresent()) {
                    return i;
                }
                i = end - 1;
            }
        }
        return -1;
    }

    /** The end of the run of digits, or of kanji numerals, starting at {@code i}. */
    private static int numeralEnd(String s, int i) {
        if (i >= s.length()) {
            return i;
        }
        boolean ascii = s.charAt(i) >= '0' && s.charAt(i) <= '9';
        int j = i;
        while (j < s.length() && (ascii ? s.charAt(j) >= '0' && s.charAt(j) <= '9' : isKanjiNumeral(s.charAt(j)))) {
            j++;
        }
        return j;
    }

    /**
     * Whether a run ending at {@code end} reads as a number: digits always; kanji only before a unit or
     * a separator and another numeral, or, inside the sequence, at a space or the end (番地の四).
     */
    private static boolean numeralFits(String s, int end, boolean inSequence) {
        if (end == 0 || !isKanjiNumeral(s.charAt(end - 1))) {
            return true;
        }
        if (end == s.length() || s.charAt(end) == ' ') {
            return inSequence;
        }
        if (s.startsWith("丁目", end) || s.startsWith("番地", end) || isUnit(s, end, '番') || isUnit(s, end, '号')
                || s.startsWith("号室", end)) {
            return true;
        }
        char c = s.charAt(end);
        return (c == '-' || c == 'の') && end + 1 < s.length()
                && (isKanjiNumeral(s.charAt(end + 1)) || Character.isDigit(s.charAt(end + 1)));
    }

    /**
     * 番 and 号 are units unless a kanji other than a numeral follows: 四番町, 一番丁 and 番場 are names,
     * 号室 and 号棟 belong to the building.
     */
    private static boolean isUnit(String s, int at, char unit) {
        if (!s.startsWith(String.valueOf(unit), at)) {
            return false;
        }
        if (at + 1 >= s.length()) {
            return true;
        }
        int next = s.codePointAt(at + 1);
        if (unit == '番' && next == '地') {
            return true;
        }
        return !JapaneseText.isHan(next) || isKanjiNumeral(next);
    }

    private static boolean isKanjiNumeral(int c) {
        return "〇一二三四五六七八九十百千○◯".indexOf(c) >= 0;
    }

    private static OptionalInt value(String run) {
        if (run.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return run.length() > 9 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(run));
        }
        // ○ (a circle) is often typed for 〇 in 一○番.
        return KanjiNumber.parse(run.replace('○', '〇').replace('◯', '〇'));
    }

    private static int firstSlot(List<int[]> numbers) {
        int bare = 0;
        for (int[] n : numbers) {
            if (n[1] != NONE) {
                // 1-2番3号: the bare numbers fill the slots before the first written unit.
                return Math.max(CHOME, n[1] - bare);
            }
            bare++;
        }
        return numbers.size() >= 3 ? CHOME : BAN;
    }
}
