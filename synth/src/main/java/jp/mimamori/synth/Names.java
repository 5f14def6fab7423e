package jp.mimamori.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** The name, town and building tables the city is drawn from (resources beside this class). */
final class Names {

    record Surname(String standard, String kana, List<String> variants) {
        /** Form 0 is the standard one; form k is variants[k-1]. */
        String form(int k) {
            return k == 0 ? standard : variants.get(k - 1);
        }
    }

    record Given(String kanji, String kana) {
    }

    record Foreign(String nationality, char kind, String roman, String kana, String kanji) {
    }

    record Town(String name, int chomeCount, String postcode, String elementary, String juniorHigh) {
    }

    static final String[] BUILDING_STEMS = {"コーポ", "ハイツ", "メゾン", "レジデンス", "パレス", "サンハイツ", "グランメゾン", "ヴィラ", "シャトー", "プラザ"};
    static final String[] BUILDING_SUFFIXES = {"", "壱番館", "弐番館", "Ａ棟", "Ｂ棟", "II", "第二"};

    final List<Surname> surnames = new ArrayList<>();
    private final double[] surnameCumulative;
    final List<Given> given = new ArrayList<>();
    final Map<String, int[]> givenBy = new LinkedHashMap<>();
    final List<Foreign> foreign = new ArrayList<>();
    final Map<String, int[]> foreignBy = new LinkedHashMap<>();
    final List<Town> towns = new ArrayList<>();
    final List<String> nationalities;
    /** Twin names chosen as a pair, by the twins' sexes ("MM", "FF", "MF"): indices into {@link #given}. */
    private final Map<String, List<int[]>> twinPairs = new LinkedHashMap<>();

    /**
     * Names parents give twins together: a shared kanji (颯太/颯真), a shared first mora (ソウタ/ソウマ)
     * or both. Not every pair is in the child pool, so those missing are added to {@link #given}
     * outside any pool: they are only ever given to twins.
     */
    private static final String[][] TWIN_NAMES = {
        {"MM", "颯太", "ソウタ", "颯真", "ソウマ"}, {"MM", "大和", "ヤマト", "大翔", "ヒロト"},
        {"MM", "陽翔", "ハルト", "陽斗", "ヒナト"}, {"MM", "悠真", "ユウマ", "悠斗", "ユウト"},
        {"MM", "翔太", "ショウタ", "翔真", "ショウマ"}, {"MM", "拓海", "タクミ", "拓真", "タクマ"},
        {"MM", "優斗", "ユウト", "優太", "ユウタ"}, {"MM", "大輝", "ダイキ", "大地", "ダイチ"},
        {"MM", "陽太", "ヒナタ", "陽向", "ヒュウガ"}, {"MM", "蒼", "アオイ", "蒼空", "ソラ"},
        {"MM", "湊", "ミナト", "陸", "リク"}, {"MM", "奏太", "ソウタ", "奏汰", "カナタ"},
        {"FF", "莉奈", "リナ", "莉子", "リコ"}, {"FF", "結愛", "ユア", "結菜", "ユイナ"},
        {"FF", "美桜", "ミオ", "美咲", "ミサキ"}, {"FF", "陽菜", "ヒナ", "陽葵", "ヒマリ"},
        {"FF", "心春", "コハル", "心愛", "ココア"}, {"FF", "優奈", "ユウナ", "優花", "ユウカ"},
        {"FF", "彩花", "アヤカ", "彩葉", "アヤハ"}, {"FF", "七海", "ナナミ", "七星", "ナナセ"},
        {"FF", "愛莉", "アイリ", "愛菜", "アイナ"}, {"FF", "結衣", "ユイ", "結花", "ユイカ"},
        {"FF", "杏奈", "アンナ", "杏", "アン"}, {"FF", "咲良", "サクラ", "咲希", "サキ"},
        {"MF", "悠真", "ユウマ", "悠花", "ユウカ"}, {"MF", "陽翔", "ハルト", "陽菜", "ヒナ"},
        {"MF", "結翔", "ユイト", "結衣", "ユイ"}, {"MF", "蒼空", "ソラ", "美空", "ミソラ"},
        {"MF", "奏太", "ソウタ", "奏", "カナデ"}, {"MF", "優希", "ユウキ", "優奈", "ユウナ"},
        {"MF", "湊", "ミナト", "澪", "ミオ"}, {"MF", "颯太", "ソウタ", "颯希", "サツキ"},
    };

    Names() {
        read("surnames.tsv", c -> surnames.add(new Surname(c[0], c[1],
                c.length > 2 && !c[2].isEmpty() ? List.of(c[2].split("\\|")) : List.of())));
        surnameCumulative = new double[surnames.size()];
        double sum = 0;
        for (int r = 0; r < surnames.size(); r++) {
            sum += 1.0 / Math.pow(r + 1, 0.85);
            surnameCumulative[r] = sum;
        }
        Map<String, List<Integer>> g = new LinkedHashMap<>();
        read("given-names.tsv", c -> {
            g.computeIfAbsent(c[0] + c[1], k -> new ArrayList<>()).add(given.size());
            given.add(new Given(c[2], c[3]));
        });
        g.forEach((k, v) -> givenBy.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        Map<String, List<Integer>> f = new LinkedHashMap<>();
        read("foreign-names.tsv", c -> {
            f.computeIfAbsent(c[0] + c[1], k -> new ArrayList<>()).add(foreign.size());
            foreign.add(new Foreign(c[0], c[1].charAt(0), c[2], c[3], c.length > 4 ? c[4] : ""));
        });
        f.forEach((k, v) -> foreignBy.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        nationalities = foreign.stream().map(Foreign::nationality).distinct().toList();
        read("towns.tsv", c -> towns.add(new Town(c[0], Integer.parseInt(c[1]), c[2], c[3], c[4])));
        for (String[] t : TWIN_NAMES) {
            twinPairs.computeIfAbsent(t[0], k -> new ArrayList<>()).add(new int[] {givenIndex(t[1], t[2]), givenIndex(t[3], t[4])});
        }
    }

    private int givenIndex(String kanji, String kana) {
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i).kanji().equals(kanji) && given.get(i).kana().equals(kana)) {
                return i;
            }
        }
        given.add(new Given(kanji, kana));
        return given.size() - 1;
    }

    /**
     * Given names for children born together (Japanese nationals), one per sex, all different in
     * writing and reading. Parents choose them as a set: often a known pair, otherwise a name like
     * the first one (a shared kanji or the first two kana), now and then two unrelated names.
     */
    int[] drawMultipleGiven(SplittableRandom r, Sex[] sexes) {
        List<Integer> out = new ArrayList<>(sexes.length);
        boolean mixed = sexes[0] != sexes[1];
        if (r.nextDouble() < 0.6) {
            List<int[]> pairs = twinPairs.get(mixed ? "MF" : sexes[0] == Sex.MALE ? "MM" : "FF");
            int[] pair = pairs.get(r.nextInt(pairs.size()));
            // A mixed pair is listed boy first; a same-sex pair goes either way round.
            boolean firstIsA = mixed ? sexes[0] == Sex.MALE : r.nextBoolean();
            out.add(pair[firstIsA ? 0 : 1]);
            out.add(pair[firstIsA ? 1 : 0]);
        } else {
            out.add(drawGiven(r, "child", sexes[0]));
            out.add(r.nextDouble() < 0.85 ? similarGiven(r, out.get(0), sexes[1], out) : differentGiven(r, sexes[1], out));
        }
        for (int i = 2; i < sexes.length; i++) {
            out.add(similarGiven(r, out.get(0), sexes[i], out));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A child name for {@code sex} sharing the first kanji or the first two kana with {@code like}. */
    private int similarGiven(SplittableRandom r, int like, Sex sex, List<Integer> taken) {
        Given g = given.get(like);
        List<Integer> similar = new ArrayList<>();
        for (int i : givenBy.get("child" + (sex == Sex.MALE ? "M" : "F"))) {
            Given h = given.get(i);
            boolean shares = h.kanji().charAt(0) == g.kanji().charAt(0)
                    || (h.kana().length() >= 2 && g.kana().length() >= 2 && h.kana().startsWith(g.kana().substring(0, 2)));
            if (shares && !clashes(i, taken)) {
                similar.add(i);
            }
        }
        return similar.isEmpty() ? differentGiven(r, sex, taken) : similar.get(r.nextInt(similar.size()));
    }

    private int differentGiven(SplittableRandom r, Sex sex, List<Integer> taken) {
        int[] pool = givenBy.get("child" + (sex == Sex.MALE ? "M" : "F"));
        while (true) {
            int i = pool[r.nextInt(pool.length)];
            if (!clashes(i, taken)) {
                return i;
            }
        }
    }

    /** Siblings are never given the same name, in writing or in reading (優斗 and 悠斗 are both ユウト). */
    private boolean clashes(int i, List<Integer> taken) {
        for (int t : taken) {
            if (given.get(t).kanji().equals(given.get(i).kanji()) || given.get(t).kana().equals(given.get(i).kana())) {
                return true;
            }
        }
        return false;
    }

    int drawSurname(SplittableRandom r) {
        double x = r.nextDouble() * surnameCumulative[surnameCumulative.length - 1];
        int lo = 0;
        int hi = surnameCumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (surnameCumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A registry form: most families are registered in the standard form, a quarter of those with variants in an old one. */
    int drawSurnameForm(SplittableRandom r, int surname) {
        int n = surnames.get(surname).variants().size();
        return n > 0 && r.nextDouble() < 0.25 ? 1 + r.nextInt(n) : 0;
    }

    int drawGiven(SplittableRandom r, String generation, Sex sex) {
        int[] pool = givenBy.get(generation + (sex == Sex.MALE ? "M" : "F"));
        return pool[r.nextInt(pool.length)];
    }

    int drawForeign(SplittableRandom r, String nationality, char kind) {
        int[] pool = foreignBy.get(nationality + kind);
        return pool[r.nextInt(pool.length)];
    }

    static String buildingName(int building, String town) {
        String stem = BUILDING_STEMS[building % BUILDING_STEMS.length];
        String suffix = BUILDING_SUFFIXES[(building / BUILDING_STEMS.length) % BUILDING_SUFFIXES.length];
        return stem + town + suffix;
    }

    private static void read(String resource, Consumer<String[]> row) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Names.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                row.accept(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
