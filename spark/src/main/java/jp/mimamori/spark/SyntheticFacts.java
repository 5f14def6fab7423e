package jp.mimamori.spark;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jp.mimamori.core.assess.Fact;

/**
 * Assessment facts for a made-up town of households (架空の世帯), with the circumstances that raise a
 * child's need clustered by household and consultations more frequent where they are: for the
 * in-process/Spark identity test and the spark-assess benchmark, which need facts without a database.
 * Deterministic for a seed. (The server's own tests assess a linked synthetic city.)
 */
public final class SyntheticFacts {

    private SyntheticFacts() {
    }

    public static final LocalDate AS_OF = LocalDate.of(2026, 4, 30);

    /** The rules the server starts with (V9 migration), as the test and the benchmark apply them. */
    public static List<jp.mimamori.core.assess.Rule> rules() {
        return List.of(
                new jp.mimamori.core.assess.Rule("UNSEEN_PRESCHOOL", 1, "誰も会えていない未就学児", "3歳児健診が未受診で、保育所・幼稚園等にも通っていない（誰も会えていない可能性）",
                        4, 5, jp.mimamori.core.assess.Rule.parse("HEALTH_CHECK_3Y_MISSED>=1;CHILDCARE<=0")),
                new jp.mimamori.core.assess.Rule("LONG_ABSENCE", 1, "長期欠席", "直近3か月の欠席が15日以上", 6, 17, jp.mimamori.core.assess.Rule.parse("ABSENCE_90>=15")),
                new jp.mimamori.core.assess.Rule("MISSED_CHECKS_AND_VACCINES", 1, "健診と予防接種の遅れ", "乳幼児健診の未受診と予防接種の遅れが重なっている", 0, 3,
                        jp.mimamori.core.assess.Rule.parse("HEALTH_CHECK_MISSED>=1;VACCINATION_OVERDUE>=2")));
    }

    public static List<Fact> town(int households, long seed) {
        Random rnd = new Random(seed);
        List<Fact> out = new ArrayList<>();
        YearMonth month = YearMonth.from(AS_OF);
        for (int h = 0; h < households; h++) {
            String hid = "H" + h;
            double risk = rnd.nextDouble() < 0.15 ? 0.5 + 0.5 * rnd.nextDouble() : 0.2 * rnd.nextDouble();
            boolean single = rnd.nextDouble() < 0.1 + 0.4 * risk;
            LocalDate motherBirth = LocalDate.of(1978 + rnd.nextInt(22), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            String mother = "P" + h + "m";
            person(out, mother, hid, motherBirth, "F", false, rnd);
            if (!single) {
                person(out, "P" + h + "f", hid, motherBirth.minusYears(rnd.nextInt(6)), "M", false, rnd);
            }
            if (rnd.nextDouble() < 0.3 * risk) {
                out.add(new Fact.Tax(mother, "非課税", rnd.nextDouble() < 0.5));
            } else {
                out.add(new Fact.Tax(mother, "課税", rnd.nextDouble() < 0.05));
            }
            if (rnd.nextDouble() < 0.2 * risk) {
                out.add(new Fact.Assistance(mother, "保護中"));
            }
            if (rnd.nextDouble() < 0.05) {
                out.add(new Fact.Disability(mother));
            }
            if (single) {
                out.add(new Fact.Allowance(mother, "児童扶養手当", rnd.nextDouble() < 0.1 ? "停止" : "支給"));
            }
            int kids = 1 + rnd.nextInt(3);
            for (int k = 0; k < kids; k++) {
                String id = "P" + h + "c" + k;
                LocalDate birth = AS_OF.minusDays(30 + rnd.nextInt(17 * 365));
                if (birth.isBefore(motherBirth.plusYears(15))) {
                    birth = motherBirth.plusYears(15 + rnd.nextInt(5));
                }
                if (birth.isAfter(AS_OF)) {
                    birth = AS_OF.minusDays(40);
                }
                person(out, id, hid, birth, rnd.nextBoolean() ? "F" : "M", true, rnd);
                int age = java.time.Period.between(birth, AS_OF).getYears();
                if (age < 6) {
                    for (String item : List.of("1歳6か月児健診", "3歳児健診")) {
                        LocalDate due = birth.plusMonths(item.startsWith("3") ? 40 : 20);
                        if (due.isBefore(AS_OF)) {
                            boolean missed = rnd.nextDouble() < 0.05 + 0.5 * risk;
                            out.add(new Fact.HealthCheck(id, item, due, missed ? null : due.minusDays(rnd.nextInt(30)), missed ? "未受診" : "受診"));
                        }
                    }
                    for (int v = 0; v < 3; v++) {
                        LocalDate due = birth.plusMonths(2 + 6 * v);
                        if (due.isBefore(AS_OF)) {
                            boolean overdue = rnd.nextDouble() < 0.05 + 0.4 * risk;
                            out.add(new Fact.Vaccination(id, due, overdue ? null : due.minusDays(rnd.nextInt(20)), overdue ? "未接種" : "接種済"));
                        }
                    }
                    if (age >= 1 && rnd.nextDouble() < 0.7 - 0.4 * risk) {
                        out.add(new Fact.Childcare(id, "利用中"));
                    }
                } else {
                    for (int m = 2; m >= 0; m--) {
                        int absent = (int) Math.round(Math.max(0, rnd.nextGaussian() * 2 + 1 + 12 * risk * rnd.nextDouble()));
                        out.add(new Fact.Attendance(id, month.minusMonths(m), absent, rnd.nextDouble() < 0.1 * risk ? rnd.nextInt(6) : 0));
                    }
                    out.add(new Fact.SchoolAid(id, rnd.nextDouble() < 0.5 * risk ? "準要保護" : "なし"));
                }
                if (rnd.nextDouble() < 0.02) {
                    out.add(new Fact.Disability(id));
                }
                if (rnd.nextDouble() < 0.01 + 0.15 * risk) {
                    out.add(new Fact.Consultation(id, AS_OF.minusDays(rnd.nextInt(700))));
                }
            }
        }
        return out;
    }

    private static void person(List<Fact> out, String id, String hid, LocalDate birth, String sex, boolean child, Random rnd) {
        out.add(new Fact.Person(id, hid, birth, sex, child, "juki:" + id.substring(1)));
        LocalDate since = rnd.nextDouble() < 0.1 ? AS_OF.minusDays(rnd.nextInt(365)) : birth.plusDays(rnd.nextInt(3000));
        out.add(new Fact.Residence(id, since.isAfter(AS_OF) ? birth : since, rnd.nextDouble() < 0.05));
    }
}
