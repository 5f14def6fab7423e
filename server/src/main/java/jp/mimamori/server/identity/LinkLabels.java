package jp.mimamori.server.identity;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.mimamori.core.link.Field;

/**
 * English beside the linkage engine's Japanese labels, for pages that show both. Keyed by the Japanese
 * label the engine gives (never by an enum name, which staff never see), so a field or level the engine
 * adds later is shown in Japanese alone until it is named here.
 */
final class LinkLabels {

    private static final Map<String, String> FIELDS = Map.of(
            "姓", "surname",
            "名", "given name",
            "生年月日", "birth date",
            "性別", "sex",
            "住所", "address",
            "郵便番号", "postcode",
            "宛名番号", "shared identifier");

    private static final Map<String, String> LEVELS = Map.ofEntries(
            Map.entry("一致", "same"),
            Map.entry("読み一致", "same reading"),
            Map.entry("類似", "similar"),
            Map.entry("やや類似", "somewhat similar"),
            Map.entry("姓名入替", "surname and given name swapped"),
            Map.entry("不一致", "different"),
            Map.entry("欠損", "missing"),
            Map.entry("1桁違い", "one digit off"),
            Map.entry("日月入替", "day and month swapped"),
            Map.entry("年月一致", "same year and month"),
            Map.entry("1年以内", "within a year"),
            Map.entry("部屋まで一致", "same dwelling and room"),
            Map.entry("番地まで一致", "same house number"),
            Map.entry("丁目まで一致", "same 丁目"),
            Map.entry("町名一致・類似", "same or similar town"),
            Map.entry("1桁違い・上位一致", "one digit off, or the same first five"),
            Map.entry("1桁違い・入替", "one digit off, or two digits swapped"));

    /** A field's enum name as a word in a model's note (models name fields so: "m of SHARED_ID could not …"). */
    private static final Pattern ENUM_NAME;

    static {
        StringBuilder b = new StringBuilder("\\b(");
        for (Field f : Field.values()) {
            b.append(f.ordinal() == 0 ? "" : "|").append(Pattern.quote(f.name()));
        }
        ENUM_NAME = Pattern.compile(b.append(")\\b").toString());
    }

    private LinkLabels() {
    }

    /** English for a field's Japanese label, or null. */
    static String field(String labelJa) {
        return FIELDS.get(labelJa);
    }

    /** English for a level's Japanese name, or null. */
    static String level(String levelJa) {
        return LEVELS.get(levelJa);
    }

    /**
     * A model's note or message with every field's enum name replaced by its English label (or, lacking
     * one, its Japanese label): the engine writes them into the English half, and stored models keep them.
     */
    static String words(String text) {
        Matcher m = ENUM_NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Field f = Field.valueOf(m.group(1));
            String en = field(f.labelJa());
            m.appendReplacement(out, Matcher.quoteReplacement(en == null ? f.labelJa() : en));
        }
        return m.appendTail(out).toString();
    }
}
