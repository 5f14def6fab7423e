package jp.mimamori.server.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

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

    private static final Logger log = LoggerFactory.getLogger(FieldCipher.class);
    private static final byte VERSION = 1;
    private static final int NONCE = 12;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(@Value("${mimamori.data-key:}") String configured, @Value("${mimamori.data-dir}") Path dataDir) {
        this.key = new SecretKeySpec(StringUtils.hasText(configured) ? decode(configured.strip(), "mimamori.data-key") : fromFile(dataDir.resolve("keys/data.key")), "AES");
    }

    public byte[] encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(new byte[] {VERSION});
            byte[] body = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
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
            return new String(c.doFinal(stored, 1 + NONCE, stored.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("復号できません。データ鍵が保存時と異なります / cannot decrypt: the data key differs from the one the value was stored with", e);
        }
    }

    private static byte[] decode(String base64, String where) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " はbase64ではありません / " + where + " is not base64");
        }
        if (k.length != 32) {
            throw new IllegalStateException(where + " は32バイトの鍵が必要です（" + k.length + "バイト）/ " + where + " must hold a 32-byte key, found " + k.length);
        }
        return k;
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] k = new byte[32];
                new SecureRandom().nextBytes(k);
                Path tmp = file.resolveSibling("data.key.tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the folder's own permissions protect it
                }
                Files.move(tmp, file);
                Arrays.fill(k, (byte) 0);
                log.warn("データ鍵を生成しました / generated a data key at {}: keep it apart from database backups, or set MIMAMORI_DATA_KEY", file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("データ鍵を読めません / cannot read the data key " + file, e);
        }
    }
}
