package jp.mimamori.spark;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.mimamori.core.link.IdCarryOver;
import jp.mimamori.core.link.IdentityRun;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * こどもID / 世帯ID carry-over on Spark, with core's {@link IdCarryOver} and the result of the
 * in-process run:
 * <ol>
 * <li>every source row joined to its linkage record (rows folded into one record share it) and so to
 *     its person and probability;</li>
 * <li>each person summed up on the executors: rows, least record key, whether a child, the 世帯番号 of
 *     its registry row of least key (an associative merge, so any partitioning gives the same);</li>
 * <li>the rows joined to the previous identities, the votes counted per person and earlier ID;</li>
 * <li>persons that vote for a common earlier ID grouped (connected components of the person–ID graph,
 *     by the same iterated joins as the linkage's components), and each group's vote settled on an
 *     executor by {@link IdCarryOver#choose}: the greedy order only matters inside such a group, so this
 *     is the in-process result;</li>
 * <li>new person IDs and the IDs of new households from {@link IdCarryOver.NewIds} with the extract's
 *     seed (a function of the seed and the least record key or 世帯番号, not of any visiting order).</li>
 * </ol>
 * Nothing is collected to the driver but the new households; the links stay an RDD sorted by record.
 */
public final class SparkIds {

    /** Vertices of earlier IDs in the person–ID graph sit above every record rank. */
    private static final long ID_VERTEX = 1L << 40;

    private SparkIds() {
    }

    /**
     * The outcome: every row's link sorted by (source, record number) (key: {@link SparkLink#key}), the
     * households first seen, and the counts.
     */
    public record Outcome(JavaPairRDD<String, IdentityRun.Link> links, List<IdCarryOver.NewHousehold> newHouseholds, long rows, long persons,
                          long kept, long created, long children, int groupRounds) {
    }

    /** One source row with its person, probability, and its record's birth date and household number. */
    static final class RowInfo implements Serializable {
        final String source;
        final String recordId;
        final long person;
        final double probability;
        final LocalDate birth;
        final String householdNo;

        RowInfo(String source, String recordId, long person, double probability, LocalDate birth, String householdNo) {
            this.source = source;
            this.recordId = recordId;
            this.person = person;
            this.probability = probability;
            this.birth = birth;
            this.householdNo = householdNo;
        }
    }

    /** One person summed up: an associative, commutative merge of its rows. */
    static final class PersonSum implements Serializable {
        long size;
        String leastSource;
        String leastRecord;
        boolean child;
        String householdSource;
        String householdRecord;
        String householdNo;

        static PersonSum of(RowInfo r, LocalDate asOf) {
            PersonSum p = new PersonSum();
            p.size = 1;
            p.leastSource = r.source;
            p.leastRecord = r.recordId;
            p.child = IdCarryOver.child(r.birth, asOf);
            if (r.householdNo != null) {
                p.householdSource = r.source;
                p.householdRecord = r.recordId;
                p.householdNo = r.householdNo;
            }
            return p;
        }

        static PersonSum merge(PersonSum x, PersonSum y) {
            PersonSum p = new PersonSum();
            p.size = x.size + y.size;
            boolean xFirst = IdCarryOver.compareKeys(x.leastSource, x.leastRecord, y.leastSource, y.leastRecord) <= 0;
            p.leastSource = xFirst ? x.leastSource : y.leastSource;
            p.leastRecord = xFirst ? x.leastRecord : y.leastRecord;
            p.child = x.child || y.child;
            PersonSum h = x.householdNo == null ? y : y.householdNo == null ? x
                    : IdCarryOver.compareKeys(x.householdSource, x.householdRecord, y.householdSource, y.householdRecord) <= 0 ? x : y;
            p.householdSource = h.householdSource;
            p.householdRecord = h.householdRecord;
            p.householdNo = h.householdNo;
            return p;
        }
    }

    /** A person's ID, whether new, child flag and household number, before its household ID is looked up. */
    record PersonOut(String personId, boolean isNew, boolean child, String householdNo) implements Serializable {
    }

    /**
     * Carries IDs over.
     *
     * @param linked     the linkage run ({@link SparkLink#linked})
     * @param rows       every source row: source, record number, the record number of its linkage record;
     *                   null when every record is one row
     * @param previous   earlier identities: {@link IdCarryOver#key} → person ID
     * @param households earlier households: 世帯番号 → 世帯ID
     * @param asOf       the last day of the run's month
     */
    public static Outcome carryOver(SparkLink.Linked linked, JavaRDD<String[]> rows, JavaPairRDD<String, String> previous,
                                    JavaPairRDD<String, String> households, LocalDate asOf, IdCarryOver.NewIds ids, int partitions) {
        // 1. Rows → their record's person, probability, birth date and registry household number.
        JavaPairRDD<String, RowInfo> recordInfo = linked.ranked().join(linked.personAndP(), partitions).mapToPair(t -> {
            String[] r = t._2()._1();
            String birth = blank(r[4]);
            return new Tuple2<>(SparkLink.key(r[0], r[1]), new RowInfo(r[0], r[1], t._2()._2()._1(), t._2()._2()._2(),
                    birth == null ? null : LocalDate.parse(birth), blank(r[9])));
        });
        JavaRDD<RowInfo> rowInfo;
        if (rows == null) {
            rowInfo = recordInfo.values();
        } else {
            JavaPairRDD<String, String[]> byRecord = rows.mapToPair(r -> new Tuple2<>(SparkLink.key(r[0], r[2]), r));
            rowInfo = byRecord.join(recordInfo, partitions).map(t -> {
                RowInfo rec = t._2()._2();
                return new RowInfo(rec.source, t._2()._1()[1], rec.person, rec.probability, rec.birth, rec.householdNo);
            });
        }
        rowInfo = rowInfo.persist(StorageLevel.MEMORY_AND_DISK());
        long rowCount = rowInfo.count();
        if (rows != null) {
            long given = rows.count();
            if (given != rowCount) {
                throw new IllegalArgumentException("行の " + (given - rowCount) + " 件が名寄せ用抽出にない記録を指しています / " + (given - rowCount)
                        + " rows of link-rows.csv name a record that link-records.csv does not have");
            }
        }

        // 2. Each person summed up.
        JavaPairRDD<Long, PersonSum> persons = rowInfo.mapToPair(r -> new Tuple2<>(r.person, PersonSum.of(r, asOf)))
                .reduceByKey(PersonSum::merge, partitions).persist(StorageLevel.MEMORY_AND_DISK());

        // 3. Votes: (person, earlier ID) → rows that had it.
        JavaPairRDD<Long, Tuple2<String, Long>> votes = rowInfo.mapToPair(r -> new Tuple2<>(IdCarryOver.key(r.source, r.recordId), r.person))
                .join(previous, partitions)
                .mapToPair(t -> new Tuple2<>(new Tuple2<>(t._2()._1(), t._2()._2()), 1L))
                .reduceByKey(Long::sum, partitions)
                .mapToPair(t -> new Tuple2<>(t._1()._1(), new Tuple2<>(t._1()._2(), t._2())))
                .persist(StorageLevel.MEMORY_AND_DISK());

        // 4. Groups of persons voting for a common ID, each settled on its own.
        JavaPairRDD<String, Long> idVertex = votes.map(t -> t._2()._1()).distinct(partitions).zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._1(), ID_VERTEX + t._2()));
        JavaPairRDD<Long, Long> edges = votes.mapToPair(t -> new Tuple2<>(t._2()._1(), t._1())).join(idVertex, partitions)
                .mapToPair(t -> new Tuple2<>(t._2()._1(), t._2()._2()));
        int[] rounds = {0};
        JavaPairRDD<Long, Long> group = SparkLink.components(edges, partitions, rounds).filter(t -> t._1() < ID_VERTEX);
        JavaPairRDD<Long, Map<String, Long>> ballot = votes.aggregateByKey(new HashMap<String, Long>(), partitions,
                (m, v) -> {
                    m.merge(v._1(), v._2(), Long::sum);
                    return m;
                },
                (a, b) -> {
                    HashMap<String, Long> m = new HashMap<>(a);
                    b.forEach((k, v) -> m.merge(k, v, Long::sum));
                    return m;
                }).mapValues(m -> (Map<String, Long>) m);
        JavaPairRDD<Long, String> chosen = ballot.join(persons, partitions)
                .mapToPair(t -> new Tuple2<>(t._1(), new IdCarryOver.Votes(Long.toString(t._1()), t._2()._2().size, t._2()._2().leastSource,
                        t._2()._2().leastRecord, t._2()._1())))
                .join(group, partitions)
                .mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()))
                .groupByKey(partitions)
                .flatMapToPair(t -> {
                    List<IdCarryOver.Votes> g = new ArrayList<>();
                    t._2().forEach(g::add);
                    List<Tuple2<Long, String>> out = new ArrayList<>(g.size());
                    IdCarryOver.choose(g).forEach((id, person) -> {
                        if (person != null) {
                            out.add(new Tuple2<>(Long.parseLong(id), person));
                        }
                    });
                    return out.iterator();
                });

        // 5. Every person's ID (carried over or new), then its household's.
        JavaPairRDD<Long, PersonOut> out = persons.leftOuterJoin(chosen, partitions).mapValues(t -> {
            PersonSum p = t._1();
            String id = t._2().orElse(null);
            return new PersonOut(id == null ? ids.person(p.leastSource, p.leastRecord) : id, id == null, p.child, p.householdNo);
        }).persist(StorageLevel.MEMORY_AND_DISK());
        JavaPairRDD<String, Tuple2<String, Boolean>> householdOf = out.values().filter(p -> p.householdNo() != null).map(PersonOut::householdNo)
                .distinct(partitions).mapToPair(n -> new Tuple2<>(n, 0))
                .leftOuterJoin(households, partitions)
                .mapToPair(t -> new Tuple2<>(t._1(), t._2()._2().isPresent() ? new Tuple2<>(t._2()._2().get(), false)
                        : new Tuple2<>(ids.household(t._1()), true)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<IdCarryOver.NewHousehold> newHouseholds = new ArrayList<>();
        for (Tuple2<String, Tuple2<String, Boolean>> t : householdOf.filter(t -> t._2()._2()).collect()) {
            newHouseholds.add(new IdCarryOver.NewHousehold(t._2()._1(), t._1()));
        }
        JavaPairRDD<Long, Tuple2<PersonOut, String>> complete = out.filter(t -> t._2().householdNo() != null)
                .mapToPair(t -> new Tuple2<>(t._2().householdNo(), t))
                .join(householdOf, partitions)
                .mapToPair(t -> new Tuple2<>(t._2()._1()._1(), new Tuple2<>(t._2()._1()._2(), t._2()._2()._1())))
                .union(out.filter(t -> t._2().householdNo() == null).mapValues(p -> new Tuple2<>(p, (String) null)));

        // 6. Every row's link, sorted by record.
        JavaPairRDD<String, IdentityRun.Link> links = rowInfo.mapToPair(r -> new Tuple2<>(r.person, r))
                .join(complete, partitions)
                .mapToPair(t -> {
                    RowInfo r = t._2()._1();
                    PersonOut p = t._2()._2()._1();
                    return new Tuple2<>(SparkLink.key(r.source, r.recordId),
                            new IdentityRun.Link(r.source, r.recordId, p.personId(), t._2()._2()._2(), p.child(), r.probability));
                })
                .sortByKey(true, partitions).persist(StorageLevel.MEMORY_AND_DISK());
        // Persons, new ones and children in one pass.
        long[] n = out.values().map(p -> new long[] {1, p.isNew() ? 1 : 0, p.child() ? 1 : 0})
                .fold(new long[3], (x, y) -> new long[] {x[0] + y[0], x[1] + y[1], x[2] + y[2]});
        return new Outcome(links, newHouseholds, rowCount, n[0], n[0] - n[1], n[1], n[2], rounds[0]);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
