package jp.mimamori.server.assess;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.core.assess.IndicatorBuilder;
import jp.mimamori.core.assess.PuModel;
import jp.mimamori.core.assess.Rule;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.db.Copy;
import jp.mimamori.server.audit.CurrentActor;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.ingest.SourceDefinitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly assessment (issue 7): reads what every department's current extract says about each
 * person of the latest linkage run, computes every resident child's {@link Indicator}s with the core
 * {@link IndicatorBuilder}, flags the children the staff's active rules match (each with the rule's
 * reason, from the {@link RuleBook}), trains the positive–unlabelled {@link PuModel} and ranks the
 * children whose families have not come forward, files the outreach proposals and stores whom the
 * ranking reaches per group. Children who left the city are not assessed. Run by the administrator
 * ({@code ./mimamori assess}); audited.
 */
@Service
public class AssessService {

    public record Summary(long runId, LocalDate asOf, int children, int flagged, List<String> rules, int positives, double labelFrequency,
                          double estimatedPrior, double classPrior, boolean priorGiven, List<String> features) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AuditLog audit;
    private final SourceDefinitions definitions;

    private final java.util.Set<Indicator> excluded;
    private final Double classPrior;
    private final TrainingLabels labels;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final double modelShare;
    private final RuleBook ruleBook;
    private final jp.mimamori.server.time.Times times;
    private final jp.mimamori.server.identity.LinkRuns linkRuns;
    private final jp.mimamori.server.ingest.CurrentLoads currentLoads;

    public AssessService(JdbcClient jdbc, DataSource dataSource, AuditLog audit, SourceDefinitions definitions,
                         @org.springframework.beans.factory.annotation.Value("${mimamori.assess.exclude:}") List<String> excluded,
                         TrainingLabels labels, org.springframework.context.ApplicationEventPublisher events,
                         @org.springframework.beans.factory.annotation.Value("${mimamori.outreach.model-share:0.01}") double modelShare,
                         RuleBook ruleBook,
                         @org.springframework.beans.factory.annotation.Value("${mimamori.assess.class-prior:#{null}}") Double classPrior,
                         jp.mimamori.server.time.Times times, jp.mimamori.server.identity.LinkRuns linkRuns,
                         jp.mimamori.server.ingest.CurrentLoads currentLoads) {
        this.linkRuns = linkRuns;
        this.currentLoads = currentLoads;
        this.times = times;
        this.ruleBook = ruleBook;
        this.classPrior = classPrior;
        this.labels = labels;
        this.events = events;
        this.modelShare = modelShare;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.audit = audit;
        this.definitions = definitions;
        this.excluded = indicators("mimamori.assess.exclude", excluded);
    }

    /** Indicator names as typed in configuration or on the command line; an unknown one is named. */
    public static java.util.Set<Indicator> indicators(String where, List<String> names) {
        java.util.Set<Indicator> ex = java.util.EnumSet.noneOf(Indicator.class);
        for (String e : names) {
            if (!e.isBlank()) {
                try {
                    ex.add(Indicator.valueOf(e.strip()));
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException(where + ": 不明な指標です / unknown indicator: " + e.strip());
                }
            }
        }
        return ex;
    }

    /** A code column's value as its label in the source's definition (extracts store the department's code). */
    private java.util.function.UnaryOperator<String> labels(SourceSystem source, String field) {
        java.util.Map<String, String> codes = definitions.get(source).flatMap(d -> d.definition().columns().stream()
                .filter(c -> c.field().equals(field)).findFirst()).map(c -> c.codes()).orElse(java.util.Map.of());
        return code -> code == null ? null : codes.getOrDefault(code, code);
    }

    /** The run with the configured class prior and exclusions. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Summary run() {
        return run(null, null);
    }

    /**
     * This month's assessment: indicators, rule flags, the model (its scores calibrated to {@code prior}
     * when given, else to the configured prior, else to the Elkan–Noto estimate; {@code exclude}:
     * indicators the model may not use, when null the configured ones), proposals for outreach and
     * the fairness aggregates. Audited.
     *
     * <p>One transaction, one run at a time: a second assessment while this one works is refused at once
     * ({@link jp.mimamori.server.db.RunLock.Busy}, naming this one); a run that fails or is killed
     * leaves no assess_run row, score or proposal, and the previous run stays the latest.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Summary run(Double givenPrior, java.util.Set<Indicator> givenExclusions) {
        Double prior = givenPrior != null ? givenPrior : classPrior;
        java.util.Set<Indicator> exclude = givenExclusions != null ? givenExclusions : excluded;
        if (prior != null && !(prior > 0 && prior < 1)) {
            throw new IllegalArgumentException("事前確率は0より大きく1より小さい値です: " + prior + " / the class prior must be between 0 and 1 exclusive: " + prior);
        }
        // One assessment at a time (two would both file the month's proposals); a second is refused naming this one.
        jp.mimamori.server.db.RunLock.take(jdbc, jp.mimamori.server.db.RunLock.Job.ASSESS, times);
        long link = linkRuns.latest()
                .orElseThrow(() -> new IllegalStateException("名寄せがまだ実行されていません / no linkage run yet: run link first"));
        LocalDate asOf = currentLoads.latestMonth().plusMonths(1).minusDays(1);
        String[] names = Arrays.stream(Indicator.values()).map(Enum::name).toArray(String[]::new);
        // The run's row first (invisible to others until it commits), so that a refused second run can name it.
        long run = jdbc.sql("insert into assess_run (link_run, as_of, indicators, run_by) values (:l, :a, :n, :by) returning id")
                .param("l", link).param("a", asOf).param("n", names).param("by", CurrentActor.name()).query(Long.class).single();
        jp.mimamori.server.db.RunLock.label(jdbc, jp.mimamori.server.db.RunLock.Job.ASSESS, run, CurrentActor.name());
        IndicatorBuilder b = new IndicatorBuilder(asOf);
        jdbc.sql("select person_id, household_id, birth_date, sex, is_child and left_on is null and sources like '%juki%' as child from person_profile")
                .query(rs -> {
                    b.person(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4), rs.getBoolean(5));
                });
        // 住民種別 (resident kind) is never a model input; it is read only to report whom the ranking reaches.
        var residentKind = labels(SourceSystem.JUKI, "resident_kind");
        java.util.Set<String> foreign = new java.util.HashSet<>();
        rows(link, "juki", "r.resident_since::text, r.resident_kind", rs -> {
            b.residentSince(rs.getString(1), date(rs, 2));
            if ("外国人".equals(residentKind.apply(rs.getString(3)))) {
                foreign.add(rs.getString(1));
            }
        });
        var kind = labels(SourceSystem.KENKO, "kind");
        var status = labels(SourceSystem.KENKO, "status");
        rows(link, "kenko", "r.kind, r.item, r.due::text, r.done::text, r.status, r.specified_pregnancy", rs -> {
            switch (String.valueOf(kind.apply(rs.getString(2)))) {
                case "乳幼児健診" -> b.healthCheck(rs.getString(1), rs.getString(3), date(rs, 4), date(rs, 5), status.apply(rs.getString(6)));
                case "予防接種" -> b.vaccination(rs.getString(1), date(rs, 4), date(rs, 5), status.apply(rs.getString(6)));
                case "妊娠届" -> b.pregnancy(rs.getString(1), "true".equals(rs.getString(7)));
                default -> { }
            }
        });
        // Attendance of the last three months, from the current load and the history of earlier months: stored
        // loads only (never one held for confirmation or rejected), none withdrawn by a roll back; for the
        // current load's month that load alone, and before it the latest stored load of each month.
        jdbc.sql("""
                select k.person_id, r.month, coalesce(r.absent_days, 0), coalesce(r.nurse_room_days, 0)
                from extract_record r
                join record_link k on k.run_id = :run and k.source_code = 'komu' and k.record_id = r.record_id
                where r.source_code = 'komu' and r.stored
                  and r.month > :from and r.month <= :to
                  and (r.current or r.month < :current)
                order by r.month, r.load_id""")
                .param("run", link).param("from", asOf.minusMonths(3)).param("to", asOf)
                // Before any current komu load no earlier month counts either (the old sub-select compared with null).
                .param("current", currentLoads.currentMonth("komu").orElse(LocalDate.of(1, 1, 1)))
                .query(rs -> {
                    b.attendance(rs.getString(1), YearMonth.from(rs.getObject(2, LocalDate.class)), rs.getInt(3), rs.getInt(4));
                });
        var allowance = labels(SourceSystem.TEATE, "allowance");
        var payment = labels(SourceSystem.TEATE, "payment");
        rows(link, "teate", "r.allowance, r.payment",
                rs -> b.allowance(rs.getString(1), allowance.apply(rs.getString(2)), payment.apply(rs.getString(3))));
        var aid = labels(SourceSystem.GAKUREI, "school_aid");
        rows(link, "gakurei", "r.school_aid", rs -> b.schoolAid(rs.getString(1), aid.apply(rs.getString(2))));
        rows(link, "shogai", "1", rs -> b.disability(rs.getString(1)));
        var assistance = labels(SourceSystem.SEIHO, "assistance_status");
        rows(link, "seiho", "r.assistance_status", rs -> b.assistance(rs.getString(1), assistance.apply(rs.getString(2))));
        var band = labels(SourceSystem.ZEI, "tax_band");
        rows(link, "zei", "r.tax_band, r.arrears", rs -> b.tax(rs.getString(1), band.apply(rs.getString(2)), "true".equals(rs.getString(3))));
        var enrolment = labels(SourceSystem.KOSODATE, "enrolment");
        rows(link, "kosodate", "r.enrolment", rs -> b.childcare(rs.getString(1), enrolment.apply(rs.getString(2))));
        // Previous consultations: the centre's own records, and the centre extract's rows not imported into them.
        jdbc.sql("""
                select s.person_id, (k.received_at at time zone :zone)::date from consultation k join consultation_child cc on cc.consultation_id = k.id
                join child_subject s on s.id = cc.child_id where s.person_id is not null""")
                .param("zone", times.zoneId())
                .query(rs -> {
                    b.consultation(rs.getString(1), rs.getObject(2, LocalDate.class));
                });
        rows(link, "soudan", "r.received::text, exists (select 1 from consultation c where c.consultation_no = r.record_id)", rs -> {
            if (!rs.getBoolean(3)) {
                b.consultation(rs.getString(1), date(rs, 2));
            }
        });

        List<IndicatorBuilder.Result> results = b.compute();
        List<Rule> rules = ruleBook.active();
        StringBuilder values = new StringBuilder();
        StringBuilder flags = new StringBuilder();
        int flagged = 0;
        for (IndicatorBuilder.Result r : results) {
            values.append(run).append(',').append(r.personId()).append(',').append(r.ageYears()).append(",\"{");
            for (int i = 0; i < r.values().length; i++) {
                values.append(i == 0 ? "" : ",").append((float) r.values()[i]);
            }
            values.append("}\"\n");
            boolean any = false;
            for (Rule rule : rules) {
                if (rule.matches(r)) {
                    flags.append(run).append(',').append(r.personId()).append(',').append(rule.code()).append(',').append(rule.version())
                            .append(",\"").append(rule.reasonJa().replace("\"", "\"\"")).append("\"\n");
                    any = true;
                }
            }
            flagged += any ? 1 : 0;
        }
        copy("COPY child_indicator (run_id, person_id, age, vals) FROM STDIN WITH (FORMAT csv)", values);
        copy("COPY rule_flag (run_id, person_id, rule_code, rule_version, reason_ja) FROM STDIN WITH (FORMAT csv)", flags);

        // The families who came to the centre, and the children an outreach connected to support, are the
        // positives; the rest are unlabelled.
        java.util.Set<String> came = new java.util.HashSet<>(labels.connected());
        for (IndicatorBuilder.Result r : results) {
            if (r.get(Indicator.CONSULTATIONS) > 0) {
                came.add(r.personId());
            }
        }
        PuModel.Fitted model = new PuModel(exclude, 150, 1).fit(results, came, prior);
        List<PuModel.Score> ranked = model.scores().stream().filter(s -> !came.contains(s.personId()))
                .sorted(java.util.Comparator.comparingDouble((PuModel.Score s) -> -s.ranking()).thenComparing(PuModel.Score::personId)).toList();
        java.util.Map<String, Integer> rank = new java.util.HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            rank.put(ranked.get(i).personId(), i + 1);
        }
        StringBuilder scores = new StringBuilder();
        for (PuModel.Score s : model.scores()) {
            Integer k = rank.get(s.personId());
            scores.append(run).append(',').append(s.personId()).append(',').append(s.score()).append(',').append(k == null ? "" : k)
                    .append(",\"").append(text(s.raised())).append("\",\"").append(text(s.lowered())).append("\"\n");
        }
        copy("COPY child_score (run_id, person_id, score, rank, raised, lowered) FROM STDIN WITH (FORMAT csv)", scores);
        // outreach files the proposals from the event, in this transaction (AssessmentProposals), and says how many.
        AssessmentCompleted completed = new AssessmentCompleted(run, asOf, proposals(run, ranked, came), new java.util.concurrent.atomic.AtomicInteger());
        events.publishEvent(completed);
        int proposed = completed.filed().get();
        groupStats(run, results, came, ranked, foreign);
        jdbc.sql("""
                update assess_run set children = :c, flagged = :f, positives = :p, label_frequency = :lf, class_prior = :cp, features = :fe,
                       estimated_prior = :ep, prior_configured = :pc, finished_at = now() where id = :id""")
                .param("c", results.size()).param("f", flagged).param("p", model.positives()).param("lf", model.labelFrequency())
                .param("cp", model.classPrior()).param("fe", model.features().toArray(String[]::new)).param("ep", model.estimatedPrior())
                .param("pc", model.priorGiven()).param("id", run).update();
        List<String> ruleNames = rules.stream().map(r -> r.code() + " v" + r.version()).toList();
        audit.record(CurrentActor.event(AuditAction.ASSESS_RUN, "assess_run:" + run, "as of " + asOf + ": " + results.size() + " children, "
                + flagged + " flagged by " + ruleNames + "; model: " + model.positives() + " positives, c=" + String.format("%.3f", model.labelFrequency())
                + ", estimated prior=" + String.format("%.3f", model.estimatedPrior())
                + (model.priorGiven() ? ", calibrated to the given prior " + model.classPrior() : "") + ", inputs " + model.features() + "; "
                + proposed + " proposed for outreach"));
        return new Summary(run, asOf, results.size(), flagged, ruleNames, model.positives(), model.labelFrequency(), model.estimatedPrior(),
                model.classPrior(), model.priorGiven(), model.features());
    }

    /**
     * This month's outreach proposals: every child a rule flagged and the model's top
     * {@code mimamori.outreach.model-share} (default 1%, at least 10) of the children whose families have
     * not come forward, with the rules' reasons and the model's strongest factors.
     */
    private List<AssessmentCompleted.Candidate> proposals(long run, List<PuModel.Score> ranked, java.util.Set<String> came) {
        java.util.Map<String, List<String[]>> flags = new java.util.HashMap<>();
        jdbc.sql("select person_id, rule_code, reason_ja from rule_flag where run_id = :r").param("r", run).query(rs -> {
            flags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2), rs.getString(3)});
        });
        java.util.Set<String> openCase = new java.util.HashSet<>(jdbc.sql("""
                select s.person_id from case_file c join child_subject s on s.id = c.child_id where c.status <> 'CLOSED' and s.person_id is not null""")
                .query(String.class).list());
        int top = Math.max(10, (int) Math.round(ranked.size() * modelShare));
        java.util.Map<String, AssessmentCompleted.Candidate> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            PuModel.Score s = ranked.get(i);
            List<String[]> f = flags.getOrDefault(s.personId(), List.of());
            if (i >= top && f.isEmpty()) {
                continue;
            }
            List<String> why = new ArrayList<>();
            f.forEach(x -> why.add(x[1]));
            s.raised().stream().limit(3).forEach(r -> why.add(r.textJa()));
            java.util.Set<String> codes = new java.util.TreeSet<>();
            f.forEach(x -> codes.add(x[0]));
            out.put(s.personId(), new AssessmentCompleted.Candidate(s.personId(), s.score(), i + 1,
                    why.isEmpty() ? "複数の要因の組み合わせ" : String.join("、", why), codes, openCase.contains(s.personId())));
        }
        return new ArrayList<>(out.values());
    }

    /** A reporting group: the dimension, the group's label, and who is in it. */
    private record Group(String dimension, String label, java.util.function.Predicate<IndicatorBuilder.Result> member) {
    }

    /**
     * Whom the ranking reaches, per group (ひとり親 proxy, nationality, disability): children, those who
     * came forward, and how many of the rest the model ranks in its top 5%. Stored as aggregates for
     * the statistics page; a group's share far below the others' is what a reviewer looks for.
     */
    private void groupStats(long run, List<IndicatorBuilder.Result> results, java.util.Set<String> came, List<PuModel.Score> ranked,
                            java.util.Set<String> foreign) {
        java.util.function.Predicate<IndicatorBuilder.Result> single = r -> r.get(Indicator.CHILD_REARING_ALLOWANCE) > 0;
        java.util.function.Predicate<IndicatorBuilder.Result> foreignP = r -> foreign.contains(r.personId());
        java.util.function.Predicate<IndicatorBuilder.Result> disabled = r -> r.get(Indicator.DISABILITY_CHILD) > 0 || r.get(Indicator.DISABILITY_PARENT) > 0;
        List<Group> groups = List.of(
                new Group("household", "ひとり親（児童扶養手当）/ single parent (allowance)", single),
                new Group("household", "その他の世帯 / other households", single.negate()),
                new Group("nationality", "外国人住民 / foreign residents", foreignP),
                new Group("nationality", "日本人住民 / Japanese residents", foreignP.negate()),
                new Group("disability", "障害あり（こども・保護者）/ disability (child or parent)", disabled),
                new Group("disability", "障害なし / no disability", disabled.negate()));
        int cut = (int) Math.ceil(ranked.size() * 0.05);
        java.util.Map<String, Integer> rank = new java.util.HashMap<>();
        java.util.Map<String, Double> score = new java.util.HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            rank.put(ranked.get(i).personId(), i);
            score.put(ranked.get(i).personId(), ranked.get(i).score());
        }
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            int children = 0;
            int cameN = 0;
            int rankedN = 0;
            int top = 0;
            double sum = 0;
            for (IndicatorBuilder.Result r : results) {
                if (!g.member().test(r)) {
                    continue;
                }
                children++;
                if (came.contains(r.personId())) {
                    cameN++;
                }
                Integer k = rank.get(r.personId());
                if (k != null) {
                    rankedN++;
                    sum += score.get(r.personId());
                    top += k < cut ? 1 : 0;
                }
            }
            jdbc.sql("""
                    insert into assess_group_stat (run_id, dimension, grp, sort, children, came, ranked, top5, mean_score)
                    values (:r, :d, :g, :s, :n, :c, :k, :t, :m)""")
                    .param("r", run).param("s", gi).param("d", g.dimension()).param("g", g.label()).param("n", children).param("c", cameN).param("k", rankedN)
                    .param("t", top).param("m", rankedN == 0 ? null : sum / rankedN).update();
        }
    }

    private static String text(List<PuModel.Reason> reasons) {
        return String.join("、", reasons.stream().map(PuModel.Reason::textJa).toList()).replace("\"", "\"\"");
    }

    /** {@code child_id,score,rank,top_reasons} of the latest run, best first: for the administrator (audited). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public long exportScores(java.io.Writer out, boolean withIndicators) throws java.io.IOException {
        long run = jdbc.sql("select max(id) from assess_run where finished_at is not null").query(Long.class).optional()
                .orElseThrow(() -> new IllegalStateException("評価がまだ実行されていません / no assessment yet: run assess first"));
        long[] n = {0};
        // Reasons name staff-edited rules: through SafeCsv like every CSV we write; scores and indicators are numeric cells.
        try (jp.mimamori.core.csv.SafeCsv csv = new jp.mimamori.core.csv.SafeCsv(out, "\n")) {
            List<String> header = new ArrayList<>(List.of("child_id", "score", "rank", "top_reasons"));
            if (withIndicators) {
                header.add("age");
                Arrays.stream(Indicator.values()).forEach(i -> header.add(i.name().toLowerCase()));
            }
            csv.printRecord(header);
            jdbc.sql("""
                    select s.person_id, s.score, s.rank, s.raised, c.age, c.vals from child_score s
                    join child_indicator c on c.run_id = s.run_id and c.person_id = s.person_id
                    where s.run_id = :r and s.rank is not null order by s.rank""")
                    .param("r", run).query(rs -> {
                        try {
                            List<Object> row = new ArrayList<>(java.util.Arrays.asList(rs.getString(1), jp.mimamori.core.csv.SafeCsv.decimal(rs.getDouble(2), 4), rs.getInt(3),
                                    rs.getString(4)));
                            if (withIndicators) {
                                row.add(rs.getInt(5));
                                for (Float v : (Float[]) rs.getArray(6).getArray()) {
                                    row.add(v % 1 == 0 ? (Object) v.intValue() : new java.math.BigDecimal(v.toString()));
                                }
                            }
                            csv.printRecord(row);
                            n[0]++;
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
        audit.record(CurrentActor.event(AuditAction.SCORES_EXPORTED, "assess_run:" + run, n[0] + " children"));
        return n[0];
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Every row of a source's current load linked in the run: the person, then the given expressions. */
    private void rows(long run, String source, String columns, Row row) {
        jdbc.sql("""
                select k.person_id, %s from record_link k
                join extract_record r on r.current and r.source_code = k.source_code and r.record_id = k.record_id
                where k.run_id = :run and k.source_code = :s""".formatted(columns))
                .param("run", run).param("s", source).query(rs -> {
                    row.accept(rs);
                });
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        String s = rs.getString(column);
        return s == null || s.isEmpty() ? null : LocalDate.parse(s);
    }

    private void copy(String sql, StringBuilder data) {
        Copy.in(dataSource, sql, data);
    }
}
