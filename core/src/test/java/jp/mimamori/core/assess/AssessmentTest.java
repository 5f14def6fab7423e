package jp.mimamori.core.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core assessment decides the same whatever order the persons come in, its held-out split follows the
 * children's keys, and its files carry the facts and outcome without loss and name what they cannot read.
 */
class AssessmentTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 4, 30);

    /** A small town: households of a mother and children, need clustered by household, consultations more where it is. */
    static List<Fact> town(int households, long seed) {
        Random rnd = new Random(seed);
        List<Fact> out = new ArrayList<>();
        for (int h = 0; h < households; h++) {
            double risk = rnd.nextDouble() < 0.2 ? 0.8 : 0.1;
            String mother = "M" + h;
            out.add(new Fact.Person(mother, "H" + h, LocalDate.of(1985 + rnd.nextInt(10), 5, 1), "F", false, "juki:m" + h));
            out.add(new Fact.Tax(mother, rnd.nextDouble() < risk ? "非課税" : "課税", rnd.nextDouble() < risk / 2));
            for (int k = 0; k < 1 + rnd.nextInt(2); k++) {
                String c = "C" + h + "_" + k;
                LocalDate birth = AS_OF.minusDays(400 + rnd.nextInt(15 * 365));
                out.add(new Fact.Person(c, "H" + h, birth, "M", true, "juki:c" + h + "_" + k));
                out.add(new Fact.Residence(c, birth, rnd.nextDouble() < 0.1));
                out.add(new Fact.Attendance(c, YearMonth.from(AS_OF), (int) (rnd.nextDouble() * 20 * risk), 0));
                out.add(new Fact.Attendance(c, YearMonth.from(AS_OF).minusMonths(1), (int) (rnd.nextDouble() * 20 * risk), 0));
                if (rnd.nextDouble() < 0.03 + 0.3 * risk) {
                    out.add(new Fact.Consultation(c, AS_OF.minusDays(rnd.nextInt(300))));
                }
            }
        }
        return out;
    }

    static final List<Rule> RULES = List.of(new Rule("LONG_ABSENCE", 1, "長期欠席", "直近3か月の欠席が15日以上", 6, 17, Rule.parse("ABSENCE_90>=15")));
    static final Assessment.Settings SETTINGS = new Assessment.Settings(AS_OF, null, Set.of(), 0.01);

    @Test
    void theOrderOfThePersonsChangesNothing() {
        List<Fact> facts = town(400, 3);
        Assessment.Outcome a = Assessment.assess(SETTINGS, facts, RULES, Set.of());
        // Persons in another order, each person's facts in theirs.
        Map<String, List<Fact>> byPerson = new LinkedHashMap<>();
        facts.forEach(f -> byPerson.computeIfAbsent(f.personId(), k -> new ArrayList<>()).add(f));
        List<List<Fact>> groups = new ArrayList<>(byPerson.values());
        Collections.shuffle(groups, new Random(11));
        List<Fact> shuffled = new ArrayList<>();
        groups.forEach(shuffled::addAll);
        Assessment.Outcome b = Assessment.assess(SETTINGS, shuffled, RULES, Set.of());
        assertThat(b.ranks()).isEqualTo(a.ranks());
        assertThat(b.flags()).isEqualTo(a.flags());
        assertThat(b.proposals()).isEqualTo(a.proposals());
        assertThat(b.model().scores()).isEqualTo(a.model().scores());
        assertThat(b.model().labelFrequency()).isEqualTo(a.model().labelFrequency());
        assertThat(a.children()).extracting(Assessment.Child::key).isSorted();
        assertThat(a.flagged()).isPositive();
        assertThat(a.proposals()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void theHeldOutFifthFollowsTheKeyAndTheSeed() {
        int held = 0;
        for (int i = 0; i < 10_000; i++) {
            held += PuModel.heldOut("juki:" + i, 1) ? 1 : 0;
        }
        assertThat(held).isBetween(1_850, 2_150);
        assertThat(PuModel.heldOut("juki:42", 1)).isEqualTo(PuModel.heldOut("juki:42", 1));
        long differs = java.util.stream.IntStream.range(0, 1_000).filter(i -> PuModel.heldOut("k" + i, 1) != PuModel.heldOut("k" + i, 2)).count();
        assertThat(differs).isPositive();
    }

    @Test
    void theFilesCarryFactsAndOutcomeWithoutLoss(@TempDir Path dir) throws Exception {
        List<Fact> facts = new ArrayList<>(town(150, 5));
        facts.add(new Fact.HealthCheck("C0_0", "3歳児健診", AS_OF.minusMonths(2), null, "未受診"));
        facts.add(new Fact.Vaccination("C0_0", AS_OF.minusMonths(3), AS_OF.minusMonths(2), "接種済"));
        facts.add(new Fact.Pregnancy("M0", true));
        facts.add(new Fact.Allowance("M0", "児童扶養手当", "支給"));
        facts.add(new Fact.SchoolAid("C0_0", "準要保護, \"引用\""));
        facts.add(new Fact.Disability("M0"));
        facts.add(new Fact.Assistance("M0", "保護中"));
        facts.add(new Fact.Childcare("C0_0", "利用中"));
        Assessment.Settings settings = new Assessment.Settings(AS_OF, 0.08, Set.of(Indicator.DISABILITY_PARENT), 0.02);
        AssessmentFiles.writeInputs(dir, 7, settings, facts, RULES, Set.of("C1_0"));
        AssessmentFiles.Inputs in = AssessmentFiles.readInputs(dir, true);
        assertThat(in.facts()).isEqualTo(facts);
        assertThat(in.settings()).isEqualTo(settings);
        assertThat(in.linkRun()).isEqualTo(7);
        assertThat(in.connected()).containsExactly("C1_0");
        assertThat(in.rules()).extracting(Rule::code, Rule::version, Rule::conditionText).containsExactly(
                org.assertj.core.groups.Tuple.tuple("LONG_ABSENCE", 1, "ABSENCE_90>=15"));

        Assessment.Outcome o = Assessment.assess(in.settings(), in.facts(), in.rules(), in.connected());
        Path out = dir.resolve("out");
        AssessmentFiles.writeOutcome(out, 7, o);
        Assessment.Outcome back = AssessmentFiles.readOutcome(out).outcome();
        assertThat(back.ranks()).isEqualTo(o.ranks());
        assertThat(back.proposals()).isEqualTo(o.proposals());
        assertThat(back.model().scores()).isEqualTo(o.model().scores());
        assertThat(back.groups()).isEqualTo(o.groups());
        assertThat(back.settings()).isEqualTo(o.settings());

        // A broken cell is named by file, row and column.
        List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve(AssessmentFiles.REASONS), StandardCharsets.UTF_8));
        lines.set(4, lines.get(4).replaceFirst(",(raised|lowered),", ",sideways,"));
        Files.write(out.resolve(AssessmentFiles.REASONS), lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AssessmentFiles.readOutcome(out)).isInstanceOf(AssessmentFiles.FileError.class)
                .hasMessageContaining("reasons.csv 5行目 列 direction").hasMessageContaining("sideways");
        List<String> factLines = new ArrayList<>(Files.readAllLines(dir.resolve(AssessmentFiles.FACTS), StandardCharsets.UTF_8));
        factLines.set(2, factLines.get(2).replaceFirst("^(\\d+,[^,]*),[a-z_]+,", "$1,unicorn,"));
        Files.write(dir.resolve(AssessmentFiles.FACTS), factLines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AssessmentFiles.readInputs(dir, true)).isInstanceOf(AssessmentFiles.FileError.class)
                .hasMessageContaining("assess-facts.csv 3行目 列 kind").hasMessageContaining("unicorn");
    }
}
