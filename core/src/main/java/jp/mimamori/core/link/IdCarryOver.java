package jp.mimamori.core.link;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * こどもID / 世帯ID carry-over (ID の引継ぎ): gives every person of a linkage run the ID most of their
 * records had in earlier runs, and every registry household the ID of its 世帯番号, with no SQL, so that
 * the server's {@code IdentityService} and the Spark job ({@code SparkIds}) assign exactly the same IDs.
 *
 * <p>The rule: each source row votes for the person ID its record (source, record number) was last
 * linked to in any earlier run; larger persons (more rows) choose first, ties by their least record key
 * (source, then record number); a person takes the ID with most votes among those not yet taken (ties:
 * the smallest ID), or a new one. So someone who moved out and back in with the same registry number
 * gets their old ID again, a child whose surname changes keeps it, and when one person of last month is
 * now two, the larger part keeps the ID. A person is a child when any of their rows has a birth date
 * after the end of the run's month less 18 years. The household is the one of the person's registry row
 * (of least key, should a reviewer's "same" ever have joined two registry records), found by its 世帯番号.
 *
 * <p>Why the vote distributes: the greedy order matters only between persons voting for one same ID, so
 * the persons fall into independent groups (connected components of "person votes for ID"), each of
 * which {@link #choose} can settle on its own, anywhere, with the result of one pass over all persons.
 *
 * <p>New IDs are not drawn one by one from a random generator (whose result would depend on the order in
 * which persons are visited, which a distributed run cannot reproduce) but computed by {@link NewIds}:
 * HMAC-SHA-256, keyed with a random 256-bit seed drawn once per run, of the person's least record key (of
 * the 世帯番号 for a household). Given the same seed, the in-process run and the Spark run give the same
 * new IDs; without the seed, which is never stored with the run, an ID reveals nothing about the record
 * number it was computed from, so the IDs stay random to anyone but the run itself.
 */
public final class IdCarryOver {

    /** The alphabet of IDs: digits and capitals without I and O (never mistaken for 1 and 0). */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /** Characters after the prefix ({@code P} person, {@code H} household). */
    public static final int LENGTH = 12;

    private IdCarryOver() {
    }

    /**
     * One source row as ID assignment reads it (a department's row, before rows that say the same thing
     * are folded into one linkage record). {@code householdNo}: the registry's 世帯番号, null for other sources.
     */
    public record Row(String source, String recordId, LocalDate birth, String householdNo) implements Serializable {
    }

    /** A row's key in the previous identities: {@code source:record}. */
    public static String key(String source, String recordId) {
        return source + ":" + recordId;
    }

    /** The order of record keys every tie is broken by: source, then record number. */
    public static int compareKeys(String sourceA, String recordA, String sourceB, String recordB) {
        int c = sourceA.compareTo(sourceB);
        return c != 0 ? c : recordA.compareTo(recordB);
    }

    /** Whether someone born on {@code birth} is under 18 at the end of the run's month ({@code asOf}). */
    public static boolean child(LocalDate birth, LocalDate asOf) {
        return birth != null && birth.isAfter(asOf.minusYears(18));
    }

    /**
     * One person's part in the vote: how many rows they have, their least record key, and how many of
     * their rows had each earlier person ID. {@code id}: the caller's name for the person (any string).
     */
    public record Votes(String id, long size, String leastSource, String leastRecord, Map<String, Long> votes) implements Serializable {
    }

    /**
     * Larger persons first; then by least record key, which no two persons share (each row is one
     * person's), so the order is total and independent of how the persons are named or listed.
     */
    public static final Comparator<Votes> ORDER = Comparator.comparingLong((Votes v) -> -v.size())
            .thenComparing((x, y) -> compareKeys(x.leastSource(), x.leastRecord(), y.leastSource(), y.leastRecord()))
            .thenComparing(Votes::id);

    /**
     * The vote over these persons, visited in {@link #ORDER}: each person's carried-over ID, or null when
     * it gets a new one, by {@link Votes#id}. Call it on all persons at once, or on each group of persons
     * that vote for a common ID (see the class comment): the result is the same.
     */
    public static Map<String, String> choose(List<Votes> persons) {
        List<Votes> ordered = new ArrayList<>(persons);
        ordered.sort(ORDER);
        Set<String> taken = new HashSet<>();
        Map<String, String> out = new HashMap<>(ordered.size() * 2);
        for (Votes v : ordered) {
            String best = null;
            long most = 0;
            for (Map.Entry<String, Long> e : v.votes().entrySet()) {
                String id = e.getKey();
                if (taken.contains(id)) {
                    continue;
                }
                long n = e.getValue();
                if (n > most || n == most && best != null && id.compareTo(best) < 0) {
                    best = id;
                    most = n;
                }
            }
            if (best != null) {
                taken.add(best);
            }
            out.put(v.id(), best);
        }
        return out;
    }

    /** A household first seen in this run. */
    public record NewHousehold(String householdId, String householdNo) implements Serializable {
    }

    /**
     * The outcome for every row, in the rows' order: its person ID, household ID (null: none) and whether
     * the person is a child; the persons as lists of row indices (each in row order), their IDs, and
     * which are new; the households first seen in this run.
     */
    public record Assignment(String[] personOf, String[] householdOf, boolean[] childOf, List<List<Integer>> persons,
                             List<String> personIds, List<Boolean> personIsNew, List<String> newPersons, List<NewHousehold> newHouseholds,
                             long kept, long created, long children) {
    }

    /**
     * Assigns IDs to the persons of a run, in one process.
     *
     * @param rows       every source row of the run
     * @param personOf   the person of each row: any int naming it (e.g. its linkage cluster)
     * @param previous   earlier runs' identities: {@link #key} of a row → the person ID it was last linked to
     * @param households earlier runs' households: 世帯番号 → 世帯ID
     * @param asOf       the last day of the run's month
     */
    public static Assignment assign(List<Row> rows, int[] personOf, Map<String, String> previous, Map<String, String> households,
                                    LocalDate asOf, NewIds ids) {
        Map<Integer, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            members.computeIfAbsent(personOf[i], k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> persons = new ArrayList<>(members.values());
        List<Votes> votes = new ArrayList<>(persons.size());
        for (int c = 0; c < persons.size(); c++) {
            Row least = null;
            Map<String, Long> v = new HashMap<>(4);
            for (int i : persons.get(c)) {
                Row r = rows.get(i);
                if (least == null || compareKeys(r.source(), r.recordId(), least.source(), least.recordId()) < 0) {
                    least = r;
                }
                String p = previous.get(key(r.source(), r.recordId()));
                if (p != null) {
                    v.merge(p, 1L, Long::sum);
                }
            }
            votes.add(new Votes(Integer.toString(c), persons.get(c).size(), least.source(), least.recordId(), v));
        }
        Map<String, String> chosen = choose(votes);
        String[] personIds = new String[rows.size()];
        String[] householdIds = new String[rows.size()];
        boolean[] childOf = new boolean[rows.size()];
        List<String> ids2 = new ArrayList<>(persons.size());
        List<Boolean> isNew = new ArrayList<>(persons.size());
        List<String> newPersons = new ArrayList<>();
        Map<String, NewHousehold> newHouseholds = new LinkedHashMap<>();
        long kept = 0;
        long children = 0;
        for (int c = 0; c < persons.size(); c++) {
            Votes v = votes.get(c);
            String id = chosen.get(v.id());
            boolean created = id == null;
            if (created) {
                id = ids.person(v.leastSource(), v.leastRecord());
                newPersons.add(id);
            } else {
                kept++;
            }
            ids2.add(id);
            isNew.add(created);
            List<Row> mine = new ArrayList<>(persons.get(c).size());
            boolean child = false;
            for (int i : persons.get(c)) {
                mine.add(rows.get(i));
                child |= child(rows.get(i).birth(), asOf);
            }
            String no = householdNo(mine);
            String household = null;
            if (no != null) {
                household = households.get(no);
                if (household == null) {
                    household = ids.household(no);
                    newHouseholds.putIfAbsent(no, new NewHousehold(household, no));
                }
            }
            children += child ? 1 : 0;
            for (int i : persons.get(c)) {
                personIds[i] = id;
                householdIds[i] = household;
                childOf[i] = child;
            }
        }
        return new Assignment(personIds, householdIds, childOf, persons, ids2, isNew, newPersons, List.copyOf(newHouseholds.values()),
                kept, newPersons.size(), children);
    }

    /** The 世帯番号 of a person's registry row of least record key, or null when no row has one. */
    public static String householdNo(List<Row> rows) {
        Row best = null;
        for (Row r : rows) {
            if (r.householdNo() != null && !r.householdNo().isEmpty()
                    && (best == null || compareKeys(r.source(), r.recordId(), best.source(), best.recordId()) < 0)) {
                best = r;
            }
        }
        return best == null ? null : best.householdNo();
    }

    /**
     * New person and household IDs: {@code P}/{@code H} + 12 characters of {@link #ALPHABET} taken from
     * HMAC-SHA-256 under the run's seed (see the class comment), by rejection so every character is
     * equally likely. Serializable, so that a distributed run sends the seed to its executors.
     */
    public static final class NewIds implements Serializable {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        public NewIds(byte[] seed) {
            if (seed == null || seed.length < 16) {
                throw new IllegalArgumentException("ID の種は16バイト以上です / an ID seed has at least 16 bytes");
            }
            this.seed = seed.clone();
        }

        /** A fresh random seed (256 bits from {@link SecureRandom}). */
        public static NewIds random() {
            byte[] s = new byte[32];
            new SecureRandom().nextBytes(s);
            return new NewIds(s);
        }

        public static NewIds ofHex(String hex) {
            try {
                return new NewIds(HexFormat.of().parseHex(hex.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ID の種が16進数ではありません / the ID seed is not hexadecimal: " + e.getMessage(), e);
            }
        }

        public String hex() {
            return HexFormat.of().formatHex(seed);
        }

        /** The new ID of the person whose least record key is (source, record number). */
        public String person(String source, String recordId) {
            return id('P', "P\u0000" + source + "\u0000" + recordId);
        }

        /** The new ID of the registry household with this 世帯番号. */
        public String household(String householdNo) {
            return id('H', "H\u0000" + householdNo);
        }

        private String id(char prefix, String message) {
            StringBuilder b = new StringBuilder(LENGTH + 1).append(prefix);
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(seed, "HmacSHA256"));
                byte[] m = message.getBytes(StandardCharsets.UTF_8);
                for (int block = 0; b.length() <= LENGTH; block++) {
                    mac.update(m);
                    mac.update((byte) block);
                    // 238 = 7 × 34: a byte below it, modulo 34, gives every character the same chance.
                    for (byte x : mac.doFinal()) {
                        int v = x & 0xff;
                        if (v < 7 * ALPHABET.length() && b.length() <= LENGTH) {
                            b.append(ALPHABET.charAt(v % ALPHABET.length()));
                        }
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return b.toString();
        }
    }
}
