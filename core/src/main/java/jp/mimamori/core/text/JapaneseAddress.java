package jp.mimamori.core.text;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address parsed into 町名 (town), 丁目, 番, 号, building and room, whatever the notation:
 * {@code 本町1丁目2番3号}, {@code 本町一丁目2-3}, {@code 本町１－２－３}, {@code 本町1ー2ー3} (the long-vowel
 * mark typed for a hyphen), {@code 清水123番地4}, with or without {@code コーポ本町 201号室}.
 * {@code chome} is 0 where the town has no 丁目.
 */
public record JapaneseAddress(String town, int chome, int ban, int go, String building, String room) {

    private static final Pattern HYPHEN_BETWEEN_DIGITS = Pattern.compile("(?<=\\d)\\s*[‐‑‒–—―−ー\\-]\\s*(?=\\d)");
    private static final Pattern KANJI_CHOME = Pattern.compile("([〇一二三四五六七八九十]+)丁目");
    private static final Pattern BAN_GO = Pattern.compile("(\\d+)番地?(\\d+)号?");
    private static final Pattern SHAPE = Pattern.compile("^(?<town>\\D*?)\\s*(?<n1>\\d+)(?:丁目|-)?\\s*(?:(?<n2>\\d+)(?:-(?<n3>\\d+))?)?(?<rest>.*)$");
    private static final Pattern ROOM = Pattern.compile("^(?<b>.*?)\\s*(?<room>\\d+)(?:号室)?$");

    public static Optional<JapaneseAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = JapaneseText.clean(raw).replace('　', ' ');
        boolean chomeWritten = s.contains("丁目");
        s = replaceKanjiChome(s);
        s = BAN_GO.matcher(s).replaceFirst("$1-$2");
        s = HYPHEN_BETWEEN_DIGITS.matcher(s).replaceAll("-");
        Matcher m = SHAPE.matcher(s);
        if (!m.matches() || m.group("town").isBlank()) {
            return Optional.empty();
        }
        int n1 = Integer.parseInt(m.group("n1"));
        Integer n2 = m.group("n2") == null ? null : Integer.parseInt(m.group("n2"));
        Integer n3 = m.group("n3") == null ? null : Integer.parseInt(m.group("n3"));
        int chome;
        int ban;
        int go;
        if (n3 != null || chomeWritten) {
            chome = n1;
            ban = n2 == null ? 0 : n2;
            go = n3 == null ? 0 : n3;
        } else {
            chome = 0;
            ban = n1;
            go = n2 == null ? 0 : n2;
        }
        String rest = m.group("rest").replaceFirst("^号", "").strip();
        String building = rest;
        String room = "";
        Matcher r = ROOM.matcher(rest);
        if (r.matches()) {
            building = r.group("b").strip();
            room = r.group("room");
        }
        return Optional.of(new JapaneseAddress(m.group("town").strip(), chome, ban, go, building, room));
    }

    /** Town, 丁目, 番 and 号 only: the dwelling, whatever the building line says. */
    public String streetKey() {
        return JapaneseText.nameKey(town) + "|" + chome + "|" + ban + "|" + go;
    }

    private static String replaceKanjiChome(String s) {
        Matcher m = KANJI_CHOME.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, kanjiNumber(m.group(1)) + "丁目");
        }
        m.appendTail(b);
        return b.toString();
    }

    /** 一 … 九十九 and 〇. */
    static int kanjiNumber(String k) {
        String digits = "〇一二三四五六七八九";
        int ten = k.indexOf('十');
        if (ten < 0) {
            int n = 0;
            for (char c : k.toCharArray()) {
                n = n * 10 + digits.indexOf(c);
            }
            return n;
        }
        int tens = ten == 0 ? 1 : digits.indexOf(k.charAt(ten - 1));
        int ones = ten == k.length() - 1 ? 0 : digits.indexOf(k.charAt(ten + 1));
        return tens * 10 + ones;
    }
}
