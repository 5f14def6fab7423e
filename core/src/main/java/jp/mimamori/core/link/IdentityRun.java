package jp.mimamori.core.link;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.mimamori.core.text.JsonString;

/**
 * One whole 名寄せ run as it is stored: every source row's person ID, 世帯ID, child flag and match
 * probability; the persons and households first seen; the review queue with each pair's explanation;
 * the counts, blocking and model. The server's {@code link} computes it with {@link #link} and stores
 * it; {@code import-linkage} reads the same thing from the files a Spark run wrote
 * ({@link IdentityFiles}) and stores it the same way; {@link IdentityFiles#writeRun} writes it in the
 * files' format, so an in-process run and a Spark run can be compared file by file.
 *
 * @param links         one per source row, in the rows' order
 * @param newPersons    person IDs first given in this run
 * @param newHouseholds households first seen in this run, by 世帯番号 order
 * @param review        the review queue in the engine's order, each pair with its record of lower key first
 * @param passes        each blocking pass's comparisons and dropped blocks
 * @param modelJson     the model the run linked with, as {@link Model#toJson} writes it
 */
public record IdentityRun(List<Link> links, List<String> newPersons, List<IdCarryOver.NewHousehold> newHouseholds, List<Review> review,
                          Counts counts, List<BlockingPass> passes, String modelJson) {

    /** One source row's outcome. */
    public record Link(String source, String recordId, String personId, String householdId, boolean child, double probability)
            implements java.io.Serializable {
    }

    /** A pair left to a reviewer: the two records (lower key first), its probability and its explanation (JSON). */
    public record Review(String sourceA, String recordA, String sourceB, String recordB, double probability, String explanation) {
    }

    /** What {@code link_run} counts: rows, persons (new and kept), children, candidate pairs, links made, pairs for review. */
    public record Counts(long records, long persons, long newPersons, long keptPersons, long children, long candidatePairs,
                         long matchedPairs, long reviewPairs) {
    }

    /** A reviewer's decision, by the two rows' source and record number. */
    public record KeyedDecision(String sourceA, String recordA, String sourceB, String recordB, boolean same) {
    }

    /**
     * Links the rows in one process, exactly as the server's {@code link} does: rows folded
     * ({@link RowFolding}), the engine's {@link LinkageEngine#link} with the decisions that name two of
     * them (and not one record twice), then IDs by {@link IdCarryOver#assign}.
     *
     * @param rows       every source row, each with its own record number (the registry's rows with their 世帯番号 as household)
     * @param stored     a saved model, or null to learn one
     * @param previous   earlier runs' identities ({@link IdCarryOver#key} → person ID)
     * @param households earlier runs' households (世帯番号 → 世帯ID)
     * @param asOf       the last day of the run's latest month
     */
    public static IdentityRun link(List<LinkRecord> rows, List<KeyedDecision> decisions, Model stored, Map<String, String> previous,
                                   Map<String, String> households, LocalDate asOf, IdCarryOver.NewIds ids) {
        RowFolding folded = RowFolding.fold(rows);
        LinkResult result = new LinkageEngine().link(folded.records(), decisions(rows, folded, decisions), stored);
        return of(rows, folded, result, previous, households, asOf, ids);
    }

    /** The decisions that name two rows of this run (by the rows' records), as {@link Decision}s on the folded records. */
    public static List<Decision> decisions(List<LinkRecord> rows, RowFolding folded, List<KeyedDecision> decisions) {
        Map<String, Integer> indexOf = indexOf(rows, folded);
        List<Decision> out = new ArrayList<>();
        for (KeyedDecision d : decisions) {
            Integer a = indexOf.get(IdCarryOver.key(d.sourceA(), d.recordA()));
            Integer b = indexOf.get(IdCarryOver.key(d.sourceB(), d.recordB()));
            if (a != null && b != null && !a.equals(b)) {
                out.add(new Decision(a, b, d.same()));
            }
        }
        return out;
    }

    /** Each row's key → its record's index (the first row of a key wins, as the server has always read it). */
    public static Map<String, Integer> indexOf(List<LinkRecord> rows, RowFolding folded) {
        Map<String, Integer> indexOf = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            indexOf.putIfAbsent(IdCarryOver.key(rows.get(i).source(), rows.get(i).recordId()), folded.representative()[i]);
        }
        return indexOf;
    }

    /** The run from the engine's result on the folded rows. */
    public static IdentityRun of(List<LinkRecord> rows, RowFolding folded, LinkResult result, Map<String, String> previous,
                                 Map<String, String> households, LocalDate asOf, IdCarryOver.NewIds ids) {
        int[] personOf = new int[rows.size()];
        List<IdCarryOver.Row> idRows = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            LinkRecord r = rows.get(i);
            personOf[i] = result.clusterOf()[folded.representative()[i]];
            idRows.add(new IdCarryOver.Row(r.source(), r.recordId(), r.birth(), r.household()));
        }
        IdCarryOver.Assignment a = IdCarryOver.assign(idRows, personOf, previous, households, asOf, ids);
        List<Link> links = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double p = result.bestProbability()[folded.representative()[i]];
            links.add(new Link(rows.get(i).source(), rows.get(i).recordId(), a.personOf()[i], a.householdOf()[i], a.childOf()[i],
                    Double.isNaN(p) ? 0.0 : p));
        }
        List<Review> review = new ArrayList<>(result.review().size());
        List<LinkRecord> records = folded.records();
        for (ScoredPair sp : result.review()) {
            review.add(review(records.get(sp.a()), records.get(sp.b()), sp.probability(), explanation(sp)));
        }
        Counts counts = new Counts(rows.size(), a.persons().size(), a.created(), a.kept(), a.children(), result.candidatePairs(),
                result.matchedPairs(), review.size());
        return new IdentityRun(links, a.newPersons(), a.newHouseholds(), review, counts, result.passes(), result.model().toJson());
    }

    /** A review pair with its record of lower key first, so that the stored queue does not depend on the input order. */
    public static Review review(LinkRecord x, LinkRecord y, double probability, String explanation) {
        boolean swap = IdCarryOver.compareKeys(x.source(), x.recordId(), y.source(), y.recordId()) > 0;
        LinkRecord a = swap ? y : x;
        LinkRecord b = swap ? x : y;
        return new Review(a.source(), a.recordId(), b.source(), b.recordId(), probability, explanation);
    }

    /**
     * A review pair's explanation as stored with it ({@code link_review.explanation}) and shown on the
     * review page: the weight, and every field's (and rule's) level and bits, rounded to a tenth.
     */
    public static String explanation(ScoredPair sp) {
        StringBuilder b = new StringBuilder("{\"weight\":").append(String.format(Locale.ROOT, "%.3f", sp.weight())).append(",\"contributions\":[");
        for (int i = 0; i < sp.contributions().size(); i++) {
            Contribution c = sp.contributions().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", c.key());
            m.put("label", c.labelJa());
            m.put("level", c.levelJa());
            m.put("bits", Math.round(c.bits() * 10) / 10.0);
            b.append(i == 0 ? "" : ",");
            object(b, m);
        }
        return b.append("]}").toString();
    }

    /** Each blocking pass's comparisons and skipped blocks, as JSON for the run's report ({@code link_run.blocking}). */
    public static String blockingJson(List<BlockingPass> passes) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < passes.size(); i++) {
            BlockingPass p = passes.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pass", p.name());
            m.put("comparisons", p.comparisons());
            m.put("skipped_blocks", p.skippedBlocks());
            m.put("skipped_records", p.skippedRecords());
            b.append(i == 0 ? "" : ",");
            object(b, m);
        }
        return b.append(']').toString();
    }

    /** A flat JSON object of strings and numbers, as the server's bulk JSON writes it. */
    private static void object(StringBuilder b, Map<String, Object> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            b.append(first ? "" : ",");
            first = false;
            JsonString.append(b, e.getKey());
            b.append(':');
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                JsonString.append(b, String.valueOf(v));
            }
        }
        b.append('}');
    }
}
