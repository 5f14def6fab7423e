package jp.mimamori.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVPrinter;

/**
 * The synthetic city generator: simulates a city of {@code residents} people from {@link CitySimulator#EPOCH}
 * to {@code month} and writes each department's extract for that month plus the ground truth.
 * Deterministic: the same (residents, seed, month) gives the same bytes.
 */
public final class SyntheticCity {

    /** Written last: a folder with this file holds a complete city. */
    public static final String MANIFEST = "manifest.csv";

    public record Options(int residents, long seed, YearMonth month, Path out) {
        public Options {
            if (residents < 100 || residents > 20_000_000) {
                throw new IllegalArgumentException("residents must be between 100 and 20,000,000 / 住民数は100〜20,000,000で指定してください");
            }
        }
    }

    public record Summary(int residents, int households, int children, int needSupport, int cameForward, List<String[]> files) {
    }

    private SyntheticCity() {
    }

    public static YearMonth firstMonth() {
        return CitySimulator.EPOCH;
    }

    public static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    public static Summary generate(Options o, Consumer<String> progress) throws IOException {
        Files.createDirectories(o.out());
        Files.deleteIfExists(o.out().resolve(MANIFEST));
        Names names = new Names();
        CitySimulator city = new CitySimulator(names, o.seed());
        int[] last = {-1};
        city.run(o.residents(), o.month(), pct -> {
            if (pct / 10 != last[0] / 10) {
                progress.accept("simulating months / 月次シミュレーション " + pct + "%");
            }
            last[0] = pct;
        });
        Render render = new Render(names, o.seed());
        Path truthDir = o.out().resolve("truth");
        ExtractWriter writer;
        try (Truth truth = new Truth(truthDir)) {
            writer = new ExtractWriter(city, render, truth, o.out(), o.month());
            writer.writeAll(f -> progress.accept("writing / 書き出し " + f));
        }
        progress.accept("writing / 書き出し " + Ledger.FILE);
        Ledger.write(writer.ledger(), o.seed(), o.out().resolve(Ledger.FILE), truthDir);
        progress.accept("writing / 書き出し truth/persons.csv, truth/households.csv");
        int[] counts = writeTruth(city, o.month().atEndOfMonth(), truthDir);
        writePairs(city, truthDir);
        try (CSVPrinter m = Truth.open(o.out().resolve(MANIFEST), "source", "file", "encoding", "date_notation", "rows", "month")) {
            for (String[] row : writer.manifest()) {
                m.printRecord((Object[]) row);
            }
        }
        return new Summary(city.residentCount(), counts[0], counts[1], counts[2], counts[3], writer.manifest());
    }

    /** Returns households, resident children, children in need, children in need who came forward. */
    private static int[] writeTruth(CitySimulator city, LocalDate asOf, Path dir) throws IOException {
        int households = 0;
        int children = 0;
        int inNeed = 0;
        int cameForward = 0;
        try (CSVPrinter hp = Truth.open(dir.resolve("households.csv"), "household_id", "type", "income_band", "on_assistance",
                "mover", "isolated", "active", "town", "chome", "ban", "go", "building", "room", "moves");
             CSVPrinter pp = Truth.open(dir.resolve("persons.csv"), "person_id", "household_id", "surname", "given_name", "kana",
                "sex", "birth_date", "nationality", "relation", "status", "status_date", "resident_since", "surname_changed",
                "disability", "needs_support", "causes", "came_forward", "consultations")) {
            for (Household h : city.households) {
                Address a = h.address;
                if (h.active) {
                    households++;
                }
                hp.printRecord(Ids.household(h.id), h.type.name(), h.incomeBand, h.onAssistance(asOf) ? 1 : 0, h.mover ? 1 : 0,
                        h.isolated ? 1 : 0, h.active ? 1 : 0, city.names.towns.get(a.town()).name(), a.chome(), a.ban(), a.go(),
                        a.isApartment() ? Names.buildingName(a.building(), city.names.towns.get(a.town()).name()) : "",
                        a.isApartment() ? a.room() : "", h.moves.size());
                for (Person p : h.members) {
                    boolean child = p.isResident() && p.age(asOf) < 18;
                    boolean needs = child && city.need.needs(p, asOf);
                    StringJoiner causes = new StringJoiner(";");
                    if (needs) {
                        city.need.factors(p, asOf).forEach(f -> causes.add(f.label));
                        if (p.frailty > 1 || causes.length() == 0) {
                            causes.add("個別要因");
                        }
                    }
                    int consultations = 0;
                    if (p.consultations != null) {
                        for (Consultation c : p.consultations) {
                            if (!c.date().isAfter(asOf)) {
                                consultations++;
                            }
                        }
                    }
                    children += child ? 1 : 0;
                    inNeed += needs ? 1 : 0;
                    cameForward += needs && consultations > 0 ? 1 : 0;
                    pp.printRecord(Ids.person(p.id), Ids.household(h.id), surname(city, p), given(city, p), kana(city, p),
                            p.sex.name(), p.birth, p.nationality, p.relation.name(), p.status.name(), dateOrEmpty(p.statusDate),
                            dateOrEmpty(p.residentSince), dateOrEmpty(p.surnameChanged), p.disability, needs ? 1 : 0,
                            causes.toString(), consultations > 0 ? 1 : 0, consultations);
                }
            }
        }
        return new int[] {households, children, inNeed, cameForward};
    }

    /**
     * The pairs of different persons that linkage is most tempted to merge: twins and triplets
     * (truth/twins.csv, one row per pair of a set) and namesakes, people with the same name,
     * reading, birth date and sex (truth/namesakes.csv). Every person ever in the city is included;
     * whether both appear in this month's extracts is for the evaluation to see.
     */
    private static void writePairs(CitySimulator city, Path dir) throws IOException {
        try (CSVPrinter tp = Truth.open(dir.resolve("twins.csv"), "person_id_a", "person_id_b", "kind", "household_id", "birth_date")) {
            for (Person[] set : city.multipleBirths) {
                String kind = set.length == 2 ? "twins" : "triplets";
                for (int i = 0; i < set.length; i++) {
                    for (int j = i + 1; j < set.length; j++) {
                        tp.printRecord(Ids.person(set[i].id), Ids.person(set[j].id), kind, Ids.household(set[i].household.id), set[i].birth);
                    }
                }
            }
        }
        Map<String, List<Person>> byName = new LinkedHashMap<>();
        for (Person p : city.persons) {
            String key = (p.isForeign() ? "F" : "J") + p.surname + ":" + p.given + ":" + p.birth + ":" + p.sex;
            byName.computeIfAbsent(key, k -> new ArrayList<>(1)).add(p);
        }
        try (CSVPrinter np = Truth.open(dir.resolve("namesakes.csv"), "person_id_a", "person_id_b", "name", "kana", "birth_date", "sex",
                "town_a", "town_b")) {
            for (List<Person> same : byName.values()) {
                for (int i = 0; i < same.size(); i++) {
                    for (int j = i + 1; j < same.size(); j++) {
                        Person a = same.get(i);
                        Person b = same.get(j);
                        np.printRecord(Ids.person(a.id), Ids.person(b.id), surname(city, a) + " " + given(city, a), kana(city, a), a.birth,
                                a.sex.name(), city.names.towns.get(a.household.address.town()).name(),
                                city.names.towns.get(b.household.address.town()).name());
                    }
                }
            }
        }
    }

    private static String dateOrEmpty(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static String surname(CitySimulator city, Person p) {
        return p.isForeign() ? city.names.foreign.get(p.surname).roman() : city.names.surnames.get(p.surname).form(p.surnameForm);
    }

    private static String given(CitySimulator city, Person p) {
        return p.isForeign() ? city.names.foreign.get(p.given).roman() : city.names.given.get(p.given).kanji();
    }

    private static String kana(CitySimulator city, Person p) {
        return p.isForeign()
                ? city.names.foreign.get(p.surname).kana() + " " + city.names.foreign.get(p.given).kana()
                : city.names.surnames.get(p.surname).kana() + " " + city.names.given.get(p.given).kana();
    }
}
