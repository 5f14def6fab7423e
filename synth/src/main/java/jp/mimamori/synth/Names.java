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
