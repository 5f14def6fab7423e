package jp.mimamori.server.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts designated free-text columns (consultation content, assessment notes, referrals) with
 * AES-256-GCM before they reach the database, so a database dump or backup does not reveal them.
 * The key comes from configuration ({@code mimamori.data-key}, env MIMAMORI_DATA_KEY, base64 of 32
 * bytes) and never from the repository; without one, a key is generated once into
 * {@code DATA_DIR/keys/data.key} (owner-only), which suits the demo. Ciphertext layout: version byte,
 * 12-byte nonce, ciphertext with tag.
 */
@Component
public class FieldCipher {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(@Value("${mimamori.data-key:}") String configured, @Value("${mimamori.data-dir}") Path dataDir) {
        this.key = new SecretKeySpec(KeyFiles.key(configured, "mimamori.data-key / MIMAMORI_DATA_KEY", dataDir.resolve("keys/data.key")), "AES");
    }

    public byte[] encrypt(String plain) {
        return plain == null ? null : encryptBytes(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes (a case's attachment) in the same layout and under the same key as the text columns. */
    public byte[] encryptBytes(byte[] plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(new byte[] {VERSION});
            byte[] body = c.doFinal(plain);
            byte[] out = new byte[1 + NONCE + body.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(body, 0, out, 1 + NONCE, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("暗号化に失敗しました / encryption failed", e);
        }
    }

    public String decrypt(byte[] stored) {
        return stored == null ? null : new String(decryptBytes(stored), StandardCharsets.UTF_8);
    }

    public byte[] decryptBytes(byte[] stored) {
        if (stored == null) {
            return null;
        }
        if (stored.length < 1 + NONCE + 16 || stored[0] != VERSION) {
            throw new IllegalStateException("暗号化データの形式が不正です / encrypted value has an unknown format");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 1, NONCE));
            c.updateAAD(new byte[] {VERSION});
            return c.doFinal(stored, 1 + NONCE, stored.length - 1 - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("復号できません。データ鍵が保存時と異なります / cannot decrypt: the data key differs from the one the value was stored with", e);
        }
    }
}
