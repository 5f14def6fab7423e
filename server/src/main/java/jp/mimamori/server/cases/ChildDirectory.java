package jp.mimamori.server.cases;

import jp.mimamori.server.time.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.text.JapaneseAddress;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.validation.FieldError;
import jp.mimamori.server.validation.InvalidInputException;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds a child or household for the centre, by name in any form (kanji, kana, old or variant kanji,
 * given name alone, a prefix), birth date (西暦 or 和暦), address, こどもID, 世帯ID or case number, over
 * the latest linkage run's index and the children recorded only at the centre. A child is referred to
 * by its こどもID (P…) where linked, or by L + number where known only to the centre.
 */
@Service
@CentreOnly
public class ChildDirectory {

    static final Pattern PERSON_ID = Pattern.compile("^P[0-9A-Z]{12}$");
    static final Pattern HOUSEHOLD_ID = Pattern.compile("^H[0-9A-Z]{12}$");
    static final Pattern LOCAL_ID = Pattern.compile("^L[0-9]{1,18}$");
    static final Pattern CASE_NO = Pattern.compile("^C[0-9]{4}-[0-9]{1,8}$");
    private static final Pattern KANA_ONLY = Pattern.compile("^[\\p{IsHiragana}\\p{IsKatakana}ー・ 　]+$");
    private static final int LIMIT = 50;

    /** One search result: a linked person or a centre-only child. */
    public record Hit(String ref, String name, String kana, LocalDate birth, String sex, String address, String householdId,
                      boolean child, String openCaseNo, String sources, LocalDate leftOn) {
        public String sexJa() {
            return ChildDirectory.sexJa(sex);
        }
    }

    /** A child as the centre knows it: the subject row (where one exists yet) and the linked profile. */
    public record Child(String ref, Long subjectId, String personId, String name, String kana, LocalDate birth, String sex,
                        String address, String householdId, String sources, LocalDate leftOn) {
        public String sexJa() {
            return ChildDirectory.sexJa(sex);
        }
    }

    static String sexJa(String sex) {
        return "M".equals(sex) ? "男" : "F".equals(sex) ? "女" : "";
    }

    /**
     * One page of a search's hits in relevance order, with the total over every page.
     *
     * @param page 0-based
     */
    public record Search(String query, String kindJa, List<Hit> hits, String caseNo, long total, int page, int size, Filters filters) {
        public Search(String query, String kindJa, List<Hit> hits, String caseNo) {
            this(query, kindJa, hits, caseNo, hits.size(), 0, Math.max(1, hits.size()), Filters.NONE);
        }

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }

        public long first() {
            return hits.isEmpty() ? 0 : (long) page * size + 1;
        }

        public long last() {
            return (long) page * size + hits.size();
        }
    }

    /** Age bands staff think in: 乳幼児, 小学生, 中学生, 高校生年代, 大人 (age in whole years today). */
    public enum AgeBand implements jp.mimamori.server.web.Labelled {
        INFANT("0〜5歳（乳幼児）", 0, 5), PRIMARY("6〜11歳（小学生年代）", 6, 11), JUNIOR("12〜14歳（中学生年代）", 12, 14),
        SENIOR("15〜17歳（高校生年代）", 15, 17), ADULT("18歳以上（大人）", 18, 200);

        private final String label;
        final int from;
        final int to;

        AgeBand(String label, int from, int to) {
            this.label = label;
            this.from = from;
            this.to = to;
        }

        @Override
        public String label() {
            return label;
        }

        public int from() {
            return from;
        }

        public int to() {
            return to;
        }

        public String code() {
            return name().toLowerCase();
        }

        public static Optional<AgeBand> ofCode(String code) {
            for (AgeBand b : values()) {
                if (b.code().equals(code)) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }
    }

    /** What narrows a search: an age band, a town (町名, a prefix of the address), only those with an open case. */
    public record Filters(AgeBand age, String town, boolean openCase) {
        public static final Filters NONE = new Filters(null, null, false);

        public boolean any() {
            return age != null || town != null || openCase;
        }

        String text() {
            return (age == null ? "" : " 年齢=" + age.label()) + (town == null ? "" : " 町名=" + town) + (openCase ? " ケースあり" : "");
        }
    }

    /** Hits on one page of the search page: few enough to read, many enough that a common surname needs only a few pages. */
    public static final int PAGE = 50;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    private final Times times;

    public ChildDirectory(JdbcClient jdbc, AuditLog audit, Times times) {
        this.times = times;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public Search search(Actor actor, String raw) {
        return search(actor, raw, Filters.NONE, 0, PAGE);
    }

    /**
     * One page of the hits for a query, in relevance order: an exact name (or こどもID, number …) first,
     * children before adults, then the youngest first. Audited with the query, the filters and the
     * total, as every search is.
     */
    @Transactional
    public Search search(Actor actor, String raw, Filters filters, int page, int size) {
        String q = raw == null ? "" : JapaneseText.clean(raw).replace('　', ' ').strip();
        if (q.isEmpty() || q.length() > 100) {
            throw new InvalidInputException(List.of(new FieldError("q", "検索語を1〜100文字で入力してください", "enter 1 to 100 characters to search for")));
        }
        if (page < 0 || size < 1 || size > 500) {
            throw new InvalidInputException(List.of(new FieldError("page", "ページの指定が正しくありません", "no such page")));
        }
        Filters f = filters == null ? Filters.NONE : filters;
        Search found = lookup(q, f, page, size);
        Search s = new Search(q, found.kindJa(), found.hits(), found.caseNo(), found.total(), page, size, f);
        audit.record(actor.event(AuditAction.CHILD_SEARCHED, "search",
                s.kindJa() + ": " + q + f.text() + " → " + s.total() + " hits" + (page > 0 ? " (page " + (page + 1) + ")" : "")));
        return s;
    }

    /** A query turned into conditions on the index ({@code p}) and on centre-only children ({@code s}, none when null). */
    private record Query(String kindJa, String profiles, String locals, Map<String, Object> params, String exactKey) {
    }

    private static final Pattern CONSULTATION_NO = Pattern.compile("^S[0-9]{4}-[0-9]{1,8}$");
    private static final Pattern POSTCODE = Pattern.compile("^〒?\\s*([0-9]{3})-?([0-9]{4})$");
    /** A birth year on its own: 2020, 2020年, 令和2年, R2, 令和元年, 令2. */
    private static final Pattern SEIREKI_YEAR = Pattern.compile("^([0-9]{4})年?$");
    private static final Pattern ERA_YEAR = Pattern.compile("^(明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])\\.?([0-9]{1,2}|元)年?$");

    private Search lookup(String q, Filters f, int page, int size) {
        String upper = q.toUpperCase();
        if (PERSON_ID.matcher(upper).matches()) {
            return run(new Query("こどもID", "p.person_id = :v", null, Map.of("v", upper), null), f, page, size, null);
        }
        if (HOUSEHOLD_ID.matcher(upper).matches()) {
            return run(new Query("世帯ID", "p.household_id = :v", null, Map.of("v", upper), null), f, page, size, null);
        }
        if (LOCAL_ID.matcher(upper).matches()) {
            return run(new Query("センター登録番号", null, "s.id = cast(:v as bigint)", Map.of("v", upper.substring(1)), null), f, page, size, null);
        }
        if (CASE_NO.matcher(upper).matches()) {
            String caseNo = jdbc.sql("select case_no from case_file where case_no = :c").param("c", upper).query(String.class).optional().orElse(null);
            Query cq = new Query("ケース番号", "p.person_id in (select s.person_id from case_file c join child_subject s on s.id = c.child_id where c.case_no = :v)",
                    "s.id in (select c.child_id from case_file c where c.case_no = :v)", Map.of("v", upper), null);
            return run(cq, f, page, size, caseNo);
        }
        if (CONSULTATION_NO.matcher(upper).matches()) {
            // The children a consultation is about, linked or known only to the centre.
            return run(new Query("相談番号", """
                    p.person_id in (select s.person_id from consultation k join consultation_child cc on cc.consultation_id = k.id
                                    join child_subject s on s.id = cc.child_id where k.consultation_no = :v)""",
                    "s.id in (select cc.child_id from consultation k join consultation_child cc on cc.consultation_id = k.id where k.consultation_no = :v)",
                    Map.of("v", upper), null), f, page, size, null);
        }
        Matcher post = POSTCODE.matcher(q);
        if (post.matches()) {
            // The registry's postcode of the current load, through the latest run's links.
            return run(new Query("郵便番号", """
                    p.person_id in (select k.person_id from extract_record r
                                    join identity_record_link_v k on k.run_id = p.run_id and k.source_code = 'juki' and k.record_id = r.record_id
                                    where r.current and r.source_code = 'juki' and replace(r.postcode, '-', '') = :v)""", null,
                    Map.of("v", post.group(1) + post.group(2)), null), f, page, size, null);
        }
        Optional<LocalDate> date = date(q);
        if (date.isPresent()) {
            return run(new Query("生年月日", "p.birth_date = :d", "s.birth_date = :d", Map.of("d", date.get()), null), f, page, size, null);
        }
        Optional<LocalDate[]> year = year(q);
        if (year.isPresent()) {
            return run(new Query("生年", "p.birth_date >= :from and p.birth_date < :to", "s.birth_date >= :from and s.birth_date < :to",
                    Map.of("from", year.get()[0], "to", year.get()[1]), null), f, page, size, null);
        }
        // A name followed (or preceded) by a birth date or year: 髙橋 令和2年, 髙橋 2020-04-01, 2020年4月1日 さくら.
        String[] words = q.split(" ");
        if (words.length >= 2) {
            for (int i : new int[] {words.length - 1, 0}) {
                String when = words[i];
                String name = String.join(" ", i == 0 ? java.util.Arrays.copyOfRange(words, 1, words.length)
                        : java.util.Arrays.copyOfRange(words, 0, words.length - 1));
                Optional<LocalDate[]> range = date(when).map(d -> new LocalDate[] {d, d.plusDays(1)}).or(() -> year(when));
                if (range.isPresent() && !name.chars().anyMatch(Character::isDigit)) {
                    Query byName = name(name, "氏名と生年月日");
                    Map<String, Object> params = new LinkedHashMap<>(byName.params());
                    params.put("from", range.get()[0]);
                    params.put("to", range.get()[1]);
                    return run(new Query(byName.kindJa(), "(" + byName.profiles() + ") and p.birth_date >= :from and p.birth_date < :to",
                            "(" + byName.locals() + ") and s.birth_date >= :from and s.birth_date < :to", params, byName.exactKey()), f, page, size, null);
                }
            }
        }
        if (q.chars().anyMatch(Character::isDigit)) {
            return run(new Query("住所", "p.address_key like :v escape '\\'", null, Map.of("v", like(addressPrefix(q))), null), f, page, size, null);
        }
        return run(name(q, "氏名"), f, page, size, null);
    }

    /** A name in any form (kanji, kana, old or variant kanji, given name alone, a prefix); a bare town name (川端町) also finds its residents. */
    private Query name(String q, String kindJa) {
        String nameKey = JapaneseText.nameKey(q.replace(" ", ""));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n", like(nameKey));
        params.put("town", like(nameKey + "|"));
        String reading = "";
        String readingLocal = "";
        if (KANA_ONLY.matcher(q).matches()) {
            params.put("k", like(JapaneseText.readingKey(q)));
            reading = " or key like :k escape '\\'";
            readingLocal = " or s.reading_key like :k escape '\\'";
        }
        return new Query(kindJa,
                "p.person_id in (select person_id from identity_person_key_v where key like :n escape '\\'" + reading + ") or p.address_key like :town escape '\\'",
                "s.name_key like :n escape '\\' or s.reading_key like :n escape '\\'" + readingLocal, params, nameKey);
    }

    /** A birth year on its own as [1 January, next 1 January); a 和暦 year counts from the era's first day in its first year. */
    static Optional<LocalDate[]> year(String q) {
        Matcher s = SEIREKI_YEAR.matcher(q);
        if (s.matches()) {
            int y = Integer.parseInt(s.group(1));
            return y < 1868 || y > 2200 ? Optional.empty() : Optional.of(new LocalDate[] {LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1)});
        }
        Matcher e = ERA_YEAR.matcher(q);
        if (e.matches()) {
            Optional<jp.mimamori.core.date.Era> era = jp.mimamori.core.date.Era.parse(e.group(1));
            if (era.isEmpty()) {
                return Optional.empty();
            }
            int n = "元".equals(e.group(2)) ? 1 : Integer.parseInt(e.group(2));
            if (n < 1) {
                return Optional.empty();
            }
            int y = era.get().gregorianYear(n);
            LocalDate from = n == 1 ? era.get().firstDay() : LocalDate.of(y, 1, 1);
            LocalDate to = LocalDate.of(y + 1, 1, 1);
            // The year must lie in the era (令和10年 is fine; 平成40年 is not a year anyone was born in).
            if (era.get().endExclusive().map(end -> !from.isBefore(end)).orElse(false)) {
                return Optional.empty();
            }
            return Optional.of(new LocalDate[] {from, era.get().endExclusive().filter(end -> end.isBefore(to)).orElse(to)});
        }
        return Optional.empty();
    }

    /**
     * The hits for a query under the filters, one page of them, with the total: the index's persons and
     * the centre-only children together, exact names first, children before adults, youngest first.
     */
    private Search run(Query query, Filters f, int page, int size, String caseNo) {
        Map<String, Object> params = new LinkedHashMap<>(query.params());
        String exact = "false";
        String exactLocal = "false";
        if (query.exactKey() != null && !query.exactKey().isEmpty()) {
            params.put("exact", query.exactKey());
            exact = "exists (select 1 from identity_person_key_v e where e.person_id = p.person_id and e.key = :exact)";
            exactLocal = "(s.name_key = :exact or s.reading_key = :exact)";
        }
        List<String> parts = new ArrayList<>();
        if (query.profiles() != null) {
            parts.add("""
                    select p.person_id as ref, p.name, p.kana, p.birth_date, p.sex, p.address, p.household_id, p.is_child, p.sources, p.left_on,
                           p.address_key as akey, %s as exact, (select s.id from child_subject s where s.person_id = p.person_id order by s.id limit 1) as subject_id
                    from identity_person_v p where (%s)""".formatted(exact, query.profiles()));
        }
        if (query.locals() != null) {
            parts.add("""
                    select 'L' || s.id as ref, s.name, s.kana, s.birth_date, s.sex, s.address, null as household_id, true as is_child,
                           'センターのみ' as sources, null::date as left_on, s.address as akey, %s as exact, s.id as subject_id
                    from child_subject s where s.person_id is null and (%s)""".formatted(exactLocal, query.locals()));
        }
        List<String> where = new ArrayList<>();
        if (f.age() != null) {
            LocalDate today = times.today();
            // Aged from..to today: born after (today − (to+1) years) and on or before (today − from years).
            params.put("bornAfter", today.minusYears(f.age().to + 1L));
            params.put("bornBy", today.minusYears(f.age().from));
            where.add("birth_date > :bornAfter and birth_date <= :bornBy");
        }
        if (f.town() != null) {
            params.put("townKey", like(JapaneseText.nameKey(f.town()) + "|"));
            params.put("townText", "%" + f.town().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.add("(akey like :townKey escape '\\' or address like :townText escape '\\')");
        }
        if (f.openCase()) {
            where.add("exists (select 1 from case_file c where c.child_id = subject_id and c.status <> 'CLOSED')");
        }
        params.put("skip", (long) page * size);
        params.put("take", size);
        String sql = """
                with hits as (%s),
                page as (select h.*, count(*) over () as total from hits h %s
                         order by exact desc, is_child desc, birth_date desc nulls last, ref offset :skip limit :take)
                select page.*, (select c.case_no from case_file c where c.child_id = page.subject_id and c.status <> 'CLOSED' order by c.id limit 1) as open_case
                from page order by exact desc, is_child desc, birth_date desc nulls last, ref""".formatted(String.join(" union all ", parts),
                where.isEmpty() ? "" : "where " + String.join(" and ", where));
        long[] total = {0};
        List<Hit> hits = hits(sql, params, total);
        if (hits.isEmpty() && page > 0) {
            // Past the last page: the total is still to be told, from the first row.
            params.put("skip", 0L);
            params.put("take", 1);
            hits(sql, params, total);
        }
        return new Search("", query.kindJa(), hits, caseNo, total[0], page, size, f);
    }

    private List<Hit> hits(String sql, Map<String, Object> params, long[] total) {
        var statement = jdbc.sql(sql);
        for (var e : params.entrySet()) {
            statement = statement.param(e.getKey(), e.getValue());
        }
        return statement.query((rs, i) -> {
            total[0] = rs.getLong("total");
            return hit(rs, i);
        }).list();
    }

    /** The child a reference names; empty when there is no such child. Reading it is audited by the caller's page. */
    public Optional<Child> find(String ref) {
        String r = ref == null ? "" : ref.strip().toUpperCase();
        if (PERSON_ID.matcher(r).matches()) {
            return jdbc.sql("""
                    select s.id as subject_id, p.person_id, coalesce(p.name, s.name) as name, coalesce(p.kana, s.kana) as kana,
                           coalesce(p.birth_date, s.birth_date) as birth_date, coalesce(p.sex, s.sex) as sex, coalesce(p.address, s.address) as address,
                           p.household_id, coalesce(p.sources, 'センターのみ') as sources, p.left_on
                    from identity_person_id_v x left join identity_person_v p on p.person_id = x.person_id left join child_subject s on s.person_id = x.person_id
                    where x.person_id = :r and (p.person_id is not null or s.id is not null)""")
                    .param("r", r).query(ChildDirectory::child).optional();
        }
        if (LOCAL_ID.matcher(r).matches()) {
            return jdbc.sql("""
                    select s.id as subject_id, s.person_id, s.name, s.kana, s.birth_date, s.sex, s.address, null as household_id, 'センターのみ' as sources,
                           null::date as left_on
                    from child_subject s where s.id = :id""")
                    .param("id", Long.parseLong(r.substring(1))).query(ChildDirectory::child).optional()
                    // A centre-only child linked since is referred to by its こどもID.
                    .flatMap(c -> c.personId() != null ? find(c.personId()) : Optional.of(c));
        }
        return Optional.empty();
    }

    /** The centre's own row for a child, created from the linked profile the first time the centre records something. */
    @Transactional
    public long ensureSubject(Actor actor, String ref) {
        Child c = find(ref).orElseThrow(() -> new ChildNotFoundException(ref));
        if (c.subjectId() != null) {
            return c.subjectId();
        }
        return insert(actor, c.personId(), c.name(), c.kana(), c.birth(), c.sex(), c.address(), "linked " + c.personId());
    }

    /** A child not (yet) in any extract: newly moved in, unborn, or known only by name. */
    @Transactional
    public String recordLocal(Actor actor, String name, String kana, LocalDate birth, String sex, String address) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            errors.add(new FieldError("name", "氏名を100文字以内で入力してください", "enter the child's name, at most 100 characters"));
        }
        if (birth != null && birth.isAfter(times.today().plusYears(1))) {
            errors.add(new FieldError("birth", "生年月日が未来すぎます", "birth date is too far in the future"));
        }
        if (sex != null && !sex.isBlank() && !sex.equals("M") && !sex.equals("F")) {
            errors.add(new FieldError("sex", "性別は M か F", "sex must be M or F"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id = insert(actor, null, name.strip(), blankToNull(kana), birth, blankToNull(sex), blankToNull(address), "centre only");
        return "L" + id;
    }

    long insert(Actor actor, String personId, String name, String kana, LocalDate birth, String sex, String address, String how) {
        long id = jdbc.sql("""
                insert into child_subject (person_id, name, kana, birth_date, sex, address, name_key, reading_key, created_by)
                values (:p, :n, :k, :b, :s, :a, :nk, :rk, :by) returning id""")
                .param("p", personId).param("n", name).param("k", kana).param("b", birth).param("s", sex).param("a", address)
                .param("nk", JapaneseText.nameKey(name)).param("rk", kana == null ? null : JapaneseText.readingKey(kana))
                .param("by", actor.name()).query(Long.class).single();
        audit.record(actor.event(AuditAction.CHILD_RECORDED, personId != null ? personId : "L" + id, how));
        return id;
    }

    /** The reference of a subject row: its こどもID if linked, else L + id. */
    public String refOf(long subjectId) {
        return jdbc.sql("select coalesce(person_id, 'L' || id) from child_subject where id = :id").param("id", subjectId).query(String.class).single();
    }

    /** Members of a household in the latest run, children first. */
    public List<Hit> household(String householdId) {
        return householdId == null ? List.of() : profiles("p.household_id = :v", householdId);
    }

    private List<Hit> profiles(String where, Object value) {
        return jdbc.sql("""
                select p.person_id as ref, p.name, p.kana, p.birth_date, p.sex, p.address, p.household_id, p.is_child, p.sources, p.left_on,
                       (select c.case_no from child_subject s join case_file c on c.child_id = s.id and c.status <> 'CLOSED'
                        where s.person_id = p.person_id) as open_case
                from identity_person_v p where %s order by p.is_child desc, p.birth_date desc nulls last, p.person_id limit %d"""
                .formatted(where.replace(":d", ":v"), LIMIT))
                .param("v", value).query(ChildDirectory::hit).list();
    }

    private static Hit hit(ResultSet rs, int i) throws SQLException {
        return new Hit(rs.getString("ref"), rs.getString("name"), rs.getString("kana"), rs.getObject("birth_date", LocalDate.class),
                rs.getString("sex"), rs.getString("address"), rs.getString("household_id"), rs.getBoolean("is_child"),
                rs.getString("open_case"), rs.getString("sources"), rs.getObject("left_on", LocalDate.class));
    }

    private static Child child(ResultSet rs, int i) throws SQLException {
        long sid = rs.getLong("subject_id");
        Long subject = rs.wasNull() ? null : sid;
        String person = rs.getString("person_id");
        return new Child(person != null ? person : "L" + subject, subject, person, rs.getString("name"), rs.getString("kana"),
                rs.getObject("birth_date", LocalDate.class), rs.getString("sex"), rs.getString("address"), rs.getString("household_id"),
                rs.getString("sources"), rs.getObject("left_on", LocalDate.class));
    }

    static Optional<LocalDate> date(String q) {
        if (JapaneseDates.notationOf(q).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JapaneseDates.parse(q));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** 川端町2丁目 → "川端町|2|", 川端町2丁目2番15号 → "川端町|2|2|15": a prefix of the index's address keys. */
    static String addressPrefix(String q) {
        return JapaneseAddress.parse(q).map(a -> {
            String town = JapaneseText.nameKey(a.town()) + "|" + a.chome() + "|";
            if (a.ban() == 0) {
                return town;
            }
            return a.go() == 0 ? town + a.ban() + "|" : town + a.ban() + "|" + a.go();
        }).orElse(JapaneseText.nameKey(q));
    }

    static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
