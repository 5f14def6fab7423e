package jp.mimamori.core.assess;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The assessment as files, for a run outside the server (見守り判定の入出力ファイル). Inputs, written by
 * {@code ./mimamori export-extracts DIR} beside the linkage extract:
 * <ul>
 * <li>{@code assess-facts.csv}: {@code seq,grp,kind,person_id,a,b,c,d,e}, one {@link Fact} a row; {@code grp} is
 * the household (or the person when they have none), {@code seq} the order facts about one person apply in;
 * the columns a–e per kind are in {@link #cells};</li>
 * <li>{@code assess-rules.csv}: the active rules ({@code code,version,name_ja,reason_ja,min_age,max_age,conditions});</li>
 * <li>{@code assess-connected.csv}: {@code person_id} of every child an outreach connected to support (positives);</li>
 * <li>{@code assess.properties}: {@code link_run}, {@code as_of}, {@code class_prior} (empty: estimate it),
 * {@code exclude} (indicator names, comma-separated), {@code model_share}.</li>
 * </ul>
 * Outputs, written by {@code ./mimamori spark assess --out OUT} and read by {@code ./mimamori import-assessment OUT}:
 * {@code assessment.properties} (the settings and the model's figures), {@code children.csv} (every child's key,
 * indicators, score, classifier output and rank), {@code flags.csv} and {@code reasons.csv}. Numbers are written
 * so that they read back to the same double. Files for programs, not people: cells are written as they are.
 * Reading names the file, row and column of anything it cannot read.
 */
public final class AssessmentFiles {

    public static final String FACTS = "assess-facts.csv";
    public static final String RULES = "assess-rules.csv";
    public static final String CONNECTED = "assess-connected.csv";
    public static final String SETTINGS = "assess.properties";
    public static final String[] FACT_HEADER = {"seq", "grp", "kind", "person_id", "a", "b", "c", "d", "e"};

    private AssessmentFiles() {
    }

    /** The inputs of one assessment as exported. */
    public record Inputs(long linkRun, Assessment.Settings settings, List<Fact> facts, List<Rule> rules, Set<String> connected) {
    }

    /** A fact as read from a file: where it belongs ({@code grp}) and in which order it applies. */
    public record Placed(long seq, String group, Fact fact) implements java.io.Serializable {
    }

    /** A file that cannot be read: which, where, and what is wrong (Japanese, then English). */
    public static final class FileError extends IllegalArgumentException {
        public FileError(String file, long row, String column, String ja, String en) {
            super(file + (row > 0 ? " " + row + "行目" : "") + (column != null ? " 列 " + column : "") + ": " + ja + " / " + file
                    + (row > 0 ? " row " + row : "") + (column != null ? " column " + column : "") + ": " + en);
        }
    }

    // ---------------------------------------------------------------- inputs

    public static void writeInputs(Path dir, long linkRun, Assessment.Settings settings, List<Fact> facts, List<Rule> rules, Set<String> connected)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, String> group = new HashMap<>();
        for (Fact f : facts) {
            if (f instanceof Fact.Person p && p.householdId() != null) {
                group.put(p.personId(), "h:" + p.householdId());
            }
        }
        try (CSVPrinter out = printer(dir.resolve(FACTS), FACT_HEADER)) {
            long seq = 0;
            for (Fact f : facts) {
                List<Object> row = new ArrayList<>(List.of(seq++, group.getOrDefault(f.personId(), "p:" + f.personId()), kind(f), f.personId()));
                row.addAll(Arrays.asList(cells(f)));
                out.printRecord(row);
            }
        }
        try (CSVPrinter out = printer(dir.resolve(RULES), "code", "version", "name_ja", "reason_ja", "min_age", "max_age", "conditions")) {
            for (Rule r : rules) {
                out.printRecord(r.code(), r.version(), r.nameJa(), r.reasonJa(), r.minAge(), r.maxAge(), r.conditionText());
            }
        }
        try (CSVPrinter out = printer(dir.resolve(CONNECTED), "person_id")) {
            for (String p : new java.util.TreeSet<>(connected)) {
                out.printRecord(p);
            }
        }
        Properties p = new Properties();
        p.setProperty("link_run", Long.toString(linkRun));
        p.setProperty("as_of", settings.asOf().toString());
        p.setProperty("class_prior", settings.classPrior() == null ? "" : Double.toString(settings.classPrior()));
        p.setProperty("exclude", String.join(",", settings.excluded().stream().map(Enum::name).sorted().toList()));
        p.setProperty("model_share", Double.toString(settings.modelShare()));
        store(p, dir.resolve(SETTINGS), "Mimamori assessment settings (export-extracts)");
    }

    /** The settings, rules and positives of an export (the facts are read apart: {@link #readFacts}, or by Spark with {@link #fact}). */
    public static Inputs readInputs(Path dir, boolean withFacts) throws IOException {
        Properties p = load(dir.resolve(SETTINGS));
        Assessment.Settings settings = settings(SETTINGS, p);
        long link = number(SETTINGS, p, "link_run");
        List<Rule> rules = new ArrayList<>();
        for (CSVRecord r : records(dir.resolve(RULES))) {
            try {
                rules.add(new Rule(r.get("code"), Integer.parseInt(r.get("version")), r.get("name_ja"), r.get("reason_ja"), Integer.parseInt(r.get("min_age")),
                        Integer.parseInt(r.get("max_age")), Rule.parse(r.get("conditions"))));
            } catch (IllegalArgumentException e) {
                throw new FileError(RULES, r.getRecordNumber() + 1, null, "読めない行です（" + e.getMessage() + "）", "cannot read the row (" + e.getMessage() + ")");
            }
        }
        Set<String> connected = new HashSet<>();
        for (CSVRecord r : records(dir.resolve(CONNECTED))) {
            connected.add(r.get("person_id"));
        }
        List<Fact> facts = withFacts ? readFacts(dir.resolve(FACTS)).stream().map(Placed::fact).toList() : List.of();
        return new Inputs(link, settings, facts, rules, connected);
    }

    /** Every fact of the file in {@code seq} order. */
    public static List<Placed> readFacts(Path file) throws IOException {
        List<Placed> out = new ArrayList<>();
        try (Reader r = reader(file)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String[] c = new String[FACT_HEADER.length];
                for (int i = 0; i < c.length; i++) {
                    c[i] = i < row.size() ? row.get(i) : null;
                }
                out.add(fact(c, row.getRecordNumber() + 1));
            }
        }
        out.sort(java.util.Comparator.comparingLong(Placed::seq));
        return out;
    }

    /** One row of {@code assess-facts.csv} (the nine columns; empty or null is absent); {@code row} names it in an error. */
    public static Placed fact(String[] c, long row) {
        if (c.length != FACT_HEADER.length) {
            throw new FileError(FACTS, row, null, "列数が " + c.length + " です（" + FACT_HEADER.length + " 列）", c.length + " columns, not " + FACT_HEADER.length);
        }
        Cells x = new Cells(FACTS, row, c);
        String p = x.text(3, true);
        String kind = x.text(2, true);
        Fact f = switch (kind) {
            case "person" -> new Fact.Person(p, x.text(4, false), x.date(5), x.text(6, false), x.bool(7), x.text(8, false));
            case "residence" -> new Fact.Residence(p, x.date(4), x.bool(5));
            case "health_check" -> new Fact.HealthCheck(p, x.text(4, false), x.date(5), x.date(6), x.text(7, false));
            case "vaccination" -> new Fact.Vaccination(p, x.date(4), x.date(5), x.text(6, false));
            case "pregnancy" -> new Fact.Pregnancy(p, x.bool(4));
            case "attendance" -> new Fact.Attendance(p, x.month(4), x.integer(5), x.integer(6));
            case "allowance" -> new Fact.Allowance(p, x.text(4, false), x.text(5, false));
            case "school_aid" -> new Fact.SchoolAid(p, x.text(4, false));
            case "disability" -> new Fact.Disability(p);
            case "assistance" -> new Fact.Assistance(p, x.text(4, false));
            case "tax" -> new Fact.Tax(p, x.text(4, false), x.bool(5));
            case "childcare" -> new Fact.Childcare(p, x.text(4, false));
            case "consultation" -> new Fact.Consultation(p, x.date(4));
            default -> throw new FileError(FACTS, row, "kind", "不明な種類です: " + kind, "unknown kind: " + kind);
        };
        String seq = x.text(0, true);
        try {
            return new Placed(Long.parseLong(seq), x.text(1, true), f);
        } catch (NumberFormatException e) {
            throw new FileError(FACTS, row, "seq", "整数ではありません: " + seq, "not a whole number: " + seq);
        }
    }

    static String kind(Fact f) {
        // The file's name of each kind (Java 17: no pattern switch).
        if (f instanceof Fact.Person) {
            return "person";
        } else if (f instanceof Fact.Residence) {
            return "residence";
        } else if (f instanceof Fact.HealthCheck) {
            return "health_check";
        } else if (f instanceof Fact.Vaccination) {
            return "vaccination";
        } else if (f instanceof Fact.Pregnancy) {
            return "pregnancy";
        } else if (f instanceof Fact.Attendance) {
            return "attendance";
        } else if (f instanceof Fact.Allowance) {
            return "allowance";
        } else if (f instanceof Fact.SchoolAid) {
            return "school_aid";
        } else if (f instanceof Fact.Disability) {
            return "disability";
        } else if (f instanceof Fact.Assistance) {
            return "assistance";
        } else if (f instanceof Fact.Tax) {
            return "tax";
        } else if (f instanceof Fact.Childcare) {
            return "childcare";
        } else if (f instanceof Fact.Consultation) {
            return "consultation";
        }
        throw new IllegalArgumentException(f.toString());
    }

    /**
     * Columns a–e of a fact: person (household, birth, sex, child, key); residence (since, foreign);
     * health_check (item, due, done, status); vaccination (due, done, status); pregnancy (specified);
     * attendance (month yyyy-MM, absent days, nurse-room days); allowance (allowance, payment); school_aid (aid);
     * assistance (status); tax (band, arrears); childcare (enrolment); consultation (date).
     */
    static String[] cells(Fact f) {
        Object[] v;
        if (f instanceof Fact.Person x) {
            v = new Object[] {x.householdId(), x.birth(), x.sex(), x.child(), x.key()};
        } else if (f instanceof Fact.Residence x) {
            v = new Object[] {x.since(), x.foreign()};
        } else if (f instanceof Fact.HealthCheck x) {
            v = new Object[] {x.item(), x.due(), x.done(), x.status()};
        } else if (f instanceof Fact.Vaccination x) {
            v = new Object[] {x.due(), x.done(), x.status()};
        } else if (f instanceof Fact.Pregnancy x) {
            v = new Object[] {x.specified()};
        } else if (f instanceof Fact.Attendance x) {
            v = new Object[] {x.month(), x.absentDays(), x.nurseRoomDays()};
        } else if (f instanceof Fact.Allowance x) {
            v = new Object[] {x.allowance(), x.payment()};
        } else if (f instanceof Fact.SchoolAid x) {
            v = new Object[] {x.aid()};
        } else if (f instanceof Fact.Assistance x) {
            v = new Object[] {x.status()};
        } else if (f instanceof Fact.Tax x) {
            v = new Object[] {x.band(), x.arrears()};
        } else if (f instanceof Fact.Childcare x) {
            v = new Object[] {x.enrolment()};
        } else if (f instanceof Fact.Consultation x) {
            v = new Object[] {x.on()};
        } else {
            v = new Object[] {};
        }
        String[] out = new String[5];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] == null ? null : v[i].toString();
        }
        return out;
    }

    // ---------------------------------------------------------------- outputs

    /** A finished assessment as read back: the linkage run it assessed and its outcome. */
    public record Finished(long linkRun, Assessment.Outcome outcome) {
    }

    public static final String RESULT = "assessment.properties";
    public static final String CHILDREN = "children.csv";
    public static final String FLAGS = "flags.csv";
    public static final String REASONS = "reasons.csv";
    private static final String[] CHILD_HEADER;

    static {
        List<String> h = new ArrayList<>(List.of("person_id", "key", "foreign", "came", "age", "score", "ranking", "rank"));
        Arrays.stream(Indicator.values()).forEach(i -> h.add(i.name().toLowerCase()));
        CHILD_HEADER = h.toArray(String[]::new);
    }

    public static void writeOutcome(Path dir, long linkRun, Assessment.Outcome o) throws IOException {
        Files.createDirectories(dir);
        PuModel.Fitted m = o.model();
        Properties p = new Properties();
        Assessment.Settings s = o.settings();
        p.setProperty("link_run", Long.toString(linkRun));
        p.setProperty("as_of", s.asOf().toString());
        p.setProperty("class_prior", s.classPrior() == null ? "" : Double.toString(s.classPrior()));
        p.setProperty("exclude", String.join(",", s.excluded().stream().map(Enum::name).sorted().toList()));
        p.setProperty("model_share", Double.toString(s.modelShare()));
        p.setProperty("label_frequency", Double.toString(m.labelFrequency()));
        p.setProperty("estimated_prior", Double.toString(m.estimatedPrior()));
        p.setProperty("calibrated_prior", Double.toString(m.classPrior()));
        p.setProperty("prior_given", Boolean.toString(m.priorGiven()));
        p.setProperty("positives", Integer.toString(m.positives()));
        p.setProperty("features", String.join(",", m.features()));
        p.setProperty("children", Integer.toString(o.children().size()));
        store(p, dir.resolve(RESULT), "Mimamori assessment (import with ./mimamori import-assessment)");
        Map<String, PuModel.Score> score = new HashMap<>();
        m.scores().forEach(x -> score.put(x.personId(), x));
        Map<String, Integer> rank = o.ranks();
        try (CSVPrinter out = printer(dir.resolve(CHILDREN), CHILD_HEADER)) {
            for (Assessment.Child c : o.children()) {
                PuModel.Score sc = score.get(c.personId());
                List<Object> row = new ArrayList<>(List.of(c.personId(), c.key(), c.foreign(), o.came().contains(c.personId()), c.indicators().ageYears(),
                        Double.toString(sc.score()), Double.toString(sc.ranking())));
                row.add(rank.containsKey(c.personId()) ? rank.get(c.personId()).toString() : "");
                for (double v : c.indicators().values()) {
                    row.add(Double.toString(v));
                }
                out.printRecord(row);
            }
        }
        try (CSVPrinter out = printer(dir.resolve(FLAGS), "person_id", "rule_code", "rule_version", "reason_ja")) {
            for (Assessment.Flag f : o.flags()) {
                out.printRecord(f.personId(), f.ruleCode(), f.ruleVersion(), f.reasonJa());
            }
        }
        try (CSVPrinter out = printer(dir.resolve(REASONS), "person_id", "direction", "position", "text_ja", "contribution")) {
            for (Assessment.Child c : o.children()) {
                PuModel.Score sc = score.get(c.personId());
                for (int i = 0; i < sc.raised().size(); i++) {
                    out.printRecord(c.personId(), "raised", i + 1, sc.raised().get(i).textJa(), Double.toString(sc.raised().get(i).contribution()));
                }
                for (int i = 0; i < sc.lowered().size(); i++) {
                    out.printRecord(c.personId(), "lowered", i + 1, sc.lowered().get(i).textJa(), Double.toString(sc.lowered().get(i).contribution()));
                }
            }
        }
    }

    /**
     * A finished assessment as {@link #writeOutcome} wrote it, its ranking, proposals and group figures
     * derived again by {@link Assessment#outcome} (so that they are filed exactly as after an in-process
     * run); the ranks in the file must agree with them. Anything it cannot read is named by file, row and column.
     */
    public static Finished readOutcome(Path dir) throws IOException {
        Properties p = load(dir.resolve(RESULT));
        Assessment.Settings settings = settings(RESULT, p);
        long link = number(RESULT, p, "link_run");
        Map<String, List<PuModel.Reason>> raised = new HashMap<>();
        Map<String, List<PuModel.Reason>> lowered = new HashMap<>();
        for (CSVRecord r : records(dir.resolve(REASONS))) {
            Cells x = new Cells(REASONS, r);
            String dir2 = x.text("direction", true);
            Map<String, List<PuModel.Reason>> to = switch (dir2) {
                case "raised" -> raised;
                case "lowered" -> lowered;
                default -> throw new FileError(REASONS, x.row, "direction", "raised か lowered です: " + dir2, "raised or lowered, not " + dir2);
            };
            List<PuModel.Reason> list = to.computeIfAbsent(x.text("person_id", true), k -> new ArrayList<>());
            if (x.integer("position") != list.size() + 1) {
                throw new FileError(REASONS, x.row, "position", "順番が続いていません", "positions must run 1, 2, 3… per child");
            }
            list.add(new PuModel.Reason(x.text("text_ja", true), x.decimal("contribution")));
        }
        List<Assessment.Child> children = new ArrayList<>();
        List<PuModel.Score> scores = new ArrayList<>();
        Set<String> came = new HashSet<>();
        Map<String, Integer> ranks = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : records(dir.resolve(CHILDREN))) {
            Cells x = new Cells(CHILDREN, r);
            String id = x.text("person_id", true);
            if (!seen.add(id)) {
                throw new FileError(CHILDREN, x.row, "person_id", "同じこどもが2回あります: " + id, "the same child twice: " + id);
            }
            double[] v = new double[Indicator.values().length];
            for (Indicator i : Indicator.values()) {
                v[i.ordinal()] = x.decimal(i.name().toLowerCase());
            }
            children.add(new Assessment.Child(new IndicatorBuilder.Result(id, x.integer("age"), v), x.text("key", true), x.bool("foreign")));
            if (x.bool("came")) {
                came.add(id);
            }
            double score = x.decimal("score");
            if (!(score >= 0 && score <= 1)) {
                throw new FileError(CHILDREN, x.row, "score", "0〜1の数ではありません: " + score, "not between 0 and 1: " + score);
            }
            scores.add(new PuModel.Score(id, score, x.decimal("ranking"), List.copyOf(raised.getOrDefault(id, List.of())),
                    List.copyOf(lowered.getOrDefault(id, List.of()))));
            String rank = x.text("rank", false);
            if (rank != null) {
                ranks.put(id, x.integer("rank"));
            }
        }
        for (String id : raised.keySet()) {
            if (!seen.contains(id)) {
                throw new FileError(REASONS, 0, "person_id", "children.csv にないこどもです: " + id, "a child not in children.csv: " + id);
            }
        }
        List<Assessment.Flag> flags = new ArrayList<>();
        for (CSVRecord r : records(dir.resolve(FLAGS))) {
            Cells x = new Cells(FLAGS, r);
            String id = x.text("person_id", true);
            if (!seen.contains(id)) {
                throw new FileError(FLAGS, x.row, "person_id", "children.csv にないこどもです: " + id, "a child not in children.csv: " + id);
            }
            flags.add(new Assessment.Flag(id, x.text("rule_code", true), x.integer("rule_version"), x.text("reason_ja", true)));
        }
        PuModel.Fitted fitted = new PuModel.Fitted(decimal(RESULT, p, "label_frequency"), decimal(RESULT, p, "estimated_prior"),
                decimal(RESULT, p, "calibrated_prior"), Boolean.parseBoolean(p.getProperty("prior_given")), (int) number(RESULT, p, "positives"),
                children.size(), List.of(p.getProperty("features", "").split(",")), scores);
        if (number(RESULT, p, "children") != children.size()) {
            throw new FileError(RESULT, 0, "children", "こどもの数が children.csv と違います", "the number of children differs from children.csv");
        }
        Assessment.Outcome o = Assessment.outcome(settings, children, flags, came, fitted);
        Map<String, Integer> derived = o.ranks();
        if (!derived.equals(ranks)) {
            String first = o.ranked().stream().map(PuModel.Score::personId).filter(id -> !derived.get(id).equals(ranks.get(id))).findFirst()
                    .orElseGet(() -> ranks.keySet().stream().filter(id -> !derived.containsKey(id)).findFirst().orElse("?"));
            throw new FileError(CHILDREN, 0, "rank", "順位がスコアの順と合いません（" + first + "）", "the ranks do not follow the scores (" + first + ")");
        }
        return new Finished(link, o);
    }

    // ---------------------------------------------------------------- helpers

    private static Assessment.Settings settings(String file, Properties p) {
        LocalDate asOf;
        try {
            asOf = LocalDate.parse(p.getProperty("as_of", ""));
        } catch (RuntimeException e) {
            throw new FileError(file, 0, "as_of", "日付ではありません: " + p.getProperty("as_of"), "not a date: " + p.getProperty("as_of"));
        }
        String prior = p.getProperty("class_prior", "");
        Double classPrior = prior.isBlank() ? null : decimal(file, p, "class_prior");
        Set<Indicator> ex = new LinkedHashSet<>();
        for (String e : p.getProperty("exclude", "").split(",")) {
            if (!e.isBlank()) {
                try {
                    ex.add(Indicator.valueOf(e.strip()));
                } catch (IllegalArgumentException x) {
                    throw new FileError(file, 0, "exclude", "不明な指標です: " + e, "unknown indicator: " + e);
                }
            }
        }
        try {
            return new Assessment.Settings(asOf, classPrior, ex, decimal(file, p, "model_share"));
        } catch (IllegalArgumentException e) {
            throw new FileError(file, 0, "class_prior", e.getMessage(), e.getMessage());
        }
    }

    private static long number(String file, Properties p, String key) {
        try {
            return Long.parseLong(p.getProperty(key, "").strip());
        } catch (NumberFormatException e) {
            throw new FileError(file, 0, key, "整数ではありません: " + p.getProperty(key), "not a whole number: " + p.getProperty(key));
        }
    }

    private static double decimal(String file, Properties p, String key) {
        try {
            return Double.parseDouble(p.getProperty(key, "").strip());
        } catch (NumberFormatException e) {
            throw new FileError(file, 0, key, "数ではありません: " + p.getProperty(key), "not a number: " + p.getProperty(key));
        }
    }

    /** The cells of one row, read with the file, row and column named in every error. */
    private static final class Cells {
        final String file;
        final long row;
        final String[] c;
        final CSVRecord record;

        Cells(String file, long row, String[] c) {
            this.file = file;
            this.row = row;
            this.c = c;
            this.record = null;
        }

        Cells(String file, CSVRecord r) {
            this.file = file;
            this.row = r.getRecordNumber() + 1; // the header is row 1
            this.c = null;
            this.record = r;
        }

        private String raw(Object column) {
            if (record != null) {
                String name = (String) column;
                if (!record.isMapped(name)) {
                    throw new FileError(file, 0, name, "列がありません", "no such column");
                }
                if (!record.isSet(name)) {
                    throw new FileError(file, row, name, "値がありません", "the cell is missing");
                }
                return record.get(name);
            }
            return c[(Integer) column];
        }

        private String name(Object column) {
            return column instanceof Integer i ? FACT_HEADER[i] : (String) column;
        }

        String text(Object column, boolean required) {
            String v = raw(column);
            if (v == null || v.isEmpty()) {
                if (required) {
                    throw new FileError(file, row, name(column), "値がありません", "the cell is empty");
                }
                return null;
            }
            return v;
        }

        LocalDate date(Object column) {
            String v = text(column, false);
            try {
                return v == null ? null : LocalDate.parse(v);
            } catch (RuntimeException e) {
                throw new FileError(file, row, name(column), "日付（yyyy-MM-dd）ではありません: " + v, "not a date (yyyy-MM-dd): " + v);
            }
        }

        YearMonth month(Object column) {
            String v = text(column, true);
            try {
                return YearMonth.parse(v);
            } catch (RuntimeException e) {
                throw new FileError(file, row, name(column), "年月（yyyy-MM）ではありません: " + v, "not a month (yyyy-MM): " + v);
            }
        }

        int integer(Object column) {
            String v = text(column, true);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new FileError(file, row, name(column), "整数ではありません: " + v, "not a whole number: " + v);
            }
        }

        double decimal(Object column) {
            String v = text(column, true);
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new FileError(file, row, name(column), "数ではありません: " + v, "not a number: " + v);
            }
        }

        boolean bool(Object column) {
            String v = text(column, false);
            if (v == null || v.equals("false")) {
                return false;
            }
            if (v.equals("true")) {
                return true;
            }
            throw new FileError(file, row, name(column), "true か false です: " + v, "true or false, not " + v);
        }
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header).get());
    }

    private static Reader reader(Path file) throws IOException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FileError(file.getFileName().toString(), 0, null, "ファイルがありません: " + file, "no such file: " + file);
        }
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader r = reader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new FileError(file.getFileName().toString(), 0, null, "CSVとして読めません（" + e.getMessage() + "）", "not readable as CSV (" + e.getMessage() + ")");
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = reader(file)) {
            p.load(r);
        }
        return p;
    }

    private static void store(Properties p, Path file, String comment) throws IOException {
        // Sorted, so that two runs' files compare byte for byte (Properties.store writes a date line first).
        Map<String, String> sorted = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> sorted.put(k, p.getProperty(k)));
        StringBuilder b = new StringBuilder("# ").append(comment).append('\n');
        sorted.forEach((k, v) -> b.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }
}
