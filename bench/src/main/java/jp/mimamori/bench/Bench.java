package jp.mimamori.bench;

import java.util.Arrays;

/**
 * {@code ./mimamori bench <program> [args]}: the end-to-end timing programs and the JMH kernels.
 * Speed is measured here and only here; unit tests never time anything.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String program = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (program) {
            case "synth" -> SynthTiming.main(rest);
            case "ingest" -> IngestTiming.main(rest);
            case "link" -> LinkTiming.main(rest);
            case "blocking" -> BlockingReport.main(rest);
            case "mistakes" -> LinkMistakes.main(rest);
            case "search" -> SearchTiming.main(rest);
            case "assess" -> AssessTiming.main(rest);
            case "load" -> LoadTest.main(rest);
            case "model" -> ModelEvaluation.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.out.println("Usage: ./mimamori bench synth [RESIDENTS ...]   time the synthetic city generator end to end (default: 110000 1000000)");
                System.out.println("       ./mimamori bench ingest [RESIDENTS [HEAP]]  time the ingest command on a whole month (default: 1000000 1g)");
                System.out.println("       ./mimamori bench link [RESIDENTS [DIR]]     link every source of a city, with precision/recall (default: 1000000; use MIMAMORI_JAVA_OPTS=-Xmx4g; DIR keeps the city)");
                System.out.println("       ./mimamori bench blocking [RESIDENTS [DIR]] each blocking pass's pairs and the true pairs it finds, no scoring (default: 1000000)");
                System.out.println("       ./mimamori bench mistakes [RESIDENTS [DIR [no-ids]]] the linkage's false and missed links by pattern of field levels (default: 110000)");
                System.out.println("       ./mimamori bench search [RESIDENTS]         ingest and link a city, time the child search, then link again (default: 1000000)");
                System.out.println("       ./mimamori bench assess [RESIDENTS]         ingest and link a city, then time the monthly assessment (default: 1000000)");
                System.out.println("       ./mimamori bench load [RESIDENTS [CONCURRENCY [SECONDS [DIR]]]]  caseworkers searching and opening timelines over HTTP on the real server (default: 1000000 20 60; DIR keeps the city)");
                System.out.println("       ./mimamori bench model [RESIDENTS [SEED]]   evaluate the assessment against the truth of a fresh city (default: 110000 2027)");
                System.out.println("       ./mimamori bench jmh [JMH options]       run the JMH kernels (e.g. jmh DateParsing -f 1 -wi 2 -i 3)");
                if (!program.equals("help")) {
                    System.err.println("エラー / error: 不明なベンチマーク / unknown benchmark '" + program + "'");
                    System.exit(2);
                }
            }
        }
    }
}
