package jp.mimamori.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.core.link.LinkRecord;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.synth.CityRecords;
import jp.mimamori.synth.SyntheticCity;

/**
 * What each blocking pass costs and what it finds, on a synthetic city, without scoring a pair
 * (Splink's "cumulative comparisons by blocking rule"): for every pass, the pairs its blocks hold,
 * its largest block, and the true pairs it is the first to bring together. A pass that costs many
 * pairs per record and finds few true ones is the one to tighten. With a city folder as the second
 * argument the city is generated there once and read again on later runs.
 */
public final class BlockingReport {

    private BlockingReport() {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path city = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("mimamori-bench-blocking");
        if (!Files.exists(city.resolve("truth"))) {
            SyntheticCity.generate(new SyntheticCity.Options(residents, 1, YearMonth.of(2026, 4), city), m -> { });
        }
        CityRecords.Loaded in = CityRecords.load(city);
        List<LinkRecord> records = in.records();
        int n = records.size();
        List<String> names = LinkageEngine.passNames();
        int passes = names.size();
        long t0 = System.nanoTime();
        long[][] keys = LinkageEngine.blockingHashes(records);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, List<Integer>> byPerson = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byPerson.computeIfAbsent(in.truePerson().get(i), x -> new ArrayList<>()).add(i);
        }
        long[] firstFound = new long[passes];
        long missed = 0;
        long truePairs = 0;
        for (List<Integer> group : byPerson.values()) {
            for (int x = 0; x < group.size(); x++) {
                for (int y = x + 1; y < group.size(); y++) {
                    truePairs++;
                    int a = group.get(x);
                    int b = group.get(y);
                    int found = -1;
                    for (int p = 0; p < passes && found < 0; p++) {
                        if (keys[p][a] != 0 && keys[p][a] == keys[p][b]) {
                            found = p;
                        }
                    }
                    if (found < 0) {
                        missed++;
                    } else {
                        firstFound[found]++;
                    }
                }
            }
        }
        System.out.printf("residents %,d, records %,d, true pairs %,d, never sharing a key %,d (completeness %.4f)%n",
                residents, n, truePairs, missed, 1 - missed / (double) truePairs);
        System.out.printf("blocking keys with their limits: %.1f s%n", seconds);
        System.out.printf("%-4s %14s %8s %10s %12s  %s%n", "pass", "new pairs", "per rec", "largest", "first finds", "name");
        long total = 0;
        for (int p = 0; p < passes; p++) {
            long[] h = keys[p].clone();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(h[x], h[y]));
            long pairs = 0;
            long largest = 0;
            for (int i = 0; i < n; ) {
                int j = i;
                while (j < n && h[order[j]] == h[order[i]]) {
                    j++;
                }
                if (h[order[i]] != 0) {
                    largest = Math.max(largest, j - i);
                    for (int x = i; x < j; x++) {
                        for (int y = x + 1; y < j; y++) {
                            if (!earlier(keys, order[x], order[y], p)) {
                                pairs++;
                            }
                        }
                    }
                }
                i = j;
            }
            total += pairs;
            System.out.printf("%-4d %,14d %8.1f %,10d %,12d  %s%n", p + 1, pairs, pairs / (double) n, largest, firstFound[p], names.get(p));
        }
        System.out.printf("all passes: %,d pairs, %.1f per record%n", total, total / (double) n);
    }

    private static boolean earlier(long[][] keys, int a, int b, int pass) {
        for (int p = 0; p < pass; p++) {
            if (keys[p][a] != 0 && keys[p][a] == keys[p][b]) {
                return true;
            }
        }
        return false;
    }
}
