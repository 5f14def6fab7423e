package jp.mimamori.core.assess;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One thing a department's current extract says about one person of a linkage run: the assessment's
 * input, whether it runs in the server or on Spark. Each kind feeds one call of {@link IndicatorBuilder};
 * the values are the labels of the source definitions (e.g. "未受診"), never the department's codes.
 * Facts about the same person apply in the order given (a later tax band replaces an earlier one, as a
 * later month's load replaces an earlier one), which is why the file form carries a sequence number.
 */
public sealed interface Fact extends Serializable {

    String personId();

    /** Feeds this fact to the builder. */
    void applyTo(IndicatorBuilder b);

    /**
     * A person of the run (住民 in the registry or not). {@code key}: a stable name for the person that does
     * not depend on how IDs were assigned, the least {@code source:record_id} of the person's records; the
     * model's train/hold-out split is chosen by its hash.
     */
    record Person(String personId, String householdId, LocalDate birth, String sex, boolean child, String key) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.person(personId, householdId, birth, sex, child);
        }
    }

    /** 住民記録: since when the person lives at the address; {@code foreign} (外国人住民) is never a model input, only for reporting whom the ranking reaches. */
    record Residence(String personId, LocalDate since, boolean foreign) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.residentSince(personId, since);
        }
    }

    /** 乳幼児健診. */
    record HealthCheck(String personId, String item, LocalDate due, LocalDate done, String status) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.healthCheck(personId, item, due, done, status);
        }
    }

    /** 予防接種. */
    record Vaccination(String personId, LocalDate due, LocalDate done, String status) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.vaccination(personId, due, done, status);
        }
    }

    /** 妊娠届, with whether the pregnancy was 特定妊婦. */
    record Pregnancy(String personId, boolean specified) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.pregnancy(personId, specified);
        }
    }

    /** 校務支援: one month's attendance. */
    record Attendance(String personId, YearMonth month, int absentDays, int nurseRoomDays) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.attendance(personId, month, absentDays, nurseRoomDays);
        }
    }

    /** 手当. */
    record Allowance(String personId, String allowance, String payment) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.allowance(personId, allowance, payment);
        }
    }

    /** 学齢簿: the school-expense aid. */
    record SchoolAid(String personId, String aid) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.schoolAid(personId, aid);
        }
    }

    /** 障害者手帳. */
    record Disability(String personId) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.disability(personId);
        }
    }

    /** 生活保護. */
    record Assistance(String personId, String status) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.assistance(personId, status);
        }
    }

    /** 住民税: the band and whether there are arrears. */
    record Tax(String personId, String band, boolean arrears) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.tax(personId, band, arrears);
        }
    }

    /** 保育所・幼稚園等. */
    record Childcare(String personId, String enrolment) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.childcare(personId, enrolment);
        }
    }

    /** A previous consultation (相談) about the child. */
    record Consultation(String personId, LocalDate on) implements Fact {
        @Override
        public void applyTo(IndicatorBuilder b) {
            b.consultation(personId, on);
        }
    }
}
