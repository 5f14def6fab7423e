package jp.mimamori.core.link;

import java.time.LocalDate;

/** Graded agreement of two records, field by field (see {@link Field} for the levels). */
final class Comparison {

    private Comparison() {
    }

    static final Field[] FIELDS = Field.values();

    /** Jaro–Winkler bands of the name levels 類似 and やや類似. */
    static final double SIMILAR = 0.92;
    static final double SOMEWHAT = 0.80;

    static int patternCount() {
        int n = 1;
        for (Field f : FIELDS) {
            n *= f.levels();
        }
        return n;
    }

    /** All levels packed into one int (mixed radix in {@link Field} order). */
    static int pattern(Features a, Features b) {
        int[] levels = levels(a, b);
        return pack(levels);
    }

    static int pack(int[] levels) {
        int p = 0;
        for (int f = 0; f < FIELDS.length; f++) {
            p = p * FIELDS[f].levels() + levels[f];
        }
        return p;
    }

    static int levelOf(int pattern, Field field) {
        int p = pattern;
        for (int i = FIELDS.length - 1; i >= 0; i--) {
            int l = p % FIELDS[i].levels();
            if (FIELDS[i] == field) {
                return l;
            }
            p /= FIELDS[i].levels();
        }
        throw new IllegalArgumentException();
    }

    static int[] levels(Features a, Features b) {
        int[] l = new int[FIELDS.length];
        int sn = name(a.surname, b.surname, a.surnameKana, b.surnameKana);
        int gn = name(a.given, b.given, a.givenKana, b.givenKana);
        int missing = Field.SURNAME.missing();
        if (sn >= 3 && sn != missing && gn >= 3 && gn != missing
                && name(a.surname, b.given, a.surnameKana, b.givenKana) <= 2 && name(a.given, b.surname, a.givenKana, b.surnameKana) <= 2) {
            sn = 4;
            gn = 4;
        } else if ((a.given == null && a.givenKana == null) != (b.given == null && b.givenKana == null)
                && a.whole() != null && a.whole().equals(b.whole())) {
            // One side's full name could not be split into surname and given name: the whole agrees.
            sn = 0;
            gn = 0;
        }
        l[Field.SURNAME.ordinal()] = sn;
        l[Field.GIVEN.ordinal()] = gn;
        l[Field.BIRTH.ordinal()] = birth(a, b);
        l[Field.SEX.ordinal()] = a.sex == 0 || b.sex == 0 ? 2 : a.sex == b.sex ? 0 : 1;
        l[Field.ADDRESS.ordinal()] = address(a, b);
        l[Field.POSTCODE.ordinal()] = postcode(a.postcode, b.postcode);
        l[Field.SHARED_ID.ordinal()] = a.sharedId == null || b.sharedId == null ? 3
                : a.sharedId.equals(b.sharedId) ? 0 : StringMetrics.oneTypo(a.sharedId, b.sharedId) ? 1 : 2;
        return l;
    }

    static int level(Field f, Features a, Features b) {
        return levels(a, b)[f.ordinal()];
    }

    /**
     * 0 same written form (after variant folding), 1 same reading, 2 and 3 the Jaro–Winkler bands on
     * the written form or the reading (whichever is closer: a transposition is one small step), 5
     * different, 6 missing. Level 4 (given name and surname swapped) is set by the caller.
     */
    static int name(String a, String b, String ka, String kb) {
        boolean written = a != null && b != null;
        boolean read = ka != null && kb != null;
        if (!written && !read) {
            return 6;
        }
        if (written && a.equals(b)) {
            return 0;
        }
        if (read && ka.equals(kb)) {
            return 1;
        }
        double sim = Math.max(written ? StringMetrics.jaroWinkler(a, b) : 0, read ? StringMetrics.jaroWinkler(ka, kb) : 0);
        return sim >= SIMILAR ? 2 : sim >= SOMEWHAT ? 3 : 5;
    }

    private static int birth(Features a, Features b) {
        LocalDate x = a.birth;
        LocalDate y = b.birth;
        if (x == null || y == null) {
            return 6;
        }
        if (x.equals(y)) {
            return 0;
        }
        if (StringMetrics.oneTypo(a.birthDigits, b.birthDigits)) {
            return 1;
        }
        if (x.getYear() == y.getYear() && x.getMonthValue() == y.getDayOfMonth() && x.getDayOfMonth() == y.getMonthValue()) {
            return 2;
        }
        if (x.getYear() == y.getYear() && x.getMonthValue() == y.getMonthValue()) {
            return 3;
        }
        return Math.abs(x.toEpochDay() - y.toEpochDay()) <= 366 ? 4 : 5;
    }

    private static int address(Features a, Features b) {
        if (a.addressText == null || b.addressText == null) {
            return 5;
        }
        if (a.town != null && b.town != null) {
            boolean sameTown = a.town.equals(b.town) || StringMetrics.jaroWinkler(a.town, b.town) >= SIMILAR;
            if (!sameTown) {
                return 4;
            }
            if (a.chome != b.chome) {
                return 3;
            }
            if (a.ban != b.ban || a.go != b.go) {
                return 2;
            }
            return a.room == null ? b.room == null ? 0 : 1 : a.room.equals(b.room) ? 0 : 1;
        }
        if (a.addressText.equals(b.addressText)) {
            return 0;
        }
        String[] wa = a.addressWords != null ? a.addressWords : new String[] {a.addressText};
        String[] wb = b.addressWords != null ? b.addressWords : new String[] {b.addressText};
        double sim = StringMetrics.tokenSimilarity(wa, wb);
        return sim >= 0.95 ? 1 : sim >= 0.85 ? 2 : sim >= 0.70 ? 3 : 4;
    }

    private static int postcode(String a, String b) {
        if (a == null || b == null) {
            return 3;
        }
        if (a.equals(b)) {
            return 0;
        }
        // Japanese 〒 codes narrow from the left: the first five digits are one district.
        boolean district = a.length() == 7 && b.length() == 7 && a.regionMatches(0, b, 0, 5);
        return district || StringMetrics.oneTypo(a, b) ? 1 : 2;
    }

    /**
     * Same birth date, same surname and the same dwelling, but another given name: twins (or
     * triplets), two people whom the fields' independence would add up to one. Only where both given
     * names are there to differ.
     */
    static boolean familyOfTwo(int[] l) {
        int gn = l[Field.GIVEN.ordinal()];
        return l[Field.BIRTH.ordinal()] == 0 && l[Field.SURNAME.ordinal()] <= 1 && l[Field.ADDRESS.ordinal()] <= 1 && (gn == 3 || gn == 5);
    }

    /**
     * The same surname and dwelling, another given name and a birth date that differs by more than
     * a typo: a parent and child or two siblings. The address agreeing is rare between strangers, so
     * it weighs heavily (about 15 bits), and a learned "different birth date" weighs little where the
     * data holds people who moved or mistyped dates; added up, a mother and a daughter whose names
     * read alike would come close to a link. A person's own records differing in both the given name
     * and the birth date at one address is far rarer than a family, so it is the twins' rule's penalty.
     */
    static boolean familyMember(int[] l) {
        int gn = l[Field.GIVEN.ordinal()];
        int birth = l[Field.BIRTH.ordinal()];
        return l[Field.SURNAME.ordinal()] <= 1 && l[Field.ADDRESS.ordinal()] <= 1 && (gn == 3 || gn == 5) && birth >= 3 && birth <= 5;
    }

    /**
     * The same name and birth date in another 町, with nothing else agreeing: as likely a namesake as a
     * person who moved, so a person decides. Not where one record is the registry's (住民基本台帳, the
     * record with a household): a namesake living in the city is then a second registry record, which
     * clustering never joins to the first, and a record that fits both goes to review as ambiguous;
     * without a rival, the registry's record is the person who moved.
     */
    static boolean namesakeElsewhere(int[] l, Features a, Features b) {
        return a.household == null && b.household == null && a.town != null && b.town != null && l[Field.SURNAME.ordinal()] <= 1 && l[Field.GIVEN.ordinal()] <= 1 && l[Field.BIRTH.ordinal()] == 0
                && l[Field.ADDRESS.ordinal()] == 4 && l[Field.SHARED_ID.ordinal()] >= 1 && l[Field.POSTCODE.ordinal()] >= 1;
    }

    /**
     * The same name at the same address but born more than a year apart: a father and son of one name
     * (or a birth date mistyped beyond recognition, 昭和 for 平成), which only a person can tell.
     */
    static boolean sameNameOtherGeneration(int[] l) {
        return l[Field.SURNAME.ordinal()] <= 1 && l[Field.GIVEN.ordinal()] <= 1 && l[Field.BIRTH.ordinal()] == 5 && l[Field.SHARED_ID.ordinal()] != 0;
    }
}
