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
import jp.mimamori.core.assess.Assessment;
import jp.mimamori.core.assess.AssessmentFiles;
import jp.mimamori.core.assess.Fact;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.core.assess.IndicatorBuilder;
import jp.mimamori.core.assess.PuModel;
import jp.mimamori.core.assess.Rule;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.db.Copy;
import jp.mimamori.server.audit.Actor;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.server.ingest.SourceDefinitions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly assessment (issue 7): reads what every department's current extract says about each
 * person of the latest linkage run as core {@link Fact}s, hands them with the staff's active rules (from
 * the {@link RuleBook}) and the children outreach connected to the core {@link Assessment} (indicators,
 * rule flags, the positive–unlabelled {@link PuModel}'s scores, ranks and reasons, proposals, whom the
 * ranking reaches per group), and stores what it decided; the outreach proposals are filed through the
 * outreach feature. Only the SQL in and out lives here, so that a run on Spark computes the same and
 * {@link #importRun} stores it the same way. Children who left the city are not assessed. Run by the
 * administrator ({@code ./mimamori assess}); audited.
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
    public Summary run(Actor actor) {
        return run(actor, null, null);
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
    public Summary run(Actor actor, Double givenPrior, java.util.Set<Indicator> givenExclusions) {
        Double prior = givenPrior != null ? givenPrior : classPrior;
        java.util.Set<Indicator> exclude = givenExclusions != null ? givenExclusions : excluded;
        if (prior != null && !(prior > 0 && prior < 1)) {
            throw new IllegalArgumentException("事前確率は0より大きく1より小さい値です: " + prior + " / the class prior must be between 0 and 1 exclusive: " + prior);
        }
        // One assessment at a time (two would both file the month's proposals); a second is refused naming this one.
        jp.mimamori.server.db.RunLock.take(jdbc, jp.mimamori.server.db.RunLock.Job.ASSESS, times);
        long link = latestLink();
        LocalDate asOf = asOf();
        String[] names = Arrays.stream(Indicator.values()).map(Enum::name).toArray(String[]::new);
        // The run's row first (invisible to others until it commits), so that a refused second run can name it.
        long run = jdbc.sql("insert into assess_run (link_run, as_of, indicators, run_by) values (:l, :a, :n, :by) returning id")
                .param("l", link).param("a", asOf).param("n", names).param("by", actor.name()).query(Long.class).single();
        jp.mimamori.server.db.RunLock.label(jdbc, jp.mimamori.server.db.RunLock.Job.ASSESS, run, actor.name());
        Assessment.Settings settings = new Assessment.Settings(asOf, prior, exclude, modelShare);
        List<Rule> rules = ruleBook.active();
        Assessment.Outcome outcome = Assessment.assess(settings, facts(link, asOf), rules, labels.connected());
        int proposed = store(run, outcome);
        PuModel.Fitted model = outcome.model();
        List<String> ruleNames = rules.stream().map(r -> r.code() + " v" + r.version()).toList();
        audit.record(actor.event(AuditAction.ASSESS_RUN, "assess_run:" + run, "as of " + asOf + ": " + outcome.children().size() + " children, "
                + outcome.flagged() + " flagged by " + ruleNames + "; model: " + model.positives() + " positives, c=" + String.format("%.3f", model.labelFrequency())
                + ", estimated prior=" + String.format("%.3f", model.estimatedPrior())
                + (model.priorGiven() ? ", calibrated to the given prior " + model.classPrior() : "") + ", inputs " + model.features() + "; "
                + proposed + " proposed for outreach"));
        return new Summary(run, asOf, outcome.children().size(), outcome.flagged(), ruleNames, model.positives(), model.labelFrequency(),
                model.estimatedPrior(), model.classPrior(), model.priorGiven(), model.features());
    }

    /**
     * Writes what {@link #run} would assess now as files beside the linkage extract
     * ({@link AssessmentFiles}: the facts per person, the active rules, the children outreach connected, the
     * settings): the input of {@code ./mimamori spark assess}. Names and fields of people leave the
     * database: ADMIN only, audited. Returns the facts written.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public long exportInputs(Actor actor, java.nio.file.Path dir) throws IOException {
        long link = latestLink();
        LocalDate asOf = asOf();
        List<Fact> facts = facts(link, asOf);
        AssessmentFiles.writeInputs(dir, link, new Assessment.Settings(asOf, classPrior, excluded, modelShare), facts, ruleBook.active(),
                labels.connected());
        // Audited as the linkage extract beside it is (a new action would change the frozen architecture baseline).
        audit.record(actor.event(AuditAction.LINK_EXPORTED, "assess-inputs:link_run:" + link, facts.size() + " assessment facts as of " + asOf + " to " + dir));
        return facts.size();
    }

    /**
     * Stores an assessment computed elsewhere ({@code ./mimamori spark assess --out DIR}) as a finished
     * run, exactly as {@link #run} stores its own: indicators, flags, scores, ranks and reasons, the group
     * figures, and the outreach proposals filed the same way. The whole folder is read and checked before
     * anything is stored (a file that cannot be read is named with its row and column); it must assess the
     * latest linkage run, its children must be persons of that run and its rules versions the rule book
     * holds. One transaction; ADMIN only; audited.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Summary importRun(Actor actor, java.nio.file.Path dir) {
        AssessmentFiles.Finished f;
        try {
            f = AssessmentFiles.readOutcome(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("評価結果を読めません / cannot read the assessment in " + dir + ": " + e.getMessage(), e);
        }
        Assessment.Outcome o = f.outcome();
        long link = latestLink();
        if (f.linkRun() != link) {
            throw new IllegalArgumentException(AssessmentFiles.RESULT + " 列 link_run: 最新の名寄せ（" + link + "）ではなく " + f.linkRun()
                    + " を評価しています。export-extracts からやり直してください / " + AssessmentFiles.RESULT + " column link_run: it assesses linkage run "
                    + f.linkRun() + ", not the latest (" + link + "): export the extracts and assess again");
        }
        java.util.Set<String> persons = new java.util.HashSet<>(jdbc.sql("select distinct person_id from identity_record_link_v where run_id = :r")
                .param("r", link).query(String.class).list());
        for (int i = 0; i < o.children().size(); i++) {
            String id = o.children().get(i).personId();
            if (!persons.contains(id)) {
                throw new IllegalArgumentException(AssessmentFiles.CHILDREN + " 列 person_id: 名寄せ " + link + " にいない人です: " + id + " / "
                        + AssessmentFiles.CHILDREN + " column person_id: not a person of linkage run " + link + ": " + id);
            }
        }
        java.util.Set<String> versions = new java.util.HashSet<>(jdbc.sql("select code || ' v' || version from assess_rule").query(String.class).list());
        for (Assessment.Flag fl : o.flags()) {
            if (!versions.contains(fl.ruleCode() + " v" + fl.ruleVersion())) {
                throw new IllegalArgumentException(AssessmentFiles.FLAGS + " 列 rule_code: ルール帳にない版です: " + fl.ruleCode() + " v" + fl.ruleVersion() + " / "
                        + AssessmentFiles.FLAGS + " column rule_code: no such rule version: " + fl.ruleCode() + " v" + fl.ruleVersion());
            }
        }
        jp.mimamori.server.db.RunLock.take(jdbc, jp.mimamori.server.db.RunLock.Job.ASSESS, times);
        LocalDate asOf = o.settings().asOf();
        String[] names = Arrays.stream(Indicator.values()).map(Enum::name).toArray(String[]::new);
        long run = jdbc.sql("insert into assess_run (link_run, as_of, indicators, run_by) values (:l, :a, :n, :by) returning id")
                .param("l", link).param("a", asOf).param("n", names).param("by", actor.name()).query(Long.class).single();
        jp.mimamori.server.db.RunLock.label(jdbc, jp.mimamori.server.db.RunLock.Job.ASSESS, run, actor.name());
        int proposed = store(run, o);
        PuModel.Fitted model = o.model();
        List<String> ruleNames = o.flags().stream().map(x -> x.ruleCode() + " v" + x.ruleVersion()).distinct().sorted().toList();
        audit.record(actor.event(AuditAction.ASSESS_RUN, "assess_run:" + run, "imported from " + dir + ", as of " + asOf + ": " + o.children().size()
                + " children, " + o.flagged() + " flagged; model: " + model.positives() + " positives, c=" + String.format("%.3f", model.labelFrequency())
                + "; " + proposed + " proposed for outreach"));
        return new Summary(run, asOf, o.children().size(), o.flagged(), ruleNames, model.positives(), model.labelFrequency(), model.estimatedPrior(),
                model.classPrior(), model.priorGiven(), model.features());
    }

    /** The latest finished linkage run, the one an assessment reads. */
    long latestLink() {
        return linkRuns.latest()
                .orElseThrow(() -> new IllegalStateException("名寄せがまだ実行されていません / no linkage run yet: run link first"));
    }

    /** The day an assessment now is as of: the end of the current extracts' month. */
    LocalDate asOf() {
        return currentLoads.latestMonth().plusMonths(1).minusDays(1);
    }

    /**
     * What every department's current extract says about each person of linkage run {@code link}, as the
     * core {@link Assessment} reads it: code columns as their labels, the persons' keys (their least
     * {@code source:record_id}, byte order), the consultations the centre holds.
     */
    List<Fact> facts(long link, LocalDate asOf) {
        List<Fact> facts = new ArrayList<>();
        jdbc.sql("""
                select p.person_id, p.household_id, p.birth_date, p.sex, p.is_child and p.left_on is null and p.sources like '%juki%' as child, k.key
                from identity_person_v p left join (select person_id, min(source_code || ':' || record_id collate "C") as key from identity_record_link_v
                                                 where run_id = :run group by person_id) k on k.person_id = p.person_id""")
                .param("run", link)
                .query(rs -> {
                    facts.add(new Fact.Person(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4), rs.getBoolean(5),
                            rs.getString(6)));
                });
        // 住民種別 (resident kind) is never a model input; it is read only to report whom the ranking reaches.
        var residentKind = labels(SourceSystem.JUKI, "resident_kind");
        rows(link, "juki", "r.resident_since::text, r.resident_kind",
                rs -> facts.add(new Fact.Residence(rs.getString(1), date(rs, 2), "外国人".equals(residentKind.apply(rs.getString(3))))));
        var kind = labels(SourceSystem.KENKO, "kind");
        var status = labels(SourceSystem.KENKO, "status");
        rows(link, "kenko", "r.kind, r.item, r.due::text, r.done::text, r.status, r.specified_pregnancy", rs -> {
            switch (String.valueOf(kind.apply(rs.getString(2)))) {
                case "乳幼児健診" -> facts.add(new Fact.HealthCheck(rs.getString(1), rs.getString(3), date(rs, 4), date(rs, 5), status.apply(rs.getString(6))));
                case "予防接種" -> facts.add(new Fact.Vaccination(rs.getString(1), date(rs, 4), date(rs, 5), status.apply(rs.getString(6))));
                case "妊娠届" -> facts.add(new Fact.Pregnancy(rs.getString(1), "true".equals(rs.getString(7))));
                default -> { }
            }
        });
        // Attendance of the last three months, from the current load and the history of earlier months: stored
        // loads only (never one held for confirmation or rejected), none withdrawn by a roll back; for the
        // current load's month that load alone, and before it the latest stored load of each month.
        jdbc.sql("""
                select k.person_id, r.month, coalesce(r.absent_days, 0), coalesce(r.nurse_room_days, 0)
                from extract_record r
                join identity_record_link_v k on k.run_id = :run and k.source_code = 'komu' and k.record_id = r.record_id
                where r.source_code = 'komu' and r.stored
                  and r.month > :from and r.month <= :to
                  and (r.current or r.month < :current)
                order by r.month, r.load_id""")
                .param("run", link).param("from", asOf.minusMonths(3)).param("to", asOf)
                // Before any current komu load no earlier month counts either (the old sub-select compared with null).
                .param("current", currentLoads.currentMonth("komu").orElse(LocalDate.of(1, 1, 1)))
                .query(rs -> {
                    facts.add(new Fact.Attendance(rs.getString(1), YearMonth.from(rs.getObject(2, LocalDate.class)), rs.getInt(3), rs.getInt(4)));
                });
        var allowance = labels(SourceSystem.TEATE, "allowance");
        var payment = labels(SourceSystem.TEATE, "payment");
        rows(link, "teate", "r.allowance, r.payment",
                rs -> facts.add(new Fact.Allowance(rs.getString(1), allowance.apply(rs.getString(2)), payment.apply(rs.getString(3)))));
        var aid = labels(SourceSystem.GAKUREI, "school_aid");
        rows(link, "gakurei", "r.school_aid", rs -> facts.add(new Fact.SchoolAid(rs.getString(1), aid.apply(rs.getString(2)))));
        rows(link, "shogai", "1", rs -> facts.add(new Fact.Disability(rs.getString(1))));
        var assistance = labels(SourceSystem.SEIHO, "assistance_status");
        rows(link, "seiho", "r.assistance_status", rs -> facts.add(new Fact.Assistance(rs.getString(1), assistance.apply(rs.getString(2)))));
        var band = labels(SourceSystem.ZEI, "tax_band");
        rows(link, "zei", "r.tax_band, r.arrears",
                rs -> facts.add(new Fact.Tax(rs.getString(1), band.apply(rs.getString(2)), "true".equals(rs.getString(3)))));
        var enrolment = labels(SourceSystem.KOSODATE, "enrolment");
        rows(link, "kosodate", "r.enrolment", rs -> facts.add(new Fact.Childcare(rs.getString(1), enrolment.apply(rs.getString(2)))));
        // Previous consultations: the centre's own records, and the centre extract's rows not imported into them.
        jdbc.sql("""
                select k.person_id, (k.received_at at time zone :zone)::date from cases_child_consultation_v k where k.person_id is not null""")
                .param("zone", times.zoneId())
                .query(rs -> {
                    facts.add(new Fact.Consultation(rs.getString(1), rs.getObject(2, LocalDate.class)));
                });
        rows(link, "soudan", "r.received::text, exists (select 1 from cases_consultation_v c where c.consultation_no = r.record_id)", rs -> {
            if (!rs.getBoolean(3)) {
                facts.add(new Fact.Consultation(rs.getString(1), date(rs, 2)));
            }
        });
        return facts;
    }

    /**
     * Stores a computed assessment as run {@code run} (its assess_run row already inserted): indicators,
     * flags, scores with ranks and reasons, the outreach proposals, the group figures, the run's summary.
     * In-process runs and imported ones (computed on Spark) go through here alike. Returns the proposals filed.
     */
    int store(long run, Assessment.Outcome outcome) {
        StringBuilder values = new StringBuilder();
        for (Assessment.Child c : outcome.children()) {
            IndicatorBuilder.Result r = c.indicators();
            values.append(run).append(',').append(r.personId()).append(',').append(r.ageYears()).append(",\"{");
            for (int i = 0; i < r.values().length; i++) {
                values.append(i == 0 ? "" : ",").append((float) r.values()[i]);
            }
            values.append("}\"\n");
        }
        StringBuilder flags = new StringBuilder();
        for (Assessment.Flag f : outcome.flags()) {
            flags.append(run).append(',').append(f.personId()).append(',').append(f.ruleCode()).append(',').append(f.ruleVersion())
                    .append(",\"").append(f.reasonJa().replace("\"", "\"\"")).append("\"\n");
        }
        copy("COPY child_indicator (run_id, person_id, age, vals) FROM STDIN WITH (FORMAT csv)", values);
        copy("COPY rule_flag (run_id, person_id, rule_code, rule_version, reason_ja) FROM STDIN WITH (FORMAT csv)", flags);
        PuModel.Fitted model = outcome.model();
        java.util.Map<String, Integer> rank = outcome.ranks();
        StringBuilder scores = new StringBuilder();
        for (PuModel.Score s : model.scores()) {
            Integer k = rank.get(s.personId());
            scores.append(run).append(',').append(s.personId()).append(',').append(s.score()).append(',').append(k == null ? "" : k)
                    .append(",\"").append(text(s.raised())).append("\",\"").append(text(s.lowered())).append("\"\n");
        }
        copy("COPY child_score (run_id, person_id, score, rank, raised, lowered) FROM STDIN WITH (FORMAT csv)", scores);
        java.util.Set<String> openCase = new java.util.HashSet<>(jdbc.sql("""
                select person_id from cases_case_v where status <> 'CLOSED' and person_id is not null""")
                .query(String.class).list());
        List<AssessmentCompleted.Candidate> candidates = new ArrayList<>();
        for (Assessment.Proposal p : outcome.proposals()) {
            candidates.add(new AssessmentCompleted.Candidate(p.personId(), p.score(), p.rank(), p.reasons(), p.ruleCodes(),
                    openCase.contains(p.personId())));
        }
        // outreach files the proposals from the event, in this transaction (AssessmentProposals), and says how many.
        AssessmentCompleted completed = new AssessmentCompleted(run, outcome.settings().asOf(), candidates, new java.util.concurrent.atomic.AtomicInteger());
        events.publishEvent(completed);
        int proposed = completed.filed().get();
        for (Assessment.GroupStat g : outcome.groups()) {
            jdbc.sql("""
                    insert into assess_group_stat (run_id, dimension, grp, sort, children, came, ranked, top5, mean_score)
                    values (:r, :d, :g, :s, :n, :c, :k, :t, :m)""")
                    .param("r", run).param("s", g.sort()).param("d", g.dimension()).param("g", g.label()).param("n", g.children()).param("c", g.came())
                    .param("k", g.ranked()).param("t", g.top5()).param("m", g.meanScore()).update();
        }
        jdbc.sql("""
                update assess_run set children = :c, flagged = :f, positives = :p, label_frequency = :lf, class_prior = :cp, features = :fe,
                       estimated_prior = :ep, prior_configured = :pc, finished_at = now() where id = :id""")
                .param("c", outcome.children().size()).param("f", outcome.flagged()).param("p", model.positives()).param("lf", model.labelFrequency())
                .param("cp", model.classPrior()).param("fe", model.features().toArray(String[]::new)).param("ep", model.estimatedPrior())
                .param("pc", model.priorGiven()).param("id", run).update();
        return proposed;
    }

    private static String text(List<PuModel.Reason> reasons) {
        return String.join("、", reasons.stream().map(PuModel.Reason::textJa).toList()).replace("\"", "\"\"");
    }

    /** {@code child_id,score,rank,top_reasons} of the latest run, best first: for the administrator (audited). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public long exportScores(Actor actor, java.io.Writer out, boolean withIndicators) throws java.io.IOException {
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
        audit.record(actor.event(AuditAction.SCORES_EXPORTED, "assess_run:" + run, n[0] + " children"));
        return n[0];
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Every row of a source's current load linked in the run: the person, then the given expressions. */
    private void rows(long run, String source, String columns, Row row) {
        jdbc.sql("""
                select k.person_id, %s from identity_record_link_v k
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
