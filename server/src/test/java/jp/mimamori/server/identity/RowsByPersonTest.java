package jp.mimamori.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.mimamori.core.link.IdentityRun;
import org.junit.jupiter.api.Test;

/** The person index groups rows by person: persons in the order of their first row, each person's rows in the rows' order. */
class RowsByPersonTest {

    @Test
    void personsComeInTheOrderOfTheirFirstRowAndKeepTheirRowsInOrder() {
        String[] personOfRow = {"PB", "PA", "PB", "PC", "PA", "PB"};
        List<IdentityRun.Link> links = new ArrayList<>();
        List<IdentityService.SourceRow> rows = new ArrayList<>();
        for (int i = 0; i < personOfRow.length; i++) {
            links.add(new IdentityRun.Link("juki", "R" + i, personOfRow[i], null, false, 0.5));
            rows.add(new IdentityService.SourceRow("juki", "R" + i, "名" + i, null, null, null, null, null, LocalDate.of(2026, 4, 1), null, null, null));
        }
        IdentityService.RowsByPerson byPerson = IdentityService.RowsByPerson.of(links);
        assertThat(byPerson.persons()).isEqualTo(3);
        assertThat(List.of(byPerson.first(0), byPerson.first(1), byPerson.first(2))).containsExactly(0, 1, 3);
        assertThat(byPerson.rows(0, rows)).extracting(IdentityService.SourceRow::recordId).containsExactly("R0", "R2", "R5");
        assertThat(byPerson.rows(1, rows)).extracting(IdentityService.SourceRow::recordId).containsExactly("R1", "R4");
        assertThat(byPerson.rows(2, rows)).extracting(IdentityService.SourceRow::recordId).containsExactly("R3");
        assertThat(IdentityService.RowsByPerson.of(List.of()).persons()).isZero();
    }
}
