package jp.mimamori.core.assess;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what the departments' extracts say about each person of one linkage run and computes the
 * {@link Indicator}s of every resident child. Pure Java: the server feeds it rows, a Spark runner could
 * feed it the same. Definitions: docs/indicators.md.
 */
public final class IndicatorBuilder {

    /** One child's indicators, in {@link Indicator} order, with the child's age in whole years. */
    public record Result(String personId, int ageYears, double[] values) implements java.io.Serializable {
        public double get(Indicator i) {
            return values[i.ordinal()];
        }
    }

    private static final class Person {
        final String householdId;
        final LocalDate birth;
        final String sex;
        final boolean child;
        LocalDate residentSince;
        int checksMissed;
        boolean threeYearMissed;
        boolean threeYearDone;
        int vaccinationsOverdue;
        boolean specifiedPregnancy;
        final Map<YearMonth, Integer> absence = new HashMap<>();
        int nurseRoomDays;
        boolean childRearingAllowance;
        boolean schoolAid;
        boolean disability;
        boolean assistance;
        boolean arrears;
        String taxBand;
        boolean childcare;
        int consultations;
        LocalDate lastContact;

        Person(String householdId, LocalDate birth, String sex, boolean child) {
            this.householdId = householdId;
            this.birth = birth;
            this.sex = sex;
            this.child = child;
        }

        void contact(LocalDate d) {
            if (d != null && (lastContact == null || d.isAfter(lastContact))) {
                lastContact = d;
            }
        }
    }

    private final LocalDate asOf;
    private final YearMonth month;
    private final Map<String, Person> persons = new LinkedHashMap<>();

    public IndicatorBuilder(LocalDate asOf) {
        this.asOf = asOf;
        this.month = YearMonth.from(asOf);
    }

    public void person(String personId, String householdId, LocalDate birth, String sex, boolean child) {
        persons.put(personId, new Person(householdId, birth, sex, child));
    }

    private Person p(String id) {
        return persons.get(id);
    }

    public void residentSince(String personId, LocalDate since) {
        Person p = p(personId);
        if (p != null && since != null) {
            p.residentSince = since;
        }
    }

    /** 乳幼児健診: one row per check and child; {@code done} is the day it was attended. */
    public void healthCheck(String personId, String item, LocalDate due, LocalDate done, String status) {
        Person p = p(personId);
        if (p == null) {
            return;
        }
        boolean threeYear = item != null && item.contains("3歳");
        if ("未受診".equals(status) && due != null && due.isBefore(asOf)) {
            p.checksMissed++;
            p.threeYearMissed |= threeYear;
        }
        if ("受診".equals(status)) {
            p.threeYearDone |= threeYear;
            p.contact(done);
        }
    }

    public void vaccination(String personId, LocalDate due, LocalDate done, String status) {
        Person p = p(personId);
        if (p == null) {
            return;
        }
        if ("未接種".equals(status) && due != null && due.isBefore(asOf)) {
            p.vaccinationsOverdue++;
        }
        if ("接種済".equals(status)) {
            p.contact(done);
        }
    }

    public void pregnancy(String personId, boolean specified) {
        Person p = p(personId);
        if (p != null) {
            p.specifiedPregnancy |= specified;
        }
    }

    /** 校務支援: one month's attendance; the same month loaded twice counts once. */
    public void attendance(String personId, YearMonth m, int absentDays, int nurseRoomDays) {
        Person p = p(personId);
        if (p == null) {
            return;
        }
        p.absence.put(m, absentDays);
        if (m.equals(month)) {
            p.nurseRoomDays = nurseRoomDays;
        }
        p.contact(m.atEndOfMonth());
    }

    public void allowance(String personId, String allowance, String payment) {
        Person p = p(personId);
        if (p != null && "児童扶養手当".equals(allowance) && !"停止".equals(payment)) {
            p.childRearingAllowance = true;
        }
    }

    public void schoolAid(String personId, String aid) {
        Person p = p(personId);
        if (p != null) {
            p.schoolAid |= "要保護".equals(aid) || "準要保護".equals(aid);
            p.contact(asOf); // on the school roll this month
        }
    }

    public void disability(String personId) {
        Person p = p(personId);
        if (p != null) {
            p.disability = true;
        }
    }

    public void assistance(String personId, String status) {
        Person p = p(personId);
        if (p != null && "保護中".equals(status)) {
            p.assistance = true;
        }
    }

    public void tax(String personId, String band, boolean arrears) {
        Person p = p(personId);
        if (p != null) {
            p.taxBand = band;
            p.arrears |= arrears;
        }
    }

    public void childcare(String personId, String enrolment) {
        Person p = p(personId);
        if (p != null && "利用中".equals(enrolment)) {
            p.childcare = true;
            p.contact(asOf);
        }
    }

    /**
     * A consultation about the child. It counts in {@link Indicator#CONSULTATIONS} but not as a contact
     * for {@link Indicator#MONTHS_UNSEEN}: coming to the centre is what the model learns to predict, so
     * no other indicator may carry it.
     */
    public void consultation(String personId, LocalDate on) {
        Person p = p(personId);
        if (p != null) {
            p.consultations++;
        }
    }

    /** The indicators of every child (under 18 on {@code asOf}) given with {@link #person}. */
    public List<Result> compute() {
        Map<String, List<Person>> households = new HashMap<>();
        for (Person p : persons.values()) {
            if (p.householdId != null) {
                households.computeIfAbsent(p.householdId, k -> new ArrayList<>()).add(p);
            }
        }
        List<Result> out = new ArrayList<>();
        for (Map.Entry<String, Person> e : persons.entrySet()) {
            Person c = e.getValue();
            if (!c.child || c.birth == null || c.birth.isAfter(asOf)) {
                continue;
            }
            int age = Period.between(c.birth, asOf).getYears();
            if (age >= 18) {
                continue;
            }
            List<Person> household = c.householdId == null ? List.of(c) : households.get(c.householdId);
            double[] v = new double[Indicator.values().length];
            v[Indicator.HEALTH_CHECK_MISSED.ordinal()] = c.checksMissed;
            v[Indicator.HEALTH_CHECK_3Y_MISSED.ordinal()] = c.threeYearMissed && !c.threeYearDone ? 1 : 0;
            v[Indicator.VACCINATION_OVERDUE.ordinal()] = c.vaccinationsOverdue;
            int m0 = c.absence.getOrDefault(month, 0);
            int m1 = c.absence.getOrDefault(month.minusMonths(1), 0);
            int m2 = c.absence.getOrDefault(month.minusMonths(2), 0);
            v[Indicator.ABSENCE_30.ordinal()] = m0;
            v[Indicator.ABSENCE_90.ordinal()] = m0 + m1 + m2;
            v[Indicator.ABSENCE_TREND.ordinal()] = c.absence.containsKey(month.minusMonths(1)) ? m0 - m1 : 0;
            v[Indicator.NURSE_ROOM_DAYS.ordinal()] = c.nurseRoomDays;
            v[Indicator.SCHOOL_AID.ordinal()] = c.schoolAid ? 1 : 0;
            v[Indicator.CHILD_REARING_ALLOWANCE.ordinal()] = c.childRearingAllowance ? 1 : 0;
            v[Indicator.DISABILITY_CHILD.ordinal()] = c.disability ? 1 : 0;
            v[Indicator.CONSULTATIONS.ordinal()] = c.consultations;
            v[Indicator.CHILDCARE.ordinal()] = c.childcare ? 1 : 0;
            v[Indicator.RECENT_MOVE.ordinal()] = c.residentSince != null && c.residentSince.isAfter(asOf.minusYears(1))
                    && c.residentSince.isAfter(c.birth.plusDays(31)) ? 1 : 0;
            boolean taxed = false;
            boolean anyTax = false;
            int youngSiblings = 0;
            LocalDate last = c.lastContact;
            for (Person m : household) {
                if (m == c) {
                    continue;
                }
                v[Indicator.PUBLIC_ASSISTANCE.ordinal()] = Math.max(v[Indicator.PUBLIC_ASSISTANCE.ordinal()], m.assistance ? 1 : 0);
                v[Indicator.TAX_ARREARS.ordinal()] = Math.max(v[Indicator.TAX_ARREARS.ordinal()], m.arrears ? 1 : 0);
                v[Indicator.SPECIFIED_PREGNANCY.ordinal()] = Math.max(v[Indicator.SPECIFIED_PREGNANCY.ordinal()], m.specifiedPregnancy ? 1 : 0);
                boolean adult = m.birth != null && Period.between(m.birth, asOf).getYears() >= 18;
                if (adult) {
                    v[Indicator.DISABILITY_PARENT.ordinal()] = Math.max(v[Indicator.DISABILITY_PARENT.ordinal()], m.disability ? 1 : 0);
                    if ("F".equals(m.sex) && Period.between(m.birth, c.birth).getYears() < 20 && m.birth.isBefore(c.birth.minusYears(12))) {
                        v[Indicator.YOUNG_PARENT.ordinal()] = 1;
                    }
                    if (m.taxBand != null) {
                        anyTax = true;
                        taxed |= !"非課税".equals(m.taxBand);
                    }
                } else if (m.birth != null && Period.between(m.birth, asOf).getYears() < 6) {
                    youngSiblings++;
                }
            }
            v[Indicator.PUBLIC_ASSISTANCE.ordinal()] = Math.max(v[Indicator.PUBLIC_ASSISTANCE.ordinal()], c.assistance ? 1 : 0);
            v[Indicator.NON_TAXABLE.ordinal()] = anyTax && !taxed ? 1 : 0;
            v[Indicator.YOUNG_SIBLINGS.ordinal()] = youngSiblings;
            // "Nobody has seen this child": months since the last dated contact with a health check,
            // vaccination, nursery, school or the centre; a child never seen counts from birth.
            LocalDate since = last != null ? last : c.birth;
            v[Indicator.MONTHS_UNSEEN.ordinal()] = Math.max(0, ChronoUnit.MONTHS.between(since, asOf));
            out.add(new Result(e.getKey(), age, v));
        }
        return out;
    }
}
