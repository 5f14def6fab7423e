package jp.mimamori.synth;

import java.io.IOException;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import jp.mimamori.core.date.DateNotation;
import jp.mimamori.core.date.JapaneseDates;
import jp.mimamori.core.source.SourceSystem;
import jp.mimamori.synth.ExtractFile.CorruptionTargets;
import jp.mimamori.synth.ExtractFile.Subject;

/** Writes every department's extract for the month, as each department's system would. */
final class ExtractWriter {

    private final CitySimulator city;
    private final Render render;
    private final Truth truth;
    private final Path dir;
    private final YearMonth month;
    private final LocalDate asOf;
    private final List<String[]> manifest = new ArrayList<>();
    private final List<Ledger.Row> ledger = new ArrayList<>();

    ExtractWriter(CitySimulator city, Render render, Truth truth, Path dir, YearMonth month) {
        this.city = city;
        this.render = render;
        this.truth = truth;
        this.dir = dir;
        this.month = month;
        this.asOf = month.atEndOfMonth();
    }

    List<String[]> manifest() {
        return manifest;
    }

    /** The centre's consultations as its Excel ledger (相談受付簿) has them, in the order written. */
    List<Ledger.Row> ledger() {
        return ledger;
    }

    void writeAll(Consumer<String> progress) throws IOException {
        for (SourceFormat f : SourceFormat.values()) {
            progress.accept(f.fileName());
            try (ExtractFile file = open(f)) {
                switch (f) {
                    case JUKI -> juki(file, f);
                    case ZEI -> zei(file, f);
                    case TEATE -> teate(file, f);
                    case KOSODATE -> kosodate(file, f);
                    case GAKUREI -> gakurei(file, f);
                    case SHOGAI -> shogai(file, f);
                    case KENKO -> kenko(file, f);
                    case SEIHO -> seiho(file, f);
                    case KOMU -> komu(file, f);
                    case SOUDAN -> soudan(file, f);
                }
                manifest.add(new String[] {f.source.code(), file.fileName(), f.encoding.label, f.dates.name(), Integer.toString(file.rows()), month.toString()});
            }
        }
    }

    private ExtractFile open(SourceFormat f) throws IOException {
        return new ExtractFile(dir, f.source, f.fileName(), f.encoding.charset, f.encoding.bom, f.dates, header(f), targets(f), truth, render);
    }

    static String[] header(SourceFormat f) {
        return switch (f) {
            case JUKI -> new String[] {"宛名番号", "世帯番号", "氏名", "氏名カナ", "性別", "生年月日元号", "生年月日", "続柄", "郵便番号", "住所", "方書", "住民種別", "国籍", "住定日", "異動事由", "異動日"};
            case ZEI -> new String[] {"納税義務者番号", "宛名番号", "氏名", "ｶﾅ氏名", "生年月日", "性別", "住所", "課税区分", "国保加入", "滞納有無", "滞納額"};
            case TEATE -> new String[] {"管理番号", "児童宛名番号", "手当種別", "受給者氏名", "受給者カナ", "受給者生年月日", "児童氏名", "児童カナ", "児童生年月日", "児童性別", "住所", "認定日", "支給状況"};
            case KOSODATE -> new String[] {"児童番号", "児童氏名", "児童ふりがな", "生年月日", "性別", "保護者氏名", "住所", "施設区分", "施設名", "利用状況", "利用開始日"};
            case GAKUREI -> new String[] {"学齢簿番号", "児童生徒氏名", "フリガナ", "生年月日", "性別", "保護者氏名", "住所", "学校名", "学年", "就学援助区分", "就学援助認定日"};
            case SHOGAI -> new String[] {"受給者証番号", "住民コード", "氏名", "ｶﾅ", "生年月日", "性別", "住所", "手帳種別", "等級", "特別児童扶養手当", "障害児福祉手当", "交付日"};
            case KENKO -> new String[] {"管理番号", "宛名番号", "区分", "対象者氏名", "対象者カナ", "生年月日", "性別", "保護者氏名", "住所", "項目", "予定日", "実施日", "状況", "特定妊婦"};
            case SEIHO -> new String[] {"ケース番号", "世帯員番号", "住民コード", "氏名", "カナ", "生年月日", "性別", "続柄", "住所", "保護開始日", "保護廃止日", "保護状況"};
            case KOMU -> new String[] {"生徒番号", "学校名", "学年", "氏名", "カナ", "生年月日", "性別", "対象年月", "授業日数", "欠席日数", "遅刻日数", "保健室登校日数", "提供根拠"};
            case SOUDAN -> new String[] {"相談番号", "受付日", "経路", "相談者", "児童氏名", "児童カナ", "児童生年月日", "児童性別", "住所", "相談種別", "緊急度", "相談内容", "担当者"};
        };
    }

    /** Which columns a deliberately corrupted row damages: (date, its era column or -1, a code, a required field). */
    static CorruptionTargets targets(SourceFormat f) {
        return switch (f) {
            case JUKI -> new CorruptionTargets(6, 5, 4, 2);
            case ZEI -> new CorruptionTargets(4, -1, 7, 2);
            case TEATE -> new CorruptionTargets(8, -1, 2, 6);
            case KOSODATE -> new CorruptionTargets(3, -1, 4, 1);
            case GAKUREI -> new CorruptionTargets(3, -1, 4, 1);
            case SHOGAI -> new CorruptionTargets(4, -1, 7, 2);
            case KENKO -> new CorruptionTargets(5, -1, 6, 3);
            case SEIHO -> new CorruptionTargets(5, -1, 6, 3);
            case KOMU -> new CorruptionTargets(5, -1, 6, 3);
            case SOUDAN -> new CorruptionTargets(1, -1, 7, 4);
        };
    }

    // ---- who is in which extract ---------------------------------------------------------------

    private boolean removedThisMonth(Person p) {
        return p.statusDate != null && YearMonth.from(p.statusDate).equals(month);
    }

    /** Departments other than the registry update late: a person who left this month is still there half the time. */
    private boolean known(Person p, SourceSystem s) {
        return p.isResident() || (p.status == Person.Status.MOVED_OUT && removedThisMonth(p) && render.u(p, s, Render.Draw.STALE) < 0.5);
    }

    private void forEachPerson(Consumer<Person> action) {
        for (Household h : city.households) {
            for (Person p : h.members) {
                action.accept(p);
            }
        }
    }

    private String rid(SourceSystem s, Person p) {
        return Ids.record(s, p.id);
    }

    /** Emits the row, and now and then the same person a second time under another record number. */
    private void emit(ExtractFile file, SourceSystem s, Person p, String recordId, String[] values, List<Subject> subjects, int idColumn) {
        file.row(recordId, values, subjects);
        if (render.u(p, s, Render.Draw.DUPLICATE) < Noise.DUPLICATE_RECORD) {
            String[] dup = values.clone();
            String dupId = Ids.record(s, (long) p.id + Ids.DUPLICATE_OFFSET) + recordId.substring(Math.min(9, recordId.length()));
            dup[idColumn] = dupId;
            file.row(dupId, dup, subjects);
        }
    }

    private Person guardian(Person child) {
        Household h = child.household;
        Person head = h.head();
        if (head != child && head.relation == Relation.HEAD && head.age(asOf) >= 18) {
            return head;
        }
        for (Person m : h.members) {
            if (m != child && m.isResident() && m.age(asOf) >= 18) {
                return m;
            }
        }
        return head;
    }

    private String addr(Person p, SourceFormat f, double stale) {
        return render.fullAddress(render.address(p.household, p, f.source, stale), f.address, p, f.source);
    }

    // ---- 住民記録 (resident registry) -----------------------------------------------------------

    private void juki(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        forEachPerson(p -> {
            if (!p.isResident() && !removedThisMonth(p)) {
                return;
            }
            Address a = p.household.address;
            String id = rid(f.source, p);
            String[] v = {
                id, Ids.householdRecord(f.source, p.household.id), render.fullName(p, f.source, enc),
                render.kana(p, f.source, f.kana, false, false), p.sex.code, JapaneseDates.eraColumn(p.birth),
                Render.date(p.birth, DateNotation.ERA_COLUMN), p.relation.kanji, render.postcode(a),
                render.street(a, f.address, p.id, f.source), render.building(a, f.address),
                p.isForeign() ? "外国人" : "日本人", render.nationality(p),
                Render.date(p.residentSince, DateNotation.WAREKI_KANJI),
                p.lastEvent == null ? "" : p.lastEvent, Render.date(p.lastEventDate, DateNotation.WAREKI_KANJI)};
            file.row(id, v, List.of(new Subject(p, "resident")));
        });
    }

    // ---- 税・収納 (tax) --------------------------------------------------------------------------

    private void zei(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        forEachPerson(p -> {
            if (!known(p, f.source) || p.age(asOf) < 18) {
                return;
            }
            Household h = p.household;
            double x = render.u(p, f.source, Render.Draw.SEPARATOR);
            String band = h.incomeBand == 1 ? "0" : h.incomeBand == 2 ? (x < 0.6 ? "1" : "2") : (p.relation == Relation.HEAD || x < 0.6 ? "2" : "0");
            boolean nhi = x < (h.incomeBand <= 2 ? 0.7 : 0.25);
            boolean needy = false;
            for (Person m : h.members) {
                needy |= m.isResident() && m.age(asOf) < 18 && city.need.needs(m, asOf);
            }
            double arrearsP = 0.02 + (h.incomeBand == 1 ? 0.25 : h.incomeBand == 2 ? 0.08 : 0) + (needy ? 0.15 : 0);
            boolean arrears = p.relation == Relation.HEAD && render.u(p, f.source, Render.Draw.TYPO_POS) < arrearsP;
            int amount = arrears ? 10_000 + Stable.below(city.seed, p.id, 901, 0, 390) * 1_000 : 0;
            String id = rid(f.source, p);
            String[] v = {id, render.sharedId(p, f.source), render.fullName(p, f.source, enc), render.kana(p, f.source, f.kana, false, true),
                Render.date(render.birth(p, f.source), f.dates), p.sex.kanji, addr(p, f, Noise.STALE_ADDRESS),
                band, nhi ? "1" : "0", arrears ? "1" : "0", Integer.toString(amount)};
            emit(file, f.source, p, id, v, List.of(new Subject(p, "taxpayer")), 0);
        });
    }

    // ---- 児童手当・医療 (allowances and medical subsidies) ----------------------------------------

    private void teate(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        forEachPerson(c -> {
            if (!known(c, f.source) || c.age(asOf) >= 18) {
                return;
            }
            Household h = c.household;
            Person g = guardian(c);
            List<String> kinds = new ArrayList<>(4);
            kinds.add("01");
            kinds.add("04");
            if (h.type.singleParent() && h.incomeBand <= 2) {
                kinds.add("02");
                kinds.add("05");
            }
            if (h.type.singleParent() || c.disability != 0) {
                kinds.add("03");
            }
            LocalDate since = c.residentSince.isAfter(c.birth) ? c.residentSince : c.birth;
            for (String kind : kinds) {
                String id = rid(f.source, c) + kind;
                String status = kind.equals("02") && h.incomeBand == 2 ? "一部支給" : "支給";
                String[] v = {id, render.sharedId(c, f.source), kind, render.fullName(g, f.source, enc), render.kana(g, f.source, f.kana, false, true),
                    Render.date(render.birth(g, f.source), f.dates), render.fullName(c, f.source, enc),
                    render.kana(c, f.source, f.kana, false, true), Render.date(render.birth(c, f.source), f.dates), c.sex.code,
                    addr(c, f, 0), Render.date(since.plusDays(14), f.dates), status};
                emit(file, f.source, c, id, v, List.of(new Subject(c, "child"), new Subject(g, "recipient")), 0);
            }
        });
    }

    // ---- 子ども子育て支援 (nursery, kindergarten, after-school club) -------------------------------

    private void kosodate(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        forEachPerson(c -> {
            if (!known(c, f.source)) {
                return;
            }
            int age = c.age(asOf);
            if (age > 9) {
                return;
            }
            Household h = c.household;
            double p = age == 0 ? 0.15 : age <= 2 ? 0.5 : age <= 5 ? 0.93 : (h.type.singleParent() ? 0.6 : 0.35);
            if (h.isolated) p *= 0.4;
            // Parents decide for twins together, on how the family is doing.
            if (age <= 5 && city.need.needs(c.family(), asOf)) p *= 0.75;
            // Twins go to the same nursery, or neither does.
            double x = render.u(c.family(), f.source, Render.Draw.SEPARATOR);
            if (x >= p) {
                return;
            }
            String town = render.street(h.address, Render.AddressStyle.KANJI_FULL, 0, f.source).replaceAll("[0-9].*", "");
            String kind;
            String facility;
            if (age >= 6) {
                kind = "学童クラブ";
                facility = city.names.towns.get(h.address.town()).elementary().replace("小学校", "学童クラブ");
            } else if (age >= 3 && x < p * 0.4) {
                kind = "幼稚園";
                facility = "見守" + town + "幼稚園";
            } else {
                kind = x < p * 0.7 ? "保育所" : "認定こども園";
                facility = "見守市立" + town + (kind.equals("保育所") ? "保育園" : "こども園");
            }
            boolean waiting = age <= 2 && x > p * 0.93;
            LocalDate start = LocalDate.of(asOf.getYear() - (asOf.getMonthValue() < 4 ? 1 : 0), 4, 1);
            if (start.isBefore(c.birth)) {
                start = c.birth.plusMonths(6);
            }
            String id = rid(f.source, c);
            String[] v = {id, render.fullName(c, f.source, enc), render.kana(c, f.source, f.kana, true, true),
                Render.date(render.birth(c, f.source), f.dates), c.sex.code, render.fullName(guardian(c), f.source, enc),
                addr(c, f, 0), kind, facility, waiting ? "待機" : "利用中", waiting ? "" : Render.date(start, f.dates)};
            emit(file, f.source, c, id, v, List.of(new Subject(c, "child")), 0);
        });
    }

    /** Grade 1–9 (小1–中3) on the as-of date, or 0 outside compulsory school. */
    static int grade(LocalDate birth, LocalDate on) {
        LocalDate b = birth.minusDays(1);
        int cohort = b.getMonthValue() >= 4 ? b.getYear() : b.getYear() - 1;
        int schoolYear = on.getMonthValue() >= 4 ? on.getYear() : on.getYear() - 1;
        int g = schoolYear - (cohort + 7) + 1;
        return g >= 1 && g <= 9 ? g : 0;
    }

    static String gradeLabel(int g) {
        return g <= 6 ? "小学校" + g + "年" : "中学校" + (g - 6) + "年";
    }

    private String school(Person c, int g) {
        Names.Town t = city.names.towns.get(c.household.address.town());
        return g <= 6 ? t.elementary() : t.juniorHigh();
    }

    // ---- 学齢簿・就学援助 (school register, school-expense aid) ------------------------------------

    private void gakurei(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        forEachPerson(c -> {
            if (!known(c, f.source)) {
                return;
            }
            int g = grade(c.birth, asOf);
            if (g == 0) {
                return;
            }
            Household h = c.household;
            double x = render.u(c.family(), f.source, Render.Draw.SEPARATOR);
            String aid = h.onAssistance(asOf) ? "1" : (h.incomeBand == 1 && x < 0.75) || (h.incomeBand == 2 && x < 0.2) ? "2" : "0";
            LocalDate aidSince = aid.equals("0") ? null : LocalDate.of(asOf.getYear() - (asOf.getMonthValue() < 4 ? 1 : 0), 4, 1);
            String id = rid(f.source, c);
            String[] v = {id, render.fullName(c, f.source, enc), render.kana(c, f.source, f.kana, false, true),
                Render.date(render.birth(c, f.source), f.dates), c.sex.code, render.fullName(guardian(c), f.source, enc),
                addr(c, f, 0), school(c, g), gradeLabel(g), aid, Render.date(aidSince, f.dates)};
            emit(file, f.source, c, id, v, List.of(new Subject(c, "child")), 0);
        });
    }

    // ---- 障害福祉 (disability) -------------------------------------------------------------------

    private void shogai(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        String[] ryoiku = {"A1", "A2", "B1", "B2"};
        forEachPerson(p -> {
            if (!known(p, f.source) || p.disability == 0) {
                return;
            }
            int age = p.age(asOf);
            String grade = p.disability == 2 ? ryoiku[p.disabilityGrade - 1] : Math.min(p.disabilityGrade, p.disability == 3 ? 3 : 6) + "級";
            boolean child = age < 20;
            String tokuji = child && p.disabilityGrade <= 2 ? "1" : "0";
            String shojiteate = child && p.disabilityGrade == 1 ? "1" : "0";
            LocalDate issued = p.birth.plusYears(1 + Stable.below(city.seed, p.id, 903, 0, Math.max(1, age)));
            String id = rid(f.source, p);
            String[] v = {id, render.sharedId(p, f.source), render.fullName(p, f.source, enc), render.kana(p, f.source, f.kana, false, true),
                Render.date(render.birth(p, f.source), f.dates), p.sex.code, addr(p, f, Noise.STALE_ADDRESS),
                Integer.toString(p.disability), grade, tokuji, shojiteate, Render.date(issued, f.dates)};
            emit(file, f.source, p, id, v, List.of(new Subject(p, "holder")), 0);
        });
    }

    // ---- 健康管理 (health checks, vaccinations, pregnancy notifications) ----------------------------

    /** Infant health checks (乳幼児健診) and vaccinations: item, code, months after birth when due. */
    private static final String[][] HEALTH_ITEMS = {
        {"乳幼児健診", "3-4か月児健診", "11", "4"},
        {"乳幼児健診", "1歳6か月児健診", "12", "19"},
        {"乳幼児健診", "3歳児健診", "13", "43"},
        {"予防接種", "五種混合1回目", "21", "2"},
        {"予防接種", "BCG", "22", "5"},
        {"予防接種", "MR1期", "23", "12"},
        {"予防接種", "MR2期", "24", "72"},
    };

    private void kenko(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        forEachPerson(c -> {
            if (!known(c, f.source) || c.age(asOf) >= 7) {
                return;
            }
            Household h = c.household;
            boolean needs = city.need.needs(c, asOf);
            for (String[] item : HEALTH_ITEMS) {
                LocalDate due = c.birth.plusMonths(Integer.parseInt(item[3]));
                if (due.isAfter(asOf.plusMonths(1)) || due.isBefore(c.residentSince)) {
                    continue;
                }
                boolean check = item[0].equals("乳幼児健診");
                double pMiss = check ? 0.03 + (needs ? 0.35 : 0) + (h.isolated ? 0.15 : 0) + (c.isForeign() ? 0.08 : 0)
                        : 0.02 + (needs ? 0.30 : 0) + (h.isolated ? 0.10 : 0);
                // Twins are taken to a check together.
                double x = Stable.unit(city.seed, c.family().id, 700 + Integer.parseInt(item[2]), 0);
                LocalDate done = due.plusDays((long) (x * 40));
                boolean attended = x >= pMiss && !done.isAfter(asOf);
                String status = due.isAfter(asOf) ? "予定" : attended ? (check ? "受診" : "接種済") : (check ? "未受診" : "未接種");
                String id = rid(f.source, c) + item[2];
                String[] v = {id, render.sharedId(c, f.source), item[0], render.fullName(c, f.source, enc), render.kana(c, f.source, f.kana, false, true),
                    Render.date(render.birth(c, f.source), f.dates), c.sex.code, render.fullName(guardian(c), f.source, enc),
                    addr(c, f, 0), item[1], Render.date(due, f.dates), attended ? Render.date(done, f.dates) : "", status, ""};
                emit(file, f.source, c, id, v, List.of(new Subject(c, "child")), 0);
            }
        });
        for (CitySimulator.Pregnancy pr : city.pregnancies) {
            Person m = pr.mother;
            if (pr.ended || pr.notified.isAfter(asOf) || !known(m, f.source)) {
                continue;
            }
            String id = rid(f.source, m) + "31";
            String[] v = {id, render.sharedId(m, f.source), "妊娠届", render.fullName(m, f.source, enc), render.kana(m, f.source, f.kana, false, true),
                Render.date(render.birth(m, f.source), f.dates), m.sex.code, "", addr(m, f, 0), "妊娠届出",
                Render.date(pr.due, f.dates), Render.date(pr.notified, f.dates), "届出", pr.specified ? "1" : "0"};
            file.row(id, v, List.of(new Subject(m, "mother")));
        }
    }

    // ---- 生活保護 (public assistance) --------------------------------------------------------------

    private void seiho(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        for (Household h : city.households) {
            if (h.seihoStart == null || h.seihoStart.isAfter(asOf) || (h.seihoEnd != null && h.seihoEnd.isBefore(asOf.minusMonths(12)))) {
                continue;
            }
            boolean ongoing = h.onAssistance(asOf);
            String caseNo = "C" + Ids.householdRecord(f.source, h.id);
            for (Person p : h.members) {
                if (!known(p, f.source)) {
                    continue;
                }
                String id = rid(f.source, p);
                String[] v = {caseNo, id, render.sharedId(p, f.source), render.fullName(p, f.source, enc), render.kana(p, f.source, f.kana, false, true),
                    Render.date(render.birth(p, f.source), f.dates), p.sex.code, p.relation.kanji, addr(p, f, 0),
                    Render.date(h.seihoStart, f.dates), ongoing ? "" : Render.date(h.seihoEnd, f.dates), ongoing ? "保護中" : "廃止"};
                emit(file, f.source, p, id, v, List.of(new Subject(p, "member")), 1);
            }
        }
    }

    // ---- 校務支援 (school attendance) ---------------------------------------------------------------

    private void komu(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        String ym = month.toString();
        int schoolDays = month.getMonthValue() == 8 ? 0 : month.getMonthValue() == 1 || month.getMonthValue() == 3 ? 17 : 20;
        if (schoolDays == 0) {
            return;
        }
        forEachPerson(c -> {
            if (!c.isResident()) {
                return;
            }
            int g = grade(c.birth, asOf);
            if (g == 0) {
                return;
            }
            String school = school(c, g);
            double schoolDraw = Stable.unit(city.seed, school.hashCode(), 801, 0);
            if (schoolDraw >= 0.8) {
                return; // this school does not provide attendance data
            }
            boolean ordinance = schoolDraw < 0.4;
            if (!ordinance && render.u(c.family(), f.source, Render.Draw.SEPARATOR) >= 0.85) {
                return; // no consent from this family
            }
            boolean needs = city.need.needs(c, asOf);
            double x = Stable.unit(city.seed, c.id, 802, month.getYear() * 12L + month.getMonthValue());
            int absent;
            if (needs && render.u(c, f.source, Render.Draw.STALE) < 0.25) {
                absent = Math.min(schoolDays, 8 + (int) (x * 13));
            } else {
                absent = needs ? (int) (x * 6) : x < 0.75 ? 0 : x < 0.93 ? 1 : x < 0.98 ? 2 : 4;
            }
            int late = needs && x > 0.5 ? 1 + (int) (x * 4) : 0;
            int hokenshitsu = needs && render.u(c, f.source, Render.Draw.BUILDING) < 0.1 ? 2 + (int) (x * 6) : 0;
            String id = rid(f.source, c);
            String[] v = {id, school, gradeLabel(g), render.fullName(c, f.source, enc), render.kana(c, f.source, f.kana, true, true),
                Render.date(render.birth(c, f.source), f.dates), c.sex.code, ym, Integer.toString(schoolDays),
                Integer.toString(absent), Integer.toString(late), Integer.toString(hokenshitsu), ordinance ? "条例" : "同意"};
            emit(file, f.source, c, id, v, List.of(new Subject(c, "child")), 0);
        });
    }

    // ---- こども総合相談 (centre's consultation history) ----------------------------------------------

    private void soudan(ExtractFile file, SourceFormat f) {
        CharsetEncoder enc = file.encoder();
        forEachPerson(c -> {
            if (c.consultations == null) {
                return;
            }
            for (Consultation k : c.consultations) {
                if (k.date().isAfter(asOf)) {
                    continue;
                }
                String id = String.format("S%07d", k.number());
                String[] v = {id, Render.date(k.date(), f.dates), k.channel(), k.contact(), render.fullName(c, f.source, enc),
                    render.kana(c, f.source, f.kana, false, true), Render.date(c.birth, f.dates), c.sex.code,
                    addr(c, f, 0), k.types(), k.urgency(), k.content(), k.staff()};
                file.row(id, v, List.of(new Subject(c, "child")));
                ledger.add(new Ledger.Row(k.number(), k.date(), k.channel(), k.contact(), v[4], v[5], c.birth, c.sex.kanji, v[8], k.types(),
                        k.urgency(), k.content(), k.staff()));
            }
        });
    }
}
