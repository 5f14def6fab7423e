package jp.mimamori.server.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jp.mimamori.core.link.IdCarryOver;
import jp.mimamori.core.link.IdentityFiles;
import jp.mimamori.core.link.IdentityRun;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.server.audit.AuditAction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code ./mimamori import-linkage DIR}: stores a linkage run computed elsewhere ({@code ./mimamori spark
 * link} on an extract of {@code export-extracts}) as a finished run, stored exactly as an in-process
 * {@code link} stores its own ({@link IdentityService#store}), so the review queue, the timeline, search
 * and {@code export-links} work as after {@code link}.
 *
 * <p>Administrators only; one transaction (a fault anywhere stores nothing); one run at a time, with
 * {@code link}. Refused unless the files are whole and well-formed (every fault named by file, row and
 * column), and unless they were computed from what the database holds now: the extract's run is still
 * the latest, its loads are still the current ones, its rows are exactly the current rows, carried-over
 * IDs exist and new ones do not, and each registry row's household is the one of its 世帯番号.
 */
@Service
public class LinkageImport {

    private final IdentityService identity;
    private final JdbcClient jdbc;

    public LinkageImport(IdentityService identity, JdbcClient jdbc) {
        this.identity = identity;
        this.jdbc = jdbc;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public IdentityService.RunSummary importRun(Actor actor, Path dir) {
        IdentityFiles.LoadedRun files;
        try {
            files = IdentityFiles.readRun(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("名寄せ結果を読めません / cannot read the linkage run in " + dir + ": " + e.getMessage(), e);
        }
        long runId = identity.startRun(actor);
        Long latest = identity.latestRun(runId).orElse(null);
        if (!Objects.equals(latest, files.info().basedOnRun())) {
            throw refused("抽出の後に名寄せが実行されています（抽出は実行 " + files.info().basedOnRun() + " の後、最新は " + latest + "）。export-extracts からやり直してください",
                    "a linkage run happened after the extract (taken after run " + files.info().basedOnRun() + ", the latest is " + latest
                            + "): its IDs were carried over from older identities; export the extracts again");
        }
        IdentityService.Input in = identity.input();
        List<Long> loads = in.loads();
        if (!loads.equals(files.info().loads())) {
            throw refused("抽出の後に取込データが変わりました（抽出 " + files.info().loads() + "、現在 " + loads + "）",
                    "the current loads changed since the extract (then " + files.info().loads() + ", now " + loads + "): export the extracts again");
        }
        if (!IdentityService.asOf(in).equals(files.info().asOf())) {
            throw refused("基準日が違います", "the run's month ends on " + files.info().asOf() + ", the current loads' on " + IdentityService.asOf(in));
        }
        Map<String, IdentityRun.Link> byKey = new HashMap<>(files.links().size() * 2);
        for (IdentityRun.Link l : files.links()) {
            byKey.put(IdCarryOver.key(l.source(), l.recordId()), l);
        }
        List<IdentityRun.Link> aligned = new ArrayList<>(in.rows().size());
        for (IdentityService.SourceRow r : in.rows()) {
            IdentityRun.Link l = byKey.get(IdCarryOver.key(r.source(), r.recordId()));
            if (l == null) {
                throw refused(IdentityFiles.RECORD_LINKS + " に現在の記録 " + r.source() + ":" + r.recordId() + " がありません",
                        IdentityFiles.RECORD_LINKS + " lacks the current record " + r.source() + ":" + r.recordId());
            }
            aligned.add(l);
        }
        if (aligned.size() != files.links().size()) {
            throw refused(IdentityFiles.RECORD_LINKS + " に現在の取込データにない記録があります（" + (files.links().size() - aligned.size()) + "件）",
                    IdentityFiles.RECORD_LINKS + " has " + (files.links().size() - aligned.size()) + " records the current loads do not have");
        }

        // New persons are those the database does not know; their number must be the run's.
        Set<String> known = new HashSet<>(jdbc.sql("select person_id from person").query(String.class).list());
        List<String> newPersons = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IdentityRun.Link l : aligned) {
            if (seen.add(l.personId()) && !known.contains(l.personId())) {
                newPersons.add(l.personId());
            }
        }
        if (newPersons.size() != files.counts().newPersons()) {
            throw refused("新しい人物の数が違います（ファイル " + files.counts().newPersons() + "、実際 " + newPersons.size() + "）",
                    IdentityFiles.RUN_INFO + " says " + files.counts().newPersons() + " new persons, but " + newPersons.size()
                            + " of its person IDs are unknown here: the run carried IDs over from other identities");
        }
        // Households: the registry's rows' 世帯番号 must name the household each row was given.
        Map<String, String> households = identity.householdIds();
        Map<String, String> newNo = new HashMap<>();
        for (IdCarryOver.NewHousehold h : files.newHouseholds()) {
            if (households.containsKey(h.householdNo()) || households.containsValue(h.householdId())) {
                throw refused(IdentityFiles.NEW_HOUSEHOLDS + " の世帯 " + h.householdNo() + " は既にあります",
                        IdentityFiles.NEW_HOUSEHOLDS + ": household " + h.householdNo() + " / " + h.householdId() + " exists already");
            }
            newNo.put(h.householdId(), h.householdNo());
        }
        Map<String, String> byNo = new HashMap<>(households);
        files.newHouseholds().forEach(h -> byNo.put(h.householdNo(), h.householdId()));
        Map<String, List<IdCarryOver.Row>> rowsOf = new HashMap<>();
        Map<String, IdentityRun.Link> firstOf = new HashMap<>();
        for (int i = 0; i < aligned.size(); i++) {
            IdentityService.SourceRow r = in.rows().get(i);
            rowsOf.computeIfAbsent(aligned.get(i).personId(), k -> new ArrayList<>())
                    .add(new IdCarryOver.Row(r.source(), r.recordId(), r.birth(), in.rowRecords().get(i).household()));
            firstOf.putIfAbsent(aligned.get(i).personId(), aligned.get(i));
        }
        for (Map.Entry<String, List<IdCarryOver.Row>> e : rowsOf.entrySet()) {
            String no = IdCarryOver.householdNo(e.getValue());
            String expected = no == null ? null : byNo.get(no);
            IdentityRun.Link l = firstOf.get(e.getKey());
            if (!Objects.equals(expected, l.householdId())) {
                throw refused(IdentityFiles.RECORD_LINKS + " の " + l.source() + ":" + l.recordId() + " の世帯IDが世帯番号と合いません",
                        IdentityFiles.RECORD_LINKS + ": the household of " + l.source() + ":" + l.recordId() + " is " + l.householdId()
                                + ", but its registry household number " + no + " is " + expected);
            }
        }
        Map<String, String> previous = identity.previousIdentities();
        IdentityRun run = new IdentityRun(aligned, newPersons, files.newHouseholds(), files.review(), files.counts(), files.passes(),
                files.modelJson());
        IdentityService.Computed computed = new IdentityService.Computed(in.rows(), run, IdentityService.changed(aligned, previous), previous.isEmpty());
        return identity.store(runId, actor, computed, AuditAction.LINK_IMPORTED, "imported from " + dir.toAbsolutePath() + ": ");
    }

    private static IllegalArgumentException refused(String ja, String en) {
        return new IllegalArgumentException("取り込めません: " + ja + " / not imported: " + en + "; nothing was stored");
    }
}
