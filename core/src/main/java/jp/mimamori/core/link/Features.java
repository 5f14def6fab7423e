package jp.mimamori.core.link;

import java.time.LocalDate;
import jp.mimamori.core.text.JapaneseAddress;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.core.text.PersonName;

/**
 * A record's comparison keys, computed once per record: folded written names and readings, birth
 * date, sex, the address's parsed parts (or its words, when it does not parse), postcode and shared
 * identifier. Everything here is derived; none of it is shown or stored.
 */
final class Features implements java.io.Serializable {

    final String source;
    final String recordId;
    final String surname;
    final String given;
    final String fullName;
    final String surnameKana;
    final String givenKana;
    final LocalDate birth;
    /** yyyymmdd, for "one digit off". */
    final String birthDigits;
    final int sex;
    /** Parsed Japanese address parts; null when the address did not parse. */
    final String town;
    final int chome;
    final int ban;
    final int go;
    final String room;
    /** The whole address folded ("" when it parsed), and its words, for addresses that did not parse. */
    final String addressText;
    final String[] addressWords;
    final String postcode;
    final String sharedId;
    final String household;

    Features(LinkRecord r) {
        this(r, new java.util.HashMap<>());
    }

    /**
     * {@code shared} makes equal keys one String instance: at a million residents the same surnames,
     * given names and towns recur millions of times, and one copy each keeps the engine's heap small.
     */
    Features(LinkRecord r, java.util.Map<String, String> shared) {
        source = r.source();
        recordId = r.recordId();
        String nameKana = blank(r.kana()) ? null : JapaneseText.clean(r.kana());
        if (!blank(r.name())) {
            PersonName n = PersonName.parse(r.name(), nameKana);
            surname = one(shared, blankToNull(JapaneseText.nameKey(n.surname())));
            given = one(shared, n.given().isEmpty() ? null : blankToNull(JapaneseText.nameKey(n.given())));
            // The whole name is kept only where it could not be split: a split name's whole is surname + given.
            fullName = given == null ? blankToNull(JapaneseText.nameKey(r.name())) : null;
            surnameKana = one(shared, n.surnameKana() == null ? null : blankToNull(JapaneseText.readingKey(n.surnameKana())));
            givenKana = one(shared, n.givenKana() == null ? null : blankToNull(JapaneseText.readingKey(n.givenKana())));
        } else if (nameKana != null) {
            // A record with only a reading: the reading is all there is to compare.
            PersonName n = PersonName.parse(nameKana, nameKana);
            surname = null;
            given = null;
            fullName = null;
            surnameKana = one(shared, blankToNull(JapaneseText.readingKey(n.surname())));
            givenKana = one(shared, n.given().isEmpty() ? null : blankToNull(JapaneseText.readingKey(n.given())));
        } else {
            surname = null;
            given = null;
            fullName = null;
            surnameKana = null;
            givenKana = null;
        }
        birth = r.birth();
        birthDigits = birth == null ? null : one(shared, String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth()));
        String s = r.sex() == null ? null : LinkRecord.sex(r.sex());
        sex = "1".equals(s) ? 1 : "2".equals(s) ? 2 : 0;
        JapaneseAddress a = blank(r.address()) ? null : JapaneseAddress.parse(r.address()).orElse(null);
        if (a != null) {
            town = one(shared, a.townKey());
            chome = a.chome();
            ban = a.ban();
            go = a.go();
            room = one(shared, a.room() == null || a.room().isEmpty() ? null : a.room());
            addressText = "";
            addressWords = null;
        } else {
            town = null;
            chome = 0;
            ban = 0;
            go = 0;
            room = null;
            addressText = blank(r.address()) ? null : JapaneseText.clean(r.address()).toUpperCase();
            addressWords = addressText == null ? null : addressText.split("[\\s,、]+");
        }
        postcode = one(shared, digits(r.postcode()));
        sharedId = identifier(r.sharedId());
        household = blank(r.household()) ? null : JapaneseText.clean(r.household());
    }

    private static String one(java.util.Map<String, String> shared, String s) {
        if (s == null) {
            return null;
        }
        String o = shared.putIfAbsent(s, s);
        return o == null ? s : o;
    }

    /** The whole written name folded (surname and given name joined, or the name that could not be split). */
    String whole() {
        return fullName != null ? fullName : surname != null && given != null ? surname + given : surname;
    }

    /** Surname key for blocking: the reading where there is one, else the written form. */
    String surnameKey() {
        return surnameKana != null ? surnameKana : surname;
    }

    String givenKey() {
        return givenKana != null ? givenKana : given;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** 〒123-4567, １２３４５６７ and 1234567 are one postcode. */
    private static String digits(String s) {
        if (blank(s)) {
            return null;
        }
        String c = JapaneseText.clean(s);
        StringBuilder b = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); i++) {
            if (c.charAt(i) >= '0' && c.charAt(i) <= '9') {
                b.append(c.charAt(i));
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Folded so that vendors' paddings meet: 0001234 and 1234, full-width digits, hyphens and spaces. */
    private static String identifier(String s) {
        if (blank(s)) {
            return null;
        }
        String c = JapaneseText.clean(s).toUpperCase().replaceAll("[\\s\\-‐－ー]", "");
        int i = 0;
        while (i < c.length() - 1 && c.charAt(i) == '0') {
            i++;
        }
        c = c.substring(i);
        return c.isEmpty() ? null : c;
    }
}
