package jp.mimamori.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {

    @TempDir Path dir;

    static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void roundTripsJapaneseTextAndNeverStoresItInTheClear() {
        FieldCipher c = new FieldCipher(key(7), dir);
        String note = "母より電話。夜間に子の泣き声が続くと近隣から指摘あり。😢";
        byte[] a = c.encrypt(note);
        byte[] b = c.encrypt(note);
        assertThat(c.decrypt(a)).isEqualTo(note);
        assertThat(a).isNotEqualTo(b); // a fresh nonce each time: equal notes do not look equal
        assertThat(new String(a, StandardCharsets.UTF_8)).doesNotContain("母", "電話");
        assertThat(c.encrypt(null)).isNull();
        assertThat(c.decrypt(null)).isNull();
    }

    @Test
    void aTamperedValueOrAnotherKeyIsRefusedWithAClearMessage() {
        byte[] stored = new FieldCipher(key(7), dir).encrypt("相談内容");
        assertThatThrownBy(() -> new FieldCipher(key(8), dir).decrypt(stored)).hasMessageContaining("data key differs");
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> new FieldCipher(key(7), dir).decrypt(stored)).hasMessageContaining("cannot decrypt");
        assertThatThrownBy(() -> new FieldCipher(key(7), dir).decrypt(new byte[] {1, 2, 3})).hasMessageContaining("unknown format");
    }

    @Test
    void aConfiguredKeyMustBeBase64Of32Bytes() {
        assertThatThrownBy(() -> new FieldCipher("not base64!", dir)).hasMessageContaining("not base64");
        assertThatThrownBy(() -> new FieldCipher(Base64.getEncoder().encodeToString(new byte[16]), dir)).hasMessageContaining("32-byte key, found 16");
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceReadableByTheOwnerOnlyAndReused() throws Exception {
        FieldCipher first = new FieldCipher("", dir);
        Path file = dir.resolve("keys/data.key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] stored = first.encrypt("見守り");
        assertThat(new FieldCipher("", dir).decrypt(stored)).isEqualTo("見守り");
    }
}
