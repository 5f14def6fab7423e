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
import java.util.regex.Pattern;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.text.JapaneseAddress;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.server.access.CentreOnly;
import jp.mimamori.server.access.FieldError;
import jp.mimamori.server.access.InvalidInputException;
import jp.mimamori.server.audit.AuditAction;
import jp.mimamori.server.audit.AuditLog;
import jp.mimamori.server.audit.CurrentActor;
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

    public record Search(String query, String kindJa, List<Hit> hits, String caseNo) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    private final Times times;

    public ChildDirectory(JdbcClient jdbc, AuditLog audit, Times times) {
        this.times = times;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public Search search(String raw) {
        String q = raw == null ? "" : JapaneseText.clean(raw).replace('　', ' ').strip();
        if (q.isEmpty() || q.length() > 100) {
            throw new InvalidInputException(List.of(new FieldError("q", "検索語を1〜100文字で入力してください", "enter 1 to 100 characters to search for")));
        }
        Search s = lookup(q);
        audit.record(CurrentActor.event(AuditAction.CHILD_SEARCHED, "search", s.kindJa() + ": " + q + " → " + s.hits().size() + " hits"));
        return s;
    }

    private Search lookup(String q) {
        String upper = q.toUpperCase();
        if (PERSON_ID.matcher(upper).matches()) {
            return new Search(q, "こどもID", profiles("p.person_id = :v", upper), null);
        }
        if (HOUSEHOLD_ID.matcher(upper).matches()) {
            return new Search(q, "世帯ID", profiles("p.household_id = :v", upper), null);
        }
        if (LOCAL_ID.matcher(upper).matches()) {
            return new Search(q, "センター登録番号", locals("s.id = cast(:v as bigint)", upper.substring(1)), null);
        }
        if (CASE_NO.matcher(upper).matches()) {
            String caseNo = jdbc.sql("select case_no from case_file where case_no = :c").param("c", upper).query(String.class).optional().orElse(null);
            List<Hit> hits = caseNo == null ? List.of() : jdbc.sql("""
                    select s.person_id, s.id from case_file c join child_subject s on s.id = c.child_id where c.case_no = :c""")
                    .param("c", upper).query((rs, i) -> rs.getString(1) != null ? profiles("p.person_id = :v", rs.getString(1))
                            : locals("s.id = cast(:v as bigint)", Long.toString(rs.getLong(2)))).single();
            return new Search(q, "ケース番号", hits, caseNo);
        }
        Optional<LocalDate> date = date(q);
        if (date.isPresent()) {
            List<Hit> hits = new ArrayList<>(profiles("p.birth_date = :d", date.get()));
            hits.addAll(locals("s.person_id is null and s.birth_date = :d", date.get()));
            return new Search(q, "生年月日", hits, null);
        }
        if (q.chars().anyMatch(Character::isDigit)) {
            String key = addressPrefix(q);
            return new Search(q, "住所", profiles("p.address_key like :v escape '\\'", like(key)), null);
        }
        // A name in any form; a bare town name (川端町) also finds its residents.
        Map<String, Hit> hits = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(List.of(JapaneseText.nameKey(q)));
        if (KANA_ONLY.matcher(q).matches()) {
            keys.add(JapaneseText.readingKey(q));
        }
        for (String k : keys) {
            for (Hit h : profiles("p.person_id in (select person_id from person_key where key like :v escape '\\' limit 500)", like(k))) {
                hits.putIfAbsent(h.ref(), h);
            }
            for (Hit h : locals("s.person_id is null and (s.name_key like :v escape '\\' or s.reading_key like :v escape '\\')", like(k))) {
                hits.putIfAbsent(h.ref(), h);
            }
        }
        if (hits.size() < LIMIT) {
            for (Hit h : profiles("p.address_key like :v escape '\\'", like(JapaneseText.nameKey(q) + "|"))) {
                hits.putIfAbsent(h.ref(), h);
            }
        }
        return new Search(q, "氏名", hits.values().stream().limit(LIMIT).toList(), null);
    }

    /** The child a reference names; empty when there is no such child. Reading it is audited by the caller's page. */
    public Optional<Child> find(String ref) {
        String r = ref == null ? "" : ref.strip().toUpperCase();
        if (PERSON_ID.matcher(r).matches()) {
            return jdbc.sql("""
                    select s.id as subject_id, p.person_id, coalesce(p.name, s.name) as name, coalesce(p.kana, s.kana) as kana,
                           coalesce(p.birth_date, s.birth_date) as birth_date, coalesce(p.sex, s.sex) as sex, coalesce(p.address, s.address) as address,
                           p.household_id, coalesce(p.sources, 'センターのみ') as sources, p.left_on
                    from person x left join person_profile p on p.person_id = x.person_id left join child_subject s on s.person_id = x.person_id
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
    public long ensureSubject(String ref) {
        Child c = find(ref).orElseThrow(() -> new ChildNotFoundException(ref));
        if (c.subjectId() != null) {
            return c.subjectId();
        }
        return insert(c.personId(), c.name(), c.kana(), c.birth(), c.sex(), c.address(), "linked " + c.personId());
    }

    /** A child not (yet) in any extract: newly moved in, unborn, or known only by name. */
    @Transactional
    public String recordLocal(String name, String kana, LocalDate birth, String sex, String address) {
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
        long id = insert(null, name.strip(), blankToNull(kana), birth, blankToNull(sex), blankToNull(address), "centre only");
        return "L" + id;
    }

    long insert(String personId, String name, String kana, LocalDate birth, String sex, String address, String how) {
        long id = jdbc.sql("""
                insert into child_subject (person_id, name, kana, birth_date, sex, address, name_key, reading_key, created_by)
                values (:p, :n, :k, :b, :s, :a, :nk, :rk, :by) returning id""")
                .param("p", personId).param("n", name).param("k", kana).param("b", birth).param("s", sex).param("a", address)
                .param("nk", JapaneseText.nameKey(name)).param("rk", kana == null ? null : JapaneseText.readingKey(kana))
                .param("by", CurrentActor.name()).query(Long.class).single();
        audit.record(CurrentActor.event(AuditAction.CHILD_RECORDED, personId != null ? personId : "L" + id, how));
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
                from person_profile p where %s order by p.is_child desc, p.birth_date desc nulls last, p.person_id limit %d"""
                .formatted(where.replace(":d", ":v"), LIMIT))
                .param("v", value).query(ChildDirectory::hit).list();
    }

    private List<Hit> locals(String where, Object value) {
        return jdbc.sql("""
                select 'L' || s.id as ref, s.name, s.kana, s.birth_date, s.sex, s.address, null as household_id, true as is_child,
                       'センターのみ' as sources, null::date as left_on,
                       (select c.case_no from case_file c where c.child_id = s.id and c.status <> 'CLOSED') as open_case
                from child_subject s where %s order by s.id limit %d""".formatted(where.replace(":d", ":v"), LIMIT))
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
