package jp.mimamori.server.outreach;

import jp.mimamori.server.assess.AssessmentCompleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Files a finished assessment's proposals as outreach items, from its {@link AssessmentCompleted} event. */
@Component
public class AssessmentProposals {

    private final OutreachService outreach;

    public AssessmentProposals(OutreachService outreach) {
        this.outreach = outreach;
    }

    // Synchronous, in the assessment's transaction and as its actor: proposals commit with the run or not at all.
    @EventListener
    public void on(AssessmentCompleted event) {
        int filed = outreach.propose(event.runId(), event.asOf(), event.candidates().stream()
                .map(c -> new OutreachService.Proposal(c.personId(), c.score(), c.rank(), c.reasons(), c.ruleCodes(), c.openCase())).toList());
        event.filed().addAndGet(filed);
    }
}
