package jp.mimamori.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One person of the synthetic city: the ground truth that every extract is a view of. */
final class Person {

    enum Status { RESIDENT, MOVED_OUT, DEAD }

    final int id;
    final Sex sex;
    final LocalDate birth;
    /** ISO 3166 alpha-2; "JP" for Japanese nationals. */
    final String nationality;
    Household household;
    Relation relation;
    /** Index into the surname table (Japanese) or the foreign surname list (foreign nationals). */
    int surname;
    /** Which written form the family registry holds: 0 = standard, k = k-th variant form. */
    int surnameForm;
    /** Surname before marriage; a divorced mother may return to it. */
    int birthSurname;
    int birthSurnameForm;
    final int given;
    /** Mother's age when this person was born, or -1 where unknown (young parenthood is a risk factor). */
    int motherAgeAtBirth = -1;
    boolean pregnant;
    /** 0 none; 1 身体 (physical), 2 療育 (intellectual), 3 精神 (mental). */
    int disability;
    int disabilityGrade;
    /** Latent per-child propensity to need support, fixed at birth (child-level random effect). */
    final double frailty;
    Status status = Status.RESIDENT;
    LocalDate statusDate;
    /** Date the person became a resident: birth or move-in. */
    LocalDate residentSince;
    LocalDate surnameChanged;
    /** The registry event of the most recent month ("転入", "転居", "出生" …) and its date. */
    String lastEvent;
    LocalDate lastEventDate;
    /**
     * For twins and triplets, the first born of the set (itself for that one), else null. Families
     * decide for children born together at once (the same nursery, the same health-check day).
     */
    Person firstOfBirth;
    /** Consultations at the centre about this child, in date order. */
    List<Consultation> consultations;

    Person(int id, Sex sex, LocalDate birth, String nationality, int surname, int surnameForm, int given, double frailty) {
        this.id = id;
        this.sex = sex;
        this.birth = birth;
        this.nationality = nationality;
        this.surname = surname;
        this.surnameForm = surnameForm;
        this.birthSurname = surname;
        this.birthSurnameForm = surnameForm;
        this.given = given;
        this.frailty = frailty;
    }

    boolean isForeign() {
        return !"JP".equals(nationality);
    }

    boolean isResident() {
        return status == Status.RESIDENT;
    }

    int age(LocalDate on) {
        return java.time.Period.between(birth, on).getYears();
    }

    void addConsultation(Consultation c) {
        if (consultations == null) {
            consultations = new ArrayList<>(2);
        }
        consultations.add(c);
    }

    /** Whose draw a family decision about this child uses: the first born of a twin set, else the child. */
    Person family() {
        return firstOfBirth == null ? this : firstOfBirth;
    }

    boolean cameForward() {
        return consultations != null && !consultations.isEmpty();
    }
}
