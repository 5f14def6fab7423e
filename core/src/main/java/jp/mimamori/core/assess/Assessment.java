package jp.mimamori.core.assess;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The monthly assessment (見守り判定) as one pure computation, the same in the server and on Spark:
 * {@link Fact}s about the persons of a linkage run, the staff's active {@link Rule}s and the children an
 * outreach connected to support in, indicators, rule flags, the {@link PuModel}'s scores, ranks and
 * reasons, the outreach proposals and whom the ranking reaches per group out. The server keeps only the
 * SQL that gathers the facts and stores the outcome.
 *
 * <p>Nothing depends on the order the facts or children come in, beyond facts about one person applying
 * in their given order: children are kept in the order of their keys (the least {@code source:record_id}
 * of the child's records), the model trains on them in that order, and the positives held out to measure
 * the labelling frequency are chosen by a hash of the key ({@link PuModel#heldOut}).
 *
 * <p>The pieces for a distributed run: {@link #children} for one household's facts (a household's indicators
 * read only its own members), {@link #model} to train on the gathered children ({@link PuModel#train}),
 * {@link PuModel.Trained#predict} wherever the children are, {@link PuModel#calibrate} and {@link #outcome}
 * on the gathered outputs. {@link #assess} is all of it in one JVM.
 */
public final class Assessment {

    /** Boosting rounds and seed of the model: fixed, so that two runs on the same facts agree. */
    public static final int ROUNDS = 150;
    public static final long SEED = 1;

    private Assessment() {
    }

    /**
     * The run's settings: the day it is as of (the end of the current extracts' month), the class prior the
     * scores are calibrated to (null: the Elkan–Noto estimate), the indicators the model may not use, and
     * the share of the ranking proposed for outreach besides the flagged children (at least 10 children).
     */
    public record Settings(LocalDate asOf, Double classPrior, Set<Indicator> excluded, double modelShare) implements Serializable {
        public Settings {
            if (classPrior != null && !(classPrior > 0 && classPrior < 1)) {
                throw new IllegalArgumentException("事前確率は0より大きく1より小さい値です: " + classPrior + " / the class prior must be between 0 and 1 exclusive: "
                        + classPrior);
            }
            excluded = Set.copyOf(excluded);
        }
    }

    /** One resident child's indicators, key and whether the registry records a foreign resident (reporting only). */
    public record Child(IndicatorBuilder.Result indicators, String key, boolean foreign) implements Serializable {
        public String personId() {
            return indicators.personId();
        }
    }

    /** A rule that matched a child, with the exact version and the reason staff read aloud. */
    public record Flag(String personId, String ruleCode, int ruleVersion, String reasonJa) implements Serializable {
    }

    /** A child proposed for outreach (見守り候補): rank in the ranking, the reasons, the codes of the rules that flagged them. */
    public record Proposal(String personId, double score, int rank, String reasons, Set<String> ruleCodes) {
    }

    /** Whom the ranking reaches in one group: children, those who came forward, those ranked, in the top 5%, their mean score. */
    public record GroupStat(int sort, String dimension, String label, int children, int came, int ranked, int top5, Double meanScore) {
    }

    /**
     * Everything the run decides. {@code children} in key order; {@code ranked}: the scores of the children
     * whose families have not come forward, best first (rank = position + 1).
     */
    public record Outcome(Settings settings, List<Child> children, List<Flag> flags, int flagged, Set<String> came, PuModel.Fitted model,
                          List<PuModel.Score> ranked, List<Proposal> proposals, List<GroupStat> groups) {

        /** Each ranked child's rank (from 1). */
        public Map<String, Integer> ranks() {
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < ranked.size(); i++) {
                rank.put(ranked.get(i).personId(), i + 1);
            }
            return rank;
        }
    }

    /** The whole assessment in one JVM. {@code connected}: the children an outreach connected to support (positives besides those who came). */
    public static Outcome assess(Settings settings, Iterable<? extends Fact> facts, List<Rule> rules, Set<String> connected) {
        List<Child> children = children(settings.asOf(), facts);
        Set<String> came = came(children, connected);
        PuModel.Fitted fitted = model(settings).fit(results(children), keys(children), came, settings.classPrior());
        return outcome(settings, children, flags(children, rules), came, fitted);
    }

    /**
     * The indicators of every resident child among {@code facts}, in key order. The facts may be a whole
     * city's or one household's: a child's indicators read only the child's household.
     */
    public static List<Child> children(LocalDate asOf, Iterable<? extends Fact> facts) {
        IndicatorBuilder b = new IndicatorBuilder(asOf);
        Map<String, String> key = new HashMap<>();
        Set<String> foreign = new HashSet<>();
        for (Fact f : facts) {
            f.applyTo(b);
            if (f instanceof Fact.Person p) {
                key.put(p.personId(), p.key() == null ? p.personId() : p.key());
            } else if (f instanceof Fact.Residence r && r.foreign()) {
                foreign.add(r.personId());
            }
        }
        List<Child> out = new ArrayList<>();
        for (IndicatorBuilder.Result r : b.compute()) {
            out.add(new Child(r, key.get(r.personId()), foreign.contains(r.personId())));
        }
        out.sort(Comparator.comparing(Child::key));
        return out;
    }

    /** The positives: children an outreach connected, and every child with a previous consultation. */
    public static Set<String> came(List<Child> children, Set<String> connected) {
        Set<String> came = new HashSet<>(connected);
        for (Child c : children) {
            if (c.indicators().get(Indicator.CONSULTATIONS) > 0) {
                came.add(c.personId());
            }
        }
        return came;
    }

    /** The model the settings ask for. */
    public static PuModel model(Settings settings) {
        return new PuModel(settings.excluded(), ROUNDS, SEED);
    }

    public static List<IndicatorBuilder.Result> results(List<Child> children) {
        return children.stream().map(Child::indicators).toList();
    }

    public static Map<String, String> keys(Iterable<Child> children) {
        Map<String, String> k = new HashMap<>();
        children.forEach(c -> k.put(c.personId(), c.key()));
        return k;
    }

    /** Every rule that matches each child, children in the given order and rules in theirs. */
    public static List<Flag> flags(List<Child> children, List<Rule> rules) {
        List<Flag> out = new ArrayList<>();
        for (Child c : children) {
            for (Rule rule : rules) {
                if (rule.matches(c.indicators())) {
                    out.add(new Flag(c.personId(), rule.code(), rule.version(), rule.reasonJa()));
                }
            }
        }
        return out;
    }

    /** Ranking, proposals and group figures from the children, their flags, the positives and the calibrated model. */
    public static Outcome outcome(Settings settings, List<Child> children, List<Flag> flags, Set<String> came, PuModel.Fitted model) {
        List<Child> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparing(Child::key));
        List<PuModel.Score> ranked = model.scores().stream().filter(s -> !came.contains(s.personId()))
                .sorted(Comparator.comparingDouble((PuModel.Score s) -> -s.ranking()).thenComparing(PuModel.Score::personId)).toList();
        int flagged = (int) flags.stream().map(Flag::personId).distinct().count();
        return new Outcome(settings, List.copyOf(sorted), List.copyOf(flags), flagged, Set.copyOf(came), model, ranked,
                proposals(ranked, flags, settings.modelShare()), groups(sorted, came, ranked));
    }

    /**
     * This month's outreach proposals: every ranked child a rule flagged and the model's top
     * {@code modelShare} (at least 10) of the children whose families have not come forward, with the
     * rules' reasons and the model's three strongest factors.
     */
    static List<Proposal> proposals(List<PuModel.Score> ranked, List<Flag> flags, double modelShare) {
        Map<String, List<Flag>> byChild = new HashMap<>();
        flags.forEach(f -> byChild.computeIfAbsent(f.personId(), k -> new ArrayList<>()).add(f));
        int top = Math.max(10, (int) Math.round(ranked.size() * modelShare));
        Map<String, Proposal> out = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            PuModel.Score s = ranked.get(i);
            List<Flag> f = byChild.getOrDefault(s.personId(), List.of());
            if (i >= top && f.isEmpty()) {
                continue;
            }
            List<String> why = new ArrayList<>();
            f.forEach(x -> why.add(x.reasonJa()));
            s.raised().stream().limit(3).forEach(r -> why.add(r.textJa()));
            Set<String> codes = new TreeSet<>();
            f.forEach(x -> codes.add(x.ruleCode()));
            out.put(s.personId(), new Proposal(s.personId(), s.score(), i + 1, why.isEmpty() ? "複数の要因の組み合わせ" : String.join("、", why), codes));
        }
        return new ArrayList<>(out.values());
    }

    private record Group(String dimension, String label, Predicate<Child> member) {
    }

    /**
     * Whom the ranking reaches, per group (ひとり親 proxy, nationality, disability): children, those who
     * came forward, and how many of the rest the model ranks in its top 5%. A group's share far below the
     * others' is what a reviewer looks for.
     */
    static List<GroupStat> groups(List<Child> children, Set<String> came, List<PuModel.Score> ranked) {
        Predicate<Child> single = c -> c.indicators().get(Indicator.CHILD_REARING_ALLOWANCE) > 0;
        Predicate<Child> foreign = Child::foreign;
        Predicate<Child> disabled = c -> c.indicators().get(Indicator.DISABILITY_CHILD) > 0 || c.indicators().get(Indicator.DISABILITY_PARENT) > 0;
        List<Group> groups = List.of(
                new Group("household", "ひとり親（児童扶養手当）/ single parent (allowance)", single),
                new Group("household", "その他の世帯 / other households", single.negate()),
                new Group("nationality", "外国人住民 / foreign residents", foreign),
                new Group("nationality", "日本人住民 / Japanese residents", foreign.negate()),
                new Group("disability", "障害あり（こども・保護者）/ disability (child or parent)", disabled),
                new Group("disability", "障害なし / no disability", disabled.negate()));
        int cut = (int) Math.ceil(ranked.size() * 0.05);
        Map<String, Integer> rank = new HashMap<>();
        Map<String, Double> score = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            rank.put(ranked.get(i).personId(), i);
            score.put(ranked.get(i).personId(), ranked.get(i).score());
        }
        List<GroupStat> out = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            int n = 0;
            int cameN = 0;
            int rankedN = 0;
            int top = 0;
            double sum = 0;
            for (Child c : children) {
                if (!g.member().test(c)) {
                    continue;
                }
                n++;
                cameN += came.contains(c.personId()) ? 1 : 0;
                Integer k = rank.get(c.personId());
                if (k != null) {
                    rankedN++;
                    sum += score.get(c.personId());
                    top += k < cut ? 1 : 0;
                }
            }
            out.add(new GroupStat(gi, g.dimension(), g.label(), n, cameN, rankedN, top, rankedN == 0 ? null : sum / rankedN));
        }
        return out;
    }
}
