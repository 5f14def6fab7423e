package jp.mimamori.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** こどもID / 世帯ID carry-over: the vote by rows, larger persons first, movers back, deterministic new IDs. */
class IdCarryOverTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 5, 31);
    static final IdCarryOver.NewIds IDS = IdCarryOver.NewIds.ofHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    static IdCarryOver.Row row(String source, String record) {
        return new IdCarryOver.Row(source, record, LocalDate.of(1980, 1, 1), null);
    }

    @Test
    void aPersonTakesTheIdMostOfItsRowsHadAndLargerPersonsChooseFirst() {
        // Last month P-A had juki:1, zei:1, teate:1. Now juki:1 and zei:1 are one person, teate:1 another:
        // the larger keeps P-A; the smaller cannot, and gets a new ID.
        List<IdCarryOver.Row> rows = List.of(row("teate", "1"), row("juki", "1"), row("zei", "1"), row("kenko", "9"));
        Map<String, String> previous = Map.of("juki:1", "PAAAAAAAAAAAA", "zei:1", "PAAAAAAAAAAAA", "teate:1", "PAAAAAAAAAAAA",
                "kenko:9", "PBBBBBBBBBBBB");
        IdCarryOver.Assignment a = IdCarryOver.assign(rows, new int[] {0, 1, 1, 2}, previous, Map.of(), AS_OF, IDS);
        assertThat(a.personOf()[1]).isEqualTo("PAAAAAAAAAAAA").isEqualTo(a.personOf()[2]);
        assertThat(a.personOf()[0]).isNotEqualTo("PAAAAAAAAAAAA").matches("P[0-9A-HJ-NP-Z]{12}").isEqualTo(IDS.person("teate", "1"));
        assertThat(a.personOf()[3]).isEqualTo("PBBBBBBBBBBBB");
        assertThat(a.kept()).isEqualTo(2);
        assertThat(a.created()).isEqualTo(1);
        assertThat(a.newPersons()).containsExactly(a.personOf()[0]);
    }

    @Test
    void votesAreCountedByRowsAndATieGoesToTheSmallerId() {
        // Two rows (two health checks folded into one record) outvote one.
        List<IdCarryOver.Row> rows = List.of(row("kenko", "1"), row("kenko", "2"), row("juki", "5"));
        Map<String, String> previous = Map.of("kenko:1", "PZZZZZZZZZZZZ", "kenko:2", "PZZZZZZZZZZZZ", "juki:5", "P000000000000");
        assertThat(IdCarryOver.assign(rows, new int[] {0, 0, 0}, previous, Map.of(), AS_OF, IDS).personOf()[0]).isEqualTo("PZZZZZZZZZZZZ");
        Map<String, String> tie = Map.of("kenko:1", "PZZZZZZZZZZZZ", "juki:5", "P000000000000");
        assertThat(IdCarryOver.assign(rows, new int[] {0, 0, 0}, tie, Map.of(), AS_OF, IDS).personOf()[0]).isEqualTo("P000000000000");
    }

    @Test
    void equalPersonsCompetingForOneIdAreOrderedByTheirLeastRecordKey() {
        // One person of last month split into two of one row each: the one whose record sorts first keeps the ID,
        // whatever order the rows come in.
        Map<String, String> previous = Map.of("zei:7", "PAAAAAAAAAAAA", "juki:3", "PAAAAAAAAAAAA");
        for (List<IdCarryOver.Row> rows : List.of(List.of(row("zei", "7"), row("juki", "3")), List.of(row("juki", "3"), row("zei", "7")))) {
            IdCarryOver.Assignment a = IdCarryOver.assign(rows, new int[] {0, 1}, previous, Map.of(), AS_OF, IDS);
            int juki = rows.get(0).source().equals("juki") ? 0 : 1;
            assertThat(a.personOf()[juki]).isEqualTo("PAAAAAAAAAAAA");
            assertThat(a.personOf()[1 - juki]).isEqualTo(IDS.person("zei", "7"));
        }
    }

    @Test
    void someoneWhoMovedBackGetsTheOldIdThroughTheirRegistryNumber() {
        // record_identity keeps the last person of every record ever seen, also of runs that did not see it.
        Map<String, String> previous = Map.of("juki:42", "PMOVEDBACK000");
        IdCarryOver.Assignment a = IdCarryOver.assign(List.of(row("juki", "42"), row("zei", "99")), new int[] {0, 0}, previous, Map.of(), AS_OF, IDS);
        assertThat(a.personOf()).containsOnly("PMOVEDBACK000");
    }

    @Test
    void householdsFollowTheRegistryNumberAndChildrenTheEndOfTheMonth() {
        List<IdCarryOver.Row> rows = List.of(
                new IdCarryOver.Row("juki", "1", LocalDate.of(2008, 6, 1), "H-100"),  // 17 on 2026-05-31
                new IdCarryOver.Row("gakurei", "1", LocalDate.of(2008, 6, 1), null),
                new IdCarryOver.Row("juki", "2", LocalDate.of(2008, 5, 31), "H-100"), // 18 that day
                new IdCarryOver.Row("juki", "3", LocalDate.of(1990, 1, 1), "H-200"),
                new IdCarryOver.Row("zei", "4", LocalDate.of(1990, 1, 1), null));
        IdCarryOver.Assignment a = IdCarryOver.assign(rows, new int[] {0, 0, 1, 2, 3}, Map.of(), Map.of("H-200", "HKNOWN0000000"), AS_OF, IDS);
        assertThat(a.householdOf()[0]).isEqualTo(IDS.household("H-100")).isEqualTo(a.householdOf()[1]).isEqualTo(a.householdOf()[2]);
        assertThat(a.householdOf()[3]).isEqualTo("HKNOWN0000000");
        assertThat(a.householdOf()[4]).isNull();
        assertThat(a.newHouseholds()).containsExactly(new IdCarryOver.NewHousehold(IDS.household("H-100"), "H-100"));
        assertThat(a.childOf()).containsExactly(true, true, false, false, false);
        assertThat(a.children()).isEqualTo(1);
    }

    @Test
    void newIdsAreAFunctionOfTheSeedAndTheKeyOnly() {
        IdCarryOver.NewIds other = IdCarryOver.NewIds.random();
        assertThat(IDS.person("juki", "1")).isEqualTo(IdCarryOver.NewIds.ofHex(IDS.hex()).person("juki", "1"))
                .isNotEqualTo(other.person("juki", "1")).isNotEqualTo(IDS.person("juki", "2")).hasSize(13).startsWith("P");
        assertThat(IDS.household("juki")).startsWith("H").hasSize(13);
        assertThat(IDS.person("a", "b:c")).isNotEqualTo(IDS.person("a:b", "c"));
        // Every character of the alphabet turns up, evenly enough (12 × 20,000 draws, 34 characters).
        int[] counts = new int[IdCarryOver.ALPHABET.length()];
        for (int i = 0; i < 20_000; i++) {
            String id = IDS.person("juki", Integer.toString(i));
            for (char c : id.substring(1).toCharArray()) {
                counts[IdCarryOver.ALPHABET.indexOf(c)]++;
            }
        }
        double expected = 12 * 20_000 / 34.0;
        for (int c : counts) {
            assertThat(c).isBetween((int) (expected * 0.95), (int) (expected * 1.05));
        }
        assertThatThrownBy(() -> new IdCarryOver.NewIds(new byte[4])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void choosingPerGroupOfCompetingPersonsGivesWhatOnePassOverAllGives() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            List<IdCarryOver.Votes> all = new ArrayList<>();
            int persons = 1 + random.nextInt(30);
            for (int p = 0; p < persons; p++) {
                Map<String, Long> v = new HashMap<>();
                int n = random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    v.merge("P" + random.nextInt(8), 1L + random.nextInt(3), Long::sum);
                }
                // Least record keys are unique: every row is one person's.
                all.add(new IdCarryOver.Votes("c" + p, 1 + random.nextInt(4), random.nextBoolean() ? "juki" : "zei", String.valueOf(random.nextInt(1000) * 100 + p), v));
            }
            Map<String, String> whole = IdCarryOver.choose(all);
            // Groups: persons joined through an ID they both vote for (a tiny union-find over person indices).
            int[] parent = new int[persons];
            for (int i = 0; i < persons; i++) {
                parent[i] = i;
            }
            Map<String, Integer> firstVoter = new HashMap<>();
            for (int i = 0; i < persons; i++) {
                for (String id : all.get(i).votes().keySet()) {
                    Integer j = firstVoter.putIfAbsent(id, i);
                    if (j != null) {
                        parent[find(parent, i)] = find(parent, j);
                    }
                }
            }
            Map<Integer, List<IdCarryOver.Votes>> groups = new HashMap<>();
            for (int i = persons - 1; i >= 0; i--) {
                groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(all.get(i));
            }
            Map<String, String> grouped = new HashMap<>();
            groups.values().forEach(g -> grouped.putAll(IdCarryOver.choose(g)));
            assertThat(grouped).isEqualTo(whole);
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }
}
