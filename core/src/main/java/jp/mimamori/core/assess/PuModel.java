package jp.mimamori.core.assess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Positive–unlabelled learning (Elkan &amp; Noto 2008) with XGBoost: the children whose families came to
 * the centre are the labelled positives, everyone else is unlabelled (some of them in need and not
 * come forward). A classifier g(x) ≈ P(labelled | x) is trained; the labelling frequency
 * c = P(labelled | in need) is estimated as the mean of g over positives held out of training; the
 * score is P(in need | x) = g(x) / c, capped at 1, and the estimated class prior is the mean score.
 * Elkan–Noto assumes families come forward at random among those in need; they do not (the most
 * visible circumstances come forward more), so c comes out low and the prior high. Where the city
 * knows its share of children in need from elsewhere (a survey, the national rate), that prior is
 * given and the classifier's probabilities g are shifted in log-odds until their mean is that prior (a
 * prior-shift correction, Saerens et al. 2002): the order is kept, the level becomes right.
 * Every score comes with the indicators that raised and lowered it (XGBoost's per-feature
 * contributions, in log-odds). Inputs are the {@link Indicator}s minus those excluded (the centre's own
 * consultations always, since they are the label, and whatever the city excludes) plus age.
 */
public final class PuModel {

    /**
     * One child's score and the factors behind it, strongest first. {@code ranking} is the classifier's
     * own output g(x), which orders the children: the score itself is capped at 1 without a given
     * prior, and capped children would otherwise tie.
     */
    public record Score(String personId, double score, double ranking, List<Reason> raised, List<Reason> lowered) implements java.io.Serializable {
    }

    /** A factor as staff read it aloud: "3歳児健診の未受診", "直近3か月の欠席日数 24日". */
    public record Reason(String textJa, double contribution) implements java.io.Serializable {
    }

    /**
     * The fitted model: the labelling frequency c, the prior Elkan–Noto estimates, the prior the scores
     * are calibrated to (the given one, or the estimate), and every child's score.
     */
    public record Fitted(double labelFrequency, double estimatedPrior, double classPrior, boolean priorGiven, int positives, int children,
                         List<String> features, List<Score> scores) {
    }

    private final List<Indicator> features;
    private final int rounds;
    private final long seed;

    /** A model over every indicator except {@code excluded} (and always except the consultations themselves). */
    public PuModel(Set<Indicator> excluded, int rounds, long seed) {
        List<Indicator> f = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            if (i != Indicator.CONSULTATIONS && !excluded.contains(i)) {
                f.add(i);
            }
        }
        this.features = List.copyOf(f);
        this.rounds = rounds;
        this.seed = seed;
    }

    public List<Indicator> features() {
        return features;
    }

    /** Trains on all children (positives: {@code labelled}) and scores every one of them, calibrated to the Elkan–Noto prior. */
    public Fitted fit(List<IndicatorBuilder.Result> children, Set<String> labelled) {
        return fit(children, labelled, null);
    }

    /**
     * As {@link #fit(List, Set)}, with the scores calibrated to {@code prior} (the share of all
     * children in need, between 0 and 1 exclusive) when it is given. Each child's key is its person ID.
     */
    public Fitted fit(List<IndicatorBuilder.Result> children, Set<String> labelled, Double prior) {
        java.util.Map<String, String> keys = new HashMap<>();
        children.forEach(c -> keys.put(c.personId(), c.personId()));
        return fit(children, keys, labelled, prior);
    }

    /** Trains, scores every child and calibrates, in one JVM: {@link #train}, {@link Trained#predict}, {@link #calibrate}. */
    public Fitted fit(List<IndicatorBuilder.Result> children, Map<String, String> keys, Set<String> labelled, Double prior) {
        Trained t = train(children, keys, labelled);
        return calibrate(t, t.predict(children, keys), prior);
    }

    /**
     * The trained classifier g(x) ≈ P(labelled | x), serialised (XGBoost's own model format) so that it can
     * be sent to where the children are, and the labelling frequency c measured on the held-out positives.
     */
    public record Trained(byte[] model, List<Indicator> features, double labelFrequency, int positives, int children) implements java.io.Serializable {

        /** The classifier's output and reasons for these children, in any order and in any batch: each row is scored alone. */
        public List<Raw> predict(List<IndicatorBuilder.Result> batch, Map<String, String> keys) {
            if (batch.isEmpty()) {
                return List.of();
            }
            int cols = features.size() + 1;
            try {
                Booster booster = XGBoost.loadModel(model);
                DMatrix all = new DMatrix(matrix(batch, features), batch.size(), cols, Float.NaN);
                float[][] g = booster.predict(all);
                float[][] contrib = booster.predictContrib(all, 0);
                List<Raw> out = new ArrayList<>(batch.size());
                for (int r = 0; r < batch.size(); r++) {
                    IndicatorBuilder.Result c = batch.get(r);
                    out.add(new Raw(c.personId(), keys.get(c.personId()), g[r][0], reasons(features, c, contrib[r], true),
                            reasons(features, c, contrib[r], false)));
                }
                all.dispose();
                booster.dispose();
                return out;
            } catch (XGBoostError | java.io.IOException e) {
                throw new IllegalStateException("モデルで採点できません / scoring with the model failed: " + e.getMessage(), e);
            }
        }
    }

    /** One child's classifier output g(x) (a float, as XGBoost computes it) and the factors behind it, before calibration. */
    public record Raw(String personId, String key, double ranking, List<Reason> raised, List<Reason> lowered) implements java.io.Serializable {
    }

    private static float[] matrix(List<IndicatorBuilder.Result> children, List<Indicator> features) {
        int cols = features.size() + 1;
        float[] x = new float[children.size() * cols];
        for (int r = 0; r < children.size(); r++) {
            IndicatorBuilder.Result c = children.get(r);
            for (int j = 0; j < features.size(); j++) {
                x[r * cols + j] = (float) c.get(features.get(j));
            }
            x[r * cols + features.size()] = c.ageYears();
        }
        return x;
    }

    /**
     * Whether a positive is held out of training to measure c: a fifth of them, chosen by a hash of the
     * child's key and the seed, so that the split never depends on the order the children come in, on
     * how they are partitioned or on a random draw.
     */
    public static boolean heldOut(String key, long seed) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((seed + ":" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return (v >>> 11) * 0x1.0p-53 < 0.2;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Trains g on every child (positives: {@code labelled}) except a fifth of the positives, held out by
     * {@link #heldOut} to estimate c. The children are put in the order of their keys first: XGBoost's row
     * sampling follows row order, and so the same children give the same model however they were gathered.
     */
    public Trained train(List<IndicatorBuilder.Result> given, Map<String, String> keys, Set<String> labelled) {
        List<IndicatorBuilder.Result> children = new ArrayList<>(given);
        children.sort(Comparator.comparing((IndicatorBuilder.Result c) -> keys.get(c.personId())));
        int n = children.size();
        int cols = features.size() + 1;
        float[] x = matrix(children, features);
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            y[r] = labelled.contains(children.get(r).personId()) ? 1 : 0;
        }
        boolean[] held = new boolean[n];
        List<Integer> trainRows = new ArrayList<>();
        int heldCount = 0;
        for (int r = 0; r < n; r++) {
            held[r] = y[r] == 1 && heldOut(keys.get(children.get(r).personId()), seed);
            heldCount += held[r] ? 1 : 0;
            if (!held[r]) {
                trainRows.add(r);
            }
        }
        int positives = 0;
        for (float v : y) {
            positives += (int) v;
        }
        if (positives < 10) {
            throw new IllegalStateException("相談に来た家庭のこどもが少なすぎて学習できません（" + positives + "人）/ too few children who came forward to learn from: "
                    + positives);
        }
        try {
            float[] tx = new float[trainRows.size() * cols];
            float[] ty = new float[trainRows.size()];
            for (int i = 0; i < trainRows.size(); i++) {
                System.arraycopy(x, trainRows.get(i) * cols, tx, i * cols, cols);
                ty[i] = y[trainRows.get(i)];
            }
            DMatrix train = new DMatrix(tx, trainRows.size(), cols, Float.NaN);
            train.setLabel(ty);
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "binary:logistic");
            params.put("eta", 0.1);
            params.put("max_depth", 4);
            params.put("min_child_weight", 5);
            params.put("subsample", 0.9);
            params.put("tree_method", "hist");
            params.put("nthread", 2);
            params.put("seed", seed);
            Booster booster = XGBoost.train(train, params, rounds, new HashMap<>(), null, null);
            byte[] model = booster.toByteArray();
            train.dispose();
            booster.dispose();
            double c = 1;
            if (heldCount > 0) {
                List<IndicatorBuilder.Result> heldRows = new ArrayList<>();
                for (int r = 0; r < n; r++) {
                    if (held[r]) {
                        heldRows.add(children.get(r));
                    }
                }
                Trained t = new Trained(model, features, 1, positives, n);
                double sum = 0;
                for (Raw raw : t.predict(heldRows, keys)) {
                    sum += raw.ranking();
                }
                c = Math.max(sum / heldCount, 1e-6);
            }
            return new Trained(model, features, c, positives, n);
        } catch (XGBoostError e) {
            throw new IllegalStateException("モデルの学習に失敗しました / training the model failed: " + e.getMessage(), e);
        }
    }

    /**
     * The scores of every child from the classifier's outputs: g/c capped at 1 and the Elkan–Noto prior as
     * their mean, or, with {@code prior}, g shifted to it. Sums run in the order of the children's keys, so
     * the outputs may come back from anywhere in any order.
     */
    public Fitted calibrate(Trained t, List<Raw> given, Double prior) {
        if (prior != null && !(prior > 0 && prior < 1)) {
            throw new IllegalArgumentException("事前確率は0より大きく1より小さい値です: " + prior + " / the class prior must be between 0 and 1 exclusive: " + prior);
        }
        List<Raw> raws = new ArrayList<>(given);
        raws.sort(Comparator.comparing(Raw::key));
        int n = raws.size();
        double c = t.labelFrequency();
        double[] p = new double[n];
        double estimated = 0;
        for (int r = 0; r < n; r++) {
            p[r] = Math.min(1.0, raws.get(r).ranking() / c);
            estimated += p[r];
        }
        estimated /= n;
        if (prior != null) {
            // Shift the classifier's own probabilities, not g/c: the cap at 1 would keep every capped child at the top level.
            double[] raw = new double[n];
            for (int r = 0; r < n; r++) {
                raw[r] = raws.get(r).ranking();
            }
            p = shiftToPrior(raw, prior);
        }
        List<Score> scores = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Raw w = raws.get(r);
            scores.add(new Score(w.personId(), p[r], w.ranking(), w.raised(), w.lowered()));
        }
        List<String> names = new ArrayList<>(t.features().stream().map(Enum::name).toList());
        names.add("AGE");
        return new Fitted(c, estimated, prior == null ? estimated : prior, prior != null, t.positives(), n, names, scores);
    }

    /**
     * Probabilities shifted by one constant in log-odds so that their mean is {@code prior}: the
     * adjustment for a known change of class prior. Order is kept; 0 and 1 are moved just inside.
     */
    public static double[] shiftToPrior(double[] p, double prior) {
        double[] logit = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(1 - 1e-6, Math.max(1e-6, p[i]));
            logit[i] = Math.log(q / (1 - q));
        }
        double lo = -40;
        double hi = 40;
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            if (mean(logit, mid) < prior) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double b = (lo + hi) / 2;
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = 1 / (1 + Math.exp(-(logit[i] + b)));
        }
        return out;
    }

    private static double mean(double[] logit, double shift) {
        double sum = 0;
        for (double l : logit) {
            sum += 1 / (1 + Math.exp(-(l + shift)));
        }
        return sum / logit.length;
    }

    /** Indicators whose absence, not presence, is the concern: no nursery, kindergarten or after-school club. */
    private static final Set<Indicator> CONCERN_WHEN_ABSENT = Set.of(Indicator.CHILDCARE);

    /**
     * The factors that raised (or lowered) the score, strongest first, in words. A factor is read aloud
     * as a reason to reach out only when it describes a concern the child has ("直近3か月の欠席日数 24日",
     * "保育所・幼稚園等の利用なし"), never the absence of one, even where the model leaned on it.
     */
    private static List<Reason> reasons(List<Indicator> features, IndicatorBuilder.Result child, float[] contrib, boolean raised) {
        List<Reason> out = new ArrayList<>();
        for (int j = 0; j < features.size(); j++) {
            double v = contrib[j];
            if (raised ? v > 0.01 : v < -0.01) {
                Indicator i = features.get(j);
                double value = child.get(i);
                boolean concern = CONCERN_WHEN_ABSENT.contains(i) ? value == 0 : value > 0;
                if (raised && !concern) {
                    continue;
                }
                out.add(new Reason(value == 0 ? i.labelJa() + "なし" : i.describe(value), v));
            }
        }
        double age = contrib[features.size()];
        if (raised ? age > 0.01 : age < -0.01) {
            out.add(new Reason("年齢 " + child.ageYears() + "歳", age));
        }
        out.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.contribution())));
        return out.size() > 5 ? List.copyOf(out.subList(0, 5)) : List.copyOf(out);
    }
}
