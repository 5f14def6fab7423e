package jp.mimamori.server.report;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.mimamori.core.assess.Indicator;
import jp.mimamori.core.text.JapaneseAddress;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Trends for policy (未然防止, prevention): which circumstances go with a consultation, by type, age
 * and area, and whom the assessment's ranking reaches — aggregates only, for ANALYST,
 * CENTER_SUPERVISOR and ADMIN. A count from 1 to k−1 (k = {@code mimamori.stats.min-cell}, default
 * 10) is shown as ＊, and where one cell of a pair or row is hidden a second is hidden with it, so that
 * it cannot be worked out from a total. Built from the latest assessment run and the centre's
 * consultation records; every view is audited.
 */
@Service
@PreAuthorize("hasAnyRole('ANALYST', 'CENTER_SUPERVISOR', 'ADMIN')")
public class Trends {

    public static final String HIDDEN = "＊";
    static final List<String> AGE_BANDS = List.of("0-2", "3-5", "6-11", "12-14", "15-17");

    /** A shown count, or null where it is suppressed. */
    public record Cell(Integer value) {
        public String text() {
            return value == null ? HIDDEN : Integer.toString(value);
        }

        public boolean hidden() {
            return value == null;
        }
    }

    /** A circumstance: children with it and how many of them had a consultation, against children without it. */
    public record Circumstance(Indicator indicator, String population, Cell with, Cell withConsulted, String withRate, Cell without, Cell withoutConsulted,
                               String withoutRate, String ratio, double sortKey) {
        /** The circumstance in words: for 保育所・幼稚園等, its absence. */
        public String label() {
            return indicator == Indicator.CHILDCARE ? indicator.labelJa() + "なし / no " + indicator.labelEn()
                    : indicator.labelJa() + " / " + indicator.labelEn();
        }
    }

    /** A table as shown: its rows and, where it has one, the row of column totals (計), suppressed with the cells. */
    public record Table(List<String> columns, List<Row> rows, Row totals) {
        public Table(List<String> columns, List<Row> rows) {
            this(columns, rows, null);
        }
    }

    public record Row(String label, List<String> cells) {
    }

    /** One group of the fairness report: children, those who came forward, and the share of the rest in the top 5%. */
    public record Reach(String dimension, String group, Cell children, Cell came, Cell ranked, Cell top5, String share, String meanScore) {
    }

    /**
     * {@code months}: the period of consultations counted (the last 3, 6 or 12 months up to the latest one; 0 all);
     * {@code attendanceMonths}: months of attendance (komu) the assessment had, which decides which absence rows compare anything.
     */
    public record View(long runId, LocalDate asOf, int k, boolean after, int children, Cell consulted, List<Circumstance> circumstances, Table byAge,
                       Table byArea, List<Reach> reach, List<String> features, Double classPrior, Double estimatedPrior, boolean priorGiven,
                       int months, String periodJa, Table monthly, int attendanceMonths, String attendanceNoteJa,
                       Charts.Chart monthlyChart, Charts.Chart byAgeChart, Charts.Chart byAreaChart) {
    }

    /** The periods a viewer may choose: the last 3, 6 or 12 months of consultations, or all (0). */
    public static final List<Integer> PERIODS = List.of(0, 3, 6, 12);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final int k;
    private final Map<String, View> cache = new ConcurrentHashMap<>();

    private final jp.mimamori.server.time.Times times;
    private final jp.mimamori.server.identity.LinkRuns linkRuns;
    private final jp.mimamori.server.ingest.CurrentLoads currentLoads;

    public Trends(JdbcClient jdbc, AuditLog audit, @Value("${mimamori.stats.min-cell:10}") int k, jp.mimamori.server.time.Times times,
                  jp.mimamori.server.identity.LinkRuns linkRuns, jp.mimamori.server.ingest.CurrentLoads currentLoads) {
        this.linkRuns = linkRuns;
        this.currentLoads = currentLoads;
        this.times = times;
        this.jdbc = jdbc;
        this.audit = audit;
        this.k = Math.max(2, k);
    }

    private Cell cell(int v) {
        return new Cell(v > 0 && v < k ? null : v);
    }

    /**
     * The latest assessment's view; {@code after}: count only consultations received after the
     * assessment date (the circumstances preceded them), instead of every consultation so far.
     */
    public java.util.Optional<View> latest(Actor actor, boolean after) {
        return latest(actor, after, 0);
    }

    /** As {@link #latest(Actor, boolean)}, consultations limited to the last {@code months} months up to the latest one (0: all). */
    public java.util.Optional<View> latest(Actor actor, boolean after, int months) {
        if (!PERIODS.contains(months)) {
            throw new IllegalArgumentException("期間は 3・6・12 か月かすべてから選んでください / the period must be 3, 6 or 12 months, or all");
        }
        java.util.Optional<Run> run = jdbc.sql("""
                select id, as_of, features, class_prior, estimated_prior, prior_configured from assess_run_v where finished_at is not null
                order by id desc limit 1""")
                .query((rs, i) -> {
                    java.sql.Array f = rs.getArray(3);
                    return new Run(rs.getLong(1), rs.getObject(2, LocalDate.class), f == null ? List.of() : List.of((String[]) f.getArray()),
                            rs.getObject(4, Double.class), rs.getObject(5, Double.class), rs.getBoolean(6));
                }).optional();
        if (run.isEmpty()) {
            return java.util.Optional.empty();
        }
        long id = run.get().id();
        // Any new consultation, type or extract load makes a new view; otherwise the last one is reused.
        String version = jdbc.sql("""
                select (select coalesce(max(id), 0) from cases_consultation_v) || '.' || (select count(*) from cases_consultation_type_v) || '.'
                       || (select coalesce(max(id), 0) from ingest_load_v)""").query(String.class).single();
        String key = id + ":" + after + ":" + months + ":" + version;
        View v = cache.get(key);
        if (v == null) {
            cache.clear();
            v = build(run.get(), after, months);
            cache.put(key, v);
        }
        audit.record(actor.event(AuditAction.STATS_VIEWED, "assess_run:" + id, "trends" + (after ? " (consultations after the assessment)" : "") + (months > 0 ? " last " + months + " months" : "")));
        return java.util.Optional.of(v);
    }

    private record Run(long id, LocalDate asOf, List<String> features, Double prior, Double estimatedPrior, boolean priorGiven) {
    }

    private View build(Run assessment, boolean after, int months) {
        long run = assessment.id();
        LocalDate asOf = assessment.asOf();
        List<Consulted> every = consulted();
        LocalDate latest = every.stream().map(Consulted::received).max(LocalDate::compareTo).orElse(asOf);
        // The period ends with the month of the latest consultation: the last N whole months of records there are.
        LocalDate from = months == 0 ? LocalDate.MIN : latest.withDayOfMonth(1).minusMonths(months - 1L);
        List<Consulted> consulted = every.stream().filter(c -> !c.received().isBefore(from)).toList();
        Set<String> consultedInPeriod = new HashSet<>();
        consulted.forEach(c -> consultedInPeriod.add(c.child()));
        String periodJa = months == 0 ? "これまでの相談すべて / all consultations so far"
                : "直近 " + months + " か月（" + times.month(java.time.YearMonth.from(from)) + "〜" + times.month(java.time.YearMonth.from(latest))
                        + "）の相談 / consultations of the last " + months + " months";
        int attendance = attendanceMonths(asOf);
        Set<String> consultedAfter = new HashSet<>();
        consulted.stream().filter(c -> c.received().isAfter(asOf)).forEach(c -> consultedAfter.add(c.child()));
        int[] withN = new int[Indicator.values().length];
        int[] withC = new int[withN.length];
        int[] popN = new int[withN.length];
        int[] popC = new int[withN.length];
        int[] total = {0, 0};
        int consultations = Indicator.CONSULTATIONS.ordinal();
        jdbc.sql("select person_id, age, vals from assess_child_indicator_v where run_id = :r").param("r", run).query(rs -> {
            Float[] vals = (Float[]) rs.getArray(3).getArray();
            int age = rs.getInt(2);
            boolean came = after ? consultedAfter.contains(rs.getString(1)) : months > 0 ? consultedInPeriod.contains(rs.getString(1)) : vals[consultations] > 0;
            total[0]++;
            total[1] += came ? 1 : 0;
            for (Indicator i : Indicator.values()) {
                if (!inPopulation(i, age)) {
                    continue;
                }
                popN[i.ordinal()]++;
                popC[i.ordinal()] += came ? 1 : 0;
                if (concern(i, vals[i.ordinal()])) {
                    withN[i.ordinal()]++;
                    withC[i.ordinal()] += came ? 1 : 0;
                }
            }
        });
        List<Circumstance> circumstances = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            if (i == Indicator.CONSULTATIONS || popN[i.ordinal()] == 0 || !compares(i, attendance)) {
                continue;
            }
            int n1 = withN[i.ordinal()];
            int c1 = withC[i.ordinal()];
            int n0 = popN[i.ordinal()] - n1;
            int c0 = popC[i.ordinal()] - c1;
            Cell a = cell(n1);
            Cell b = cell(n0);
            if (a.hidden() || b.hidden()) {
                a = new Cell(null);
                b = new Cell(null);
            }
            Cell ac = a.hidden() ? new Cell(null) : cell(c1);
            Cell bc = b.hidden() ? new Cell(null) : cell(c0);
            if (ac.hidden() || bc.hidden()) {
                ac = new Cell(null);
                bc = new Cell(null);
            }
            double r1 = n1 == 0 ? 0 : c1 / (double) n1;
            double r0 = n0 == 0 ? 0 : c0 / (double) n0;
            boolean shown = !ac.hidden();
            circumstances.add(new Circumstance(i, i == Indicator.CHILDCARE ? "3〜5歳 / ages 3-5" : "0〜17歳 / all ages", a, ac,
                    shown ? percent(r1) : HIDDEN, b, bc, shown ? percent(r0) : HIDDEN,
                    shown && r0 > 0 ? String.format("%.1f", r1 / r0) : HIDDEN, shown && r0 > 0 ? r1 / r0 : -1));
        }
        circumstances.sort(java.util.Comparator.comparingDouble(c -> -c.sortKey()));
        Table byAge = byAge(consulted);
        Table byArea = byArea(run, consulted);
        Table monthly = monthly(consulted);
        return new View(run, asOf, k, after, total[0], cell(total[1]), circumstances, byAge, byArea, reach(run),
                assessment.features(), assessment.prior(), assessment.estimatedPrior(), assessment.priorGiven(), months, periodJa, monthly,
                attendance, attendanceNote(attendance), Charts.columns("月別の相談のあったこども / children consulted by month", monthly, 0),
                Charts.bars("種別ごとの相談のあったこども（計）/ children consulted by type (total)", byAge, byAge.columns().size() - 1),
                Charts.bars("地区別 千人あたりの相談のあったこども / children consulted per 1,000 by area", byArea, 2));
    }

    /**
     * Months of attendance (学校の出欠, komu) within the assessment's three months: with one, the three-month
     * count is the one-month count again and there is no month before to compare with, so those rows would
     * say nothing true; with none, no absence row does.
     */
    int attendanceMonths(LocalDate asOf) {
        return currentLoads.monthsStored("komu", asOf.minusMonths(3), asOf);
    }

    /** Whether a circumstance compares anything with this many months of attendance. */
    static boolean compares(Indicator i, int attendanceMonths) {
        return switch (i) {
            case ABSENCE_30, NURSE_ROOM_DAYS -> attendanceMonths >= 1;
            case ABSENCE_90, ABSENCE_TREND -> attendanceMonths >= 2;
            default -> true;
        };
    }

    static String attendanceNote(int months) {
        return switch (months) {
            case 0 -> "出欠データ（学校）がないため、欠席と保健室登校の行は表示していません。/ No attendance data: the absence rows are not shown.";
            case 1 -> "出欠データが1か月分だけのため、「直近3か月の欠席日数」と「欠席日数の増加（前月比）」は比べる月がなく表示していません（1か月分は「直近1か月の欠席日数」に表示）。/ Only one month of attendance: the three-month and month-on-month absence rows have no months to compare and are not shown.";
            case 2 -> "出欠データが2か月分のため、「直近3か月の欠席日数」は2か月分の合計です。/ Two months of attendance: the three-month absence counts two months.";
            default -> null;
        };
    }

    /** 保育所・幼稚園等の利用なし concerns children of 3 to 5 only; every other circumstance all children. */
    private static boolean inPopulation(Indicator i, int age) {
        return i != Indicator.CHILDCARE || (age >= 3 && age <= 5);
    }

    private static boolean concern(Indicator i, float v) {
        return i == Indicator.CHILDCARE ? v == 0 : v > 0;
    }

    private static String percent(double r) {
        return String.format("%.1f%%", 100 * r);
    }

    /** One consultation of one child: the child (its こどもID where linked), birth date, date, address and type codes. */
    record Consulted(String child, LocalDate birth, LocalDate received, String address, List<String> types) {
    }

    /**
     * Every consultation about a child: the centre's own records, and the rows of the centre's extract
     * (soudan) that were never imported into them, so a city that has not yet recorded in Mimamori
     * still sees its history. Types of the extract are matched to the code table by their Japanese label.
     */
    List<Consulted> consulted() {
        Map<String, String> codeOf = new HashMap<>();
        typeLabels().forEach((code, label) -> codeOf.put(label.strip(), code));
        Map<Long, List<String>> typesOf = new HashMap<>();
        jdbc.sql("select consultation_id, type_code from cases_consultation_type_v").query(rs -> {
            typesOf.computeIfAbsent(rs.getLong(1), x -> new ArrayList<>()).add(rs.getString(2));
        });
        List<Consulted> out = new ArrayList<>();
        jdbc.sql("""
                select k.consultation_id, coalesce(k.person_id, 'S' || k.child_id), k.birth_date, (k.received_at at time zone :zone)::date,
                       coalesce(p.address, k.address)
                from cases_child_consultation_v k left join identity_person_v p on p.person_id = k.person_id""").param("zone", times.zoneId()).query(rs -> {
            out.add(new Consulted(rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5),
                    typesOf.getOrDefault(rs.getLong(1), List.of())));
        });
        jdbc.sql("""
                select coalesce(k.person_id, 'R' || r.record_id), r.birth_date::text, r.received::text, r.address, r.types
                from extract_record r
                left join identity_record_link_v k on k.run_id = :run and k.source_code = 'soudan'
                     and k.record_id = r.record_id
                where r.current and r.source_code = 'soudan'
                  and not exists (select 1 from cases_consultation_v c where c.consultation_no = r.record_id)""").param("run", linkRuns.latestOrNone()).query(rs -> {
            List<String> types = new ArrayList<>();
            String t = rs.getString(5);
            if (t != null) {
                for (String part : t.split("[;、,，/／]")) {
                    if (!part.isBlank()) {
                        types.add(codeOf.getOrDefault(part.strip(), "other"));
                    }
                }
            }
            String received = rs.getString(3);
            if (received != null && !received.isEmpty()) {
                String birth = rs.getString(2);
                out.add(new Consulted(rs.getString(1), birth == null || birth.isEmpty() ? null : LocalDate.parse(birth), LocalDate.parse(received),
                        rs.getString(4), types));
            }
        });
        return out;
    }

    /**
     * Children consulted, by consultation type and their age at the first consultation of that type: a child is
     * counted once per type, so that a row's total is the exact sum of its cells and suppression can rely on it.
     */
    private Table byAge(List<Consulted> consulted) {
        Map<String, Map<String, Consulted>> first = new HashMap<>();
        for (Consulted c : consulted) {
            for (String type : c.types()) {
                first.computeIfAbsent(type, x -> new HashMap<>()).merge(c.child(), c, (a, b) -> b.received().isBefore(a.received()) ? b : a);
            }
        }
        List<String> columns = new ArrayList<>(AGE_BANDS.stream().map(b -> b + "歳").toList());
        columns.add("不明 / unknown");
        List<String> labels = new ArrayList<>();
        List<int[]> values = new ArrayList<>();
        for (Map.Entry<String, String> t : typeLabels().entrySet()) {
            Map<String, Consulted> children = first.get(t.getKey());
            if (children == null) {
                continue;
            }
            int[] row = new int[AGE_BANDS.size() + 1];
            for (Consulted c : children.values()) {
                row[band(c)]++;
            }
            labels.add(t.getValue());
            values.add(row);
        }
        Suppression.Masked m = Suppression.protect(values.toArray(int[][]::new), true, false, k);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < labels.size(); r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                cells.add(m.cell(r, c));
            }
            cells.add(m.rowTotal(r));
            rows.add(new Row(labels.get(r), cells));
        }
        columns.add("計 / total");
        return new Table(columns, rows);
    }

    private static int band(Consulted c) {
        if (c.birth() == null) {
            return AGE_BANDS.size();
        }
        int age = Period.between(c.birth(), c.received()).getYears();
        return age < 0 ? AGE_BANDS.size() : age <= 2 ? 0 : age <= 5 ? 1 : age <= 11 ? 2 : age <= 14 ? 3 : age <= 17 ? 4 : AGE_BANDS.size();
    }

    /** Children consulted per month of the period (a child once per month), with the period's total, suppressed together. */
    private Table monthly(List<Consulted> consulted) {
        Map<java.time.YearMonth, Set<String>> byMonth = new java.util.TreeMap<>();
        for (Consulted c : consulted) {
            byMonth.computeIfAbsent(java.time.YearMonth.from(c.received()), x -> new HashSet<>()).add(c.child());
        }
        List<java.time.YearMonth> months = new ArrayList<>(byMonth.keySet());
        if (months.size() > 24) {
            months = months.subList(months.size() - 24, months.size());
        }
        int[][] values = new int[months.size()][1];
        for (int i = 0; i < months.size(); i++) {
            values[i][0] = byMonth.get(months.get(i)).size();
        }
        Suppression.Masked m = Suppression.protect(values, false, true, k);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            rows.add(new Row(times.month(months.get(i)), List.of(m.cell(i, 0))));
        }
        return new Table(List.of("相談のあったこども / children consulted"), rows,
                months.isEmpty() ? null : new Row("計 / total（月ごとの延べ / month by month）", List.of(m.colTotal(0))));
    }

    /**
     * A row's cells with the small ones hidden; when exactly one is hidden and the row total is shown,
     * the next smallest non-zero cell is hidden too, so the hidden one cannot be found by subtraction.
     */
    List<String> suppressRow(int[] values) {
        Suppression.Masked m = Suppression.protect(new int[][] {values}, true, false, k);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(m.cell(0, i));
        }
        return out;
    }

    private Map<String, String> typeLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        jdbc.sql("select code, label_ja from cases_code_v where kind = 'consultation_type' order by sort").query(rs -> {
            labels.put(rs.getString(1), rs.getString(2));
        });
        return labels;
    }

    /**
     * Per 町名: resident children, children consulted (each child once, in the town of its latest consultation),
     * the rate per 1,000 and the most frequent named consultation type there, with a total row; the two count
     * columns are suppressed against their totals, so no town's hidden count follows from the others.
     */
    private Table byArea(long run, List<Consulted> all) {
        Map<String, int[]> town = new java.util.TreeMap<>();
        jdbc.sql("select p.address from assess_child_indicator_v c join identity_person_v p on p.person_id = c.person_id where c.run_id = :r").param("r", run)
                .query(rs -> {
                    town.computeIfAbsent(townOf(rs.getString(1)), x -> new int[2])[0]++;
                });
        Map<String, Consulted> latestOf = new HashMap<>();
        for (Consulted c : all) {
            latestOf.merge(c.child(), c, (a, b) -> b.received().isAfter(a.received()) ? b : a);
        }
        Map<String, Map<String, Set<String>>> types = new HashMap<>();
        for (Consulted c : all) {
            String t = townOf(latestOf.get(c.child()).address());
            for (String type : c.types()) {
                types.computeIfAbsent(t, x -> new HashMap<>()).computeIfAbsent(type, x -> new HashSet<>()).add(c.child());
            }
        }
        for (Consulted c : latestOf.values()) {
            town.computeIfAbsent(townOf(c.address()), x -> new int[2])[1]++;
        }
        List<String> names = new ArrayList<>(town.keySet());
        int[][] values = names.stream().map(town::get).toArray(int[][]::new);
        Suppression.Masked m = Suppression.protect(values, false, true, k);
        Map<String, String> labels = typeLabels();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int residents = values[i][0];
            int c = values[i][1];
            String rate = m.hidden()[i][0] || m.hidden()[i][1] || residents == 0 ? HIDDEN : String.format("%.1f", 1000.0 * c / residents);
            String top = types.getOrDefault(names.get(i), Map.of()).entrySet().stream().filter(x -> x.getValue().size() >= k && !x.getKey().equals("other"))
                    .max(java.util.Comparator.comparingInt((Map.Entry<String, Set<String>> x) -> x.getValue().size()).thenComparing(Map.Entry::getKey))
                    .map(x -> labels.getOrDefault(x.getKey(), x.getKey()) + "（" + x.getValue().size() + "）").orElse(HIDDEN);
            rows.add(new Row(names.get(i), List.of(m.cell(i, 0), m.cell(i, 1), rate, top)));
        }
        String totalRate = m.colTotalHidden()[0] || m.colTotalHidden()[1] || m.colTotal()[0] == 0 ? HIDDEN
                : String.format("%.1f", 1000.0 * m.colTotal()[1] / m.colTotal()[0]);
        return new Table(List.of("住民のこども / resident children", "相談のあったこども / consulted", "千人あたり / per 1,000", "最も多い相談種別（その他を除く）/ most frequent type (other than その他)"),
                rows, names.isEmpty() ? null : new Row("計 / total", List.of(m.colTotal(0), m.colTotal(1), totalRate, "")));
    }

    private static String townOf(String address) {
        return address == null ? "不明 / unknown" : JapaneseAddress.parse(address).map(JapaneseAddress::town).orElse("不明 / unknown");
    }

    private static final Map<String, String> DIMENSIONS = Map.of("household", "世帯 / household", "nationality", "国籍 / nationality",
            "disability", "障害 / disability");

    /** The fairness rows; within a dimension the groups add up to the whole, so a column hidden in one group is hidden in all. */
    private List<Reach> reach(long run) {
        List<Reach> rows = jdbc.sql("select * from assess_group_stat_v where run_id = :r order by sort").param("r", run).query((rs, i) -> {
            int ranked = rs.getInt("ranked");
            int top = rs.getInt("top5");
            Cell t = cell(top);
            Cell rk = cell(ranked);
            double mean = rs.getDouble("mean_score");
            boolean none = rs.wasNull();
            return new Reach(DIMENSIONS.getOrDefault(rs.getString("dimension"), rs.getString("dimension")), rs.getString("grp"), cell(rs.getInt("children")), cell(rs.getInt("came")), rk, t,
                    t.hidden() || rk.hidden() || ranked == 0 ? HIDDEN : percent(top / (double) ranked),
                    none || rk.hidden() ? HIDDEN : String.format("%.3f", mean));
        }).list();
        List<Reach> out = new ArrayList<>();
        for (Reach r : rows) {
            List<Reach> pair = rows.stream().filter(x -> x.dimension().equals(r.dimension())).toList();
            boolean children = pair.stream().anyMatch(x -> x.children().hidden());
            boolean came = pair.stream().anyMatch(x -> x.came().hidden());
            boolean ranked = pair.stream().anyMatch(x -> x.ranked().hidden());
            boolean top = pair.stream().anyMatch(x -> x.top5().hidden());
            Cell none = new Cell(null);
            out.add(new Reach(r.dimension(), r.group(), children ? none : r.children(), came ? none : r.came(), ranked ? none : r.ranked(),
                    top ? none : r.top5(), top || ranked ? HIDDEN : r.share(), ranked ? HIDDEN : r.meanScore()));
        }
        return out;
    }
}
