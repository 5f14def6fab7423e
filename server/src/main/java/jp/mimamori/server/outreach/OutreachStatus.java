package jp.mimamori.server.outreach;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.mimamori.server.web.Labelled;

/**
 * Where an アウトリーチ (outreach) item stands, stored by name in {@code outreach_item.status}, and the
 * moves allowed between the states, in this one place: a proposal is approved, assigned or dismissed;
 * an approved one assigned or dismissed; an assigned one done. Done and dismissed are final (a
 * dismissed child comes back only as a new proposal of a later run).
 */
public enum OutreachStatus implements Labelled {
    PROPOSED("提案"), APPROVED("承認済み"), ASSIGNED("割当済み"), DONE("完了"), DISMISSED("見送り");

    private static final Map<OutreachStatus, Set<OutreachStatus>> MOVES = Map.of(
            PROPOSED, EnumSet.of(APPROVED, ASSIGNED, DISMISSED),
            APPROVED, EnumSet.of(ASSIGNED, DISMISSED),
            ASSIGNED, EnumSet.of(DONE),
            DONE, EnumSet.noneOf(OutreachStatus.class),
            DISMISSED, EnumSet.noneOf(OutreachStatus.class));

    /** An outreach that is under way: a child in one is not proposed again. */
    public static final Set<OutreachStatus> UNDER_WAY = EnumSet.of(APPROVED, ASSIGNED);
    /** The states the supervisor's worklist shows when no state is chosen. */
    public static final Set<OutreachStatus> OPEN = EnumSet.of(PROPOSED, APPROVED, ASSIGNED);

    private final String labelJa;

    OutreachStatus(String labelJa) {
        this.labelJa = labelJa;
    }

    @Override
    public String label() {
        return labelJa;
    }

    /** Whether an item in this state may move to {@code next}. */
    public boolean canMoveTo(OutreachStatus next) {
        return MOVES.get(this).contains(next);
    }

    /** The state stored as {@code code}, empty for anything else. */
    public static Optional<OutreachStatus> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.name().equals(code)).findFirst();
    }
}
