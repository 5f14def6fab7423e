package jp.mimamori.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reviewers' decisions hold in every later run, transitively. */
class DecisionTest {

    /** A background of 300 distinct people in two sources (so that EM has something to learn from), then the records under test. */
    static List<LinkRecord> city() {
        String[] sn = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"};
        String[] sk = {"サトウ", "スズキ", "タカハシ", "タナカ", "イトウ", "ワタナベ", "ヤマモト", "ナカムラ", "コバヤシ", "カトウ"};
        String[] gn = {"蓮", "陽翔", "湊", "凛", "結菜", "葵", "陽葵", "樹", "悠真", "紬"};
        String[] gk = {"レン", "ハルト", "ミナト", "リン", "ユイナ", "アオイ", "ヒマリ", "イツキ", "ユウマ", "ツムギ"};
        List<LinkRecord> r = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            LocalDate b = LocalDate.of(2010, 1, 1).plusDays(i * 7L);
            String name = sn[i % 10] + " " + gn[(i / 10) % 10];
            String kana = sk[i % 10] + " " + gk[(i / 10) % 10];
            String addr = "本町" + (1 + i % 4) + "丁目" + (1 + i % 30) + "番" + (1 + i / 30) + "号";
            String sex = i % 2 == 0 ? "1" : "2";
            r.add(new LinkRecord("juki", "J" + i, name, kana, b, sex, addr));
            r.add(new LinkRecord("zei", "Z" + i, name, kana, b, sex, addr));
        }
        return r;
    }

    @Test
    void differentPeopleStaySeparateEvenThroughAThirdRecordAndSameJoins() {
        List<LinkRecord> r = city();
        int base = r.size();
        // Three identical-looking records: the engine links all three into one person.
        LinkRecord a = new LinkRecord("juki", "A", "勅使河原 湊", "テシガワラ ミナト", LocalDate.of(2015, 4, 3), "1", "緑町1丁目2番3号");
        r.add(a);
        r.add(new LinkRecord("teate", "B", a.name(), a.kana(), a.birth(), a.sex(), a.address()));
        r.add(new LinkRecord("kenko", "C", a.name(), a.kana(), a.birth(), a.sex(), a.address()));
        // And two records nobody would link: different name, birth and address.
        r.add(new LinkRecord("juki", "D", "御手洗 凛", "ミタライ リン", LocalDate.of(2012, 8, 9), "2", "栄町3丁目9番9号"));
        r.add(new LinkRecord("zei", "E", "五月女 葵", "ソウトメ アオイ", LocalDate.of(2001, 1, 2), "2", "東町2丁目1番1号"));
        LinkageEngine engine = new LinkageEngine();
        int[] plain = engine.link(r).clusterOf();
        assertThat(plain[base]).isEqualTo(plain[base + 1]).isEqualTo(plain[base + 2]);
        assertThat(plain[base + 3]).isNotEqualTo(plain[base + 4]);

        int[] decided = engine.link(r, List.of(new Decision(base, base + 2, false), new Decision(base + 3, base + 4, true))).clusterOf();
        assertThat(decided[base]).as("A and C were decided different").isNotEqualTo(decided[base + 2]);
        assertThat(decided[base + 3]).as("D and E were decided the same").isEqualTo(decided[base + 4]);
        assertThat(decided[0]).isEqualTo(decided[1]);
    }
}
