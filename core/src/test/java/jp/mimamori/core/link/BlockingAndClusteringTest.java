package jp.mimamori.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blocking that stays affordable as a city grows, and clustering that never lets one thin record
 * bridge two people: the registry's residents, or one department's two identifiers, stay two.
 */
class BlockingAndClusteringTest {

    private static final int FULL_NAME_PASS = LinkageEngine.passNames().indexOf("姓名の読み（順不同）/ full name, either order");

    @Test
    void aCommonFullNameIsSplitByBirthYearWhileARareOneKeepsItsWholeBlock() {
        List<LinkRecord> r = new ArrayList<>();
        // 佐藤 翔太 sixty times over two birth years (a block above the limit) ...
        for (int i = 0; i < 60; i++) {
            r.add(new LinkRecord("juki", "S" + i, "佐藤 翔太", "サトウ ショウタ", LocalDate.of(i < 30 ? 2010 : 2011, 1 + i % 12, 1 + i % 28), "1",
                    "本町1丁目" + (1 + i) + "番1号"));
        }
        // ... ten times without a birth date (dropped from the pass once the block is refined) ...
        for (int i = 0; i < 10; i++) {
            r.add(new LinkRecord("zei", "N" + i, "佐藤 翔太", "サトウ ショウタ", null, "1", "栄町2丁目" + (1 + i) + "番2号"));
        }
        // ... and a rare name born in two different years, whose block stays whole.
        r.add(new LinkRecord("juki", "R1", "勅使河原 湊", "テシガワラ ミナト", LocalDate.of(2015, 4, 3), "1", "緑町1丁目2番3号"));
        r.add(new LinkRecord("zei", "R2", "勅使河原 湊", "テシガワラ ミナト", LocalDate.of(2016, 4, 3), "1", "緑町1丁目2番3号"));
        r.add(new LinkRecord("zei", "R3", "勅使河原 湊", "テシガワラ ミナト", null, "1", "緑町1丁目2番3号"));

        long[] pass = LinkageEngine.blockingHashes(r)[FULL_NAME_PASS];

        assertThat(pass[0]).as("same name, same year").isNotZero().isEqualTo(pass[29]);
        assertThat(pass[30]).as("same name, next year").isNotZero().isEqualTo(pass[59]).isNotEqualTo(pass[0]);
        assertThat(pass[60]).as("no birth year to refine by").isZero();
        assertThat(pass[70]).as("a rare name is not refined").isNotZero().isEqualTo(pass[71]).isEqualTo(pass[72]);
    }

    @Test
    void aForeignAddressBlocksOnItsPostcodeAndHouseNumberWhenNamesAndBirthDateAreAllMistyped() {
        List<LinkRecord> r = List.of(
                new LinkRecord("a", "1", "colquhoun kayden", null, LocalDate.of(1911, 3, 30), null, "17 kitson place glenfern park bourke nsw", "2526", null, null),
                new LinkRecord("b", "2", "colquhaoun kaydrn", null, null, null, "17 kitsonplace glenfern park boruke nsw", "2526", null, null),
                new LinkRecord("b", "3", "smith john", null, null, null, "17 kitson place glenfern park bourke nsw", "2527", null, null));
        int pass = LinkageEngine.passNames().indexOf("郵便番号・番地（町名が読めない住所）/ postcode and house number, where the address did not parse");
        long[][] keys = LinkageEngine.blockingHashes(r);
        boolean sharedElsewhere = false;
        for (int p = 0; p < keys.length; p++) {
            sharedElsewhere |= p != pass && keys[p][0] != 0 && keys[p][0] == keys[p][1];
        }

        assertThat(sharedElsewhere).as("no other pass holds this pair").isFalse();
        assertThat(keys[pass][0]).isNotZero().isEqualTo(keys[pass][1]).isNotEqualTo(keys[pass][2]);
    }

    @Test
    void aRecordThatFitsTwoRegistryNamesakesIsLinkedToNeitherAndGoesToReview() {
        List<LinkRecord> r = DecisionTest.city();
        int base = r.size();
        LocalDate birth = LocalDate.of(2015, 4, 3);
        // Two residents of one name and birth date in two 町 (two registry records, two households) ...
        r.add(new LinkRecord("juki", "A", "勅使河原 湊", "テシガワラ ミナト", birth, "1", "緑町1丁目2番3号", null, null, "H-A"));
        r.add(new LinkRecord("juki", "B", "勅使河原 湊", "テシガワラ ミナト", birth, "1", "栄町3丁目9番9号", null, null, "H-B"));
        // ... each with a record of their own at their own address ...
        r.add(new LinkRecord("teate", "TA", "勅使河原 湊", "テシガワラ ミナト", birth, "1", "緑町1丁目2番3号"));
        r.add(new LinkRecord("teate", "TB", "勅使河原 湊", "テシガワラ ミナト", birth, "1", "栄町3丁目9番9号"));
        // ... and a school-trip record (公務) with name, birth date and sex only: it fits both.
        r.add(new LinkRecord("komu", "C", "勅使河原 湊", "テシガワラ ミナト", birth, "1", null));

        LinkResult result = new LinkageEngine().link(r);
        int[] c = result.clusterOf();

        assertThat(c[base]).as("two residents of the registry").isNotEqualTo(c[base + 1]);
        assertThat(c[base]).as("each with their own record").isEqualTo(c[base + 2]);
        assertThat(c[base + 1]).isEqualTo(c[base + 3]);
        assertThat(c[base + 4]).as("the thin record joins neither on a coin's toss").isNotEqualTo(c[base]).isNotEqualTo(c[base + 1]);
        assertThat(result.review()).as("it is left for a person")
                .anyMatch(p -> p.a() == base + 4 || p.b() == base + 4);
    }

    @Test
    void oneDepartmentsTwoIdentifiersAreTwoPeopleEvenWithoutTheRegistry() {
        List<LinkRecord> r = DecisionTest.city();
        int base = r.size();
        LocalDate birth = LocalDate.of(2013, 7, 7);
        // One name and birth date, two 宛名番号 in the allowance system, and a record with neither address nor number.
        r.add(new LinkRecord("teate", "T1", "五月女 葵", "ソウトメ アオイ", birth, "2", "緑町1丁目2番3号", null, "100001", null));
        r.add(new LinkRecord("teate", "T2", "五月女 葵", "ソウトメ アオイ", birth, "2", "栄町3丁目9番9号", null, "100002", null));
        r.add(new LinkRecord("kenko", "K", "五月女 葵", "ソウトメ アオイ", birth, "2", null));

        int[] c = new LinkageEngine().link(r).clusterOf();

        assertThat(c[base]).isNotEqualTo(c[base + 1]);
    }

    @Test
    void aResidentWhoMovedIsLinkedToTheRegistryWhenNoNamesakeLivesInTheCity() {
        List<LinkRecord> r = DecisionTest.city();
        int base = r.size();
        LocalDate birth = LocalDate.of(1988, 11, 30);
        // The tax record still carries last year's address in another 町; the registry has one 小鳥遊 香織.
        r.add(new LinkRecord("juki", "J", "小鳥遊 香織", "タカナシ カオリ", birth, "2", "緑町1丁目2番3号", null, null, "H-J"));
        r.add(new LinkRecord("zei", "Z", "小鳥遊 香織", "タカナシ カオリ", birth, "2", "栄町3丁目9番9号"));

        LinkResult result = new LinkageEngine().link(r);

        assertThat(result.clusterOf()[base]).isEqualTo(result.clusterOf()[base + 1]);
    }

    /** A bigger background: 3,000 residents with a registry record and a tax record each, so the prior is a city's. */
    private static List<LinkRecord> town() {
        String[] sn = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本"};
        String[] sk = {"サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ", "カトウ", "ヨシダ", "ヤマダ", "ササキ", "ヤマグチ", "マツモト"};
        String[] gn = {"蓮", "陽翔", "湊", "凛", "結菜", "葵", "陽葵", "樹", "悠真", "紬", "大和", "莉子", "颯太", "結衣", "蒼"};
        String[] gk = {"レン", "ハルト", "ミナト", "リン", "ユイナ", "アオイ", "ヒマリ", "イツキ", "ユウマ", "ツムギ", "ヤマト", "リコ", "ソウタ", "ユイ", "アオイ"};
        String[] towns = {"本町", "栄町", "緑町", "旭町", "泉町", "若葉台"};
        List<LinkRecord> r = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            LocalDate b = LocalDate.of(1960, 1, 1).plusDays(i * 7L);
            String name = sn[i % 15] + " " + gn[(i / 15) % 15];
            String kana = sk[i % 15] + " " + gk[(i / 15) % 15];
            String addr = towns[i % 6] + (1 + i % 4) + "丁目" + (1 + i % 30) + "番" + (1 + i / 30 % 40) + "号";
            String sex = i % 2 == 0 ? "1" : "2";
            r.add(new LinkRecord("juki", "J" + i, name, kana, b, sex, addr, null, null, "H" + i));
            r.add(new LinkRecord("zei", "Z" + i, name, kana, b, sex, addr));
        }
        return r;
    }

    @Test
    void aTaxRecordWithLastYearsAddressIsLinkedWhenOnlyOneResidentHasItsNameAndBirthDate() {
        List<LinkRecord> r = town();
        int base = r.size();
        LocalDate birth = LocalDate.of(1987, 6, 5);
        // A resident who moved from 栄町 to 緑町: the registry has the new address, the tax office last year's.
        r.add(new LinkRecord("juki", "MOVED", "佐藤 花子", "サトウ ハナコ", birth, "2", "緑町3丁目9番1号", null, null, "H-MOVED"));
        r.add(new LinkRecord("zei", "MOVED-Z", "佐藤 花子", "サトウ ハナコ", birth, "2", "栄町1丁目4番2号"));

        LinkageEngine engine = new LinkageEngine();
        LinkResult alone = engine.link(r);
        double p = engine.explain(alone.model(), r, base, base + 1).probability();

        assertThat(p).as("the pair alone scores under the match threshold").isBetween(LinkageEngine.SOLE, LinkageEngine.MATCH);
        assertThat(alone.clusterOf()[base]).as("the only candidate, linked").isEqualTo(alone.clusterOf()[base + 1]);

        // A second resident of that name and birth date (in another 町): the tax record could be either.
        r.add(new LinkRecord("juki", "NAMESAKE", "佐藤 花子", "サトウ ハナコ", birth, "2", "泉町2丁目2番2号", null, null, "H-NAMESAKE"));
        LinkResult two = engine.link(r);
        int[] c = two.clusterOf();
        assertThat(c[base + 1]).as("two candidates: a person decides").isNotEqualTo(c[base]).isNotEqualTo(c[base + 2]);
        assertThat(two.review()).as("both pairs in review").anyMatch(sp -> Math.min(sp.a(), sp.b()) == base && Math.max(sp.a(), sp.b()) == base + 1)
                .anyMatch(sp -> Math.min(sp.a(), sp.b()) == base + 1 && Math.max(sp.a(), sp.b()) == base + 2);
    }

    @Test
    void aMotherAndDaughterAtOneAddressWhoseNamesReadAlikeAreTwoPeople() {
        List<LinkRecord> r = town();
        int base = r.size();
        // 祐子 (ユウコ) and 友梨 (ユリ) 勅使河原, 26 years apart, in one flat: the registry and the allowance office.
        r.add(new LinkRecord("juki", "MOTHER", "勅使河原 祐子", "テシガワラ ユウコ", LocalDate.of(1992, 12, 2), "2", "泉町1丁目1番1号 コーポ泉 101号室", null, null, "H-F"));
        r.add(new LinkRecord("teate", "DAUGHTER", "勅使河原 友梨", "テシガワラ ユリ", LocalDate.of(2018, 8, 22), "2", "泉町1丁目1番1号 コーポ泉 101号室"));

        LinkageEngine engine = new LinkageEngine();
        LinkResult result = engine.link(r);
        ScoredPair pair = engine.explain(result.model(), r, base, base + 1);

        assertThat(result.clusterOf()[base]).isNotEqualTo(result.clusterOf()[base + 1]);
        assertThat(pair.probability()).as("not even for review").isLessThan(LinkageEngine.REVIEW);
        assertThat(pair.contributions()).anyMatch(x -> x.toString().contains("家族の可能性"));
    }

    @Test
    void aBirthDateMoreThanAYearOffWeighsAtLeastThreeBitsAgainst() {
        Model model = new LinkageEngine().link(town()).model();
        assertThat(model.m(Field.BIRTH, 5)).isLessThanOrEqualTo(Model.M_BIRTH_DIFFERENT_MAX);
        assertThat(model.weight(Field.BIRTH, 5)).isLessThan(-3);
    }
}
