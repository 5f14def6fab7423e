package jp.mimamori.bench;

import java.util.concurrent.TimeUnit;
import jp.mimamori.core.text.JapaneseAddress;
import jp.mimamori.core.text.JapaneseText;
import jp.mimamori.core.text.PersonName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Records normalised per second: every record of every source passes through these before linkage. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NameNormalisation {

    static final String[] NAMES = {"髙橋　陽翔", "齋藤 凛", "渡邊結菜", "山﨑　湊", "佐々木 蓮", "NGUYEN VAN AN", "澤田　美咲", "勅使河原湊"};
    static final String[] KANA = {"ﾀｶﾊｼ ﾊﾙﾄ", "さいとう　りん", "ワタナベ　ユイナ", "ヤマザキ　ミナト", "ｻｻｷ ﾚﾝ", "グエン ヴァン アン", "サワダ　ミサキ", "テシガワラ ミナト"};
    static final String[] ADDRESSES = {"本町一丁目2-3", "緑町３－２７－１４　グランメゾン緑町壱番館 ２０５", "若葉台4丁目29番12号", "清水123番地4",
        "富士見町１ー１８ー８", "三島町二丁目8-22 コーポ三島町 201号室", "中央5丁目1番1号", "東町2-3-4"};

    @Benchmark
    @OperationsPerInvocation(8)
    public void nameKey(Blackhole bh) {
        for (String n : NAMES) {
            bh.consume(JapaneseText.nameKey(n));
        }
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void readingKey(Blackhole bh) {
        for (String k : KANA) {
            bh.consume(JapaneseText.readingKey(k));
        }
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void splitName(Blackhole bh) {
        for (String n : NAMES) {
            bh.consume(PersonName.parse(n));
        }
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public void parseAddress(Blackhole bh) {
        for (String a : ADDRESSES) {
            bh.consume(JapaneseAddress.parse(a));
        }
    }

    /** Everything a person record needs: name key, reading key, split name, parsed address. */
    @Benchmark
    @OperationsPerInvocation(8)
    public void wholeRecord(Blackhole bh) {
        for (int i = 0; i < 8; i++) {
            bh.consume(JapaneseText.nameKey(NAMES[i]));
            bh.consume(JapaneseText.readingKey(KANA[i]));
            bh.consume(PersonName.parse(NAMES[i]));
            bh.consume(JapaneseAddress.parse(ADDRESSES[i]));
        }
    }
}
