package jp.mimamori.core.link;

import java.util.Arrays;
import java.util.List;

/**
 * Fellegi–Sunter parameters: for each field and level, m (how often true matches show that level)
 * and u (how often non-matches do), and λ, the share of candidate pairs that match. No labelled data
 * is needed: u comes from random record pairs, m and λ from expectation–maximisation over the
 * candidate pairs; the fields are assumed conditionally independent, as the classic model does.
 */
public final class Model {

    final double[][] m;
    final double[][] u;
    double lambda;
    int iterations;

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
            int n = fs[f].levels();
            m[f] = new double[n];
            u[f] = new double[n];
            Arrays.fill(m[f], 0.05 / (n - 1));
            Arrays.fill(u[f], 0.9 / (n - 1));
            m[f][0] = 0.95;
            u[f][0] = 0.1;
        }
        return new Model(m, u, 0.05);
    }

    /**
     * u from random pairs of records: almost all of them are different people, and unlike the
     * candidate pairs they are not all in agreement on the blocking fields (birth date, sex).
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
                for (int f = 0; f < fields.length; f++) {
                    u[f][Comparison.level(fields[f], fs[a], fs[b])]++;
                }
            }
        }
        for (double[] v : u) {
            normalise(v);
        }
        return u;
    }

    /**
     * EM for m and λ over the counts of each comparison pattern among one blocking pass's pairs, u held
     * fixed. Fields the pass blocked on agree in every pair of the pass whatever the truth, so they
     * carry no information here and are left out ({@code excluded}).
     */
    static Model estimate(long[] patternCounts, double[][] fixedU, java.util.Set<Field> excluded, int maxIterations) {
        Model model = initial();
        for (int f = 0; f < fixedU.length; f++) {
            model.u[f] = fixedU[f].clone();
        }
        Field[] fs = Comparison.FIELDS;
        int patterns = patternCounts.length;
        int[][] levels = new int[patterns][fs.length];
        for (int p = 0; p < patterns; p++) {
            for (int f = 0; f < fs.length; f++) {
                levels[p][f] = Comparison.levelOf(p, fs[f]);
            }
        }
        double total = Arrays.stream(patternCounts).sum();
        for (int it = 0; it < maxIterations; it++) {
            double[][] mNum = new double[fs.length][];
            for (int f = 0; f < fs.length; f++) {
                mNum[f] = new double[fs[f].levels()];
            }
            double matches = 0;
            for (int p = 0; p < patterns; p++) {
                if (patternCounts[p] == 0) {
                    continue;
                }
                double pm = model.lambda;
                double pu = 1 - model.lambda;
                for (int f = 0; f < fs.length; f++) {
                    if (!excluded.contains(fs[f])) {
                        pm *= model.m[f][levels[p][f]];
                        pu *= model.u[f][levels[p][f]];
                    }
                }
                double g = pm / (pm + pu);
                double cm = g * patternCounts[p];
                matches += cm;
                for (int f = 0; f < fs.length; f++) {
                    mNum[f][levels[p][f]] += cm;
                }
            }
            double change = Math.abs(matches / total - model.lambda);
            model.lambda = clamp(matches / total);
            for (int f = 0; f < fs.length; f++) {
                normalise(mNum[f]);
                model.m[f] = mNum[f];
            }
            model.iterations = it + 1;
            if (change < 1e-7) {
                break;
            }
        }
        return model;
    }

    private static void normalise(double[] v) {
        double s = 0;
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

    /** Prior log-odds of a match for a pair of records. */
    double priorWeight() {
        return Math.log(lambda / (1 - lambda)) / Math.log(2);
    }

    /** m averaged over the sessions that could estimate each field; u from random pairs. */
    static Model combine(List<Model> sessions, List<java.util.Set<Field>> excluded, double[][] u) {
        Field[] fs = Comparison.FIELDS;
        Model combined = initial();
        for (int f = 0; f < fs.length; f++) {
            double[] sum = new double[fs[f].levels()];
            int n = 0;
            for (int s = 0; s < sessions.size(); s++) {
                if (!excluded.get(s).contains(fs[f])) {
                    for (int l = 0; l < sum.length; l++) {
                        sum[l] += sessions.get(s).m[f][l];
                    }
                    n++;
                }
            }
            if (n > 0) {
                for (int l = 0; l < sum.length; l++) {
                    sum[l] /= n;
                }
                combined.m[f] = sum;
            }
            combined.u[f] = u[f].clone();
        }
        combined.iterations = sessions.stream().mapToInt(Model::iterations).sum();
        return combined;
    }

}
