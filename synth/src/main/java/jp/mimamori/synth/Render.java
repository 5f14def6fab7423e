package jp.mimamori.synth;

import com.ibm.icu.text.Transliterator;
import java.nio.charset.CharsetEncoder;
import java.time.LocalDate;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.source.SourceSystem;

/**
 * How one department's system writes a person: which kanji form, which kana, which address notation.
 * Every choice is {@link Stable}: the same record looks the same in every month's extract.
 */
final class Render {

    enum Kana { FULL_KATAKANA, HALF_KATAKANA, HIRAGANA }

    enum AddressStyle {
        /** 本町1丁目2番3号 */
        KANJI_FULL,
        /** 本町一丁目2-3 */
        KANJI_CHOME_HYPHEN,
        /** 本町１－２－３ */
        FULLWIDTH_HYPHEN
    }

    /** Purposes of stable random draws, so that two decisions about one record never share a draw. */
    enum Draw { SURNAME_FORM, SEPARATOR, KANA_TYPO, KANA_MISSING, LONG_VOWEL, BIRTH_ERROR, BUILDING, STALE, DUPLICATE, CORRUPT, FOREIGN_STYLE, HYPHEN, TYPO_POS, SMALL_KANA, SHARED_ID, SHARED_ID_HOW }

    private static final String[] KANJI_DIGITS = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    /** Hyphen shapes seen in real address fields: ASCII, full-width, U+2010, horizontal bar, and the long-vowel mark typed by mistake. */
    private static final String[] HYPHENS = {"-", "－", "‐", "―", "ー"};
    private static final String[] NATIONALITY_JA = {"CN", "中国", "KR", "韓国", "VN", "ベトナム", "PH", "フィリピン", "NP", "ネパール", "BR", "ブラジル", "US", "アメリカ合衆国"};

    private final Names names;
    private final long seed;
    private final Transliterator halfWidth = Transliterator.getInstance("Fullwidth-Halfwidth");
    private final Transliterator hiragana = Transliterator.getInstance("Katakana-Hiragana");

    Render(Names names, long seed) {
        this.names = names;
        this.seed = seed;
    }

    double u(Person p, SourceSystem s, Draw d) {
        return Stable.unit(seed, p.id, s.ordinal() * 64 + d.ordinal(), 0);
    }

    double u(long key, SourceSystem s, Draw d) {
        return Stable.unit(seed, key, s.ordinal() * 64 + d.ordinal(), 1);
    }

    // ---- names -----------------------------------------------------------------------------

    String surname(Person p, SourceSystem s, CharsetEncoder enc) {
        if (p.isForeign()) {
            return foreignPart(p, p.surname, s, true);
        }
        Names.Surname sn = names.surnames.get(p.surname);
        int form = p.surnameForm;
        if (s != SourceSystem.JUKI) {
            double x = u(p, s, Draw.SURNAME_FORM);
            if (form != 0 && x < Noise.STANDARD_FORM_ELSEWHERE) {
                form = 0;
            } else if (form == 0 && !sn.variants().isEmpty() && x < Noise.VARIANT_FORM_ELSEWHERE) {
                form = 1 + (int) (x / Noise.VARIANT_FORM_ELSEWHERE * sn.variants().size());
            }
        }
        String written = sn.form(form);
        // A character the file's encoding lacks (𠮷 in CP932) is stored as the standard form, as vendors do.
        return enc.canEncode(written) ? written : sn.standard();
    }

    String given(Person p, SourceSystem s) {
        return p.isForeign() ? foreignPart(p, p.given, s, false) : names.given.get(p.given).kanji();
    }

    String fullName(Person p, SourceSystem s, CharsetEncoder enc) {
        String sep;
        if (p.isForeign() && !hasKanji(p)) {
            sep = " ";
        } else {
            double x = u(p, s, Draw.SEPARATOR);
            sep = x < Noise.NAME_WITHOUT_SPACE ? "" : s == SourceSystem.JUKI || x < 0.75 ? "　" : " ";
        }
        return surname(p, s, enc) + sep + given(p, s);
    }

    private boolean hasKanji(Person p) {
        return !names.foreign.get(p.surname).kanji().isEmpty();
    }

    /** The registry writes foreign residents in roman letters (or kanji for CN/KR); other systems often in katakana. */
    private String foreignPart(Person p, int index, SourceSystem s, boolean surname) {
        Names.Foreign f = names.foreign.get(index);
        if (!f.kanji().isEmpty()) {
            return f.kanji();
        }
        boolean katakana = s != SourceSystem.JUKI && u(p, s, Draw.FOREIGN_STYLE) < 0.6;
        return katakana ? f.kana() : f.roman();
    }

    String surnameKana(Person p) {
        return p.isForeign() ? names.foreign.get(p.surname).kana() : names.surnames.get(p.surname).kana();
    }

    String givenKana(Person p) {
        return p.isForeign() ? names.foreign.get(p.given).kana() : names.given.get(p.given).kana();
    }

    /** The reading as one system stores it: its kana form, with that system's habits and the occasional typo. */
    String kana(Person p, SourceSystem s, Kana style, boolean longVowels, boolean optional) {
        if (optional && u(p, s, Draw.KANA_MISSING) < Noise.KANA_MISSING) {
            return "";
        }
        String k = surnameKana(p) + "　" + givenKana(p);
        if (longVowels && u(p, s, Draw.LONG_VOWEL) < Noise.LONG_VOWEL) {
            k = longVowel(k);
        }
        if (s != SourceSystem.JUKI && u(p, s, Draw.KANA_TYPO) < Noise.KANA_TYPO) {
            k = typo(k, u(p, s, Draw.TYPO_POS));
        }
        return switch (style) {
            case FULL_KATAKANA -> k;
            case HIRAGANA -> hiragana.transliterate(k);
            case HALF_KATAKANA -> {
                String h = u(p, s, Draw.SMALL_KANA) < Noise.SMALL_KANA_LARGE ? largeKana(k) : k;
                yield halfWidth.transliterate(h);
            }
        };
    }

    static String longVowel(String k) {
        StringBuilder b = new StringBuilder(k);
        for (int i = 1; i < b.length(); i++) {
            char c = b.charAt(i);
            char prev = b.charAt(i - 1);
            if ((c == 'ウ' && "ユヨョュコソトノホモロゴゾドボポクスツヌフムルグズブプ".indexOf(prev) >= 0)
                    || (c == 'オ' && "オコソトノホモヨロゴゾドボポ".indexOf(prev) >= 0)) {
                b.setCharAt(i, 'ー');
                return b.toString();
            }
        }
        return k;
    }

    static String largeKana(String k) {
        StringBuilder b = new StringBuilder(k.length());
        String small = "ァィゥェォッャュョ";
        String large = "アイウエオツヤユヨ";
        for (int i = 0; i < k.length(); i++) {
            int j = small.indexOf(k.charAt(i));
            b.append(j >= 0 ? large.charAt(j) : k.charAt(i));
        }
        return b.toString();
    }

    /** A plausible keying error: a voicing mark added or dropped on one kana, or a small ッ lost. */
    static String typo(String k, double where) {
        String plain = "カキクケコサシスセソタチツテトハヒフヘホ";
        String voiced = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ";
        int start = (int) (where * k.length());
        for (int n = 0; n < k.length(); n++) {
            int i = (start + n) % k.length();
            char c = k.charAt(i);
            int a = plain.indexOf(c);
            int b = voiced.indexOf(c);
            if (a >= 0) {
                return k.substring(0, i) + voiced.charAt(a) + k.substring(i + 1);
            }
            if (b >= 0) {
                return k.substring(0, i) + plain.charAt(b) + k.substring(i + 1);
            }
            if (c == 'ッ') {
                return k.substring(0, i) + k.substring(i + 1);
            }
        }
        return k;
    }

    String nationality(Person p) {
        for (int i = 0; i < NATIONALITY_JA.length; i += 2) {
            if (NATIONALITY_JA[i].equals(p.nationality)) {
                return NATIONALITY_JA[i + 1];
            }
        }
        return "日本";
    }

    // ---- the shared identifier ---------------------------------------------------------------

    /**
     * The city's 宛名番号 (the registry's record number) as a 基幹系 system holds it for this person:
     * usually right, sometimes empty, mistyped or someone else's. Stable per person and source, as a
     * stored number is.
     */
    String sharedId(Person p, SourceSystem s) {
        String own = Ids.record(SourceSystem.JUKI, p.id);
        double x = u(p, s, Draw.SHARED_ID);
        double how = u(p, s, Draw.SHARED_ID_HOW);
        if (x < Noise.SHARED_ID_MISSING) {
            return "";
        }
        x -= Noise.SHARED_ID_MISSING;
        if (x < Noise.SHARED_ID_MISTYPED) {
            return mistype(own, how);
        }
        x -= Noise.SHARED_ID_MISTYPED;
        if (x < Noise.SHARED_ID_WRONG) {
            Person head = p.household.head();
            if (how < 0.5 && head != p) {
                return Ids.record(SourceSystem.JUKI, head.id);
            }
            // A record near this one in the registry's numbering of the time: ids are given in order of creation.
            int k = 1 + (int) (how * 2 * 999) % 999;
            return Ids.record(SourceSystem.JUKI, p.id > 1000 ? p.id - k : p.id + k);
        }
        return own;
    }

    /** One digit changed, or two adjacent different digits swapped; never the same number. */
    static String mistype(String number, double how) {
        char[] d = number.toCharArray();
        int i = (int) (how * 2 * (d.length - 1)) % (d.length - 1);
        if (how < 0.5 && d[i] != d[i + 1]) {
            char t = d[i];
            d[i] = d[i + 1];
            d[i + 1] = t;
        } else {
            d[i] = (char) ('0' + (d[i] - '0' + 1 + (int) (how * 90) % 9) % 10);
        }
        return new String(d);
    }

    // ---- dates -----------------------------------------------------------------------------

    /** A birth date as the system holds it; outside the registry it is occasionally keyed wrong. */
    LocalDate birth(Person p, SourceSystem s) {
        LocalDate b = p.birth;
        if (s == SourceSystem.JUKI) {
            return b;
        }
        double x = u(p, s, Draw.BIRTH_ERROR);
        if (x >= Noise.BIRTH_DATE_ERROR) {
            return b;
        }
        if (x < Noise.BIRTH_DATE_ERROR / 2 && b.getDayOfMonth() <= 12 && b.getDayOfMonth() != b.getMonthValue()) {
            return LocalDate.of(b.getYear(), b.getDayOfMonth(), b.getMonthValue());
        }
        return b.plusDays(1);
    }

    static String date(LocalDate d, DateNotation n) {
        return d == null ? "" : JapaneseDates.format(d, n);
    }

    // ---- addresses -------------------------------------------------------------------------

    /** The dwelling a department holds for a household: now and then the one before its last move. */
    Address address(Household h, Person p, SourceSystem s, double staleRate) {
        if (h.previousAddress != null && staleRate > 0 && u(p, s, Draw.STALE) < staleRate) {
            return h.previousAddress;
        }
        return h.address;
    }

    String street(Address a, AddressStyle style, long key, SourceSystem s) {
        Names.Town t = names.towns.get(a.town());
        String hyphen = HYPHENS[(int) (u(key, s, Draw.HYPHEN) * HYPHENS.length)];
        if (a.chome() == 0) {
            return switch (style) {
                case KANJI_FULL -> t.name() + a.ban() + "番地" + a.go();
                case KANJI_CHOME_HYPHEN -> t.name() + a.ban() + "-" + a.go();
                case FULLWIDTH_HYPHEN -> t.name() + fullWidth(a.ban() + "－" + a.go());
            };
        }
        return switch (style) {
            case KANJI_FULL -> t.name() + a.chome() + "丁目" + a.ban() + "番" + a.go() + "号";
            case KANJI_CHOME_HYPHEN -> t.name() + kanjiNumber(a.chome()) + "丁目" + a.ban() + "-" + a.go();
            case FULLWIDTH_HYPHEN -> t.name() + fullWidth(a.chome() + hyphen + a.ban() + hyphen + a.go());
        };
    }

    String building(Address a, AddressStyle style) {
        if (!a.isApartment()) {
            return "";
        }
        String name = Names.buildingName(a.building(), names.towns.get(a.town()).name());
        String room = style == AddressStyle.FULLWIDTH_HYPHEN ? fullWidth(Integer.toString(a.room())) : Integer.toString(a.room());
        return name + " " + room + (style == AddressStyle.KANJI_CHOME_HYPHEN ? "号室" : "");
    }

    /** Street and, unless this system dropped it, building and room in one field. */
    String fullAddress(Address a, AddressStyle style, Person p, SourceSystem s) {
        String b = building(a, style);
        boolean omit = b.isEmpty() || u(p, s, Draw.BUILDING) < Noise.BUILDING_OMITTED;
        return street(a, style, p.id, s) + (omit ? "" : "　" + b);
    }

    String postcode(Address a) {
        return names.towns.get(a.town()).postcode();
    }

    static String kanjiNumber(int n) {
        if (n <= 10) {
            return KANJI_DIGITS[n];
        }
        return (n / 10 == 1 ? "" : KANJI_DIGITS[n / 10]) + "十" + (n % 10 == 0 ? "" : KANJI_DIGITS[n % 10]);
    }

    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c == '-' ? '－' : c);
        }
        return b.toString();
    }
}
