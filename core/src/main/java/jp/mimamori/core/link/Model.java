package jp.mimamori.core.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Fellegi–Sunter parameters: for each field and level, m (how often true matches show that level)
 * and u (how often non-matches do), λ (the share of random record pairs that match), the thresholds,
 * and the name frequencies that weigh exact name agreement. No labelled data is needed: u comes from
 * random record pairs, m and λ from expectation–maximisation over learning sessions. Saved with every
 * run ({@link #toJson()}), so a link can be explained exactly later, and a stored model can score new
 * months without being learned again.
 */
public final class Model {

    /** m below this is raised to it: a level never seen among matches is strong evidence, not a veto. */
    static final double M_FLOOR = 1e-4;
    /** Stated defaults for m, used where the data cannot estimate a field (and reported). */
    private static final Map<Field, double[]> DEFAULT_M = Map.of(
            Field.SURNAME, new double[] {0.85, 0.05, 0.03, 0.02, 0.005, 0.04, 0.005},
            Field.GIVEN, new double[] {0.90, 0.04, 0.03, 0.01, 0.005, 0.01, 0.005},
            Field.BIRTH, new double[] {0.95, 0.02, 0.005, 0.005, 0.005, 0.01, 0.005},
            Field.SEX, new double[] {0.98, 0.01, 0.01},
            Field.ADDRESS, new double[] {0.55, 0.1, 0.1, 0.1, 0.1, 0.05},
            Field.POSTCODE, new double[] {0.8, 0.05, 0.1, 0.05},
            Field.SHARED_ID, new double[] {0.96, 0.01, 0.02, 0.01});

    final double[][] m;
    final double[][] u;
    double lambda;
    int iterations;
    double match = LinkageEngine.MATCH;
    double review = LinkageEngine.REVIEW;
    double twinBits = LinkageEngine.TWIN_BITS;
    Map<String, Double> surnameTf = Map.of();
    Map<String, Double> givenTf = Map.of();
    /** What could not be estimated and fell back to a default, in words for the report. */
    final List<String> notes = new ArrayList<>();
    /** Which fields each learning session estimated, and from how many pairs. */
    final List<String> sessions = new ArrayList<>();

    Model(double[][] m, double[][] u, double lambda) {
        this.m = m;
        this.u = u;
        this.lambda = lambda;
    }

    static Model initial() {
        Field[] fs = Comparison.FIELDS;
        double[][] m = new double[fs.length][];
        double[][] u = new double[fs.length][];
        for (int f = 0; f < fs.length; f++) {
            m[f] = DEFAULT_M.get(fs[f]).clone();
            u[f] = new double[fs[f].levels()];
            Arrays.fill(u[f], 0.9 / (fs[f].levels() - 1));
            u[f][0] = 0.1;
        }
        return new Model(m, u, 0.05);
    }

    /**
     * u from random pairs of records: almost all of them are different people, and unlike the
     * candidate pairs they are not all in agreement on the blocking fields.
     */
    static double[][] randomPairU(Features[] fs, int[] canonical, long seed, int samples) {
        Field[] fields = Comparison.FIELDS;
        double[][] u = new double[fields.length][];
        for (int f = 0; f < fields.length; f++) {
            u[f] = new double[fields[f].levels()];
            Arrays.fill(u[f], 1.0); // add-one smoothing: no level is impossible
        }
        if (fs.length >= 2) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            for (int i = 0; i < samples; i++) {
                // Drawn over a canonical order of the records, so that u (and so every decision) does
                // not depend on the order the records were given in.
                int a = canonical[r.nextInt(fs.length)];
                int b = canonical[r.nextInt(fs.length)];
                if (a == b) {
                    continue;
                }
                int[] l = Comparison.levels(fs[a], fs[b]);
                for (int f = 0; f < fields.length; f++) {
                    u[f][l[f]]++;
                }
            }
        }
        for (double[] v : u) {
            normalise(v);
        }
        return u;
    }

    /**
     * EM for m and λ over the counts of each comparison pattern among one learning session's pairs, u
     * held fixed. Fields the session chose its pairs by agree in every pair whatever the truth, so they
     * carry no information here and are left out ({@code excluded}).
     */
    static Model estimate(long[] patternCounts, double[][] fixedU, Set<Field> excluded, int maxIterations) {
        Model model = initial();
        for (int f = 0; f < fixedU.length; f++) {
            model.u[f] = fixedU[f].clone();
        }
        Field[] fs = Comparison.FIELDS;
        int nonZero = 0;
        for (long c : patternCounts) {
            nonZero += c > 0 ? 1 : 0;
        }
        int[] patterns = new int[nonZero];
        int k = 0;
        for (int p = 0; p < patternCounts.length; p++) {
            if (patternCounts[p] > 0) {
                patterns[k++] = p;
            }
        }
        int[][] levels = new int[nonZero][fs.length];
        for (int i = 0; i < nonZero; i++) {
            for (int f = 0; f < fs.length; f++) {
                levels[i][f] = Comparison.levelOf(patterns[i], fs[f]);
            }
        }
        double total = Arrays.stream(patternCounts).sum();
        for (int it = 0; it < maxIterations; it++) {
            double[][] mNum = new double[fs.length][];
            for (int f = 0; f < fs.length; f++) {
                mNum[f] = new double[fs[f].levels()];
            }
            double matches = 0;
            for (int i = 0; i < nonZero; i++) {
                double pm = model.lambda;
                double pu = 1 - model.lambda;
                for (int f = 0; f < fs.length; f++) {
                    if (!excluded.contains(fs[f])) {
                        pm *= model.m[f][levels[i][f]];
                        pu *= model.u[f][levels[i][f]];
                    }
                }
                double g = pm + pu > 0 ? pm / (pm + pu) : 0;
                double cm = g * patternCounts[patterns[i]];
                matches += cm;
                for (int f = 0; f < fs.length; f++) {
                    mNum[f][levels[i][f]] += cm;
                }
            }
            double change = Math.abs(matches / total - model.lambda);
            model.lambda = clamp(matches / total);
            for (int f = 0; f < fs.length; f++) {
                if (matches > 0) {
                    normalise(mNum[f]);
                    floor(mNum[f]);
                    model.m[f] = mNum[f];
                }
            }
            model.iterations = it + 1;
            if (change < 1e-7) {
                break;
            }
        }
        return model;
    }

    static void normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = s > 0 ? clamp(v[i] / s) : 1.0 / v.length;
        }
    }

    /** Raises every agreement level but "missing" to {@link #M_FLOOR}, keeping the sum at 1. */
    static void floor(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length - 1; i++) {
            v[i] = Math.max(v[i], M_FLOOR);
        }
        for (double x : v) {
            s += x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = clamp(v[i] / s);
        }
    }

    private static double clamp(double x) {
        return Math.min(1 - 1e-9, Math.max(1e-9, x));
    }

    /** log2(m/u) of a field at a level; 0 for a missing value. */
    public double weight(Field f, int level) {
        if (f.isMissing(level)) {
            return 0;
        }
        return Math.log(m[f.ordinal()][level] / u[f.ordinal()][level]) / Math.log(2);
    }

    public double m(Field f, int level) {
        return m[f.ordinal()][level];
    }

    public double u(Field f, int level) {
        return u[f.ordinal()][level];
    }

    public double lambda() {
        return lambda;
    }

    public int iterations() {
        return iterations;
    }

    public double matchThreshold() {
        return match;
    }

    public double reviewThreshold() {
        return review;
    }

    /** What fell back to a stated default because the data could not estimate it. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The learning sessions: which fields each estimated, from how many pairs. */
    public List<String> sessions() {
        return List.copyOf(sessions);
    }

    /** Prior log-odds of a match for a pair of records. */
    public double priorWeight() {
        return Math.log(lambda / (1 - lambda)) / Math.log(2);
    }

    /** m averaged over the sessions that could estimate each field; a field none could estimate keeps its default, noted. */
    static Model combine(List<Model> sessions, List<Set<Field>> excluded, double[][] u) {
        Field[] fs = Comparison.FIELDS;
        Model combined = initial();
        for (int f = 0; f < fs.length; f++) {
            double[] sum = new double[fs[f].levels()];
            int n = 0;
            for (int s = 0; s < sessions.size(); s++) {
                if (sessions.get(s) != null && !excluded.get(s).contains(fs[f])) {
                    for (int l = 0; l < sum.length; l++) {
                        sum[l] += sessions.get(s).m[f][l];
                    }
                    n++;
                }
            }
            boolean finite = Arrays.stream(sum).allMatch(Double::isFinite);
            if (n > 0 && finite) {
                for (int l = 0; l < sum.length; l++) {
                    sum[l] /= n;
                }
                combined.m[f] = sum;
            } else {
                combined.notes.add(fs[f].labelJa() + "のmは推定できず既定値 / m of " + fs[f].name() + " could not be estimated: default "
                        + Arrays.toString(combined.m[f]));
            }
            combined.u[f] = u[f].clone();
        }
        capBirthDifferent(combined);
        combined.iterations = sessions.stream().filter(java.util.Objects::nonNull).mapToInt(Model::iterations).sum();
        return combined;
    }

    /**
     * The most a birth date more than a year off may weigh for a match: one in ten of a person's
     * records. EM learns this level among pairs with the same names in the same town, where a parent
     * and a child of the same name at one address (common in foreign families: a son named after his
     * father) look like one person, so m comes out as high as 0.6 and a different birth date weighs
     * under one bit against. No department's extract mistypes a tenth of its dates by more than a
     * year; FEBRL's corrupted duplicates, which replace dates, stay under the ceiling.
     */
    static final double M_BIRTH_DIFFERENT_MAX = 0.10;

    /** Lowers m of "birth date different" to its ceiling, raising the other levels in proportion. */
    static void capBirthDifferent(Model model) {
        double[] v = model.m[Field.BIRTH.ordinal()];
        int different = 5;
        if (v[different] <= M_BIRTH_DIFFERENT_MAX) {
            return;
        }
        double rest = 1 - v[different];
        double scale = (1 - M_BIRTH_DIFFERENT_MAX) / rest;
        for (int l = 0; l < v.length; l++) {
            v[l] = l == different ? M_BIRTH_DIFFERENT_MAX : v[l] * scale;
        }
        model.notes.add(String.format("生年月日が1年超違う組のmを%.2fから上限%.2fに下げた / m of a birth date more than a year off lowered from %.2f to its ceiling %.2f",
                1 - rest, M_BIRTH_DIFFERENT_MAX, 1 - rest, M_BIRTH_DIFFERENT_MAX));
    }

    /** A copy with other name frequencies (a stored model scoring a new month's records). */
    Model withFrequencies(Map<String, Double> surnames, Map<String, Double> givens) {
        Model c = new Model(deep(m), deep(u), lambda);
        c.iterations = iterations;
        c.match = match;
        c.review = review;
        c.twinBits = twinBits;
        c.surnameTf = surnames;
        c.givenTf = givens;
        c.notes.addAll(notes);
        c.sessions.addAll(sessions);
        return c;
    }

    private static double[][] deep(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** The model as JSON: m and u per field and level (with the level names), λ, thresholds, notes, name frequencies. */
    public String toJson() {
        StringBuilder b = new StringBuilder(1024 + 32 * (surnameTf.size() + givenTf.size()));
        b.append("{\"version\":1,\"lambda\":").append(lambda).append(",\"prior_bits\":").append(round(priorWeight()))
                .append(",\"match\":").append(match).append(",\"review\":").append(review).append(",\"twin_bits\":").append(twinBits)
                .append(",\"iterations\":").append(iterations).append(",\"fields\":{");
        Field[] fs = Comparison.FIELDS;
        for (int f = 0; f < fs.length; f++) {
            b.append(f == 0 ? "" : ",").append('"').append(fs[f].name()).append("\":{\"label\":");
            string(b, fs[f].labelJa());
            b.append(",\"levels\":[");
            for (int l = 0; l < fs[f].levels(); l++) {
                b.append(l == 0 ? "" : ",");
                string(b, fs[f].levelJa(l));
            }
            b.append("],\"m\":").append(array(m[f])).append(",\"u\":").append(array(u[f])).append('}');
        }
        b.append("},\"notes\":[");
        for (int i = 0; i < notes.size(); i++) {
            b.append(i == 0 ? "" : ",");
            string(b, notes.get(i));
        }
        b.append("],\"sessions\":[");
        for (int i = 0; i < sessions.size(); i++) {
            b.append(i == 0 ? "" : ",");
            string(b, sessions.get(i));
        }
        b.append("],\"surname_tf\":");
        map(b, surnameTf);
        b.append(",\"given_tf\":");
        map(b, givenTf);
        return b.append('}').toString();
    }

    /** Reads {@link #toJson()}'s output; an unreadable or incomplete model is an error naming what is wrong. */
    public static Model fromJson(String json) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("モデルを読めません / the model is not valid JSON: " + e.getMessage(), e);
        }
        if (!(doc instanceof Map<?, ?> root) || !(root.get("fields") instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("モデルに fields がありません / the model has no 'fields'");
        }
        Field[] fs = Comparison.FIELDS;
        double[][] m = new double[fs.length][];
        double[][] u = new double[fs.length][];
        for (int f = 0; f < fs.length; f++) {
            if (!(fields.get(fs[f].name()) instanceof Map<?, ?> field)) {
                throw new IllegalArgumentException("モデルに " + fs[f].name() + " がありません / the model has no field " + fs[f].name());
            }
            m[f] = numbers(field.get("m"), fs[f], "m");
            u[f] = numbers(field.get("u"), fs[f], "u");
        }
        Model model = new Model(m, u, number(root, "lambda"));
        model.match = number(root, "match");
        model.review = number(root, "review");
        model.twinBits = root.get("twin_bits") instanceof Number n ? n.doubleValue() : LinkageEngine.TWIN_BITS;
        model.iterations = root.get("iterations") instanceof Number n ? n.intValue() : 0;
        if (root.get("notes") instanceof List<?> l) {
            l.forEach(o -> model.notes.add(String.valueOf(o)));
        }
        if (root.get("sessions") instanceof List<?> l) {
            l.forEach(o -> model.sessions.add(String.valueOf(o)));
        }
        model.surnameTf = frequencies(root.get("surname_tf"));
        model.givenTf = frequencies(root.get("given_tf"));
        return model;
    }

    private static double number(Map<?, ?> root, String key) {
        if (!(root.get(key) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("モデルの " + key + " が数値ではありません / the model's '" + key + "' is not a number");
        }
        return n.doubleValue();
    }

    private static double[] numbers(Object o, Field f, String what) {
        if (!(o instanceof List<?> l) || l.size() != f.levels()) {
            throw new IllegalArgumentException("モデルの " + f.name() + "." + what + " は " + f.levels() + " 個の数値です / the model's "
                    + f.name() + "." + what + " must hold " + f.levels() + " numbers");
        }
        double[] v = new double[l.size()];
        for (int i = 0; i < v.length; i++) {
            if (!(l.get(i) instanceof Number n) || !(n.doubleValue() > 0) || n.doubleValue() > 1) {
                throw new IllegalArgumentException("モデルの " + f.name() + "." + what + "[" + i + "] は0より大きく1以下の数値です / the model's "
                        + f.name() + "." + what + "[" + i + "] must be a number in (0, 1]");
            }
            v[i] = n.doubleValue();
        }
        return v;
    }

    private static Map<String, Double> frequencies(Object o) {
        Map<String, Double> out = new HashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Number n) {
                    out.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        return out;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static String array(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(v[i]);
        }
        return b.append(']').toString();
    }

    private static void map(StringBuilder b, Map<String, Double> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(m).entrySet()) {
            b.append(first ? "" : ",");
            string(b, e.getKey());
            b.append(':').append(e.getValue());
            first = false;
        }
        b.append('}');
    }

    private static void string(StringBuilder b, String s) {
        jp.mimamori.core.text.JsonString.append(b, s);
    }
}
