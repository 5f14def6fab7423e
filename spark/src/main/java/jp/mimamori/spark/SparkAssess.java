package jp.mimamori.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import jp.mimamori.core.assess.Assessment;
import jp.mimamori.core.assess.AssessmentFiles;
import jp.mimamori.core.assess.Fact;
import jp.mimamori.core.assess.PuModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The monthly assessment (見守り判定) on Spark, with the core {@link Assessment}'s own code at every step, so
 * that it decides exactly what {@code ./mimamori assess} decides:
 * <ol>
 * <li>the facts are grouped by household (世帯) with a shuffle, and each household's children get their
 * indicators on the executors ({@link Assessment#children}: a child's indicators read only its household);</li>
 * <li>the children (indicators and key, about 0.5 KiB each) are gathered on the driver, where the model is
 * trained in one JVM ({@link PuModel#train}, rows in key order, held-out positives by a hash of the key);</li>
 * <li>the trained model is broadcast and every child is scored, with its reasons, on the executors
 * ({@link PuModel.Trained#predict}: each row is scored alone, so partitioning does not matter);</li>
 * <li>the classifier's outputs are gathered and calibrated on the driver ({@link PuModel#calibrate}: sums in key
 * order), and flags, ranks, proposals and group figures are derived there ({@link Assessment#outcome}).</li>
 * </ol>
 * Where the limit is: the driver holds every child's indicator row twice over during training (the list and
 * XGBoost's matrix), about 1 KiB a child; a prefecture of 10 million residents has about 1.6 million
 * children, some 1.6 GiB, which a driver with a 4 GiB heap holds. Beyond that, training would need XGBoost's
 * own distributed trainer, whose results are not identical to a single JVM's.
 */
public final class SparkAssess {

    private SparkAssess() {
    }

    /** What the run decided, with the Spark figures for the summary. */
    public record Result(Assessment.Outcome outcome, long facts, long groups, int partitions) {
    }

    /**
     * Assesses {@code facts} (rows of {@code assess-facts.csv}, in any order and any partitioning) with the
     * settings, rules and positives of {@code inputs}, over {@code partitions} partitions.
     */
    public static Result assess(JavaSparkContext sc, JavaRDD<AssessmentFiles.Placed> facts, AssessmentFiles.Inputs inputs, int partitions) {
        Assessment.Settings settings = inputs.settings();
        java.time.LocalDate asOf = settings.asOf();
        var byGroup = facts.mapToPair(p -> new Tuple2<>(p.group(), p)).groupByKey(partitions);
        long groups = byGroup.count();
        JavaRDD<Assessment.Child> children = byGroup.flatMap(g -> {
            List<AssessmentFiles.Placed> in = new ArrayList<>();
            g._2().forEach(in::add);
            // Facts about one person apply in their exported order, however the shuffle delivered them.
            in.sort(Comparator.comparingLong(AssessmentFiles.Placed::seq));
            List<Fact> household = new ArrayList<>(in.size());
            in.forEach(p -> household.add(p.fact()));
            return Assessment.children(asOf, household).iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Assessment.Child> gathered = new ArrayList<>(children.collect());
            gathered.sort(Comparator.comparing(Assessment.Child::key));
            Set<String> came = Assessment.came(gathered, inputs.connected());
            PuModel model = Assessment.model(settings);
            PuModel.Trained trained = model.train(Assessment.results(gathered), Assessment.keys(gathered), came);
            Broadcast<PuModel.Trained> shared = sc.broadcast(trained);
            List<PuModel.Raw> raws = children.mapPartitions((Iterator<Assessment.Child> it) -> {
                List<Assessment.Child> part = new ArrayList<>();
                it.forEachRemaining(part::add);
                return shared.value().predict(Assessment.results(part), Assessment.keys(part)).iterator();
            }).collect();
            PuModel.Fitted fitted = model.calibrate(trained, raws, settings.classPrior());
            Assessment.Outcome outcome = Assessment.outcome(settings, gathered, Assessment.flags(gathered, inputs.rules()), came, fitted);
            shared.destroy();
            return new Result(outcome, facts.count(), groups, partitions);
        } finally {
            children.unpersist(false);
        }
    }
}
