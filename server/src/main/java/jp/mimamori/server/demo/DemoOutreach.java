package jp.mimamori.server.demo;

import java.util.List;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.outreach.OutreachAction;
import jp.mimamori.server.outreach.OutreachOutcome;
import jp.mimamori.server.outreach.OutreachService;
import jp.mimamori.server.outreach.OutreachStatus;
import org.springframework.stereotype.Component;

/**
 * The demo's outreach (プッシュ型支援) at mid-month: of the month's proposals, some approved, some assigned
 * to the demo caseworkers with a way of contact, a few with an outcome recorded, a few dismissed with a
 * reason, and the rest still proposed, so that every filter of the worklist shows what a centre's day
 * looks like. Made once, through {@link OutreachService} as a supervisor would, each step audited as the
 * demo job.
 */
@Component
public class DemoOutreach {

    /** The demo pipeline decides as one named job with a supervisor's role (deciding proposals is a supervisor's). */
    static final Actor JOB = Actor.job("demo-pipeline", Role.CENTER_SUPERVISOR);

    private static final OutreachAction[] ACTIONS = {OutreachAction.VISIT, OutreachAction.PHONE, OutreachAction.VISIT, OutreachAction.LETTER,
        OutreachAction.AGENCY};
    private static final OutreachOutcome[] OUTCOMES = {OutreachOutcome.MET, OutreachOutcome.CONNECTED, OutreachOutcome.NOT_MET};
    private static final String[] DISMISS = {"既に保育所と学校が見守っている", "先月の家庭訪問で状況確認済み", "転出予定と連絡あり"};

    /** What was decided. */
    public record Done(int approved, int assigned, int outcomes, int dismissed) {
        public int total() {
            return approved + assigned + dismissed;
        }
    }

    private final OutreachService outreach;

    public DemoOutreach(OutreachService outreach) {
        this.outreach = outreach;
    }

    /**
     * Decides up to {@code count} of the open proposals in the worklist's own order (nothing when some
     * item has been decided already, by the demo or by staff). Items go in turn to: assigned (with
     * every third an outcome), approved, dismissed; caseworkers in turn from {@code caseworkers} (those
     * without an account are skipped: then items are only approved or dismissed).
     */
    public Done decide(int count, List<String> caseworkers) {
        return SystemActor.runAs(JOB, () -> {
            for (OutreachStatus s : OutreachStatus.values()) {
                if (s != OutreachStatus.PROPOSED && outreach.worklist(JOB, true, new OutreachService.Filter(s.name(), null, null, null), 0, 1).total() > 0) {
                    return new Done(0, 0, 0, 0);
                }
            }
            List<String> staff = caseworkers.stream().filter(u -> outreach.assignable().stream().anyMatch(a -> a.username().equals(u))).toList();
            List<OutreachService.Item> proposed = outreach.worklist(JOB, true, new OutreachService.Filter(OutreachStatus.PROPOSED.name(), null, null, null),
                    0, count).items();
            int approved = 0;
            int assignedCount = 0;
            int outcomes = 0;
            int dismissedCount = 0;
            for (int i = 0; i < proposed.size(); i++) {
                long id = proposed.get(i).id();
                int kind = i % 5;
                if (kind < 2 && !staff.isEmpty()) {
                    outreach.assign(JOB, id, staff.get(assignedCount % staff.size()), ACTIONS[assignedCount % ACTIONS.length]);
                    if (assignedCount % 3 == 0) {
                        outreach.recordOutcome(JOB, id, OUTCOMES[outcomes % OUTCOMES.length], "デモ：初回の接触の記録");
                        outcomes++;
                    }
                    assignedCount++;
                } else if (kind == 4) {
                    outreach.dismiss(JOB, id, DISMISS[dismissedCount % DISMISS.length]);
                    dismissedCount++;
                } else {
                    outreach.approve(JOB, id);
                    approved++;
                }
            }
            return new Done(approved, assignedCount, outcomes, dismissedCount);
        });
    }
}
