package jp.mimamori.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jp.mimamori.core.link.Field;
import org.junit.jupiter.api.Test;

/** What the model page prints for the engine's words and numbers: no enum name, no Java exponent. */
class LinkLabelsTest {

    @Test
    void aNoteNamingAFieldByItsEnumNameReadsInWords() {
        String note = "宛名番号のmは推定できず既定値 / m of SHARED_ID could not be estimated: default [0.96, 0.01, 0.02, 0.01]";
        assertThat(LinkLabels.words(note)).isEqualTo("宛名番号のmは推定できず既定値 / m of shared identifier could not be estimated: default [0.96, 0.01, 0.02, 0.01]");
        assertThat(LinkLabels.words("モデルに BIRTH がありません / the model has no field BIRTH")).isEqualTo("モデルに birth date がありません / the model has no field birth date");
        assertThat(LinkLabels.words("BIRTHDAY SEXES")).as("whole words only").isEqualTo("BIRTHDAY SEXES");
    }

    @Test
    void everyFieldAndLevelTheEngineHasHasItsEnglish() {
        for (Field f : Field.values()) {
            assertThat(LinkLabels.field(f.labelJa())).as(f.labelJa()).isNotBlank();
            for (int l = 0; l < f.levels(); l++) {
                assertThat(LinkLabels.level(f.levelJa(l))).as("%s %s", f.labelJa(), f.levelJa(l)).isNotBlank();
            }
        }
    }

    @Test
    void probabilitiesHaveFourSignificantDigitsAndSmallOnesAPowerOfTen() {
        assertThat(LinkageReport.probability(0.95)).isEqualTo("0.95");
        assertThat(LinkageReport.probability(0.0031044)).isEqualTo("0.003104");
        assertThat(LinkageReport.probability(2.5134e-6)).isEqualTo("2.513×10⁻⁶");
        assertThat(LinkageReport.probability(9.99999e-5)).isEqualTo("1.000×10⁻⁴");
        assertThat(LinkageReport.probability(1e-12)).isEqualTo("1.000×10⁻¹²");
        assertThat(LinkageReport.logOdds(0.5)).isZero();
    }

    @Test
    void aWeightIsABarEitherSideOfZeroCutAtTheScale() {
        WeightBars bars = new WeightBars();
        assertThat(bars.of(5.25, 10)).isEqualTo(new WeightBars.Bar("-10.000 0 20.000 10", "0.000", "5.250", "pos", "+5.3 ビット / bits"));
        assertThat(bars.of(-13.2, 10)).isEqualTo(new WeightBars.Bar("-10.000 0 20.000 10", "-10.000", "10.000", "neg", "-13.2 ビット / bits"));
    }
}
