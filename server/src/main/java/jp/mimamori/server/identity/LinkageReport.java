package jp.mimamori.server.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.mimamori.core.link.Field;
import jp.mimamori.core.link.LinkageEngine;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a linkage run decided by (/center/linkage): the model it saved ({@code link_run.model}: m, u and
 * the weight of every level of every field, λ, thresholds, the twins rule, the learning sessions and the
 * notes), each blocking pass's counts ({@code link_run.blocking}), and the runs to choose from.
 * CENTER_SUPERVISOR and ADMIN only; every look is audited, as the administrator's load page is.
 *
 * <p>The model holds no record, but its name frequencies are counted from residents' names: only how
 * many names each holds is read here, computed by the database; the names never leave it.
 */
@Service
public class LinkageReport {

    /** Runs listed per page (newest first). Linkage runs monthly: one page is four years of runs. */
    public static final int PAGE = 50;

    public record Run(long id, OffsetDateTime finishedAt, String runBy, long records, long persons, long newPersons, long keptPersons,
                      long candidatePairs, long matchedPairs, long reviewPairs) {
    }

    /** One page of runs; {@code older} is the {@code before} of the next page, null on the last. */
    public record Runs(List<Run> runs, Long older, long total) {
    }

    /** One level of a field: m and u as shown, the weight log2(m/u) in bits (0 for missing, which weighs nothing). */
    public record Level(String labelJa, String labelEn, String m, String u, double bits, boolean missing) {
    }

    public record FieldModel(String labelJa, String labelEn, List<Level> levels) {
    }

    /**
     * A run's model. {@code twinBits} 0 means the twins rule was off for the run; {@code surnames} and
     * {@code givens} are how many names the frequency tables hold (null if the model has none).
     */
    public record ModelView(String lambda, double priorBits, double match, double matchBits, double review, double reviewBits,
                            double twinBits, int iterations, List<FieldModel> fields, List<String> sessions, List<String> notes,
                            Long surnames, Long givens, double scale) {
    }

    public record Pass(int no, String nameJa, String nameEn, long comparisons, long droppedBlocks, long droppedRecords, double perRecord) {
    }

    /**
     * A run with what it stored: {@code model} is null when the run stored none (runs from before models
     * were kept) or it cannot be read ({@code modelProblem} says why); {@code passes} is empty when the run
     * stored no blocking counts.
     */
    public record Report(Run run, boolean latest, ModelView model, String modelProblem, List<Pass> passes) {
    }

    private static final java.util.regex.Pattern BILINGUAL = java.util.regex.Pattern.compile("\\s*/\\s+");

    private static final String RUN = """
            id, finished_at, run_by, records, persons, new_persons, kept_persons, candidate_pairs, matched_pairs, review_pairs""";

    private final JdbcClient jdbc;
    private final IdentityService identity;
    private final AuditLog audit;

    public LinkageReport(JdbcClient jdbc, IdentityService identity, AuditLog audit) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.audit = audit;
    }

    /** The run {@code id}, or the latest finished run when {@code id} is null (empty if there is none yet). Audited. */
    @PreAuthorize("hasAnyRole('CENTER_SUPERVISOR', 'ADMIN')")
    public Optional<Report> report(Actor actor, Long id) {
        Optional<Long> latest = identity.latestRun(-1);
        Optional<Stored> stored = jdbc.sql("select " + RUN + """
                        , (model - 'surname_tf' - 'given_tf')::text as model,
                          case when jsonb_typeof(model->'twin_bits') = 'number' then (model->>'twin_bits')::float8 end as twin_bits,
                          case when jsonb_typeof(model->'surname_tf') = 'object' then (select count(*) from jsonb_object_keys(model->'surname_tf')) end as surnames,
                          case when jsonb_typeof(model->'given_tf') = 'object' then (select count(*) from jsonb_object_keys(model->'given_tf')) end as givens
                        from link_run where id = :id and finished_at is not null""")
                .param("id", id != null ? id : latest.orElse(-1L))
                .query((rs, i) -> {
                    String json = rs.getString("model");
                    if (json == null) {
                        return new Stored(run(rs), null, null);
                    }
                    try {
                        return new Stored(run(rs), model(jp.mimamori.core.link.Model.fromJson(json), (Double) rs.getObject("twin_bits"),
                                (Long) rs.getObject("surnames"), (Long) rs.getObject("givens")), null);
                    } catch (IllegalArgumentException e) {
                        return new Stored(run(rs), null, LinkLabels.words(e.getMessage()));
                    }
                })
                .optional();
        if (id != null && stored.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "名寄せの実行 " + id + " はありません / no linkage run " + id);
        }
        Optional<Report> report = stored.map(s -> new Report(s.run(), latest.isPresent() && latest.get() == s.run().id(), s.model(), s.problem(),
                passes(s.run())));
        audit.record(actor.event(AuditAction.LINK_MODEL_VIEWED, report.map(r -> "link_run:" + r.run().id()).orElse("link_run"),
                report.isPresent() ? "model and blocking" : "no linkage run yet"));
        return report;
    }

    /** A run's row with its model read (or why it could not be). */
    private record Stored(Run run, ModelView model, String problem) {
    }

    /** A page of finished runs, newest first: those before run {@code before} (all when null). */
    @PreAuthorize("hasAnyRole('CENTER_SUPERVISOR', 'ADMIN')")
    public Runs runs(Long before) {
        List<Run> runs = jdbc.sql("select " + RUN + " from link_run where finished_at is not null and id < :before order by id desc limit :n")
                .param("before", before == null ? Long.MAX_VALUE : before).param("n", PAGE + 1)
                .query((rs, i) -> run(rs)).list();
        long total = jdbc.sql("select count(*) from link_run where finished_at is not null").query(Long.class).single();
        boolean more = runs.size() > PAGE;
        List<Run> page = more ? runs.subList(0, PAGE) : runs;
        return new Runs(List.copyOf(page), more ? page.get(PAGE - 1).id() : null, total);
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(rs.getLong("id"), rs.getObject("finished_at", OffsetDateTime.class), rs.getString("run_by"), rs.getLong("records"),
                rs.getLong("persons"), rs.getLong("new_persons"), rs.getLong("kept_persons"), rs.getLong("candidate_pairs"),
                rs.getLong("matched_pairs"), rs.getLong("review_pairs"));
    }

    /** Each blocking pass as the run stored it (IdentityService writes pass, comparisons, skipped_blocks, skipped_records), in order. */
    private List<Pass> passes(Run run) {
        return jdbc.sql("""
                select b.n, b.e->>'pass' as pass, coalesce((b.e->>'comparisons')::bigint, 0) as comparisons,
                       coalesce((b.e->>'skipped_blocks')::bigint, 0) as blocks, coalesce((b.e->>'skipped_records')::bigint, 0) as records
                from link_run r, jsonb_array_elements(case when jsonb_typeof(r.blocking) = 'array' then r.blocking else '[]'::jsonb end)
                     with ordinality b(e, n)
                where r.id = :id order by b.n""")
                .param("id", run.id())
                .query((rs, i) -> {
                    // The engine names a pass "日本語 / English" (sometimes "…）/ English").
                    String[] name = BILINGUAL.split(rs.getString("pass") == null ? "" : rs.getString("pass"), 2);
                    long comparisons = rs.getLong("comparisons");
                    return new Pass(rs.getInt("n"), name[0], name.length > 1 ? name[1] : null,
                            comparisons, rs.getLong("blocks"), rs.getLong("records"), run.records() > 0 ? comparisons / (double) run.records() : 0);
                })
                .list();
    }

    static ModelView model(jp.mimamori.core.link.Model m, Double twinBits, Long surnames, Long givens) {
        List<FieldModel> fields = new ArrayList<>();
        double scale = 1;
        for (Field f : Field.values()) {
            List<Level> levels = new ArrayList<>();
            for (int l = 0; l < f.levels(); l++) {
                double bits = m.weight(f, l);
                scale = Math.max(scale, Math.abs(bits));
                levels.add(new Level(f.levelJa(l), LinkLabels.level(f.levelJa(l)), probability(m.m(f, l)), probability(m.u(f, l)), bits, f.isMissing(l)));
            }
            fields.add(new FieldModel(f.labelJa(), LinkLabels.field(f.labelJa()), levels));
        }
        return new ModelView(probability(m.lambda()), m.priorWeight(), m.matchThreshold(), logOdds(m.matchThreshold()), m.reviewThreshold(),
                logOdds(m.reviewThreshold()), twinBits != null ? twinBits : LinkageEngine.TWIN_BITS, m.iterations(), fields, m.sessions(),
                m.notes().stream().map(LinkLabels::words).toList(), surnames, givens, Math.ceil(scale));
    }

    /** log2(p / (1 − p)): the weight at which a pair's match probability is p. */
    static double logOdds(double p) {
        return Math.log(p / (1 - p)) / Math.log(2);
    }

    private static final String SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /**
     * A probability as staff read it: four significant digits ({@code 0.9512}, {@code 0.003104}); below
     * 0.001 as a power of ten ({@code 2.513×10⁻⁶}), never Java's {@code 2.513e-06}.
     */
    static String probability(double p) {
        if (!(p > 0) || !Double.isFinite(p)) {
            return String.valueOf(p);
        }
        if (p >= 0.001) {
            return new java.math.BigDecimal(p).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        int exponent = (int) Math.floor(Math.log10(p));
        double mantissa = p / Math.pow(10, exponent);
        if (mantissa >= 9.9995) {
            mantissa /= 10;
            exponent++;
        }
        StringBuilder e = new StringBuilder("⁻");
        for (char c : String.valueOf(-exponent).toCharArray()) {
            e.append(SUPERSCRIPT.charAt(c - '0'));
        }
        return String.format(Locale.ROOT, "%.3f×10", mantissa) + e;
    }
}
