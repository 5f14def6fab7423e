package jp.mimamori.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The common-password list and the patterns, without the application: fast, and every reason named. */
class PasswordPolicyTest {

    static String reasons(String password) {
        return PasswordPolicy.check("password", "tanaka", password).toString();
    }

    @Test
    void theBundledListIsTheTenThousandMostCommonInOrder() {
        assertThat(PasswordPolicy.COMMON).hasSize(10_000).contains("123456", "password", "qwerty", "welcome", "iloveyou");
    }

    @Test
    void passwordsThatPassedTheOldRulesAreRefusedWithAReasonInBothLanguages() {
        for (String weak : new String[] {"1234567890123456", "Qwerty123456!", "Welcome2024!!", "P@ssw0rd2024!", "abcdefghijkl1234", "Dragon1987Dragon1987",
                "qwertyuiopasdfgh", "1qaz2wsx3edc4rfv", "Ｗｅｌｃｏｍｅ２０２４！！", "zaq12wsxcde3Vfr4", "Passwordpassword1!"}) {
            assertThat(reasons(weak)).as(weak).containsAnyOf("the 10,000 most common", "made only of common words, keyboard rows")
                    .containsAnyOf("よく使われるパスワード", "よく使われる語");
        }
        assertThat(reasons("qwerty123456")).as("on the list itself").contains("10,000 most common", "流出パスワード上位1万件");
    }

    @Test
    void strongPasswordsAndLongPassphrasesAreAccepted() {
        String japanese = "こどもを見守る春の朝のしずけさと光のなかを歩いてく";
        assertThat(japanese.codePointCount(0, japanese.length())).isEqualTo(25);
        assertThat(japanese.getBytes(StandardCharsets.UTF_8).length).as("past bcrypt's 72 bytes").isGreaterThan(72);
        String eighty = "Morning-tea on the veranda, 7 cranes over Kamo river & a ferry at dusk; noted 3x";
        assertThat(eighty).hasSize(80);
        for (String good : new String[] {"Mimamori-2026x", "New-Passw0rd-2026", japanese, eighty, "Tsubame7-Kq2x-Hokago", "correct horse battery staple"}) {
            assertThat(PasswordPolicy.check("password", "tanaka", good)).as(good).isEmpty();
        }
    }

    @Test
    void theLengthLimitsAreStated() {
        assertThat(reasons("Aa1!".repeat(65))).contains("at most 256 characters", "256文字以内");
        assertThat(reasons("short")).contains("at least 12 characters");
    }
}
