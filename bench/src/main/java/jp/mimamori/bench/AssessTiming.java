package jp.mimamori.bench;

/**
 * The monthly assessment at city scale: generates the city, loads it with the real {@code ingest}
 * command, links it with {@code link}, then times the real {@code assess} command. Target (issue 7):
 * 1,000,000 residents (about 170,000 children) in under 2 minutes.
 */
public final class AssessTiming {

    private AssessTiming() {
    }

    public static void main(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        CityPipeline.linked("assess", residents, 1, (jar, city, data, tmp) -> SearchTiming.run(jar, "2g", "assess", "--data-dir", data));
    }
}
