package jp.mimamori.synth;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Builds the synthetic city at {@link #EPOCH} and lives it month by month up to the requested month.
 * A single sequential RNG drives the simulation, so month M+1 of a seed is month M of that seed
 * plus one more month of events: consecutive extracts are consistent, as real ones are.
 */
final class CitySimulator {

    /** The city is created on the first day of this month (令和5年4月, the start of a school year). */
    static final YearMonth EPOCH = YearMonth.of(2023, 4);
    static final YearMonth LAST = YearMonth.of(2040, 12);

    static final String[] CHANNELS = {"電話", "来所", "関係機関からの連絡", "訪問", "メール", "オンライン"};
    static final double[] CHANNEL_WEIGHTS = {0.40, 0.28, 0.18, 0.06, 0.05, 0.03};
    /** Deliveries that are twins, and triplets (Japan: about 1% of deliveries are multiple). */
    static final double TWINS = 0.012;
    static final double TRIPLETS = 0.0002;
    /** Twins of the same sex: all identical twins and about half of the fraternal ones. */
    static final double TWINS_SAME_SEX = 0.7;
    /**
     * Households drawn at the epoch around a namesake of someone already in the city: the same
     * name, reading, birth date and sex, in another town. Most are children, whose popular names
     * make such coincidences likelier in a real city than the name tables alone would; adults
     * already meet their namesakes by chance (small given-name pools per generation).
     */
    static final double NAMESAKE_HOUSEHOLD = 0.001;
    static final double NAMESAKE_CHILD = 0.7;

    static final String[] STAFF = {"田中（相談員）", "鈴木（保健師）", "佐々木（社会福祉士）", "山口（相談員）", "中村（心理士）", "小林（相談員）"};

    final Names names;
    final long seed;
    final NeedModel need;
    private final SplittableRandom rng;
    final List<Household> households = new ArrayList<>();
    final List<Person> persons = new ArrayList<>();
    private final List<Household> departed = new ArrayList<>();
    final List<Pregnancy> pregnancies = new ArrayList<>();
    /** Twins and triplets, each set in birth order. */
    final List<Person[]> multipleBirths = new ArrayList<>();
    private int nextConsultation = 1;
    private int residentCount;

    /** 妊娠届 (pregnancy notification) of a resident woman; the birth follows seven months later. */
    static final class Pregnancy {
        final Person mother;
        final LocalDate notified;
        final LocalDate due;
        /** 特定妊婦: a pregnancy the health centre judged to need support before birth. */
        final boolean specified;
        boolean ended;

        Pregnancy(Person mother, LocalDate notified, LocalDate due, boolean specified) {
            this.mother = mother;
            this.notified = notified;
            this.due = due;
            this.specified = specified;
        }
    }

    CitySimulator(Names names, long seed) {
        this.names = names;
        this.seed = seed;
        this.need = new NeedModel(seed);
        this.rng = new SplittableRandom(seed);
    }

    /** Creates the city and simulates every month from the epoch to {@code month} inclusive. */
    void run(int residents, YearMonth month, IntConsumer progressPercent) {
        if (month.isBefore(EPOCH) || month.isAfter(LAST)) {
            throw new IllegalArgumentException("month must be between " + EPOCH + " and " + LAST);
        }
        LocalDate start = EPOCH.atDay(1);
        while (residentCount < residents) {
            Person template = persons.size() > 200 && rng.nextDouble() < NAMESAKE_HOUSEHOLD ? namesakeTemplate(start) : null;
            if (template != null) {
                namesakeHousehold(start, template);
            } else {
                newHousehold(start, false);
            }
        }
        seedPregnancies(start);
        seedConsultationHistory(start);
        long months = EPOCH.until(month, java.time.temporal.ChronoUnit.MONTHS) + 1;
        int done = 0;
        for (YearMonth m = EPOCH; !m.isAfter(month); m = m.plusMonths(1)) {
            simulateMonth(m);
            progressPercent.accept((int) (++done * 100 / months));
        }
    }

    int residentCount() {
        return residentCount;
    }

    // ---- creation ------------------------------------------------------------------------------

    private Household newHousehold(LocalDate today, boolean arriving) {
        boolean foreign = rng.nextDouble() < 0.03;
        String nat = foreign ? pickNationality() : "JP";
        HouseholdType type = pickType(foreign);
        int band = pickBand(type, foreign);
        boolean mover = rng.nextDouble() < (foreign ? 0.15 : type == HouseholdType.SINGLE_MOTHER ? 0.10 : 0.05);
        boolean isolated = rng.nextDouble() < (foreign ? 0.22 : type.singleParent() ? 0.12 : arriving ? 0.10 : 0.06);
        Household h = new Household(households.size() + 1, type, band, mover, isolated);
        h.address = randomAddress();
        households.add(h);

        int surname = foreign ? names.drawForeign(rng, nat, 'S') : names.drawSurname(rng);
        int form = foreign ? 0 : names.drawSurnameForm(rng, surname);
        switch (type) {
            case SINGLE -> {
                int age = 19 + rng.nextInt(70);
                adult(h, today, age, rng.nextBoolean() ? Sex.MALE : Sex.FEMALE, nat, surname, form, Relation.HEAD);
            }
            case COUPLE -> {
                int age = 25 + rng.nextInt(60);
                adult(h, today, age + rng.nextInt(5), Sex.MALE, nat, surname, form, Relation.HEAD);
                marriedWoman(h, today, age, nat, surname, form);
            }
            case COUPLE_WITH_CHILDREN, THREE_GENERATION -> {
                int motherAge = 24 + rng.nextInt(27);
                adult(h, today, motherAge + rng.nextInt(6), Sex.MALE, nat, surname, form, Relation.HEAD);
                Person mother = marriedWoman(h, today, motherAge, nat, surname, form);
                children(h, today, mother, nat, surname, form, false);
                if (type == HouseholdType.THREE_GENERATION) {
                    int ga = motherAge + 26 + rng.nextInt(8);
                    adult(h, today, ga + 2, Sex.MALE, nat, surname, form, Relation.FATHER);
                    if (rng.nextDouble() < 0.8) {
                        adult(h, today, ga, Sex.FEMALE, nat, surname, form, Relation.MOTHER);
                    }
                }
            }
            case SINGLE_MOTHER -> {
                int motherAge = 21 + rng.nextInt(28);
                Person mother = adult(h, today, motherAge, Sex.FEMALE, nat, surname, form, Relation.HEAD);
                children(h, today, mother, nat, surname, form, true);
            }
            case SINGLE_FATHER -> {
                int age = 26 + rng.nextInt(26);
                Person father = adult(h, today, age, Sex.MALE, nat, surname, form, Relation.HEAD);
                children(h, today, father, nat, surname, form, false);
            }
        }
        settle(h, today, arriving, foreign, band, type);
        return h;
    }

    /** Public assistance at the start and the date each member became a resident. */
    private void settle(Household h, LocalDate today, boolean arriving, boolean foreign, int band, HouseholdType type) {
        if (!foreign && rng.nextDouble() < (band == 1 ? (type.singleParent() ? 0.30 : 0.16) : 0.0)) {
            h.seihoStart = today.minusDays(30 + rng.nextInt(5 * 365));
        }
        for (Person p : h.members) {
            LocalDate since = today.minusDays(rng.nextInt(3650));
            p.residentSince = arriving ? today : since.isBefore(p.birth) ? p.birth : since;
            if (arriving) {
                p.lastEvent = "転入";
                p.lastEventDate = today;
            }
        }
    }

    /** A Japanese resident to be the namesake of: a child (0–17) or an adult (19–85), or null if none was found. */
    private Person namesakeTemplate(LocalDate today) {
        boolean child = rng.nextDouble() < NAMESAKE_CHILD;
        for (int attempt = 0; attempt < 50; attempt++) {
            Person t = persons.get(rng.nextInt(persons.size()));
            int age = t.age(today);
            if (!t.isForeign() && t.isResident() && t.household.active && (child ? age < 18 : age >= 19 && age <= 85)) {
                return t;
            }
        }
        return null;
    }

    /**
     * A household in another town with a member who has {@code t}'s surname, given name, birth date
     * and sex: a different person whom only the address (and the family around them) tells apart.
     */
    private void namesakeHousehold(LocalDate today, Person t) {
        int age = t.age(today);
        HouseholdType type = age < 18 ? (rng.nextDouble() < 0.85 ? HouseholdType.COUPLE_WITH_CHILDREN : HouseholdType.SINGLE_MOTHER)
                : rng.nextBoolean() ? HouseholdType.SINGLE : HouseholdType.COUPLE;
        int band = pickBand(type, false);
        boolean mover = rng.nextDouble() < (type == HouseholdType.SINGLE_MOTHER ? 0.10 : 0.05);
        boolean isolated = rng.nextDouble() < (type.singleParent() ? 0.12 : 0.06);
        Household h = new Household(households.size() + 1, type, band, mover, isolated);
        h.address = randomAddress();
        for (int attempt = 0; attempt < 20 && h.address.town() == t.household.address.town(); attempt++) {
            h.address = randomAddress();
        }
        households.add(h);
        int surname = t.surname;
        int form = t.surnameForm;
        if (age < 18) {
            int motherAge = age + 24 + rng.nextInt(12);
            Person mother;
            if (type == HouseholdType.COUPLE_WITH_CHILDREN) {
                adult(h, today, motherAge + rng.nextInt(6), Sex.MALE, "JP", surname, form, Relation.HEAD);
                mother = marriedWoman(h, today, motherAge, "JP", surname, form);
            } else {
                mother = adult(h, today, motherAge, Sex.FEMALE, "JP", surname, form, Relation.HEAD);
            }
            if (age + 3 <= 24 && rng.nextBoolean()) {
                LocalDate older = t.birth.minusYears(2 + rng.nextInt(2)).minusDays(rng.nextInt(200));
                Person sib = newPerson(h, rng.nextBoolean() ? Sex.MALE : Sex.FEMALE, older, "JP", surname, form, "child", Relation.CHILD);
                sib.motherAgeAtBirth = mother.age(older);
                childDisability(sib);
            }
            Person c = newPerson(h, t.sex, t.birth, "JP", surname, form, t.given, Relation.CHILD);
            c.motherAgeAtBirth = mother.age(t.birth);
            childDisability(c);
        } else if (type == HouseholdType.SINGLE || t.sex == Sex.MALE) {
            Person p = newPerson(h, t.sex, t.birth, "JP", surname, form, t.given, Relation.HEAD);
            adultDisability(p, age);
            if (type == HouseholdType.COUPLE) {
                marriedWoman(h, today, Math.max(19, age - rng.nextInt(5)), "JP", surname, form);
            }
        } else {
            adult(h, today, age + rng.nextInt(5), Sex.MALE, "JP", surname, form, Relation.HEAD);
            Person w = newPerson(h, t.sex, t.birth, "JP", surname, form, t.given, Relation.WIFE);
            adultDisability(w, age);
            w.birthSurname = names.drawSurname(rng);
            w.birthSurnameForm = names.drawSurnameForm(rng, w.birthSurname);
        }
        settle(h, today, false, false, band, type);
    }

    private Person adult(Household h, LocalDate today, int age, Sex sex, String nat, int surname, int form, Relation rel) {
        String generation = age >= 62 ? "elder" : "parent";
        LocalDate birth = today.minusYears(age).minusDays(rng.nextInt(365));
        Person p = newPerson(h, sex, birth, nat, surname, form, generation, rel);
        adultDisability(p, age);
        return p;
    }

    private void adultDisability(Person p, int age) {
        double dp = age >= 65 ? 0.12 : 0.04;
        if (rng.nextDouble() < dp) {
            double k = rng.nextDouble();
            p.disability = age >= 65 || k < 0.5 ? 1 : k < 0.85 ? 3 : 2;
            p.disabilityGrade = 1 + rng.nextInt(p.disability == 2 ? 4 : 6);
        }
    }

    private Person marriedWoman(Household h, LocalDate today, int age, String nat, int surname, int form) {
        Person w = adult(h, today, age, Sex.FEMALE, nat, surname, form, Relation.WIFE);
        if (!w.isForeign()) {
            w.birthSurname = names.drawSurname(rng);
            w.birthSurnameForm = names.drawSurnameForm(rng, w.birthSurname);
        }
        return w;
    }

    private void children(Household h, LocalDate today, Person parent, String nat, int surname, int form, boolean singleMother) {
        double k = rng.nextDouble();
        int n = k < 0.42 ? 1 : k < 0.85 ? 2 : k < 0.97 ? 3 : 4;
        int parentAge = parent.age(today);
        boolean young = rng.nextDouble() < (singleMother ? 0.12 : 0.03);
        int firstAt = young ? 17 + rng.nextInt(3) : 22 + rng.nextInt(Math.max(1, Math.min(16, parentAge - 22)));
        double motherAt = firstAt;
        for (int i = 0; i < n; i++) {
            int ageNow = parentAge - (int) motherAt;
            if (ageNow < 0 || ageNow > 24) {
                break;
            }
            LocalDate birth = today.minusYears(ageNow).minusDays(rng.nextInt(365));
            if (birth.isAfter(today)) {
                break;
            }
            for (Person c : deliver(h, birth, nat, surname, form)) {
                c.motherAgeAtBirth = parent.sex == Sex.FEMALE ? (int) motherAt : -1;
                childDisability(c);
            }
            motherAt += 1.5 + rng.nextDouble() * 3;
        }
    }

    /** One delivery: a child, or now and then twins or triplets with names chosen together. */
    private List<Person> deliver(Household h, LocalDate birth, String nat, int surname, int form) {
        Sex sex = rng.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        double x = rng.nextDouble();
        int n = x < TRIPLETS ? 3 : x < TRIPLETS + TWINS ? 2 : 1;
        if (n == 1) {
            return List.of(newPerson(h, sex, birth, nat, surname, form, "child", Relation.CHILD));
        }
        Sex[] sexes = new Sex[n];
        sexes[0] = sex;
        for (int i = 1; i < n; i++) {
            sexes[i] = rng.nextDouble() < TWINS_SAME_SEX ? sex : sex == Sex.MALE ? Sex.FEMALE : Sex.MALE;
        }
        int[] given = new int[n];
        if ("JP".equals(nat)) {
            given = names.drawMultipleGiven(rng, sexes);
        } else {
            for (int i = 0; i < n; i++) {
                // Some nationalities have only two names per sex in the table: triplets may then repeat one.
                given[i] = names.drawForeign(rng, nat, sexes[i] == Sex.MALE ? 'M' : 'F');
                for (int tries = 0; tries < 20 && taken(given, i); tries++) {
                    given[i] = names.drawForeign(rng, nat, sexes[i] == Sex.MALE ? 'M' : 'F');
                }
            }
        }
        Person[] set = new Person[n];
        for (int i = 0; i < n; i++) {
            set[i] = newPerson(h, sexes[i], birth, nat, surname, form, given[i], Relation.CHILD);
            set[i].firstOfBirth = set[0];
        }
        multipleBirths.add(set);
        return List.of(set);
    }

    private static boolean taken(int[] given, int i) {
        for (int k = 0; k < i; k++) {
            if (given[k] == given[i]) {
                return true;
            }
        }
        return false;
    }

    private void childDisability(Person c) {
        if (rng.nextDouble() < 0.025) {
            double k = rng.nextDouble();
            c.disability = k < 0.6 ? 2 : k < 0.9 ? 1 : 3;
            c.disabilityGrade = 1 + rng.nextInt(c.disability == 2 ? 4 : 6);
        }
    }

    private Person newPerson(Household h, Sex sex, LocalDate birth, String nat, int surname, int form, String generation, Relation rel) {
        boolean foreign = !"JP".equals(nat);
        int given = foreign ? names.drawForeign(rng, nat, sex == Sex.MALE ? 'M' : 'F') : names.drawGiven(rng, generation, sex);
        return newPerson(h, sex, birth, nat, surname, form, given, rel);
    }

    private Person newPerson(Household h, Sex sex, LocalDate birth, String nat, int surname, int form, int given, Relation rel) {
        Person p = new Person(persons.size() + 1, sex, birth, nat, surname, form, given, rng.nextGaussian());
        p.relation = rel;
        p.household = h;
        h.members.add(p);
        persons.add(p);
        residentCount++;
        return p;
    }

    private Address randomAddress() {
        int town = rng.nextInt(names.towns.size());
        int chomes = names.towns.get(town).chomeCount();
        int chome = chomes == 0 ? 0 : 1 + rng.nextInt(chomes);
        int ban = 1 + rng.nextInt(chomes == 0 ? 900 : 30);
        int go = 1 + rng.nextInt(25);
        if (rng.nextDouble() < 0.45) {
            int room = (1 + rng.nextInt(6)) * 100 + 1 + rng.nextInt(8);
            return new Address(town, chome, ban, go, (chome * 31 + ban * 7 + go) % 70, room);
        }
        return new Address(town, chome, ban, go, -1, 0);
    }

    private String pickNationality() {
        String[] nat = {"CN", "VN", "KR", "PH", "NP", "BR", "US"};
        double[] w = {0.30, 0.22, 0.14, 0.12, 0.10, 0.07, 0.05};
        return nat[pick(w)];
    }

    private HouseholdType pickType(boolean foreign) {
        double[] w = foreign ? new double[] {0.45, 0.15, 0.33, 0.05, 0.01, 0.01} : new double[] {0.43, 0.24, 0.22, 0.07, 0.01, 0.03};
        return HouseholdType.values()[pick(w)];
    }

    private int pickBand(HouseholdType type, boolean foreign) {
        double[] w = type == HouseholdType.SINGLE_MOTHER ? new double[] {0.45, 0.30, 0.15, 0.07, 0.03}
                : foreign ? new double[] {0.25, 0.30, 0.25, 0.12, 0.08} : new double[] {0.11, 0.20, 0.31, 0.23, 0.15};
        return 1 + pick(w);
    }

    private int pick(double[] weights) {
        double x = rng.nextDouble();
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            if (x < sum) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private void seedPregnancies(LocalDate start) {
        // Pregnancies already notified at the epoch: births fall in the first seven months.
        int n = (int) (residentCount * 0.0075 / 12 * 7);
        for (int i = 0; i < n; i++) {
            startPregnancy(start.minusDays(rng.nextInt(210)));
        }
    }

    private void seedConsultationHistory(LocalDate start) {
        // Two years of centre history before the epoch, with the same hazards as the monthly loop.
        for (Household h : households) {
            for (Person p : h.members) {
                if (p.age(start) < 18) {
                    for (int month = 24; month >= 1; month--) {
                        maybeConsult(p, start.minusMonths(month), start);
                    }
                }
            }
        }
    }

    // ---- monthly events ------------------------------------------------------------------------

    private void simulateMonth(YearMonth m) {
        LocalDate first = m.atDay(1);
        int days = m.lengthOfMonth();
        for (Household h : households) {
            for (Person p : h.members) {
                if (p.lastEventDate != null && p.lastEventDate.isBefore(first)) {
                    p.lastEvent = null;
                    p.lastEventDate = null;
                }
            }
        }
        for (Pregnancy pr : pregnancies) {
            if (!pr.ended && !pr.due.isAfter(m.atEndOfMonth())) {
                pr.ended = true;
                pr.mother.pregnant = false;
                if (pr.mother.isResident()) {
                    birth(pr.mother, pr.due);
                }
            }
        }
        pregnancies.removeIf(pr -> pr.ended && pr.due.isBefore(first.minusMonths(12)));
        int newPregnancies = (int) Math.round(residentCount * 0.0075 / 12);
        for (int i = 0; i < newPregnancies; i++) {
            startPregnancy(m.atDay(1 + rng.nextInt(days)));
        }

        int activeBefore = 0;
        int size = households.size();
        for (int i = 0; i < size; i++) {
            Household h = households.get(i);
            if (!h.active) {
                continue;
            }
            activeBefore++;
            LocalDate day = m.atDay(1 + rng.nextInt(days));
            double x = rng.nextDouble();
            if (x < (h.mover ? 0.012 : 0.0022)) {
                moveOut(h, day);
                continue;
            }
            if (rng.nextDouble() < (h.mover ? 0.010 : 0.0018)) {
                moveWithin(h, day);
            }
            if (h.type == HouseholdType.COUPLE_WITH_CHILDREN && rng.nextDouble() < 0.0008) {
                divorce(h, day);
            } else if (h.type == HouseholdType.SINGLE_MOTHER && rng.nextDouble() < 0.0015) {
                remarry(h, day);
            }
            if (h.incomeBand == 1 && !h.onAssistance(day) && !h.members.get(0).isForeign()
                    && rng.nextDouble() < (h.type.singleParent() ? 0.004 : 0.002)) {
                h.seihoStart = day;
                h.seihoEnd = null;
            } else if (h.onAssistance(day) && rng.nextDouble() < 0.008) {
                h.seihoEnd = day;
            }
            for (int j = 0; j < h.members.size(); j++) {
                Person p = h.members.get(j);
                if (!p.isResident()) {
                    continue;
                }
                if (rng.nextDouble() < deathRate(p.age(day))) {
                    die(p, day);
                } else if (p.age(day) < 18) {
                    maybeConsult(p, day, day);
                }
            }
        }
        int arrivals = (int) Math.round(activeBefore * 0.0027);
        for (int i = 0; i < arrivals; i++) {
            LocalDate day = m.atDay(1 + rng.nextInt(days));
            if (rng.nextDouble() < 0.12 && !departed.isEmpty()) {
                Household back = departed.get(rng.nextInt(departed.size()));
                if (back.members.get(0).statusDate.isBefore(day.minusMonths(3))) {
                    moveBack(back, day);
                    continue;
                }
            }
            newHousehold(day, true);
        }
    }

    private static double deathRate(int age) {
        return age < 1 ? 0.00015 : age < 60 ? 0.00002 : age < 75 ? 0.0008 : age < 85 ? 0.003 : 0.01;
    }

    private void startPregnancy(LocalDate notified) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Household h = households.get(rng.nextInt(households.size()));
            if (!h.active) {
                continue;
            }
            for (Person w : h.members) {
                int age = w.age(notified);
                if (w.isResident() && w.sex == Sex.FEMALE && !w.pregnant && age >= 17 && age <= 44
                        && (w.relation == Relation.WIFE || (w.relation == Relation.HEAD && h.type != HouseholdType.SINGLE)
                        || (w.relation == Relation.HEAD && rng.nextDouble() < 0.3))) {
                    boolean specified = rng.nextDouble() < (age < 20 || h.isolated || h.incomeBand == 1 ? 0.25 : 0.01);
                    w.pregnant = true;
                    pregnancies.add(new Pregnancy(w, notified, notified.plusMonths(7).plusDays(rng.nextInt(20)), specified));
                    return;
                }
            }
        }
    }

    private void birth(Person mother, LocalDate day) {
        Household h = mother.household;
        Person head = h.head();
        int surname = mother.relation == Relation.HEAD ? mother.surname : head.surname;
        int form = mother.relation == Relation.HEAD ? mother.surnameForm : head.surnameForm;
        for (Person c : deliver(h, day, mother.nationality, surname, form)) {
            c.motherAgeAtBirth = mother.age(day);
            childDisability(c);
            c.residentSince = day;
            c.lastEvent = "出生";
            c.lastEventDate = day;
        }
        if (h.type == HouseholdType.SINGLE) {
            h.type = HouseholdType.SINGLE_MOTHER;
        } else if (h.type == HouseholdType.COUPLE) {
            h.type = HouseholdType.COUPLE_WITH_CHILDREN;
        }
    }

    private void die(Person p, LocalDate day) {
        p.status = Person.Status.DEAD;
        p.statusDate = day;
        p.lastEvent = "死亡";
        p.lastEventDate = day;
        residentCount--;
        Household h = p.household;
        List<Person> left = h.residents();
        if (left.isEmpty()) {
            h.active = false;
        } else if (p.relation == Relation.HEAD) {
            Person next = left.get(0);
            for (Person q : left) {
                if (q.age(day) >= 18 && (q.relation == Relation.WIFE || q.relation == Relation.HUSBAND)) {
                    next = q;
                }
            }
            next.relation = Relation.HEAD;
        }
    }

    private void moveOut(Household h, LocalDate day) {
        for (Person p : h.members) {
            if (p.isResident()) {
                p.status = Person.Status.MOVED_OUT;
                p.statusDate = day;
                p.lastEvent = "転出";
                p.lastEventDate = day;
                residentCount--;
            }
        }
        h.active = false;
        departed.add(h);
    }

    private void moveBack(Household h, LocalDate day) {
        departed.remove(h);
        h.active = true;
        h.previousAddress = h.address;
        h.address = randomAddress();
        h.moves.add(day);
        for (Person p : h.members) {
            if (p.status == Person.Status.MOVED_OUT) {
                p.status = Person.Status.RESIDENT;
                p.statusDate = null;
                p.residentSince = day;
                p.lastEvent = "転入";
                p.lastEventDate = day;
                residentCount++;
            }
        }
    }

    private void moveWithin(Household h, LocalDate day) {
        h.previousAddress = h.address;
        h.address = randomAddress();
        h.moves.add(day);
        for (Person p : h.members) {
            if (p.isResident()) {
                p.lastEvent = "転居";
                p.lastEventDate = day;
            }
        }
    }

    /**
     * The father leaves; the mother becomes head and often returns to her birth surname, and the
     * children follow her surname about half the time (子の氏の変更).
     */
    private void divorce(Household h, LocalDate day) {
        Person father = null;
        Person mother = null;
        for (Person p : h.members) {
            if (p.isResident() && p.relation == Relation.HEAD && p.sex == Sex.MALE) {
                father = p;
            } else if (p.isResident() && p.relation == Relation.WIFE) {
                mother = p;
            }
        }
        if (father == null || mother == null) {
            return;
        }
        h.members.remove(father);
        if (rng.nextDouble() < 0.5) {
            Household his = new Household(households.size() + 1, HouseholdType.SINGLE, Math.max(1, h.incomeBand - 1), h.mover, false);
            his.address = randomAddress();
            households.add(his);
            father.household = his;
            father.relation = Relation.HEAD;
            his.members.add(father);
            father.lastEvent = "転居";
            father.lastEventDate = day;
        } else {
            father.status = Person.Status.MOVED_OUT;
            father.statusDate = day;
            father.lastEvent = "転出";
            father.lastEventDate = day;
            residentCount--;
            Household his = new Household(households.size() + 1, HouseholdType.SINGLE, h.incomeBand, h.mover, false);
            his.address = h.address;
            his.active = false;
            households.add(his);
            father.household = his;
            his.members.add(father);
        }
        h.type = HouseholdType.SINGLE_MOTHER;
        h.incomeBand = Math.max(1, h.incomeBand - 2);
        mother.relation = Relation.HEAD;
        boolean returns = !mother.isForeign() && rng.nextDouble() < 0.7;
        if (returns) {
            mother.surname = mother.birthSurname;
            mother.surnameForm = mother.birthSurnameForm;
            mother.surnameChanged = day;
        }
        for (Person c : h.members) {
            if (c.relation == Relation.CHILD && c.isResident() && returns && rng.nextDouble() < 0.5) {
                c.surname = mother.surname;
                c.surnameForm = mother.surnameForm;
                c.surnameChanged = day;
            }
        }
        if (mother.isResident()) {
            mother.lastEvent = "世帯主変更";
            mother.lastEventDate = day;
        }
    }

    /** A new husband moves in; mother and (by adoption, usually) the children take his surname. */
    private void remarry(Household h, LocalDate day) {
        Person mother = h.head();
        if (mother.sex != Sex.FEMALE || mother.isForeign()) {
            return;
        }
        int age = mother.age(day);
        int surname = names.drawSurname(rng);
        int form = names.drawSurnameForm(rng, surname);
        Person husband = newPerson(h, Sex.MALE, day.minusYears(age + rng.nextInt(6)).minusDays(rng.nextInt(365)),
                "JP", surname, form, "parent", Relation.HEAD);
        husband.residentSince = day;
        husband.lastEvent = "転入";
        husband.lastEventDate = day;
        mother.relation = Relation.WIFE;
        mother.surname = surname;
        mother.surnameForm = form;
        mother.surnameChanged = day;
        for (Person c : h.members) {
            if (c.relation == Relation.CHILD && c.isResident() && rng.nextDouble() < 0.7) {
                c.surname = surname;
                c.surnameForm = form;
                c.surnameChanged = day;
            }
        }
        h.type = HouseholdType.COUPLE_WITH_CHILDREN;
        h.incomeBand = Math.min(5, h.incomeBand + 1);
    }

    /**
     * Coming forward is not random: a child in need is brought to the centre at a monthly hazard
     * that isolation, single parenthood (no time), foreign nationality (language, trust) and frequent
     * moves lower, and that an existing disability-service contact raises.
     */
    private void maybeConsult(Person child, LocalDate day, LocalDate now) {
        if (child.birth.isAfter(day)) {
            return;
        }
        Household h = child.household;
        boolean needs = need.needs(child, now);
        double hazard;
        if (needs) {
            hazard = child.cameForward() ? 0.12 : 0.015;
            if (h.isolated) hazard *= 0.35;
            if (h.type.singleParent()) hazard *= 0.7;
            if (child.isForeign()) hazard *= 0.45;
            if (h.mover) hazard *= 0.6;
            if (child.disability != 0) hazard *= 1.4;
            if (h.onAssistance(now)) hazard *= 1.3;
        } else {
            hazard = child.cameForward() ? 0.03 : 0.0009;
        }
        if (rng.nextDouble() >= hazard) {
            return;
        }
        int age = child.age(day);
        List<String> types = new ArrayList<>(3);
        if (needs) {
            for (NeedModel.Factor f : need.factors(child, now)) {
                switch (f) {
                    case ECONOMIC_HARDSHIP, PUBLIC_ASSISTANCE -> add(types, "経済的困窮");
                    case SINGLE_PARENT -> add(types, "ひとり親");
                    case CHILD_DISABILITY -> add(types, "発達");
                    case ISOLATION, MANY_YOUNG_CHILDREN, PARENT_DISABILITY -> add(types, "養育困難");
                    default -> { }
                }
            }
            if (age >= 6 && age < 15 && rng.nextDouble() < 0.3) add(types, "不登校");
            if (rng.nextDouble() < 0.12) add(types, "虐待（ネグレクト）");
            if (rng.nextDouble() < 0.04) add(types, "虐待（心理的）");
        }
        if (age < 3 && rng.nextDouble() < 0.5) add(types, "育児不安");
        if (types.isEmpty()) add(types, age < 6 ? "育児不安" : "その他");
        String channel = CHANNELS[pick(CHANNEL_WEIGHTS)];
        String contact = channel.equals("関係機関からの連絡")
                ? (age >= 6 ? "学校" : age >= 1 ? "保育所" : "保健所")
                : rng.nextDouble() < 0.8 ? "母" : age >= 12 && rng.nextDouble() < 0.5 ? "本人" : "父";
        String urgency = types.stream().anyMatch(t -> t.startsWith("虐待")) ? "高" : rng.nextDouble() < 0.4 ? "中" : "低";
        String content = contact + "より" + channel + "。" + String.join("・", types) + "について相談あり。"
                + (urgency.equals("高") ? "速やかに家庭訪問を実施予定。" : "継続して状況を確認する。");
        child.addConsultation(new Consultation(nextConsultation++, day, channel, contact, String.join(";", types),
                urgency, content, STAFF[rng.nextInt(STAFF.length)]));
    }

    private static void add(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }
}
