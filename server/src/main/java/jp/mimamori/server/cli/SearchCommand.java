package jp.mimamori.server.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.cases.ChildDirectory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mimamori search QUERY…}: the centre's child search from the command line, for the server's
 * administrator (support, and the search benchmark). Shows named people: every query is audited.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find children and households as the centre's search page does: a name in any form (kanji, kana, old kanji, part),",
            "a birth date (西暦 or 和暦), an address, a こどもID, 世帯ID or case number. Every query is audited.",
            "--timing prints each query's time and the median, 95th percentile and maximum instead of the people found."})
public final class SearchCommand extends DatabaseCommand {

    @Parameters(paramLabel = "QUERY", arity = "0..*", description = "What to search for.")
    List<String> queries = new ArrayList<>();

    @Option(names = "--queries", paramLabel = "FILE", description = "A UTF-8 file with one query per line (added to QUERY).")
    Path file;

    @Option(names = "--timing", description = "Print timings instead of results.")
    boolean timing;

    @Override
    int run(ConfigurableApplicationContext ctx, PrintWriter out) throws Exception {
        List<String> all = new ArrayList<>(queries);
        if (file != null) {
            all.addAll(Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
        }
        if (all.isEmpty()) {
            out.println("検索語を指定してください / give at least one query");
            return 1;
        }
        ChildDirectory directory = ctx.getBean(ChildDirectory.class);
        return SystemActor.runAs(DatabaseCommand.actor(), Role.ADMIN, () -> {
            if (timing) {
                // Warm up the connection pool, the JIT and PostgreSQL's caches as a running server would be.
                for (String q : all.subList(0, Math.min(20, all.size()))) {
                    directory.search(DatabaseCommand.job(), q);
                }
            }
            double[] ms = new double[all.size()];
            long found = 0;
            for (int i = 0; i < all.size(); i++) {
                long t0 = System.nanoTime();
                ChildDirectory.Search s = directory.search(DatabaseCommand.job(), all.get(i));
                ms[i] = (System.nanoTime() - t0) / 1e6;
                found += s.hits().isEmpty() ? 0 : 1;
                if (timing) {
                    out.printf("%8.1f ms  %-6s %3d hits  %s%n", ms[i], s.kindJa(), s.hits().size(), all.get(i));
                } else {
                    out.printf("「%s」（%s）: %d%n", all.get(i), s.kindJa(), s.hits().size());
                    for (ChildDirectory.Hit h : s.hits()) {
                        out.printf("  %s  %s  %s  %s  %s  %s%n", h.ref(), h.name(), h.kana(), h.birth(), h.address(), h.openCaseNo() == null ? "" : h.openCaseNo());
                    }
                }
            }
            if (timing) {
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                out.printf("%d queries, %d with hits: median %.1f ms, 95th percentile %.1f ms, max %.1f ms%n", ms.length, found,
                        sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)], sorted[sorted.length - 1]);
            }
            return 0;
        });
    }
}
