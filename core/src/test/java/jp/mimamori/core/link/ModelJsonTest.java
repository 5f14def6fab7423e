package jp.mimamori.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's model saved as JSON reads back to the same weights, name frequencies and thresholds. */
class ModelJsonTest {

    @Test
    void aSavedModelReadsBackToTheSameWeights() {
        List<LinkRecord> r = new ArrayList<>();
        String[] names = {"佐藤 陽翔", "鈴木 \"結衣\"", "高橋 蓮\\", "田中 凛", "伊藤 湊"};
        for (int i = 0; i < 200; i++) {
            String n = names[i % names.length] + i;
            LocalDate b = LocalDate.of(1980 + i % 30, 1 + i % 12, 1 + i % 28);
            r.add(new LinkRecord("juki", "J" + i, n, null, b, i % 2 == 0 ? "1" : "2", "本町1-" + i + "-1"));
            r.add(new LinkRecord("zei", "Z" + i, n, null, b, i % 2 == 0 ? "1" : "2", "本町1丁目" + i + "番1号"));
        }
        Model m = new LinkageEngine().estimate(r);
        Model back = Model.fromJson(m.toJson());
        for (Field f : Field.values()) {
            for (int l = 0; l < f.levels(); l++) {
                assertThat(back.weight(f, l)).isEqualTo(m.weight(f, l));
            }
        }
        assertThat(back.lambda()).isEqualTo(m.lambda());
        assertThat(back.surnameTf).isEqualTo(m.surnameTf);
        assertThat(back.givenTf).isEqualTo(m.givenTf);
        assertThat(new LinkageEngine().explain(back, r.get(0), r.get(1)).weight())
                .isEqualTo(new LinkageEngine().explain(m, r.get(0), r.get(1)).weight());
        assertThatThrownBy(() -> Model.fromJson("{\"fields\":{}}")).hasMessageContaining("SURNAME");
    }
}
