package jp.mimamori.core.link.independent;

import com.ibm.icu.text.Transliterator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import jp.mimamori.core.link.LinkRecord;

/**
 * An invented city (神奈川県青葉川市, twenty 町) written independently of the synth module: its own
 * name lists, households, twins and namesakes, and its own renderings of what clerks type (variant
 * kanji, hiragana and half-width readings, every date notation, address notations, sex notations,
 * occasional typos, moves and surname changes). Raw fields are read back with the core parsers
 * ({@link RawFields}); a date that the parsers cannot read yet is counted in {@link #unparsedDates}
 * and the record keeps no birth date.
 */
final class TestCity {

    /** A 町: its name, postcode, and whether it is a 大字 addressed by 番地 (no 丁目). */
    record Town(String name, String postcode, boolean banchi) {
    }

    static final List<Town> TOWNS = List.of(
            new Town("桜ケ丘", "2270011", false), new Town("梅ノ木", "2270012", false), new Town("若松町", "2270013", false),
            new Town("旭町", "2270014", false), new Town("緑が丘", "2270015", false), new Town("東雲", "2270016", false),
            new Town("北野", "2270017", true), new Town("栄町", "2270018", false), new Town("本郷", "2270019", false),
            new Town("三ツ沢", "2270020", false), new Town("星川", "2270021", false), new Town("新田", "2270022", true),
            new Town("松原", "2270023", false), new Town("竹ノ内", "2270024", false), new Town("富士見", "2270025", false),
            new Town("明神台", "2270026", false), new Town("川端", "2270027", false), new Town("高砂", "2270028", false),
            new Town("南台", "2270029", false), new Town("西浦", "2270030", true));

    /** Surnames, most frequent first, with readings (my own list, not the synth module's). */
    private static final String SURNAMES = """
            佐藤:サトウ 鈴木:スズキ 高橋:タカハシ 田中:タナカ 伊藤:イトウ 渡辺:ワタナベ 山本:ヤマモト 中村:ナカムラ 小林:コバヤシ 加藤:カトウ
            吉田:ヨシダ 山田:ヤマダ 佐々木:ササキ 山口:ヤマグチ 松本:マツモト 井上:イノウエ 木村:キムラ 林:ハヤシ 斎藤:サイトウ 清水:シミズ
            山崎:ヤマザキ 森:モリ 池田:イケダ 橋本:ハシモト 阿部:アベ 石川:イシカワ 山下:ヤマシタ 中島:ナカジマ 石井:イシイ 小川:オガワ
            前田:マエダ 岡田:オカダ 長谷川:ハセガワ 藤田:フジタ 後藤:ゴトウ 近藤:コンドウ 村上:ムラカミ 遠藤:エンドウ 青木:アオキ 坂本:サカモト
            斉藤:サイトウ 福田:フクダ 太田:オオタ 西村:ニシムラ 藤井:フジイ 岡本:オカモト 松田:マツダ 中川:ナカガワ 中野:ナカノ 原田:ハラダ
            小野:オノ 田村:タムラ 竹内:タケウチ 金子:カネコ 和田:ワダ 中山:ナカヤマ 石田:イシダ 上田:ウエダ 森田:モリタ 原:ハラ
            柴田:シバタ 酒井:サカイ 工藤:クドウ 横山:ヨコヤマ 宮崎:ミヤザキ 宮本:ミヤモト 内田:ウチダ 高木:タカギ 安藤:アンドウ 谷口:タニグチ
            大野:オオノ 丸山:マルヤマ 今井:イマイ 高田:タカダ 藤原:フジワラ 河野:コウノ 小島:コジマ 桜井:サクライ 関:セキ 渡部:ワタナベ
            高野:タカノ 広瀬:ヒロセ 浜田:ハマダ 沢田:サワダ 国分:コクブン 富田:トミタ 菊池:キクチ 野口:ノグチ 大塚:オオツカ 千葉:チバ
            相馬:ソウマ 宍戸:シシド 仁科:ニシナ 雨宮:アメミヤ 百瀬:モモセ 二階堂:ニカイドウ 日下部:クサカベ 小日向:コヒナタ 猪股:イノマタ 鬼塚:オニヅカ
            神保:ジンボ 榊原:サカキバラ 鮫島:サメジマ 曽我部:ソガベ 真壁:マカベ 野々宮:ノノミヤ 竜崎:リュウザキ 島津:シマヅ 徳永:トクナガ 恵川:エガワ""";

    private static final String MALE = """
            蓮:レン 陽翔:ハルト 湊:ミナト 悠真:ユウマ 大和:ヤマト 颯太:ソウタ 樹:イツキ 蒼:アオイ 陸:リク 朝陽:アサヒ
            律:リツ 奏太:ソウタ 結翔:ユイト 陽向:ヒナタ 大翔:ヒロト 翔太:ショウタ 拓海:タクミ 健太:ケンタ 大輔:ダイスケ 翔:ショウ
            直樹:ナオキ 達也:タツヤ 和也:カズヤ 誠:マコト 浩:ヒロシ 茂:シゲル 清:キヨシ 隆:タカシ 修:オサム 勇:イサム
            正:タダシ 明:アキラ 健一:ケンイチ 裕介:ユウスケ 慎吾:シンゴ 亮:リョウ 拓也:タクヤ 雄一:ユウイチ 康介:コウスケ 智也:トモヤ
            哲也:テツヤ 秀樹:ヒデキ 光:ヒカル 悠斗:ユウト 蒼空:ソラ 碧:アオ 岳:ガク 真司:シンジ 実:ミノル 寿夫:ヒサオ""";

    private static final String FEMALE = """
            陽葵:ヒマリ 凛:リン 芽依:メイ 結菜:ユイナ 葵:アオイ 紬:ツムギ 澪:ミオ 杏:アン 結愛:ユア 莉子:リコ
            美桜:ミオ 心春:コハル 咲良:サクラ 花:ハナ 七海:ナナミ 彩花:アヤカ 美咲:ミサキ 愛:アイ 優花:ユウカ 真由:マユ
            恵:メグミ 裕子:ユウコ 由美:ユミ 久美子:クミコ 恵子:ケイコ 和子:カズコ 幸子:サチコ 洋子:ヨウコ 節子:セツコ 智子:トモコ
            直美:ナオミ 明美:アケミ 美穂:ミホ 香織:カオリ 麻衣:マイ 沙織:サオリ 彩:アヤ 舞:マイ 千尋:チヒロ 遥:ハルカ
            楓:カエデ 詩織:シオリ 瑞希:ミズキ 真央:マオ 琴音:コトネ 柚葉:ユズハ 桃子:モモコ 朋美:トモミ 美和:ミワ 弥生:ヤヨイ""";

    /** Names twins are given: alike in writing or sound. */
    private static final String TWINS_MALE = "颯太/ソウタ:颯真/ソウマ 大和/ヤマト:大翔/ヒロト 陽翔/ハルト:陽斗/ハルト 悠真/ユウマ:悠斗/ユウト "
            + "陸斗/リクト:海斗/カイト 翔/ショウ:翼/ツバサ 奏/カナデ:響/ヒビキ 優太/ユウタ:優斗/ユウト 健太/ケンタ:健斗/ケント 湊/ミナト:陸/リク";
    private static final String TWINS_FEMALE = "莉奈/リナ:莉子/リコ 結愛/ユア:結菜/ユナ 美羽/ミウ:美空/ミク 優花/ユウカ:優奈/ユウナ "
            + "心/ココロ:愛/アイ 彩葉/イロハ:和葉/カズハ 花音/カノン:花恋/カレン 美咲/ミサキ:美月/ミツキ 桜/サクラ:桃/モモ 萌/モエ:愛/アイ";

    /** Old and variant forms a clerk may type for a standard kanji. */
    private static final Map<Character, String> VARIANTS = Map.ofEntries(
            Map.entry('高', "髙"), Map.entry('斎', "齋"), Map.entry('斉', "齊"), Map.entry('辺', "邊邉"), Map.entry('崎', "﨑"),
            Map.entry('沢', "澤"), Map.entry('浜', "濱"), Map.entry('桜', "櫻"), Map.entry('国', "國"), Map.entry('広', "廣"),
            Map.entry('島', "嶋"), Map.entry('関', "關"), Map.entry('竜', "龍"), Map.entry('富', "冨"), Map.entry('徳', "德"),
            Map.entry('実', "實"), Map.entry('恵', "惠"), Map.entry('寿', "壽"), Map.entry('真', "眞"), Map.entry('弥', "彌"));
    /** Kanji typed for another with the same reading (a 変換 slip). */
    private static final Map<Character, Character> HOMOPHONES = Map.of('裕', '祐', '祐', '裕', '斗', '人', '美', '実', '子', '児',
            '介', '輔', '也', '哉', '一', '市', '太', '多');

    static final class Person {
        final int id;
        String surname;
        String surnameKana;
        final String given;
        final String givenKana;
        final int sex;
        final LocalDate birth;
        int[] dwelling; // town, chome, ban, go, room (0 = none)
        int household;
        final String sharedId;
        /** Another surname (before marriage or divorce), written by one source; null if none. */
        String oldSurname;
        String oldSurnameKana;
        /** The dwelling before a move, written by one source; null if none. */
        int[] oldDwelling;

        Person(int id, String surname, String surnameKana, String given, String givenKana, int sex, LocalDate birth,
               int[] dwelling, int household, String sharedId) {
            this.id = id;
            this.surname = surname;
            this.surnameKana = surnameKana;
            this.given = given;
            this.givenKana = givenKana;
            this.sex = sex;
            this.birth = birth;
            this.dwelling = dwelling;
            this.household = household;
            this.sharedId = sharedId;
        }
    }

    /** How much notation noise and how many life events. */
    record Noise(double notation, double typo, double move, double surnameChange) {
        static final Noise MILD = new Noise(0.5, 0.005, 0.02, 0.01);
        static final Noise FULL = new Noise(1.0, 0.01, 0.03, 0.02);
    }

    static final LocalDate AS_OF = LocalDate.of(2024, 10, 1);
    private static final Transliterator HALF_WIDTH = Transliterator.getInstance("Fullwidth-Halfwidth");

    final List<Person> people = new ArrayList<>();
    final List<int[]> twins = new ArrayList<>();
    final List<int[]> namesakes = new ArrayList<>();
    final List<LinkRecord> records = new ArrayList<>();
    final List<Integer> truth = new ArrayList<>();
    int unparsedDates;
    final List<String> unparsedExamples = new ArrayList<>();

    private final Random rnd;
    private final Noise noise;
    private final String[][] surnames = table(SURNAMES);
    private final String[][] male = table(MALE);
    private final String[][] female = table(FEMALE);
    private final String[][][] twinsMale = twinTable(TWINS_MALE);
    private final String[][][] twinsFemale = twinTable(TWINS_FEMALE);
    private final Set<String> dwellings = new HashSet<>();
    private int households;

    TestCity(long seed, Noise noise) {
        this.rnd = new Random(seed);
        this.noise = noise;
    }

    /** Builds households until there are {@code size} people, with the given twin and namesake pairs. */
    TestCity populate(int size, int twinPairs, int namesakePairs) {
        int twinsLeft = twinPairs;
        while (people.size() < size - 2 * namesakePairs) {
            int hh = households++;
            int[] home = newDwelling();
            String[] sn = surname();
            double kind = rnd.nextDouble();
            int headAge = 22 + rnd.nextInt(58);
            int headSex = 1 + rnd.nextInt(2);
            Person head = add(sn, headSex, birthAged(headAge), home, hh, Set.of());
            Set<String> used = new HashSet<>(Set.of(head.given));
            if (kind < 0.25) {
                continue; // alone
            }
            boolean parentCouple = kind < 0.88;
            if (parentCouple) {
                Person spouse = add(sn, 3 - headSex, birthAged(Math.max(20, headAge + rnd.nextInt(7) - 3)), home, hh, used);
                used.add(spouse.given);
            }
            if (kind < 0.40 || headAge > 55) {
                continue; // a couple without children at home
            }
            int children = 1 + rnd.nextInt(3);
            for (int c = 0; c < children; c++) {
                int age = Math.max(0, Math.min(17, headAge - 20 - rnd.nextInt(20)));
                LocalDate birth = birthAged(age);
                int sex = 1 + rnd.nextInt(2);
                if (twinsLeft > 0 && c == 0 && rnd.nextDouble() < 0.35) {
                    twinsLeft--;
                    addTwins(sn, sex, birth, home, hh, used);
                    c++;
                } else {
                    used.add(add(sn, sex, birth, home, hh, used).given);
                }
            }
        }
        while (twinsLeft-- > 0) { // a family of twins only, if the loop above found too few
            int hh = households++;
            int[] home = newDwelling();
            String[] sn = surname();
            Person parent = add(sn, 2, birthAged(30 + rnd.nextInt(10)), home, hh, Set.of());
            addTwins(sn, 1 + rnd.nextInt(2), birthAged(rnd.nextInt(15)), home, hh, new HashSet<>(Set.of(parent.given)));
        }
        int original = people.size();
        for (int k = 0; k < namesakePairs; k++) {
            Person p;
            do {
                p = people.get(rnd.nextInt(original));
            } while (isTwin(p) || p.oldSurname != null);
            int[] home;
            do {
                home = newDwelling();
            } while (home[0] == p.dwelling[0]);
            int hh = households++;
            Person q = new Person(people.size(), p.surname, p.surnameKana, p.given, p.givenKana, p.sex, p.birth, home, hh, sharedId());
            people.add(q);
            namesakes.add(new int[] {p.id, q.id});
            String[] sn = {p.surname, p.surnameKana};
            if (q.birth.until(AS_OF).getYears() < 18) { // a child lives with a parent
                add(sn, 1 + rnd.nextInt(2), birthAged(30 + rnd.nextInt(12)), home, hh, Set.of(p.given));
            } else {
                add(surname(), 3 - p.sex, birthAged(Math.max(20, q.birth.until(AS_OF).getYears() + rnd.nextInt(5) - 2)), home, hh, Set.of());
            }
        }
        for (Person p : people) {
            if (rnd.nextDouble() < noise.move()) {
                p.oldDwelling = newDwelling();
            }
            if (rnd.nextDouble() < noise.surnameChange() && !isTwin(p) && !isNamesake(p)) {
                String[] other;
                do {
                    other = surname();
                } while (other[0].equals(p.surname));
                p.oldSurname = other[0];
                p.oldSurnameKana = other[1];
            }
        }
        return this;
    }

    private boolean isTwin(Person p) {
        return twins.stream().anyMatch(t -> t[0] == p.id || t[1] == p.id);
    }

    private boolean isNamesake(Person p) {
        return namesakes.stream().anyMatch(t -> t[0] == p.id || t[1] == p.id);
    }

    private void addTwins(String[] sn, int sex, LocalDate birth, int[] home, int hh, Set<String> used) {
        String[][] pair = (sex == 1 ? twinsMale : twinsFemale)[rnd.nextInt(sex == 1 ? twinsMale.length : twinsFemale.length)];
        if (used.contains(pair[0][0]) || used.contains(pair[1][0])) {
            String[][] names = sex == 1 ? male : female;
            String[] a;
            String[] b;
            do {
                a = names[rnd.nextInt(names.length)];
                b = names[rnd.nextInt(names.length)];
            } while (a[0].equals(b[0]) || a[1].equals(b[1]) || used.contains(a[0]) || used.contains(b[0]));
            pair = new String[][] {a, b};
        }
        Person a = new Person(people.size(), sn[0], sn[1], pair[0][0], pair[0][1], sex, birth, home, hh, sharedId());
        people.add(a);
        Person b = new Person(people.size(), sn[0], sn[1], pair[1][0], pair[1][1], sex, birth, home, hh, sharedId());
        people.add(b);
        used.add(a.given);
        used.add(b.given);
        twins.add(new int[] {a.id, b.id});
    }

    private Person add(String[] sn, int sex, LocalDate birth, int[] home, int hh, Set<String> used) {
        String[][] names = sex == 1 ? male : female;
        String[] g;
        do {
            g = names[(int) Math.min(names.length - 1, Math.abs(rnd.nextGaussian()) * names.length / 2.2)];
        } while (used.contains(g[0]));
        Person p = new Person(people.size(), sn[0], sn[1], g[0], g[1], sex, birth, home, hh, sharedId());
        people.add(p);
        return p;
    }

    private String sharedId() {
        return String.format("1%08d", 10_000_000 + people.size() * 7_919 % 89_000_000);
    }

    private String[] surname() {
        // Zipf-like: rank r chosen with weight 1 / (r + 4).
        double total = 0;
        for (int r = 0; r < surnames.length; r++) {
            total += 1.0 / (r + 4);
        }
        double x = rnd.nextDouble() * total;
        for (int r = 0; r < surnames.length; r++) {
            x -= 1.0 / (r + 4);
            if (x <= 0) {
                return surnames[r];
            }
        }
        return surnames[surnames.length - 1];
    }

    private LocalDate birthAged(int age) {
        return AS_OF.minusYears(age).minusDays(1 + rnd.nextInt(364));
    }

    private int[] newDwelling() {
        while (true) {
            int t = rnd.nextInt(TOWNS.size());
            boolean banchi = TOWNS.get(t).banchi();
            int[] d = banchi
                    ? new int[] {t, 0, 1 + rnd.nextInt(400), rnd.nextInt(10), 0}
                    : new int[] {t, 1 + rnd.nextInt(4), 1 + rnd.nextInt(30), 1 + rnd.nextInt(20), 0};
            if (!banchi && rnd.nextDouble() < 0.2) {
                d[4] = 100 * (1 + rnd.nextInt(4)) + 1 + rnd.nextInt(6); // a flat in a building: room 101 … 406
            }
            if (dwellings.add(d[0] + "|" + d[1] + "|" + d[2] + "|" + d[3] + "|" + d[4])) {
                return d;
            }
        }
    }

    // ---------------------------------------------------------------- records

    /**
     * Writes every person into the sources: {@code juki} (everyone, 世帯番号 and 宛名番号), {@code zei}
     * (82%, 宛名番号 on 95% of them), {@code kenko} (70%, no number). One non-registry source keeps an
     * old address or an old surname where the person has one.
     */
    TestCity write() {
        for (Person p : people) {
            record(p, "juki", false, false);
            boolean zei = rnd.nextDouble() < 0.82;
            boolean kenko = rnd.nextDouble() < 0.70 || !zei && rnd.nextDouble() < 0.5;
            boolean staleInZei = rnd.nextBoolean();
            if (zei) {
                record(p, "zei", staleInZei && p.oldDwelling != null, staleInZei && p.oldSurname != null);
            }
            if (kenko) {
                record(p, "kenko", !staleInZei && p.oldDwelling != null || !zei && p.oldDwelling != null,
                        !staleInZei && p.oldSurname != null || !zei && p.oldSurname != null);
            }
        }
        return this;
    }

    private void record(Person p, String source, boolean oldAddress, boolean oldSurname) {
        double n = noise.notation();
        String sn = oldSurname ? p.oldSurname : p.surname;
        String snKana = oldSurname ? p.oldSurnameKana : p.surnameKana;
        String surname = chance(0.06 * n) ? variant(sn) : sn;
        String given = chance(noise.typo()) ? homophone(p.given) : p.given;
        if (chance(0.02 * n)) {
            surname = surname.replaceAll("(.)々", "$1$1");
        }
        String name = chance(0.05 * n) ? surname + given : surname + (chance(0.15 * n) ? "　" : " ") + given;
        String kana = kana(snKana, p.givenKana);
        String[] birth = birth(p.birth);
        String sex = sex(p.sex, source);
        int[] d = oldAddress ? p.oldDwelling : p.dwelling;
        String address = address(d);
        Town town = TOWNS.get(d[0]);
        String postcode = chance(0.3) ? null : switch (rnd.nextInt(3)) {
            case 0 -> town.postcode().substring(0, 3) + "-" + town.postcode().substring(3);
            case 1 -> "〒" + town.postcode().substring(0, 3) + "-" + town.postcode().substring(3);
            default -> town.postcode();
        };
        String sharedId = null;
        if (source.equals("juki") || source.equals("zei") && chance(0.95)) {
            sharedId = chance(noise.typo() / 3) ? mistype(p.sharedId) : p.sharedId;
        }
        String household = source.equals("juki") ? "S" + p.household : null;
        LocalDate b;
        try {
            b = RawFields.birth(birth[0], birth[1]);
        } catch (RuntimeException e) {
            b = null;
            unparsedDates++;
            if (unparsedExamples.size() < 12) {
                unparsedExamples.add((birth[1] == null ? "" : birth[1] + " ") + birth[0]);
            }
        }
        records.add(new LinkRecord(source, source + "-" + records.size(), name, kana, b, RawFields.sex(sex), address, postcode,
                sharedId, household));
        truth.add(p.id);
    }

    private String kana(String surname, String given) {
        double n = noise.notation();
        if (chance(0.01 * n)) {
            return null;
        }
        if (chance(noise.typo() * 1.5)) {
            given = typoKana(given);
        }
        if (chance(0.03 * n) && given.indexOf('ウ') > 0) {
            given = given.replaceFirst("(?<=.)ウ", "ー");
        }
        String k = chance(0.05 * n) ? surname + given : surname + (chance(0.1 * n) ? "　" : " ") + given;
        double form = rnd.nextDouble();
        if (form < 0.10 * n) {
            return hiragana(k);
        }
        if (form < 0.22 * n) {
            return HALF_WIDTH.transliterate(k).replace('　', ' ');
        }
        return k;
    }

    private String[] birth(LocalDate d) {
        if (chance(noise.typo())) {
            d = mistypeDate(d);
        }
        double n = noise.notation();
        if (!chance(n)) {
            return new String[] {d.toString(), null};
        }
        int y = d.getYear();
        int m = d.getMonthValue();
        int dd = d.getDayOfMonth();
        String[] era = era(d);
        int ey = Integer.parseInt(era[2]);
        String eyText = ey == 1 ? "元" : Integer.toString(ey);
        return switch (rnd.nextInt(16)) {
            case 0, 1, 2 -> new String[] {d.toString(), null};
            case 3 -> new String[] {y + "/" + m + "/" + dd, null};
            case 4 -> new String[] {String.format("%04d%02d%02d", y, m, dd), null};
            case 5 -> new String[] {y + "年" + m + "月" + dd + "日", null};
            case 6 -> new String[] {fullWidth(y + "年" + m + "月" + dd + "日"), null};
            case 7 -> new String[] {y + "." + m + "." + dd, null};
            case 8 -> new String[] {era[0] + eyText + "年" + m + "月" + dd + "日", null};
            case 9 -> new String[] {era[0] + (ey == 1 ? "元" : kanji(ey)) + "年" + kanji(m) + "月" + kanji(dd) + "日", null};
            case 10 -> new String[] {era[1] + ey + "/" + m + "/" + dd, null};
            case 11 -> new String[] {era[1] + ey + "-" + m + "-" + dd, null};
            case 12 -> new String[] {String.format("%s%02d.%02d.%02d", era[1], ey, m, dd), null};
            case 13 -> new String[] {era[1] + ey + "年" + m + "月" + dd + "日", null};
            case 14 -> new String[] {ey + "/" + m + "/" + dd, era[0]};
            default -> new String[] {eyText + "年" + m + "月" + dd + "日", era[0]};
        };
    }

    /** {kanji, letter, era year} of a date from 1926 on. */
    static String[] era(LocalDate d) {
        if (!d.isBefore(LocalDate.of(2019, 5, 1))) {
            return new String[] {"令和", "R", Integer.toString(d.getYear() - 2018)};
        }
        if (!d.isBefore(LocalDate.of(1989, 1, 8))) {
            return new String[] {"平成", "H", Integer.toString(d.getYear() - 1988)};
        }
        return new String[] {"昭和", "S", Integer.toString(d.getYear() - 1925)};
    }

    private LocalDate mistypeDate(LocalDate d) {
        switch (rnd.nextInt(3)) {
            case 0:
                return d.plusDays(rnd.nextBoolean() ? 1 : -1);
            case 1:
                if (d.getDayOfMonth() <= 12 && d.getDayOfMonth() != d.getMonthValue()) {
                    return LocalDate.of(d.getYear(), d.getDayOfMonth(), d.getMonthValue());
                }
                return d.plusDays(rnd.nextBoolean() ? 1 : -1);
            default:
                int day = d.getDayOfMonth();
                int last = day % 10;
                int other = (last + 1 + rnd.nextInt(8)) % 10;
                int nd = day - last + other;
                if (nd >= 1 && nd <= d.lengthOfMonth()) {
                    return d.withDayOfMonth(nd);
                }
                return d.plusDays(1);
        }
    }

    private String sex(int sex, String source) {
        boolean male = sex == 1;
        if (!chance(noise.notation() * 0.3)) {
            return switch (source) {
                case "juki" -> male ? "1" : "2";
                case "zei" -> male ? "男" : "女";
                default -> male ? "M" : "F";
            };
        }
        return switch (rnd.nextInt(4)) {
            case 0 -> male ? "男性" : "女性";
            case 1 -> male ? "１" : "２";
            case 2 -> male ? "Ｍ" : "Ｆ";
            default -> male ? "男" : "女";
        };
    }

    private String address(int[] d) {
        double n = noise.notation();
        Town t = TOWNS.get(d[0]);
        String town = t.name();
        if (chance(0.3 * n)) {
            town = town.replace("ケ", "ヶ").replace("が", "ヶ").replace("ツ", "ッ");
        }
        String prefix = !chance(0.3 * n) ? "" : rnd.nextBoolean() ? "青葉川市" : "神奈川県青葉川市";
        String body;
        if (t.banchi()) {
            String oaza = chance(0.4 * n) ? "大字" : "";
            body = switch (d[3] == 0 ? 0 : chance(n) ? rnd.nextInt(4) : 0) {
                case 0 -> oaza + town + d[2] + "番地" + (d[3] == 0 ? "" : d[3]);
                case 1 -> oaza + town + d[2] + "-" + d[3];
                case 2 -> oaza + town + d[2] + "番地の" + d[3];
                default -> oaza + town + fullWidth(d[2] + "－" + d[3]);
            };
        } else {
            body = switch (chance(n) ? rnd.nextInt(6) : 0) {
                case 0 -> town + d[1] + "丁目" + d[2] + "番" + d[3] + "号";
                case 1 -> town + d[1] + "-" + d[2] + "-" + d[3];
                case 2 -> town + kanji(d[1]) + "丁目" + d[2] + "番" + d[3] + "号";
                case 3 -> town + fullWidth(d[1] + "－" + d[2] + "－" + d[3]);
                case 4 -> town + d[1] + "丁目" + d[2] + "-" + d[3];
                default -> town + kanji(d[1]) + "丁目" + kanji(d[2]) + "番" + kanji(d[3]) + "号";
            };
        }
        if (d[4] > 0 && !chance(0.25 * n)) {
            String building = "コーポ" + t.name().replace("町", "") + (d[2] % 3 + 1) + "号館";
            body += " " + building + " " + d[4] + (rnd.nextBoolean() ? "号室" : "");
        }
        return prefix + body;
    }

    // ---------------------------------------------------------------- small helpers

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private String variant(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            String v = VARIANTS.get(c);
            b.append(v == null ? c : v.charAt(rnd.nextInt(v.length()))); // 邊 or 邉 for 辺
        }
        return b.toString();
    }

    private String homophone(String s) {
        for (int i = 0; i < s.length(); i++) {
            Character h = HOMOPHONES.get(s.charAt(i));
            if (h != null) {
                return s.substring(0, i) + h + s.substring(i + 1);
            }
        }
        return s;
    }

    private String typoKana(String k) {
        String row = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ";
        if (k.length() < 2) {
            return k;
        }
        int i = 1 + rnd.nextInt(k.length() - 1);
        if (rnd.nextBoolean() && i + 1 < k.length()) { // transposed
            return k.substring(0, i) + k.charAt(i + 1) + k.charAt(i) + k.substring(i + 2);
        }
        return k.substring(0, i) + row.charAt(rnd.nextInt(row.length())) + k.substring(i + 1);
    }

    private String mistype(String id) {
        int i = rnd.nextInt(id.length() - 1) + 1;
        char c = (char) ('0' + (id.charAt(i) - '0' + 1 + rnd.nextInt(8)) % 10);
        return id.substring(0, i) + c + id.substring(i + 1);
    }

    static String hiragana(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : c);
        }
        return b.toString();
    }

    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c == '-' ? '－' : c == '.' ? '．' : c == '/' ? '／' : c);
        }
        return b.toString();
    }

    /** 1 … 99 in kanji numerals: 一, 十, 十二, 二十, 二十一. */
    static String kanji(int n) {
        String d = "〇一二三四五六七八九";
        if (n < 10) {
            return String.valueOf(d.charAt(n));
        }
        return (n / 10 == 1 ? "" : String.valueOf(d.charAt(n / 10))) + "十" + (n % 10 == 0 ? "" : String.valueOf(d.charAt(n % 10)));
    }

    private static String[][] table(String text) {
        String[] items = text.trim().split("\\s+");
        String[][] t = new String[items.length][];
        for (int i = 0; i < items.length; i++) {
            t[i] = items[i].split(":");
        }
        return t;
    }

    private static String[][][] twinTable(String text) {
        String[] items = text.trim().split("\\s+");
        String[][][] t = new String[items.length][][];
        for (int i = 0; i < items.length; i++) {
            String[] ab = items[i].split(":");
            t[i] = new String[][] {ab[0].split("/"), ab[1].split("/")};
        }
        return t;
    }

    int[] truthArray() {
        return truth.stream().mapToInt(Integer::intValue).toArray();
    }
}
