package jp.mimamori.server.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The outreach item's allowed moves, as the service checks them before each action. */
class OutreachStatusTest {

    @Test
    void onlyTheWorklistsMovesAreAllowedAndDoneAndDismissedAreFinal() {
        assertThat(EnumSet.allOf(OutreachStatus.class).stream().filter(OutreachStatus.PROPOSED::canMoveTo))
                .containsExactlyInAnyOrder(OutreachStatus.APPROVED, OutreachStatus.ASSIGNED, OutreachStatus.DISMISSED);
        assertThat(EnumSet.allOf(OutreachStatus.class).stream().filter(OutreachStatus.APPROVED::canMoveTo))
                .containsExactlyInAnyOrder(OutreachStatus.ASSIGNED, OutreachStatus.DISMISSED);
        assertThat(EnumSet.allOf(OutreachStatus.class).stream().filter(OutreachStatus.ASSIGNED::canMoveTo)).containsExactly(OutreachStatus.DONE);
        for (OutreachStatus s : OutreachStatus.values()) {
            assertThat(OutreachStatus.DONE.canMoveTo(s)).isFalse();
            assertThat(OutreachStatus.DISMISSED.canMoveTo(s)).isFalse();
            assertThat(s.canMoveTo(OutreachStatus.PROPOSED)).as("nothing goes back to a proposal").isFalse();
        }
    }

    @Test
    void storedCodesReadBackAndStaffReadWords() {
        assertThat(OutreachStatus.ofCode("ASSIGNED")).contains(OutreachStatus.ASSIGNED);
        assertThat(OutreachStatus.ofCode("assigned")).isEmpty();
        assertThat(OutreachStatus.ofCode(null)).isEmpty();
        assertThat(OutreachStatus.DISMISSED.label()).isEqualTo("見送り");
        assertThat(OutreachService.STATUS).containsEntry("APPROVED", "承認済み").hasSize(5);
    }
}
