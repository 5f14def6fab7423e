package jp.mimamori.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.mimamori.core.link.PairwiseQuality;
import jp.mimamori.server.access.Role;
import jp.mimamori.server.access.UserAccount;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.ingest.FolderIngest;
import jp.mimamori.synth.SyntheticCity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * 名寄せ end to end on its own database: two consecutive months of a synthetic city are ingested and
 * linked; persons keep their random IDs from one month to the next, the export agrees with the truth,
 * and reviewers' decisions are respected.
 */
@SpringBootTest(properties = {"mimamori.data-dir=target/test-data-identity", "mimamori.db.embedded.clean=true"})
class IdentityTest {

    static final UserAccount ADMIN = new UserAccount(0, "t-identity", "test", Role.ADMIN, Optional.empty(), true, OffsetDateTime.now());

    @Autowired FolderIngest ingest;
    @Autowired IdentityService identity;
    @Autowired ReviewQueue review;
    @Autowired JdbcClient jdbc;

    @TempDir Path tmp;

    Map<String, String[]> export() throws Exception {
        StringWriter w = new StringWriter();
        identity.exportLinks(Actor.job("t-identity", Role.ADMIN), w);
        Map<String, String[]> m = new HashMap<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(w.toString()))) {
            m.put(r.get("source") + ":" + r.get("source_record_id"), new String[] {r.get("person_id"), r.get("child_id"), r.get("household_id"), r.get("match_probability")});
        }
        return m;
    }

    static Map<String, String> truth(Path city) throws Exception {
        Map<String, String> m = new HashMap<>();
        try (Reader r = Files.newBufferedReader(city.resolve("truth/records.csv"))) {
            for (CSVRecord c : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                if (!c.get("role").equals("recipient")) {
                    m.put(c.get("source") + ":" + c.get("record_id"), c.get("person_id"));
                }
            }
        }
        return m;
    }

    @Test
    void twoMonthsLinkedPersonsKeepTheirIdsAndTheExportAgreesWithTheTruth() throws Exception {
        Path april = tmp.resolve("2026-04");
        Path may = tmp.resolve("2026-05");
        SyntheticCity.generate(new SyntheticCity.Options(5_000, 41, YearMonth.of(2026, 4), april), m -> { });
        SyntheticCity.generate(new SyntheticCity.Options(5_000, 41, YearMonth.of(2026, 5), may), m -> { });
        for (FolderIngest.Entry e : FolderIngest.manifest(april)) {
            ingest.load(ADMIN, e, null);
        }
        IdentityService.RunSummary first = identity.link(Actor.job("t-identity", Role.ADMIN));
        assertThat(first.newPersons()).isEqualTo(first.persons());
        assertThat(first.children()).isPositive();
        Map<String, String[]> aprilLinks = export();
        assertThat(aprilLinks).hasSize((int) first.records());
        assertThat(aprilLinks.values()).allSatisfy(v -> {
            assertThat(v[0]).matches("P[0-9A-Z]{12}");
            assertThat(v[1]).isIn("", v[0]);
            assertThat(Double.parseDouble(v[3])).isBetween(0.0, 1.0);
        });
        assertThat(aprilLinks.get(aprilLinks.keySet().stream().filter(k -> k.startsWith("juki:")).findFirst().orElseThrow())[2]).matches("H[0-9A-Z]{12}");

        // Same person in truth ⇔ same person ID, pairwise, over every exported record.
        Map<String, String> truth = truth(april);
        List<String> predicted = new java.util.ArrayList<>();
        List<String> actual = new java.util.ArrayList<>();
        aprilLinks.forEach((k, v) -> {
            predicted.add(v[0]);
            actual.add(truth.get(k));
        });
        PairwiseQuality q = PairwiseQuality.of(predicted, actual);
        double precision = q.precision();
        double recall = q.recall();
        assertThat(precision).isGreaterThanOrEqualTo(0.99);
        assertThat(recall).isGreaterThanOrEqualTo(0.98);

        // The next month: children who are in both months keep their こどもID.
        for (FolderIngest.Entry e : FolderIngest.manifest(may)) {
            ingest.load(ADMIN, e, null);
        }
        IdentityService.RunSummary second = identity.link(Actor.job("t-identity", Role.ADMIN));
        assertThat(second.keptPersons()).isGreaterThan(second.persons() * 9 / 10);
        Map<String, String[]> mayLinks = export();
        Map<String, String> aprilChild = new HashMap<>();
        Map<String, String> mayChild = new HashMap<>();
        aprilLinks.forEach((k, v) -> { if (k.startsWith("juki:") && !v[1].isEmpty()) aprilChild.put(truth.get(k), v[1]); });
        Map<String, String> mayTruth = truth(may);
        mayLinks.forEach((k, v) -> { if (k.startsWith("juki:") && !v[1].isEmpty()) mayChild.put(mayTruth.get(k), v[1]); });
        long both = aprilChild.keySet().stream().filter(mayChild::containsKey).count();
        long kept = aprilChild.keySet().stream().filter(p -> aprilChild.get(p).equals(mayChild.get(p))).count();
        assertThat(both).isGreaterThan(500);
        assertThat(kept / (double) both).as("children keeping their こどもID from April to May").isGreaterThanOrEqualTo(0.995);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LINK_RUN'").query(Long.class).single()).isEqualTo(2);

        // Any linked record is explained: each record linked with it, field by field.
        String childJuki = mayLinks.entrySet().stream().filter(e -> e.getKey().startsWith("juki:") && !e.getValue()[1].isEmpty())
                .filter(e -> mayLinks.values().stream().filter(v -> v[0].equals(e.getValue()[0])).count() >= 3)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        IdentityService.Explanation why = identity.explain(Actor.job("t-identity", Role.ADMIN), "juki", childJuki.substring(5));
        assertThat(why.personId()).isEqualTo(mayLinks.get(childJuki)[0]);
        assertThat(why.mates()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.probability()).isGreaterThanOrEqualTo(jp.mimamori.core.link.LinkageEngine.MATCH);
            assertThat(m.contributions()).hasSizeGreaterThanOrEqualTo(jp.mimamori.core.link.Field.values().length).anySatisfy(c -> assertThat(c.bits()).isPositive());
        });
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LINK_EXPLAINED' and target = :t").param("t", childJuki)
                .query(Long.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> identity.explain(Actor.job("t-identity", Role.ADMIN), "juki", "no-such-record")).hasMessageContaining("not in the latest linkage run");

        // Reviewers decide the doubtful pairs; the next run respects both kinds of decision.
        as("t-supervisor", Role.CENTER_SUPERVISOR);
        try {
            List<ReviewQueue.Item> items = review.open(Actor.current(), 50);
            assertThat(items).as("a 5,000-resident city leaves some pairs to a person").hasSizeGreaterThanOrEqualTo(2);
            ReviewQueue.Item same = items.get(0);
            ReviewQueue.Item different = items.get(1);
            assertThat(same.contributions()).hasSizeGreaterThanOrEqualTo(jp.mimamori.core.link.Field.values().length);
            assertThat(same.a().name()).isNotEmpty();
            review.decide(Actor.current(), same.a().source(), same.a().recordId(), same.b().source(), same.b().recordId(), true, "同一（転記誤り）");
            review.decide(Actor.current(), different.a().source(), different.a().recordId(), different.b().source(), different.b().recordId(), false, "別人");
            assertThat(jdbc.sql("select count(*) from audit_event where action = 'LINK_DECISION' and actor = 't-supervisor'").query(Long.class).single()).isEqualTo(2);
            identity.link(Actor.job("t-identity", Role.ADMIN));
            Map<String, String[]> after = export();
            assertThat(after.get(same.a().source() + ":" + same.a().recordId())[0]).isEqualTo(after.get(same.b().source() + ":" + same.b().recordId())[0]);
            assertThat(review.open(Actor.current(), 1_000)).noneMatch(x -> x.a().recordId().equals(different.a().recordId()) && x.b().recordId().equals(different.b().recordId()))
                    .noneMatch(x -> x.a().recordId().equals(same.a().recordId()) && x.b().recordId().equals(same.b().recordId()));
        } finally {
            SecurityContextHolder.clearContext();
        }

        // Someone who leaves (June: in no extract) and comes back (July: the same registry number) gets
        // the old ID again, although the run in between never saw them.
        String gone = null;
        Map<String, List<String>> recordsOf = new HashMap<>();
        mayTruth.forEach((rec, person) -> recordsOf.computeIfAbsent(person, k -> new java.util.ArrayList<>()).add(rec));
        for (var e : recordsOf.entrySet()) {
            List<String> recs = e.getValue();
            if (recs.size() == 2 && recs.stream().anyMatch(r -> r.startsWith("juki:")) && recs.stream().anyMatch(r -> r.startsWith("zei:"))) {
                gone = e.getKey();
                break;
            }
        }
        assertThat(gone).isNotNull();
        String goneJuki = recordsOf.get(gone).stream().filter(r -> r.startsWith("juki:")).findFirst().orElseThrow();
        String idBefore = export().get(goneJuki)[0];
        List<String> ids = recordsOf.get(gone).stream().map(r -> r.substring(r.indexOf(':') + 1)).toList();
        loadEdited(may, "juki.csv", "juki", YearMonth.of(2026, 6), line -> ids.stream().noneMatch(line::startsWith));
        loadEdited(may, "zei.csv", "zei", YearMonth.of(2026, 6), line -> ids.stream().noneMatch(line::startsWith));
        identity.link(Actor.job("t-identity", Role.ADMIN));
        assertThat(export()).doesNotContainKey(goneJuki);
        loadEdited(may, "juki.csv", "juki", YearMonth.of(2026, 7), line -> true);
        loadEdited(may, "zei.csv", "zei", YearMonth.of(2026, 7), line -> true);
        identity.link(Actor.job("t-identity", Role.ADMIN));
        assertThat(export().get(goneJuki)[0]).as("the returning resident's ID").isEqualTo(idBefore);
    }

    /** Loads a copy of one of May's extracts as another month, keeping the lines {@code keep} accepts (and always the header). */
    private void loadEdited(Path month, String file, String source, YearMonth as, java.util.function.Predicate<String> keep) throws Exception {
        java.nio.charset.Charset cs = jp.mimamori.core.extract.FileEncoding.WINDOWS_31J;
        List<String> lines = Files.readAllLines(month.resolve(file), cs);
        StringBuilder b = new StringBuilder(lines.get(0)).append("\r\n");
        for (String l : lines.subList(1, lines.size())) {
            if (keep.test(l)) {
                b.append(l).append("\r\n");
            }
        }
        Path out = tmp.resolve(as + "-" + file);
        Files.write(out, b.toString().getBytes(cs));
        if (as.getMonthValue() == 7) {
            // July repeats May's file: change one unrelated byte so that it is a new file, not a duplicate.
            String t = Files.readString(out, cs);
            int i = t.indexOf("\r\n") + 2;
            Files.writeString(out, t.substring(0, i) + t.substring(i).replaceFirst(",,", ",見守ハイツ 101,"), cs);
        }
        var r = ingest.load(ADMIN, new FolderIngest.Entry(jp.mimamori.core.source.SourceSystem.fromCode(source).orElseThrow(), as, out), null);
        assertThat(r.status()).as(r.summaryEn()).isEqualTo("LOADED");
        assertThat(r.duplicateOf()).isNull();
    }

    @Test
    void onlySupervisorsAndAdministratorsReadOrDecideTheQueue() {
        as("t-caseworker", Role.CENTER_CASEWORKER);
        try {
            assertThatThrownBy(() -> review.open(Actor.current(), 10)).isInstanceOf(AuthorizationDeniedException.class);
            assertThatThrownBy(() -> review.decide(Actor.current(), "juki", "1", "zei", "2", true, null)).isInstanceOf(AuthorizationDeniedException.class);
            as("t-supervisor", Role.CENTER_SUPERVISOR);
            assertThatThrownBy(() -> review.decide(Actor.current(), "juki", "no-such", "zei", "pair", true, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a pair in the review queue");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void as(String user, Role role) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(user, "n/a",
                AuthorityUtils.createAuthorityList(role.authority())));
    }
}
