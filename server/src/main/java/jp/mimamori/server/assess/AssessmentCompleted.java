package jp.mimamori.server.assess;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Published by {@link AssessService#run} once a month's assessment (評価) has scored every child, inside
 * its transaction: outreach files its proposals from it, so assess does not call outreach. Listeners
 * run synchronously in the run's transaction and as its actor (a failing one rolls the whole run back,
 * as the direct call did), and report the number of proposals they filed in {@link #filed}, which the
 * run's audit line names.
 */
public record AssessmentCompleted(long runId, LocalDate asOf, List<Candidate> candidates, AtomicInteger filed) {

    /** A child the run proposes for アウトリーチ (outreach): the model's score and rank, the rules' and model's reasons. */
    public record Candidate(String personId, Double score, Integer rank, String reasons, Set<String> ruleCodes, boolean openCase) {
    }
}
