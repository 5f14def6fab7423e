package jp.mimamori.server.report;

import jp.mimamori.server.audit.Actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.SystemActor;
import jp.mimamori.server.cases.CasesFixture;
import jp.mimamori.server.identity.IdentityService;
import jp.mimamori.server.ingest.FolderIngest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDeniedException;

/**
 * The de-identified export on a linked synthetic city: no exported row is unique — or in any group
 * smaller than k — on its quasi-identifiers, no ID or birth date leaves, pseudonyms are stable under one
 * key and unlinkable across keys, and the report accounts for every child.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-cases", "mimamori.db.embedded.clean=true"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeidentifiedExportTest {

    @Autowired DeidentifiedExport export;
    @Autowired JdbcClient jdbc;
    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;

    @TempDir static Path city;

    @BeforeAll
    void city() throws Exception {
        CasesFixture.cityLinked(ingest, identity, city, 2_000, 17);
    }

    record Export(List<CSVRecord> rows, DeidentifiedExport.Report report) {
    }

    Export run(DeidentifiedExport e, int k) throws Exception {
        StringWriter w = new StringWriter();
        DeidentifiedExport.Report r = SystemActor.runAs("t-deid", Role.ADMIN, () -> {
            try {
                return e.write(Actor.current(), w, k, LocalDate.of(2026, 4, 30));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        return new Export(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(w.toString())).getRecords(), r);
    }

    @Test
    void noExportedRowIsInAGroupSmallerThanKOnItsQuasiIdentifiers() throws Exception {
        for (int k : List.of(5, 10, 25)) {
            Export e = run(export, k);
            Map<String, Integer> groups = new HashMap<>();
            for (CSVRecord r : e.rows()) {
                groups.merge(r.get("age_band") + "|" + r.get("sex") + "|" + r.get("town"), 1, Integer::sum);
            }
            assertThat(groups.values()).as("k=%d", k).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(k));
            assertThat(e.report().exported()).isEqualTo(e.rows().size());
            assertThat(e.report().exported() + e.report().suppressed()).isEqualTo(e.report().children());
            assertThat(e.report().children()).isGreaterThan(300);
            assertThat(e.report().townGeneralised()).as("a 2,000-resident city has small towns").isPositive();
        }
        Export e = run(export, 10);
        String text = e.rows().toString();
        assertThat(text).doesNotContainPattern("P[0-9A-Z]{12}").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        Set<String> pseudonyms = new HashSet<>();
        e.rows().forEach(r -> pseudonyms.add(r.get("pseudonym")));
        assertThat(pseudonyms).hasSize(e.rows().size());
        assertThat(e.rows()).allSatisfy(r -> assertThat(r.get("age_band")).isIn("0-2", "3-5", "6-11", "12-14", "15-17"));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'DEIDENTIFIED_EXPORT'").query(Long.class).single()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void pseudonymsAreStableUnderOneKeyAndUnlinkableAcrossKeys() throws Exception {
        Export a = run(export, 10);
        Export b = run(export, 10);
        assertThat(b.rows().stream().map(r -> r.get("pseudonym")).toList()).isEqualTo(a.rows().stream().map(r -> r.get("pseudonym")).toList());
        byte[] other = new byte[32];
        java.util.Arrays.fill(other, (byte) 3);
        DeidentifiedExport rekeyed = new DeidentifiedExport(jdbc, null, java.util.Base64.getEncoder().encodeToString(other), Path.of("unused"));
        assertThat(rekeyed.pseudonym("P0000000000AA")).isNotEqualTo(export.pseudonym("P0000000000AA"));
        assertThat(export.pseudonym("P0000000000AA")).isEqualTo(export.pseudonym("P0000000000AA")).hasSize(24);
    }

    @Test
    void onlyTheAdministratorExports() {
        for (Role role : List.of(Role.CENTER_SUPERVISOR, Role.CENTER_CASEWORKER, Role.ANALYST, Role.DEPT_UPLOADER)) {
            assertThatThrownBy(() -> SystemActor.runAs("t-" + role, role, () -> {
                try {
                    return export.write(Actor.current(), new StringWriter(), 10, LocalDate.now());
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            })).isInstanceOf(AuthorizationDeniedException.class);
        }
    }
}
