package jp.mimamori.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table (issue 15): SQL in a feature names only its own tables, and reaches another
 * feature's data through that feature's Java port (identity's {@code LinkRuns}, ingest's
 * {@code CurrentLoads} and {@code ExtractRetention}, …) or a view the owner publishes for reading
 * ({@code extract_record}, and every port view: a view named {@code <owner>_…_v}, created by a migration with
 * {@code create view} and owned by the feature its name begins with, such as {@code identity_person_v}). The
 * owners are listed here; every table the migrations create must be in the list, so a new table gets an
 * owner. A port view is readable by every feature; the tables behind it stay their owner's. The SQL that still reads another feature's table today is
 * frozen in {@link #KNOWN}: a new case fails the build naming the file and the table, and a fixed one
 * must leave the list (so it cannot come back unnoticed).
 */
class TableOwnershipTest {

    static final Path MAIN = Path.of("src/main/java/jp/mimamori/server");
    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Every table (and view) of the migrations, by the feature package that owns it. */
    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("app_user", "access"),
            Map.entry("audit_event", "audit"),
            Map.entry("extract_load", "ingest"), Map.entry("extract_row", "ingest"), Map.entry("quarantined_row", "ingest"),
            Map.entry("load_problem", "ingest"), Map.entry("extract_record", "ingest"), Map.entry("upload_notice", "ingest"),
            Map.entry("link_run", "identity"), Map.entry("record_link", "identity"), Map.entry("link_review", "identity"),
            Map.entry("link_decision", "identity"), Map.entry("person", "identity"), Map.entry("household", "identity"),
            Map.entry("person_profile", "identity"), Map.entry("person_key", "identity"), Map.entry("record_identity", "identity"),
            Map.entry("child_subject", "cases"), Map.entry("consultation", "cases"), Map.entry("consultation_child", "cases"),
            Map.entry("consultation_type", "cases"), Map.entry("case_file", "cases"), Map.entry("case_event", "cases"),
            Map.entry("case_alert", "cases"), Map.entry("support_goal", "cases"), Map.entry("risk_assessment", "cases"),
            Map.entry("referral", "cases"), Map.entry("case_contact", "cases"), Map.entry("case_contact_version", "cases"),
            Map.entry("case_attachment", "cases"), Map.entry("ledger_import", "cases"), Map.entry("code_entry", "cases"),
            Map.entry("assess_run", "assess"), Map.entry("assess_rule", "assess"), Map.entry("assess_group_stat", "assess"),
            Map.entry("child_indicator", "assess"), Map.entry("child_score", "assess"), Map.entry("rule_flag", "assess"),
            Map.entry("outreach_item", "outreach"), Map.entry("letter_template", "outreach"),
            // Port views (V61, V62): the columns their owner publishes for other features' statements.
            Map.entry("identity_person_v", "identity"), Map.entry("identity_record_link_v", "identity"),
            Map.entry("cases_consultation_v", "cases"), Map.entry("cases_child_consultation_v", "cases"),
            Map.entry("cases_consultation_type_v", "cases"), Map.entry("cases_case_v", "cases"), Map.entry("cases_code_v", "cases"),
            Map.entry("assess_run_v", "assess"), Map.entry("assess_child_indicator_v", "assess"), Map.entry("assess_group_stat_v", "assess"),
            Map.entry("ingest_load_v", "ingest"),
            // V63: the search's keys and every person ID ever given.
            Map.entry("identity_person_key_v", "identity"), Map.entry("identity_person_id_v", "identity"),
            // V60: what readers outside the server (spark link --jdbc) read of linkage.
            Map.entry("identity_linkage_row_v", "identity"), Map.entry("identity_linkage_decision_v", "identity"),
            Map.entry("identity_linkage_previous_v", "identity"), Map.entry("identity_linkage_household_v", "identity"),
            // V64: the latest finished run, for spark link --jdbc's ID carry-over.
            Map.entry("identity_linkage_run_v", "identity"));

    static final Pattern CREATED_VIEW = Pattern.compile("(?i)create\\s+(?:or\\s+replace\\s+)?view\\s+([a-z_][a-z0-9_]*)");

    /** ingest's view of typed extract columns, published before the {@code _v} naming rule; read by all. */
    static final Set<String> PUBLISHED_BEFORE_THE_RULE = Set.of("extract_record");

    /**
     * Views an owner publishes for other features to read: those of {@link #PUBLISHED_BEFORE_THE_RULE}, and
     * every view the migrations create whose name is {@code <owner>_…_v} for its owner in {@link #OWNER}.
     * A table so named, or a view named for another feature than its owner, is no port (and fails
     * {@link #portViewsAreViewsNamedForTheirOwner}).
     */
    static final Set<String> PUBLISHED = publishedViews();

    /**
     * Known SQL on another feature's table, "file → table", to be worked off; nothing may be added. None is
     * left: the demo seeds cases through cases' own CaseSeeding, and the backup counts audit rows through AuditLog.
     */
    static final Set<String> KNOWN = Set.of();

    static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    static final Pattern STRING = Pattern.compile("\"((?:\\\\.|[^\"\\\\\\n])*)\"");
    static final Pattern TABLE_AFTER_KEYWORD = Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_][a-z0-9_]*)\\b");
    static final Pattern CREATED = Pattern.compile("(?i)create\\s+(?:unlogged\\s+)?(?:table|view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");

    @Test
    void everyTableOfTheMigrationsHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.filter(f -> f.toString().endsWith(".sql")).forEach(f -> {
                Matcher m = CREATED.matcher(read(f));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase());
                }
            });
        }
        assertThat(created).as("tables created by the migrations").isNotEmpty();
        assertThat(OWNER.keySet()).as("give every new table an owner here (and a line in docs/modules.md)").containsAll(created);
    }

    @Test
    void portViewsAreViewsNamedForTheirOwner() throws IOException {
        Set<String> views = createdViews();
        Set<String> namedAsPorts = new TreeSet<>();
        OWNER.keySet().stream().filter(t -> t.endsWith("_v")).forEach(namedAsPorts::add);
        views.stream().filter(t -> t.endsWith("_v")).forEach(namedAsPorts::add);
        assertThat(namedAsPorts).as("relations named <owner>_…_v").isNotEmpty();
        for (String v : namedAsPorts) {
            assertThat(views).as(v + " is named as a port: create it with create view in a migration").contains(v);
            assertThat(OWNER.get(v)).as(v + " is a port: its name begins with its owner in OWNER").isNotNull();
            assertThat(v).as(v + " is a port: its name begins with its owner").startsWith(OWNER.get(v) + "_");
        }
        assertThat(PUBLISHED).containsAll(namedAsPorts).contains("extract_record").doesNotContain("person_profile", "record_link");
    }

    @Test
    void sqlNamesOnlyItsOwnFeaturesTables() throws IOException {
        Set<String> found = violations(MAIN);
        Set<String> added = new TreeSet<>(found);
        added.removeAll(KNOWN);
        Set<String> fixed = new TreeSet<>(KNOWN);
        fixed.removeAll(found);
        assertThat(added).as("SQL naming another feature's table (file → table): read it through the owner's port instead").isEmpty();
        assertThat(fixed).as("fixed: remove these from TableOwnershipTest.KNOWN").isEmpty();
    }

    @Test
    void aDeliberateViolationIsCaught() throws IOException {
        // A feature's file that reads another's table, and one that reads only its own and a published view.
        Path root = Files.createTempDirectory("ownership");
        Files.createDirectories(root.resolve("report"));
        Files.writeString(root.resolve("report/Bad.java"), "class Bad { String q = \"\"\"\n select x from extract_row r join extract_record e on true\n\"\"\"; }");
        Files.createDirectories(root.resolve("ingest"));
        Files.writeString(root.resolve("ingest/Good.java"), "class Good { String q = \"delete from extract_row where load_id = :l\"; }");
        // A port view is readable; the table behind it is not.
        Files.writeString(root.resolve("report/Port.java"), "class Port { String q = \"select p.address from identity_person_v p join cases_case_v c on true\"; }");
        Files.createDirectories(root.resolve("outreach"));
        Files.writeString(root.resolve("outreach/Behind.java"), "class Behind { String q = \"select name from person_profile\"; }");
        assertThat(violations(root)).containsExactly("outreach/Behind.java → person_profile", "report/Bad.java → extract_row");
    }

    static Set<String> createdViews() {
        Set<String> views = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            files.filter(f -> f.toString().endsWith(".sql")).forEach(f -> {
                Matcher m = CREATED_VIEW.matcher(read(f));
                while (m.find()) {
                    views.add(m.group(1).toLowerCase());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return views;
    }

    private static Set<String> publishedViews() {
        Set<String> out = new TreeSet<>(PUBLISHED_BEFORE_THE_RULE);
        for (String v : createdViews()) {
            String owner = OWNER.get(v);
            if (owner != null && v.endsWith("_v") && v.startsWith(owner + "_")) {
                out.add(v);
            }
        }
        return Set.copyOf(out);
    }

    /** "file → table" for each SQL string of a feature that names a table another feature owns. */
    static Set<String> violations(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Path rel = root.relativize(f);
                String feature = rel.getNameCount() > 1 ? rel.getName(0).toString() : "(root)";
                for (String table : tablesNamed(read(f))) {
                    String owner = OWNER.get(table);
                    if (owner != null && !owner.equals(feature) && !PUBLISHED.contains(table)) {
                        out.add(rel.toString().replace('\\', '/') + " → " + table);
                    }
                }
            });
        }
        return out;
    }

    /** The known tables named after FROM, JOIN, INTO, UPDATE or TABLE inside the file's string literals. */
    static Set<String> tablesNamed(String source) {
        StringBuilder literals = new StringBuilder();
        Matcher block = TEXT_BLOCK.matcher(source);
        while (block.find()) {
            literals.append(block.group(1)).append('\n');
        }
        Matcher string = STRING.matcher(TEXT_BLOCK.matcher(source).replaceAll(""));
        while (string.find()) {
            literals.append(string.group(1)).append('\n');
        }
        Set<String> tables = new TreeSet<>();
        Matcher m = TABLE_AFTER_KEYWORD.matcher(literals);
        while (m.find()) {
            String t = m.group(1).toLowerCase();
            if (OWNER.containsKey(t)) {
                tables.add(t);
            }
        }
        return tables;
    }

    static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
